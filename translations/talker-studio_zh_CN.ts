<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Learn</name>
    <message>
        <location filename="../ui/Learn.cpp" line="+7"/>
        <source>&lt;h3&gt;The code grid&lt;/h3&gt;&lt;p&gt;Each column is one &lt;b&gt;frame&lt;/b&gt; of 80 ms; each row is one &lt;b&gt;codebook&lt;/b&gt;. A cell is the code the Talker chose for that codebook in that frame, coloured by its number (hover to read it).&lt;/p&gt;&lt;p&gt;The Talker writes the grid from left to right, one column per step: it is &lt;b&gt;autoregressive&lt;/b&gt;, so every new frame is predicted from all the frames before it. Before the first frame it reads a &lt;b&gt;BOS&lt;/b&gt; frame, the reserved index V (128) in every codebook, so that it never confuses &quot;start&quot; with the real code 0.&lt;/p&gt;&lt;p&gt;A frame enters the model as the &lt;b&gt;sum of its K code embeddings&lt;/b&gt; (one table per codebook), and leaves it through &lt;b&gt;K heads&lt;/b&gt;, one per codebook, each predicting its own code. The first row is the &lt;b&gt;base&lt;/b&gt; codebook (the coarse sound), the next the &lt;b&gt;residual&lt;/b&gt; (what the base missed). Hatched columns are the prompt: given, not generated.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;码字网格&lt;/h3&gt;&lt;p&gt;每一列是一个 80 毫秒的&lt;b&gt;帧&lt;/b&gt;，每一行是一个&lt;b&gt;码本&lt;/b&gt;。每个格子是 Talker 在该帧中为该码本选出的码字，按编号着色（鼠标悬停即可读出编号）。&lt;/p&gt;&lt;p&gt;Talker 从左到右书写这个网格，每一步写一列：它是&lt;b&gt;自回归&lt;/b&gt;的，每个新帧都由它之前的所有帧预测而来。在第一帧之前，它先读入一个 &lt;b&gt;BOS&lt;/b&gt; 帧，即每个码本中保留的索引 V（128），这样它就不会把“开始”与真正的码字 0 混淆。&lt;/p&gt;&lt;p&gt;一帧以&lt;b&gt;其 K 个码字嵌入之和&lt;/b&gt;（每个码本一张嵌入表）进入模型，再经由 &lt;b&gt;K 个输出头&lt;/b&gt;离开模型，每个码本一个头，各自预测自己的码字。第一行是&lt;b&gt;基础&lt;/b&gt;码本（粗略的声音），下一行是&lt;b&gt;残差&lt;/b&gt;码本（基础码本遗漏的部分）。带斜线阴影的列是提示：它们是给定的，不是生成的。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;The mel spectrogram&lt;/h3&gt;&lt;p&gt;Time runs to the right, frequency upwards (on the mel scale, which spends more rows on low frequencies, as hearing does); the colour is the level in dB. Hover to read the frequency and level.&lt;/p&gt;&lt;p&gt;For a generated take this is not measured, it is &lt;b&gt;decoded from the codes&lt;/b&gt;: the codec&apos;s decoder reads each token&apos;s codes with the 16 tokens before it and the 2 after it (so a frame&apos;s mel is final two frames after it is generated) and writes 5 mel frames (16 ms each) per 80 ms token. The &lt;b&gt;base&lt;/b&gt; codebook was trained to carry which speech sound is spoken: alone it gives a blurred picture, and each further codebook sharpens it. Try &quot;codebooks heard&quot; in the transport bar.&lt;/p&gt;&lt;p&gt;For an opened recording it is the recording&apos;s own mel, computed from its audio.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;梅尔频谱图&lt;/h3&gt;&lt;p&gt;时间向右推进，频率向上增加（采用梅尔刻度，它像人耳一样给低频分配更多的行）；颜色表示以 dB 为单位的电平。鼠标悬停即可读出频率和电平。&lt;/p&gt;&lt;p&gt;对于生成片段，它不是测量出来的，而是&lt;b&gt;从码字解码&lt;/b&gt;得到的：编解码器的解码器读取每个词元的码字，以及它之前的 16 个词元和之后的 2 个词元（因此一帧的梅尔频谱在它生成两帧之后才最终确定），并为每个 80 毫秒词元写出 5 个梅尔帧（每帧 16 毫秒）。&lt;b&gt;基础&lt;/b&gt;码本经过训练，承载正在说出的是哪个语音：只用它得到的图像是模糊的，每增加一个码本就更清晰一些。可以试试播放控制栏中的“播放的码本”。&lt;/p&gt;&lt;p&gt;对于打开的录音，它是根据录音本身的音频计算出的梅尔频谱。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;h3&gt;The codec&apos;s reconstruction&lt;/h3&gt;&lt;p&gt;The recording above, &lt;b&gt;encoded&lt;/b&gt; to codes (the code grid) and &lt;b&gt;decoded&lt;/b&gt; back to a mel spectrogram by the codec: exactly what the Talker can say, since codes are all it writes. Compare the two pictures on the same time axis to see what the codes keep (which sound is spoken, and the rough shape of the spectrum) and what they lose (fine detail, fast changes). Play each to hear the difference; &quot;codebooks heard&quot; decodes with only the first codebooks.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;编解码器的重建&lt;/h3&gt;&lt;p&gt;上方的录音先由编解码器&lt;b&gt;编码&lt;/b&gt;为码字（码字网格），再&lt;b&gt;解码&lt;/b&gt;回梅尔频谱图：这正是 Talker 能说出的内容，因为它只写码字。在同一时间轴上比较两幅图，看码字保留了什么（说出的是哪个语音，以及频谱的大致形状）、丢失了什么（细节与快速变化）。分别播放即可听出差别；“播放的码本”只用前几个码本解码。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;h3&gt;The waveform&lt;/h3&gt;&lt;p&gt;The audio you hear, sample by sample, between -1 and +1. A mel spectrogram keeps only how loud each frequency is, not its phase, so the vocoder has to invent one: &lt;b&gt;Griffin-Lim&lt;/b&gt; starts from a guess and repeatedly moves between the time signal and its spectrum until the two agree with the mel.&lt;/p&gt;&lt;p&gt;While a take is generated, a streaming vocoder turns each new frame&apos;s mel into audio at once, so you can see and play it before the take ends; when the take is complete the whole mel is rendered again in one piece. The red line is the playhead.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;波形&lt;/h3&gt;&lt;p&gt;你听到的音频，逐个采样点显示，取值在 -1 到 +1 之间。梅尔频谱图只保留每个频率的响度，不保留相位，所以声码器必须自己构造相位：&lt;b&gt;Griffin-Lim&lt;/b&gt; 从一个猜测出发，在时域信号和它的频谱之间反复转换，直到两者都与梅尔频谱相符。&lt;/p&gt;&lt;p&gt;生成片段的过程中，流式声码器会立即把每个新帧的梅尔频谱转换成音频，所以在片段结束之前你就能看到并播放它；片段完成后，整段梅尔频谱会再一次性重新合成。红线是播放头。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;h3&gt;The probabilities&lt;/h3&gt;&lt;p&gt;For the selected frame (or the newest one), each codebook&apos;s head produced 128 scores; the sampler turned them into probabilities and drew one code. The bars show the most probable codes; the orange one is the code that was drawn.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Temperature&lt;/b&gt; divides the scores before the softmax: below 1 the tall bars grow, above 1 the distribution flattens. &lt;b&gt;Top-k&lt;/b&gt; keeps only the k most probable codes, &lt;b&gt;top-p&lt;/b&gt; the smallest set whose probability reaches p; the rest get zero. &lt;b&gt;Argmax&lt;/b&gt; always takes the tallest bar, which is why greedy decoding so often repeats itself in a loop.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;概率&lt;/h3&gt;&lt;p&gt;对于选中的帧（或最新的帧），每个码本的输出头都给出了 128 个分数；采样器把它们转换成概率，并从中抽取一个码字。柱状图显示概率最高的几个码字；橙色的那根就是被抽中的码字。&lt;/p&gt;&lt;p&gt;&lt;b&gt;温度&lt;/b&gt;在 softmax 之前作为除数作用于分数：低于 1 时高的柱子变得更高，高于 1 时分布变得更平坦。&lt;b&gt;Top-k&lt;/b&gt; 只保留概率最高的 k 个码字，&lt;b&gt;Top-p&lt;/b&gt; 保留累计概率达到 p 的最小集合；其余码字的概率都变为零。&lt;b&gt;Argmax&lt;/b&gt; 总是选择最高的柱子，这正是贪心解码常常陷入循环、不断重复的原因。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;h3&gt;Generating&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Generate&lt;/b&gt; runs the Talker for the chosen number of frames (12.5 frames make one second). &lt;b&gt;Step&lt;/b&gt; makes one frame at a time, so you can study each decision. The same model, seed and settings always produce the same codes: that is what a take file stores.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;生成&lt;/h3&gt;&lt;p&gt;&lt;b&gt;生成&lt;/b&gt;让 Talker 运行所选的帧数（12.5 帧为一秒）。&lt;b&gt;单步&lt;/b&gt;每次只生成一帧，便于你逐一研究每个决定。相同的模型、种子和设置总是产生相同的码字：生成片段文件保存的正是这些。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;h3&gt;Speaking text&lt;/h3&gt;&lt;p&gt;This model is &lt;b&gt;text-conditioned&lt;/b&gt;: it says what you type. A front end (flite) turns the text into &lt;b&gt;phones&lt;/b&gt;, the sounds of speech, and times each one; the row above the codes shows them (orange vowels, blue consonants, grey pauses; hover to read a phone and its frames). The text therefore decides how many frames the take has.&lt;/p&gt;&lt;p&gt;Each frame&apos;s input is the sum of the embeddings of the previous frame&apos;s codes &lt;b&gt;plus&lt;/b&gt; the embeddings of the phones of the frame it predicts (the phone at its centre and those that begin in it), of the &lt;b&gt;next phones&lt;/b&gt; (so it can prepare what comes), and of the chosen &lt;b&gt;voice&lt;/b&gt;. Attention alone learns which phone is due poorly at this size; being told the phone of every frame is what makes the words come out. Sampling works as before: the phones say what to say, the codes and their probabilities how it sounds.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;朗读文本&lt;/h3&gt;&lt;p&gt;这个模型是&lt;b&gt;文本条件&lt;/b&gt;模型：您输入什么，它就说什么。前端（flite）把文本转换成&lt;b&gt;音素&lt;/b&gt;（语音的发音单位），并为每个音素定时；码字上方的一行显示它们（橙色为元音，蓝色为辅音，灰色为停顿；鼠标悬停可查看音素及其帧）。因此，文本决定了片段的帧数。&lt;/p&gt;&lt;p&gt;每一帧的输入是上一帧码字嵌入之和，&lt;b&gt;再加上&lt;/b&gt;它所预测的那一帧的音素嵌入（位于该帧中心的音素以及在该帧内开始的音素）、&lt;b&gt;后续音素&lt;/b&gt;的嵌入（以便为接下来的内容做准备），以及所选&lt;b&gt;嗓音&lt;/b&gt;的嵌入。在这么小的规模下，仅靠注意力很难学会此刻该说哪个音素；正是因为每一帧都被告知了自己的音素，词语才能说出来。采样与之前相同：音素决定说什么，码字及其概率决定听起来怎样。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;The sampling row&lt;/h3&gt;&lt;p&gt;Under the code grid, one thin stripe per codebook shows how &lt;b&gt;uncertain&lt;/b&gt; the Talker was when that frame&apos;s code was drawn: the &lt;b&gt;entropy&lt;/b&gt; of the distribution the sampler drew from, in bits. Dark means one code was all but certain (0 bits); bright means many codes were about equally likely (7 bits: all 128). An entropy of H bits is as uncertain as a choice among 2&lt;sup&gt;H&lt;/sup&gt; equally likely codes. Lower temperature, top-k and top-p make the stripes darker; the base codebook is usually the most certain.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;red mark&lt;/b&gt; over a frame means all its codes repeat the frame before it exactly. With &lt;b&gt;argmax&lt;/b&gt; the Talker always takes the most probable code, so once a frame makes its own repetition the most probable next frame, it says that frame again and again: the marks run together and the take falls silent or hums. Sampling escapes such loops, because a less probable code is drawn now and then.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;采样行&lt;/h3&gt;&lt;p&gt;在代码网格下方，每个码本一条细条纹，显示 Talker 抽取该帧代码时有多&lt;b&gt;不确定&lt;/b&gt;：即采样器所用分布的&lt;b&gt;熵&lt;/b&gt;，单位为比特。深色表示几乎确定只有一个代码（0 比特）；亮色表示许多代码几乎同样可能（7 比特：全部 128 个）。H 比特的熵相当于在 2&lt;sup&gt;H&lt;/sup&gt; 个等可能代码中选择。降低温度、使用 top-k 和 top-p 会让条纹变暗；基础码本通常最确定。&lt;/p&gt;&lt;p&gt;帧上方的&lt;b&gt;红色标记&lt;/b&gt;表示该帧的所有代码与前一帧完全相同。使用 &lt;b&gt;argmax&lt;/b&gt; 时，Talker 总是选取概率最高的代码；一旦某帧使得重复自身成为最可能的下一帧，它就会一遍又一遍地说出这一帧：标记连成一片，生成片段变得无声或嗡嗡作响。采样能跳出这种循环，因为偶尔会抽到概率较低的代码。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;h3&gt;The attention view&lt;/h3&gt;&lt;p&gt;To predict a frame, every layer of the Talker &lt;b&gt;attends&lt;/b&gt; to the frames before it: it scores each earlier position against the current one, turns the scores into weights that add up to 1 (a softmax), and reads a weighted mix of what those positions hold. The view shows these weights for the selected frame (outlined; the newest one while a take streams): one thin row per layer and query head, brighter where the weight is larger, each row scaled to its own largest weight. The small box left of the rows is the weight on the &lt;b&gt;BOS&lt;/b&gt; position.&lt;/p&gt;&lt;p&gt;The Talker uses &lt;b&gt;grouped-query attention&lt;/b&gt; (GQA): each layer has 3 query heads but only one key/value head, which the three share. Each head asks its own question of the past, yet all read the same stored keys and values, so the cache of the past is a third of the size and each step reads a third of the memory; at this size that costs almost nothing in quality.&lt;/p&gt;&lt;p&gt;Attention usually &lt;b&gt;falls off with distance&lt;/b&gt;: the frames just before carry the sound that is continuing (80 ms ago is part of the same vowel), while frames seconds back matter little for what comes next. RoPE, the rotary position encoding, makes scores depend on how far apart two positions are, so heads can learn such a preference for the recent past; some heads instead rest on BOS when they have nothing to look for.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;注意力视图&lt;/h3&gt;&lt;p&gt;为了预测一帧，Talker 的每一层都会对它之前的帧施加&lt;b&gt;注意力&lt;/b&gt;：它把每个更早的位置与当前位置进行打分，把分数变成总和为 1 的权重（softmax），再读取这些位置内容的加权混合。该视图显示所选帧（带边框；生成过程中为最新帧）的这些权重：每层每个查询头一条细行，权重越大越亮，每行按其自身的最大权重缩放。行左侧的小方块是 &lt;b&gt;BOS&lt;/b&gt; 位置上的权重。&lt;/p&gt;&lt;p&gt;Talker 使用&lt;b&gt;分组查询注意力&lt;/b&gt;（GQA）：每层有 3 个查询头，但只有一个键/值头，由这三个查询头共享。每个头向过去提出各自的问题，但都读取同样存储的键和值，因此过去的缓存只有三分之一大小，每一步也只读取三分之一的内存；在这种规模下，这几乎不损失质量。&lt;/p&gt;&lt;p&gt;注意力通常&lt;b&gt;随距离衰减&lt;/b&gt;：紧邻的前几帧承载着正在延续的声音（80 毫秒之前仍属于同一个元音），而几秒之前的帧对接下来的内容影响很小。旋转位置编码 RoPE 使分数取决于两个位置相隔多远，因此注意力头可以学会偏好最近的过去；有些头在没有要找的内容时则停留在 BOS 上。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ModelDescription</name>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="+19"/>
        <source>The chapter&apos;s Talker: 2 codebooks of 128 at 12.5 Hz, d_model 192, 4 layers.</source>
        <translation>本章的 Talker：2 个码本，每个 128 个码，12.5 Hz，d_model 192，4 层。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chapter&apos;s Talker with 8 codebooks of 128 at 12.5 Hz, for clearer speech.</source>
        <translation>本章的 Talker，8 个码本，每个 128 个码，12.5 Hz，语音更清晰。</translation>
    </message>
</context>
<context>
    <name>ProbabilityView</name>
    <message>
        <location filename="../ui/views/ProbabilityRenderer.cpp" line="+42"/>
        <source>%1: argmax %2 (p = %3)</source>
        <translation>%1：argmax %2（p = %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: sampled %2 (p = %3), %4 of %5 codes kept</source>
        <translation>%1：抽中 %2（p = %3），保留 %5 个码字中的 %4 个</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="+54"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no widget named &apos;%1&apos; in the window</source>
        <translation>窗口中没有名为“%1”的控件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot write the screenshot: %1</source>
        <translation>无法写入截图：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wrote &apos;%1&apos; (%2x%3)</source>
        <translation>已写入“%1”（%2×%3）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model bundle to open.</source>
        <translation>要打开的模型包。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render the window into a PNG file and exit.</source>
        <translation>将窗口渲染为 PNG 文件后退出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --screenshot: generate a take first.</source>
        <translation>与 --screenshot 一起使用：先生成一个片段。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames to generate.</source>
        <translation>要生成的帧数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed.</source>
        <translation>随机种子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always take the most probable code (argmax).</source>
        <translation>总是选取概率最高的代码（argmax）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --screenshot and --generate: then set the code of frame F, codebook K to C and regenerate the frames after it, as the code grid&apos;s menu does.</source>
        <translation>与 --screenshot 和 --generate 一起使用：随后把第 F 帧、码本 K 的代码设为 C，并重新生成其后的帧，与代码网格菜单的操作相同。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Text to say (a text-conditioned model).</source>
        <translation>要朗读的文本（文本条件模型）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voice to say it with (a text-conditioned model).</source>
        <translation>朗读所用的嗓音（文本条件模型）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recording to open and analyse at start (WAV, FLAC or OGG).</source>
        <translation>启动时打开并分析的录音（WAV、FLAC 或 OGG）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --open: continue the recording from its first N frames.</source>
        <translation>与 --open 一起使用：以录音的前 N 帧为提示续写。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --screenshot: press this button or menu action (an object name, e.g. learn) before rendering; may be repeated.</source>
        <translation>与 --screenshot 一起使用：渲染前按下此按钮或菜单操作（对象名，例如 learn）；可重复使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --screenshot: render only the widget with this object or class name (e.g. melView, QMessageBox).</source>
        <translation>与 --screenshot 一起使用：只渲染具有此对象名或类名的控件（例如 melView、QMessageBox）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the training window and plot this loss log (a bundle&apos;s train-log.jsonl).</source>
        <translation>打开训练窗口并绘制此损失日志（模型包的 train-log.jsonl）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --screenshot and --generate: print the take&apos;s time (from Generate to its audio) on standard output as one JSON line, for benchmarks.</source>
        <translation>与 --screenshot 和 --generate 一起使用：在标准输出上以一行 JSON 打印本次生成的耗时（从“生成”到音频就绪），用于基准测试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface language for this run: %1 (default: the one chosen in View &gt; Language, else the system&apos;s).</source>
        <translation>本次运行的界面语言：%1（默认为“视图 &gt; 语言”中选择的语言，未选择时为系统语言）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Watch a tiny speech-code generator write speech.</source>
        <translation>观看一个微型语音码字生成器写出语音。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown language &apos;%1&apos;: expected one of %2</source>
        <translation>未知语言“%1”：应为 %2 之一</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>warning: no translation into %1 (talker-studio_%2.qm) in %3: the studio is shown in English</source>
        <translation>警告：在 %3 中找不到 %1 翻译（talker-studio_%2.qm）：界面将以英文显示</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>no display to show the window on (DISPLAY and WAYLAND_DISPLAY are not set): start it in a desktop session, or with QT_QPA_PLATFORM=offscreen for --screenshot</source>
        <translation>没有可显示窗口的显示器（未设置 DISPLAY 和 WAYLAND_DISPLAY）：请在桌面会话中启动，或在使用 --screenshot 时设置 QT_QPA_PLATFORM=offscreen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>invalid frame count &apos;%1&apos;: expected a whole number of 1 or more</source>
        <translation>无效的帧数“%1”：应为大于等于 1 的整数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>invalid seed &apos;%1&apos;: expected a whole number</source>
        <translation>无效的种子“%1”：应为整数</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--text and --voice need a text-conditioned model (e.g. --bundle with the speak model)</source>
        <translation>--text 和 --voice 需要文本条件模型（例如用 --bundle 指定 speak 模型）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown voice &apos;%1&apos;: expected one of %2</source>
        <translation>未知嗓音“%1”：应为 %2 之一</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>invalid prompt length &apos;%1&apos;: expected a whole number of 1 or more frames</source>
        <translation>无效的提示长度“%1”：应为大于等于 1 的整数帧数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--continue needs a recording to continue: add --open FILE</source>
        <translation>--continue 需要一段可续写的录音：请加上 --open 文件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>invalid --edit &apos;%1&apos;: expected FRAME,CODEBOOK,CODE (whole numbers), with --generate</source>
        <translation>无效的 --edit“%1”：应为 帧,码本,代码（整数），并与 --generate 一起使用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no button or action named &apos;%1&apos; in the window</source>
        <translation>窗口中没有名为“%1”的按钮或操作</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>cannot continue from frame %1: the recording has %2 frames</source>
        <translation>无法从第 %1 帧续写：录音只有 %2 帧</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>invalid --edit: codebook %1 and code %2 must be 0 or more and within the model&apos;s codebooks and codes</source>
        <translation>无效的 --edit：码本 %1 和代码 %2 必须不小于 0，并在模型的码本和代码范围内</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the screenshot timed out</source>
        <translation>截图超时</translation>
    </message>
</context>
<context>
    <name>talker::ui::AttentionView</name>
    <message>
        <location filename="../ui/views/AttentionView.cpp" line="+92"/>
        <source>No attention weights for frame %1 (a recording, or a backend that reports none)</source>
        <translation>第 %1 帧没有注意力权重（录音，或不报告权重的后端）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>layer %1, query head %2 (key/value head %3)</source>
        <translation>第 %1 层，查询头 %2（键/值头 %3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frame %1, %2: %3 % on BOS</source>
        <translation>第 %1 帧，%2：%3 % 落在 BOS 上</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Frame %1, %2: reads only the frames before it</source>
        <translation>第 %1 帧，%2：只读取它之前的帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the frame before</source>
        <translation>前一帧</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 frames back</source>
        <translation>往前 %1 帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frame %1, %2: %3 % on frame %4 (%5)</source>
        <translation>第 %1 帧，%2：%3 % 落在第 %4 帧上（%5）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>no attention weights for this take</source>
        <translation>此生成片段没有注意力权重</translation>
    </message>
</context>
<context>
    <name>talker::ui::AudioPlayer</name>
    <message>
        <location filename="../ui/AudioPlayer.cpp" line="+29"/>
        <location line="+70"/>
        <source>No audio output device: playback is unavailable (%1)</source>
        <translation>没有音频输出设备：无法播放（%1）</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>No audio output device: playback is unavailable</source>
        <translation>没有音频输出设备：无法播放</translation>
    </message>
</context>
<context>
    <name>talker::ui::CodeGridView</name>
    <message>
        <location filename="../ui/training/LossCurves.cpp" line="+78"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+27"/>
        <source>base</source>
        <translation>基础</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+0"/>
        <source>residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+1"/>
        <source>cb 0 (base)</source>
        <translation>码本 0（基础）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+0"/>
        <source>cb %1</source>
        <translation>码本 %1</translation>
    </message>
    <message>
        <location filename="../ui/views/CodeGridView.cpp" line="+22"/>
        <source>Frame %1 (%2 s), %3: code %4</source>
        <translation>第 %1 帧（%2 秒），%3：码字 %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Frame %1, %2: code %3</source>
        <translation>第 %1 帧，%2：代码 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change the Code and Regenerate from Here</source>
        <translation>更改代码并从此处重新生成</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the Code (the last frame: nothing follows it to regenerate)</source>
        <translation>更改代码（最后一帧：其后没有可重新生成的帧）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code %1 (p = %2)</source>
        <translation>代码 %1（p = %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code %1</source>
        <translation>代码 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Other Code...</source>
        <translation>其他代码...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the Code</source>
        <translation>更改代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code for frame %1, %2 (0 to %3):</source>
        <translation>第 %1 帧、%2 的代码（0 到 %3）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resample from Frame %1 with a New Seed</source>
        <translation>从第 %1 帧起用新种子重新采样</translation>
    </message>
</context>
<context>
    <name>talker::ui::GenerationPanel</name>
    <message>
        <location filename="../ui/panels/GenerationPanel.cpp" line="+30"/>
        <source>Type what the model should say</source>
        <translation>输入模型要说的话</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text to say: the front end turns it into timed phones, and each frame the Talker predicts reads the phones of its time</source>
        <translation>要朗读的文本：前端把它转换成带时间的音素，Talker 预测的每一帧都会读取其时间段内的音素</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;xt:</source>
        <translation>文本(&amp;X)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The speaker the model imitates (one of the voices it was trained on)</source>
        <translation>模型模仿的说话人（训练所用的嗓音之一）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Voice:</source>
        <translation>嗓音(&amp;V)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+90"/>
        <source>Frames to generate; 12.5 frames make one second</source>
        <translation>要生成的帧数；12.5 帧为一秒</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>set by the text</source>
        <translation>由文本决定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Frames:</source>
        <translation>帧数(&amp;F)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Below 1 sharpens the distributions, above 1 flattens them</source>
        <translation>低于 1 使分布更尖锐，高于 1 使分布更平坦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Temperature:</source>
        <translation>温度(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always take the most probable code</source>
        <translation>总是选取概率最高的码字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Argmax:</source>
        <translation>Argmax(&amp;A)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep only the k most probable codes (off: keep all)</source>
        <translation>只保留概率最高的 k 个码字（关：全部保留）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-&amp;k:</source>
        <translation>Top-k(&amp;K)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep the smallest set of codes whose probability reaches p (1: keep all)</source>
        <translation>保留累计概率达到 p 的最小码字集合（1：全部保留）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-&amp;p:</source>
        <translation>Top-p(&amp;P)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same model, seed and settings always make the same take</source>
        <translation>相同的模型、种子和设置总是生成相同的片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New seed</source>
        <translation>新种子(&amp;N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Seed:</source>
        <translation>种子(&amp;S)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real time (12.5 frames/s)</source>
        <translation>实时（12.5 帧/秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pa&amp;ce:</source>
        <translation>速度(&amp;C)：</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The text decides the length: as many frames as its timed phones last (12.5 frames make one second)</source>
        <translation>长度由文本决定：帧数等于其音素持续的时长（12.5 帧为一秒）</translation>
    </message>
</context>
<context>
    <name>talker::ui::GenerationWorker</name>
    <message>
        <location filename="../ui/GenerationWorker.cpp" line="+72"/>
        <source>no model is loaded</source>
        <translation>尚未加载模型</translation>
    </message>
</context>
<context>
    <name>talker::ui::LanguageMenu</name>
    <message>
        <location filename="../ui/LanguageMenu.cpp" line="+16"/>
        <source>Talker Studio will be shown in %1 from its next start.</source>
        <translation>Talker Studio 下次启动时将以 %1 显示。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;System (%1)</source>
        <translation>跟随系统（%1）(&amp;S)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>talker::ui::LossCurves</name>
    <message>
        <location filename="../ui/training/LossCurves.cpp" line="-56"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>cross entropy (nats)</source>
        <translation>交叉熵（nats）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation loss per codebook</source>
        <translation>各码本的验证损失</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>sum</source>
        <translation>总和</translation>
    </message>
</context>
<context>
    <name>talker::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="+86"/>
        <location line="+460"/>
        <source>Talker Studio</source>
        <translation>Talker Studio</translation>
    </message>
    <message>
        <location line="-442"/>
        <source>Cannot find the default model: %1. Open a model with File &gt; Open Model.</source>
        <translation>找不到默认模型：%1。请通过“文件 &gt; 打开模型”打开一个模型。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open &amp;Model...</source>
        <translation>打开模型(&amp;M)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Audio...</source>
        <translation>打开音频(&amp;O)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Take...</source>
        <translation>打开生成片段(&amp;T)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Take...</source>
        <translation>保存生成片段(&amp;S)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Audio...</source>
        <translation>导出音频(&amp;A)...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Audio of the Se&amp;lection...</source>
        <translation>导出选区音频(&amp;L)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Codes...</source>
        <translation>导出码字(&amp;C)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Train a Model...</source>
        <translation>训练模型(&amp;T)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit a codec and train a Talker on a corpus, with live loss curves</source>
        <translation>在语料上拟合编解码器并训练 Talker，实时显示损失曲线</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+118"/>
        <location line="+939"/>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <location line="-1057"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a take (Ctrl+Return)</source>
        <translation>生成一个片段（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tep</source>
        <translation>单步(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate one frame (F10)</source>
        <translation>生成一帧（F10）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sto&amp;p</source>
        <translation>停止(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop generating or decoding (Esc)</source>
        <translation>停止生成或解码（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Seed</source>
        <translation>新种子(&amp;N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1024"/>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <location line="-1023"/>
        <source>Play or stop (Space)</source>
        <translation>播放或停止（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play &amp;Selection</source>
        <translation>播放选区(&amp;S)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shift+Space</source>
        <translation>Shift+Space</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Loop</source>
        <translation>循环(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Normal Size</source>
        <translation>正常大小(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit the Take</source>
        <translation>显示整个片段(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open Model Bundle</source>
        <translation>打开模型包</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Audio</source>
        <translation>打开音频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio files (%1);;All files (*)</source>
        <translation>音频文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Take</source>
        <translation>打开生成片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes (*.json);;All files (*)</source>
        <translation>生成片段 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Take</source>
        <translation>保存生成片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/take.json</source>
        <translation>/take.json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes (*.json)</source>
        <translation>生成片段 (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WAV, 16-bit PCM (*.wav)</source>
        <translation>WAV，16 位 PCM (*.wav)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WAV, 32-bit float (*.wav)</source>
        <translation>WAV，32 位浮点 (*.wav)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Audio of the Selection</source>
        <translation>导出选区音频</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export Audio</source>
        <translation>导出音频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/take.wav</source>
        <translation>/take.wav</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Codes CSV (*.csv)</source>
        <translation>码字 CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Codes JSON (*.json)</source>
        <translation>码字 JSON (*.json)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Codes</source>
        <translation>导出码字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>/codes.csv</source>
        <translation>/codes.csv</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Code Grid as PNG...</source>
        <translation>码字网格 PNG 图片(&amp;C)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mel Spectrogram as PNG...</source>
        <translation>梅尔频谱图 PNG 图片(&amp;M)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codec &amp;Reconstruction as PNG...</source>
        <translation>编解码器重建另存为 PNG(&amp;R)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Waveform as PNG...</source>
        <translation>波形 PNG 图片(&amp;W)...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Probabilities as PNG...</source>
        <translation>概率 PNG 图片(&amp;P)...</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+797"/>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location line="-797"/>
        <source>/view.png</source>
        <translation>/view.png</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export &amp;View</source>
        <translation>导出视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Playback</source>
        <translation>回放(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;What Am I Looking At?</source>
        <translation>我在看什么？(&amp;W)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;About Talker Studio</source>
        <translation>关于 Talker Studio(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Talker Studio</source>
        <translation>关于 Talker Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Talker Studio %1&lt;/h3&gt;&lt;p&gt;Watch a tiny autoregressive speech-code generator write speech one frame at a time.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Talker Studio %1&lt;/h3&gt;&lt;p&gt;观看一个微型自回归语音码字生成器一帧一帧地写出语音。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transport</source>
        <translation>播放控制</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Codebooks heard: first </source>
        <translation>播放的码本：前 </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decode the codes with only the first n codebooks: 1 is the base alone, all of them is base + residual</source>
        <translation>只用前 n 个码本解码：1 表示仅用基础码本，全部表示基础 + 残差</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Phones (what the text says, as timed by the front end)</source>
        <translation>音素（文本所说的内容，由前端定时）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Codes</source>
        <translation>码字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling: entropy per codebook; red marks a repeat</source>
        <translation>采样：每个码本的熵；红色标记重复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attention of the selected frame, per layer and head</source>
        <translation>所选帧的注意力，按层和头</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+464"/>
        <source>Mel spectrogram</source>
        <translation>梅尔频谱图</translation>
    </message>
    <message>
        <location line="-449"/>
        <source>Play Original</source>
        <translation>播放原始录音</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play Reconstruction</source>
        <translation>播放重建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waveform</source>
        <translation>波形</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording</source>
        <translation>录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+652"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message numerus="yes">
        <location line="-609"/>
        <source>Stopped decoding: still hearing the first %n codebook(s).</source>
        <translation>
            <numerusform>已停止解码：仍在听前 %n 个码本。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped opening the recording.</source>
        <translation>已停止打开录音。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The take on screen was not saved or exported. Quit anyway?</source>
        <translation>屏幕上的生成片段尚未保存或导出。仍要退出吗？</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The take on screen was not saved or exported. Open another model anyway?</source>
        <translation>屏幕上的生成片段尚未保存或导出。仍要打开另一个模型吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open the model: %1</source>
        <translation>无法打开模型：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loaded model &apos;%1&apos; from %2</source>
        <translation>已从 %2 加载模型“%1”</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Model &apos;%1&apos; speaks text: it cannot continue a recording, whose words it is not told. Continue with a model without text conditioning.</source>
        <translation>模型“%1”朗读文本：它无法续写一段录音，因为它不知道录音里的词。请使用没有文本条件的模型续写。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Continue &apos;%1&apos; after frame %2</source>
        <translation>在第 %2 帧之后续写“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No model is loaded: open one with File &gt; Open Model.</source>
        <translation>尚未加载模型：请通过“文件 &gt; 打开模型”打开一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The seed &apos;%1&apos; is not a whole number from 0 to 18446744073709551615.</source>
        <translation>种子“%1”不是 0 到 18446744073709551615 之间的整数。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type the text to say first: model &apos;%1&apos; speaks text.</source>
        <translation>请先输入要朗读的文本：模型“%1”朗读文本。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot say the text: %1</source>
        <translation>无法朗读该文本：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot generate: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Generating...</source>
        <translation>正在生成...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Frame %1 / %2, %3 ms</source>
        <translation>第 %1 / %2 帧，%3 毫秒</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 frames in %2 ms (first frame %3 ms, %4 ms/frame, %5), seed %6</source>
        <translation>%1 帧，用时 %2 毫秒（首帧 %3 毫秒，每帧 %4 毫秒，%5），种子 %6</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regenerated the take: the codes are identical to the take file&apos;s.</source>
        <translation>已重新生成该片段：码字与生成片段文件中的完全相同。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The regenerated codes differ from the take file&apos;s from frame %1 on: the take was made with another model or another version of the engine.</source>
        <translation>重新生成的码字从第 %1 帧起与生成片段文件中的不同：该片段是用另一个模型或另一版本的引擎生成的。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Generate %1 frames: %2</source>
        <translation>生成 %1 帧：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (stopped)</source>
        <translation>%1（已停止）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The take streams with all codebooks; the codebooks you chose are heard when it ends.</source>
        <translation>生成片段以全部码本流式输出；结束后即可听到您选择的码本。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Decoding with the first %n codebook(s)...</source>
        <translation>
            <numerusform>正在用前 %n 个码本解码...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Hear the first %n codebook(s)</source>
        <translation>
            <numerusform>听前 %n 个码本</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Now decoding with the first %n codebook(s).</source>
        <translation>
            <numerusform>现在用前 %n 个码本解码。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot prepare the model: %1</source>
        <translation>无法准备模型：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generation failed: %1</source>
        <translation>生成失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot decode the take: %1</source>
        <translation>无法解码该片段：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot open the recording: %1</source>
        <translation>无法打开录音：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Mel spectrogram: original recording</source>
        <translation>梅尔频谱图：原始录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mel spectrogram: codec reconstruction (decoded with %1 of %2 codebooks)</source>
        <translation>梅尔频谱图：编解码器重建（用 %2 个码本中的 %1 个解码）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No model is loaded: a recording is analysed with a model&apos;s codec. Open one with File &gt; Open Model.</source>
        <translation>尚未加载模型：录音要用模型的编解码器来分析。请通过“文件 &gt; 打开模型”打开一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The take on screen was not saved or exported. Open a recording anyway?</source>
        <translation>屏幕上的生成片段尚未保存或导出。仍要打开录音吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Analysing %1...</source>
        <translation>正在分析 %1...</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2 frames</source>
        <translation>%1：%2 帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened %1 (%2 s, %3 frames)</source>
        <translation>已打开 %1（%2 秒，%3 帧）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No model is loaded: open the take&apos;s model first with File &gt; Open Model.</source>
        <translation>尚未加载模型：请先通过“文件 &gt; 打开模型”打开该片段所用的模型。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot open the take: %1</source>
        <translation>无法打开生成片段：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the take &apos;%1&apos;: it has %2 x %3 codes but model &apos;%4&apos; makes %5 x %6.</source>
        <translation>无法打开生成片段“%1”：它包含 %2 × %3 的码字，但模型“%4”生成的是 %5 × %6。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The take &apos;%1&apos; was made with model &apos;%2&apos; (%3), not the open one: its codes may come out different.</source>
        <translation>生成片段“%1”是用模型“%2”（%3）生成的，而不是当前打开的模型：它的码字可能会不同。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot regenerate the take &apos;%1&apos;: %2</source>
        <translation>无法重新生成片段“%1”：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open take &apos;%1&apos;</source>
        <translation>打开生成片段“%1”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no finished take to save.</source>
        <translation>没有可保存的已完成生成片段。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save the take: %1</source>
        <translation>无法保存生成片段：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved the take to %1</source>
        <translation>已将生成片段保存到 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no audio to export.</source>
        <translation>没有可导出的音频。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select frames first (drag across a view) to export the selection.</source>
        <translation>请先选择帧（在视图中拖动），再导出选区。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot export the audio: %1</source>
        <translation>无法导出音频：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported %1 s of audio to %2</source>
        <translation>已将 %1 秒音频导出到 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There are no codes to export.</source>
        <translation>没有可导出的码字。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot export the codes: %1</source>
        <translation>无法导出码字：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported %1 frames of codes to %2</source>
        <translation>已将 %1 帧的码字导出到 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1x: %2 x %3 pixels</source>
        <translation>%1 倍：%2 × %3 像素</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size of the image (2x or more for print):</source>
        <translation>图片大小（打印用 2 倍或以上）：</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>x: time (s); rows: codebooks; each cell: the code of that frame (0 to %1)</source>
        <translation>x：时间（秒）；行：码本；每格：该帧的码（0 到 %1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>x: time (s); y: frequency (mel scale); colour: level (dB)</source>
        <translation>x：时间（秒）；y：频率（梅尔刻度）；颜色：电平（dB）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>x: time (s); y: amplitude (full scale = 1)</source>
        <translation>x：时间（秒）；y：幅度（满刻度 = 1）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bars: the probability of each candidate code of the shown frame, per codebook</source>
        <translation>柱：所示帧中每个候选码的概率，按码本</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>seed %1, %2 frames</source>
        <translation>种子 %1，%2 帧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 - model &apos;%2&apos;</source>
        <translation>%1 – 模型“%2”</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 - model &apos;%2&apos;, %3</source>
        <translation>%1 – 模型“%2”，%3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot export the view at %1 times its size: choose from %2 to %3.</source>
        <translation>无法以 %1 倍大小导出视图：请选择 %2 到 %3 倍。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot export the view: %1</source>
        <translation>无法导出视图：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported the view to %1 (%2 x %3 pixels)</source>
        <translation>已将视图导出到 %1（%2 × %3 像素）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sto&amp;p Playing</source>
        <translation>停止播放(&amp;P)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select frames first: drag across a view.</source>
        <translation>请先选择帧：在视图中拖动。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Run to End</source>
        <translation>运行到结束(&amp;R)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Undo %1</source>
        <translation>撤销(&amp;U)：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../ui/MainWindowHistory.cpp" line="+44"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>重做(&amp;R)：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../ui/MainWindowHistory.cpp" line="+3"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindowHistory.cpp" line="+2"/>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Compare with the Previous Take (A/B)</source>
        <translation>与上一个生成片段比较(&amp;C)（A/B）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch between this take (A) and the one it replaced (B); the waveform shows both (Ctrl+B)</source>
        <translation>在当前生成片段（A）与被它替换的结果（B）之间切换；波形同时显示两者（Ctrl+B）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Take History</source>
        <translation>生成历史</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no take yet)</source>
        <translation>（尚无生成片段）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take &amp;History</source>
        <translation>生成历史(&amp;H)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 frames (%2 from the prompt), %3</source>
        <translation>%1 帧（其中 %2 帧来自提示），%3</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>B: the take before &quot;%1&quot; (Ctrl+B: back to A)</source>
        <translation>B：“%1”之前的生成片段（Ctrl+B：回到 A）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A: the take after &quot;%1&quot;</source>
        <translation>A：“%1”之后的生成片段</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Codes can be changed in a finished take only: wait for the take to end, or generate one.</source>
        <translation>只能在已完成的生成片段中更改代码：请等待生成结束，或先生成一个。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot regenerate: %1</source>
        <translation>无法重新生成：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot change code %1 of frame %2, codebook %3: the take has frames 0 to %4 (the last has nothing after it to regenerate) and codes 0 to %5.</source>
        <translation>无法更改第 %2 帧、码本 %3 的代码 %1：该生成片段有第 0 到 %4 帧（最后一帧之后没有可重新生成的帧），代码为 0 到 %5。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit frame %1, %2: code %3 to %4</source>
        <translation>编辑第 %1 帧，%2：代码 %3 改为 %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot resample from frame %1: the take has frames 0 to %2.</source>
        <translation>无法从第 %1 帧重新采样：该生成片段有第 0 到 %2 帧。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resample from frame %1 (seed %2)</source>
        <translation>从第 %1 帧重新采样（种子 %2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unsaved Take</source>
        <translation>未保存的生成片段</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>take</source>
        <translation>生成片段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
</context>
<context>
    <name>talker::ui::MelView</name>
    <message>
        <location filename="../ui/views/MelView.cpp" line="+44"/>
        <source>dB</source>
        <translation>dB</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 kHz</source>
        <translation>%1 kHz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>%1 s (frame %2), %3 Hz, %4 dB</source>
        <translation>%1 秒（第 %2 帧），%3 Hz，%4 dB</translation>
    </message>
</context>
<context>
    <name>talker::ui::ModelPanel</name>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="+42"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;No model loaded&lt;/b&gt;</source>
        <translation>&lt;b&gt;未加载模型&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h4&gt;Configuration&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Talker parameters&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Codec parameters&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers, d&lt;sub&gt;model&lt;/sub&gt;&lt;/td&gt;&lt;td&gt;%3, %4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Heads (query / key-value)&lt;/td&gt;&lt;td&gt;%5 / %6, dim %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Codebooks K x size V&lt;/td&gt;&lt;td&gt;%8 x %9 (BOS = %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Mel&lt;/td&gt;&lt;td&gt;%10 bins, %11 sub-frames per token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Frame rate&lt;/td&gt;&lt;td&gt;%12 frames/s (%13 Hz audio)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocoder&lt;/td&gt;&lt;td&gt;%14, %15 iterations&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;h4&gt;配置&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Talker 参数量&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;编解码器参数量&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;层数，d&lt;sub&gt;model&lt;/sub&gt;&lt;/td&gt;&lt;td&gt;%3，%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;注意力头（查询 / 键值）&lt;/td&gt;&lt;td&gt;%5 / %6，维度 %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;码本数 K × 大小 V&lt;/td&gt;&lt;td&gt;%8 × %9（BOS = %9）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;梅尔&lt;/td&gt;&lt;td&gt;%10 个频带，每个词元 %11 个子帧&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;帧率&lt;/td&gt;&lt;td&gt;%12 帧/秒（%13 Hz 音频）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;声码器&lt;/td&gt;&lt;td&gt;%14，%15 次迭代&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&lt;tr&gt;&lt;td&gt;Backend&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;后端&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h4&gt;Provenance&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;来源&lt;/h4&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;None recorded (an untrained or hand-made bundle).&lt;/p&gt;</source>
        <translation>&lt;p&gt;无记录（未经训练或手工制作的模型包）。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h4&gt;Metrics&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;指标&lt;/h4&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;None recorded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;无记录。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>talker::ui::PhoneRowView</name>
    <message>
        <location filename="../ui/views/PhoneRowView.cpp" line="+104"/>
        <source>pause (sil)</source>
        <translation>停顿（sil）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>phone &apos;%1&apos;</source>
        <translation>音素“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>frame %1</source>
        <translation>第 %1 帧</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>frames %1 to %2</source>
        <translation>第 %1 至 %2 帧</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 of %3: %4 to %5 s, %6</source>
        <translation>%1，第 %2 个（共 %3 个）：%4 至 %5 秒，%6</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>phones</source>
        <translation>音素</translation>
    </message>
</context>
<context>
    <name>talker::ui::ProbabilityView</name>
    <message>
        <location filename="../ui/views/ProbabilityView.cpp" line="+40"/>
        <source>base</source>
        <translation>基础</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cb %1</source>
        <translation>码本 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a take to see, frame by frame, the distribution each code was drawn from.</source>
        <translation>生成一个片段，即可逐帧查看每个码字是从怎样的分布中抽取的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frame %1 (%2 s)%3</source>
        <translation>第 %1 帧（%2 秒）%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, selected</source>
        <translation>，已选中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, newest</source>
        <translation>，最新</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This frame was encoded from the recording, not sampled: it has no distribution.</source>
        <translation>此帧是从录音编码得到的，不是采样得到的：它没有分布。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This frame came from the prompt: it was given, not sampled, so it has no distribution.</source>
        <translation>此帧来自提示：它是给定的，不是采样得到的，因此没有分布。</translation>
    </message>
</context>
<context>
    <name>talker::ui::RecordingPanel</name>
    <message>
        <location filename="../ui/panels/RecordingPanel.cpp" line="+25"/>
        <source>Original</source>
        <translation>原始录音</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codec reconstruction</source>
        <translation>编解码器重建</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hear:</source>
        <translation>收听：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The recording&apos;s first N frames become the prompt of a new take</source>
        <translation>录音的前 N 帧将作为新生成片段的提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Continue</source>
        <translation>续写(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From frame:</source>
        <translation>续写起点（帧）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the recording again</source>
        <translation>重新显示录音</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>mixed to mono, resampled to %1 Hz</source>
        <translation>已混为单声道，重采样到 %1 Hz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mixed to mono</source>
        <translation>已混为单声道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resampled to %1 Hz</source>
        <translation>已重采样到 %1 Hz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Hz, 1 channel</source>
        <translation>%1 Hz，1 个声道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Hz, %2 channels</source>
        <translation>%1 Hz，%2 个声道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 s, %3 frames&lt;br&gt;%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 秒，%3 帧&lt;br&gt;%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a WAV, FLAC or OGG file (File &gt; Open Audio, or drop it on the window) to see its mel, its codes and the codec&apos;s reconstruction, and to continue it.</source>
        <translation>打开一个 WAV、FLAC 或 OGG 文件（“文件 &gt; 打开音频”，或把文件拖到窗口上），即可查看它的梅尔频谱、码字和编解码器的重建结果，并续写它。</translation>
    </message>
</context>
<context>
    <name>talker::ui::SamplingRowView</name>
    <message>
        <location filename="../ui/views/SamplingRowView.cpp" line="+113"/>
        <source>Frame %1: given (prompt or recording), not sampled</source>
        <translation>第 %1 帧：给定（提示或录音），未采样</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Frame %1: entropy per codebook %2 bits (of %3); codebook 0 as uncertain as a choice among %4 equally likely codes</source>
        <translation>第 %1 帧：各码本的熵 %2 比特（最大 %3）；码本 0 的不确定性相当于在 %4 个等可能的代码中选择</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Repeats frame %1&apos;s codes exactly (%n repeated frame(s) in a row so far)</source>
        <translation>
            <numerusform>与第 %1 帧的代码完全相同（至此已连续重复 %n 帧）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>entropy</source>
        <translation>熵</translation>
    </message>
</context>
<context>
    <name>talker::ui::TrainingWindow</name>
    <message>
        <location filename="../ui/training/TrainingWindow.cpp" line="+56"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Train a Model - Talker Studio</source>
        <translation>训练模型 - Talker Studio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a corpus, or a folder of recordings</source>
        <translation>语料，或录音文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A corpus made by scripts/make-dataset (train.tsv and valid.tsv list its WAV files), or a folder of WAV, FLAC or OGG files, one subfolder per voice: the studio writes its train.tsv and valid.tsv first (as talker make-corpus does)</source>
        <translation>由 scripts/make-dataset 生成的语料（train.tsv 和 valid.tsv 列出其 WAV 文件），或一个 WAV、FLAC、OGG 文件的文件夹，每个声音一个子文件夹：工作室会先为它写出 train.tsv 和 valid.tsv（与 talker make-corpus 相同）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>model bundle folder</source>
        <translation>模型包文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundle whose Talker is trained (in place); with &quot;Fit a new codec first&quot;, a new folder that receives a new bundle</source>
        <translation>要（就地）训练其 Talker 的模型包；勾选“先拟合新的编解码器”时，是接收新模型包的新文件夹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data and model</source>
        <translation>数据与模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Corpus:</source>
        <translation>语料：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corpus Folder</source>
        <translation>语料文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundle:</source>
        <translation>模型包：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundle Folder</source>
        <translation>模型包文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Codec</source>
        <translation>编解码器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fit a new codec first (writes a new bundle)</source>
        <translation>先拟合新的编解码器（写入新的模型包）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>chapter (2 codebooks)</source>
        <translation>chapter（2 个码本）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clear (8 codebooks)</source>
        <translation>clear（8 个码本）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Configuration:</source>
        <translation>配置：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k-means iterations:</source>
        <translation>k-means 迭代次数：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talker</source>
        <translation>Talker</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Frames per training window (12.5 frames per second)</source>
        <translation>每个训练窗口的帧数（每秒 12.5 帧）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Resume from the bundle&apos;s checkpoint</source>
        <translation>从模型包的检查点继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch (windows per step):</source>
        <translation>批大小（每步窗口数）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window (frames):</source>
        <translation>窗口（帧）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak learning rate:</source>
        <translation>峰值学习率：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validate every (steps):</source>
        <translation>验证间隔（步）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint every (steps):</source>
        <translation>检查点间隔（步）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sto&amp;p</source>
        <translation>停止(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Loss Log...</source>
        <translation>打开损失日志(&amp;L)...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the Trained &amp;Model</source>
        <translation>打开训练好的模型(&amp;M)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a corpus and a bundle, then Start. Or open the loss log of a trained bundle.</source>
        <translation>选择语料和模型包，然后点击开始。也可以打开已训练模型包的损失日志。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Progress of the codec fit and the training</source>
        <translation>编解码器拟合与训练的进度</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open Loss Log</source>
        <translation>打开损失日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss logs (train-log.jsonl *.jsonl);;All files (*)</source>
        <translation>损失日志 (train-log.jsonl *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Finished: the trained model is in %1.</source>
        <translation>完成：训练好的模型位于 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a corpus folder, or a folder of recordings, first.</source>
        <translation>请先选择语料文件夹或录音文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The corpus folder &apos;%1&apos; does not exist.</source>
        <translation>语料文件夹“%1”不存在。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The folder &apos;%1&apos; is neither a corpus (it has no train.tsv) nor a folder of audio files (WAV, FLAC, OGG). Make a corpus with scripts/make-dataset, or choose a folder of recordings.</source>
        <translation>文件夹“%1”既不是语料（缺少 train.tsv），也不是音频文件（WAV、FLAC、OGG）的文件夹。请用 scripts/make-dataset 生成语料，或选择录音文件夹。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The folder &apos;%1&apos; is not a corpus: it has no %2. Make one with scripts/make-dataset.</source>
        <translation>文件夹“%1”不是语料：缺少 %2。请用 scripts/make-dataset 生成语料。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a bundle folder first.</source>
        <translation>请先选择模型包文件夹。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder &apos;%1&apos; already holds a model bundle: a new codec needs a new (or empty) folder, so that no trained model is overwritten.</source>
        <translation>文件夹“%1”中已有模型包：新的编解码器需要新的（或空的）文件夹，以免覆盖已训练的模型。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create the bundle folder &apos;%1&apos;.</source>
        <translation>无法创建模型包文件夹“%1”。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is not a model bundle (it has no model.json). Tick &quot;Fit a new codec first&quot; to make a new one there.</source>
        <translation>“%1”不是模型包（缺少 model.json）。勾选“先拟合新的编解码器”即可在此新建一个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write to the bundle folder &apos;%1&apos;: %2</source>
        <translation>无法写入模型包文件夹“%1”：%2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the audio files...</source>
        <translation>正在读取音频文件...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fitting the codec...</source>
        <translation>正在拟合编解码器...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the corpus...</source>
        <translation>正在读取语料...</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopping after the step in hand...</source>
        <translation>将在当前步完成后停止...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A training is running: its curves are on screen. Stop it to look at another loss log.</source>
        <translation>正在训练：屏幕上是它的曲线。请先停止，再查看其他损失日志。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 logged steps, the last at step %3 (loss %4, %5 of training)</source>
        <translation>%1：记录了 %2 步，最后一步为第 %3 步（损失 %4，训练用时 %5）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Step %1 of %2: loss %3, elapsed %4, about %5 left</source>
        <translation>第 %1 / %2 步：损失 %3，已用 %4，约剩 %5</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>step %1: validation loss per codebook %2</source>
        <translation>第 %1 步：各码本的验证损失 %2</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Train a Model</source>
        <translation>训练模型</translation>
    </message>
</context>
<context>
    <name>talker::ui::TrainingWorker</name>
    <message>
        <location filename="../ui/training/TrainingWorker.cpp" line="+20"/>
        <source>Reading the audio files of %1...</source>
        <translation>正在读取 %1 中的音频文件...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote train.tsv and valid.tsv into %3: training files: %1, validation files: %2, voices: %5, %4 h of audio</source>
        <translation>已将 train.tsv 和 valid.tsv 写入 %3：训练文件 %1 个，验证文件 %2 个，声音 %5 个，音频 %4 小时</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fitting a new codec (%1) on %2...</source>
        <translation>正在 %2 上拟合新的编解码器（%1）...</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Training the Talker of %1 on %2...</source>
        <translation>正在 %2 上训练 %1 的 Talker...</translation>
    </message>
</context>
<context>
    <name>talker::ui::ViewFrame</name>
    <message>
        <location filename="../ui/views/ViewFrame.cpp" line="+31"/>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explain this view</source>
        <translation>解释这个视图</translation>
    </message>
</context>
<context>
    <name>talker::ui::WaveformView</name>
    <message>
        <location filename="../ui/views/WaveformView.cpp" line="+39"/>
        <source>%1 s (frame %2): sample %3</source>
        <translation>%1 秒（第 %2 帧）：采样值 %3</translation>
    </message>
</context>
</TS>
