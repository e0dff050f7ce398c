// SPDX-License-Identifier: GPL-3.0-or-later
#include "Learn.h"

namespace talker::ui {

QString Learn::codeGrid()
{
    return tr("<h3>The code grid</h3>"
              "<p>Each column is one <b>frame</b> of 80 ms; each row is one <b>codebook</b>. A cell is the "
              "code the Talker chose for that codebook in that frame, coloured by its number (hover to read it).</p>"
              "<p>The Talker writes the grid from left to right, one column per step: it is "
              "<b>autoregressive</b>, so every new frame is predicted from all the frames before it. Before the "
              "first frame it reads a <b>BOS</b> frame, the reserved index V (128) in every codebook, so "
              "that it never confuses \"start\" with the real code 0.</p>"
              "<p>A frame enters the model as the <b>sum of its K code embeddings</b> (one table per codebook), "
              "and leaves it through <b>K heads</b>, one per codebook, each predicting its own code. The first "
              "row is the <b>base</b> codebook (the coarse sound), the next the <b>residual</b> (what the base "
              "missed). Hatched columns are the prompt: given, not generated.</p>");
}

QString Learn::melSpectrogram()
{
    return tr("<h3>The mel spectrogram</h3>"
              "<p>Time runs to the right, frequency upwards (on the mel scale, which spends more rows on low "
              "frequencies, as hearing does); the colour is the level in dB. Hover to read the frequency and level.</p>"
              "<p>For a generated take this is not measured, it is <b>decoded from the codes</b>: the codec's "
              "decoder reads each token's codes with the 16 tokens before it and the 2 after it (so a frame's "
              "mel is final two frames after it is generated) and writes 5 mel frames (16 ms each) per 80 ms "
              "token. The <b>base</b> codebook was trained to carry which speech sound is spoken: alone it "
              "gives a blurred picture, and each further codebook sharpens it. Try \"codebooks heard\" in the "
              "transport bar.</p>"
              "<p>For an opened recording it is the recording's own mel, computed from its audio.</p>");
}

QString Learn::reconstruction()
{
    return tr("<h3>The codec's reconstruction</h3>"
              "<p>The recording above, <b>encoded</b> to codes (the code grid) and <b>decoded</b> back to a mel "
              "spectrogram by the codec: exactly what the Talker can say, since codes are all it writes. "
              "Compare the two pictures on the same time axis to see what the codes keep (which sound is "
              "spoken, and the rough shape of the spectrum) and what they lose (fine detail, fast changes). "
              "Play each to hear "
              "the difference; \"codebooks heard\" decodes with only the first codebooks.</p>");
}

QString Learn::waveform()
{
    return tr("<h3>The waveform</h3>"
              "<p>The audio you hear, sample by sample, between -1 and +1. A mel spectrogram keeps only how "
              "loud each frequency is, not its phase, so the vocoder has to invent one: <b>Griffin-Lim</b> "
              "starts from a guess and repeatedly moves between the time signal and its spectrum until the "
              "two agree with the mel.</p>"
              "<p>While a take is generated, a streaming vocoder turns each new frame's mel into audio at once, "
              "so you can see and play it before the take ends; when the take is complete the whole mel is "
              "rendered again in one piece. The red line is the playhead.</p>");
}

QString Learn::probabilities()
{
    return tr("<h3>The probabilities</h3>"
              "<p>For the selected frame (or the newest one), each codebook's head produced 128 scores; the "
              "sampler turned them into probabilities and drew one code. The bars show the most probable "
              "codes; the orange one is the code that was drawn.</p>"
              "<p><b>Temperature</b> divides the scores before the softmax: below 1 the tall bars grow, above "
              "1 the distribution flattens. <b>Top-k</b> keeps only the k most probable codes, <b>top-p</b> "
              "the smallest set whose probability reaches p; the rest get zero. <b>Argmax</b> always takes "
              "the tallest bar, which is why greedy decoding so often repeats itself in a loop.</p>");
}

QString Learn::generation()
{
    return tr("<h3>Generating</h3>"
              "<p><b>Generate</b> runs the Talker for the chosen number of frames (12.5 frames make one "
              "second). <b>Step</b> makes one frame at a time, so you can study each decision. The same model, "
              "seed and settings always produce the same codes: that is what a take file stores.</p>");
}

QString Learn::textConditioning()
{
    return tr("<h3>Speaking text</h3>"
              "<p>This model is <b>text-conditioned</b>: it says what you type. A front end (flite) turns the "
              "text into <b>phones</b>, the sounds of speech, and times each one; the row above the codes "
              "shows them (orange vowels, blue consonants, grey pauses; hover to read a phone and its "
              "frames). The text therefore decides how many frames the take has.</p>"
              "<p>Each frame's input is the sum of the embeddings of the previous frame's codes <b>plus</b> "
              "the embeddings of the phones of the frame it predicts (the phone at its centre and those that "
              "begin in it), of the <b>next phones</b> (so it can prepare what comes), and of the chosen "
              "<b>voice</b>. Attention alone learns which phone is due poorly at this size; being told the "
              "phone of every frame is what makes the words come out. Sampling works as before: the "
              "phones say what to say, the codes and their probabilities how it sounds.</p>");
}

QString Learn::sampling()
{
    return tr("<h3>The sampling row</h3>"
              "<p>Under the code grid, one thin stripe per codebook shows how <b>uncertain</b> the Talker was "
              "when that frame's code was drawn: the <b>entropy</b> of the distribution the sampler drew from, "
              "in bits. Dark means one code was all but certain (0 bits); bright means many codes were about "
              "equally likely (7 bits: all 128). An entropy of H bits is as uncertain as a choice among "
              "2<sup>H</sup> equally likely codes. Lower temperature, top-k and top-p make the stripes darker; "
              "the base codebook is usually the most certain.</p>"
              "<p>A <b>red mark</b> over a frame means all its codes repeat the frame before it exactly. With "
              "<b>argmax</b> the Talker always takes the most probable code, so once a frame makes its own "
              "repetition the most probable next frame, it says that frame again and again: the marks run "
              "together and the take falls silent or hums. Sampling escapes such loops, because a less "
              "probable code is drawn now and then.</p>");
}

QString Learn::attention()
{
    return tr("<h3>The attention view</h3>"
              "<p>To predict a frame, every layer of the Talker <b>attends</b> to the frames before it: it scores "
              "each earlier position against the current one, turns the scores into weights that add up to 1 "
              "(a softmax), and reads a weighted mix of what those positions hold. The view shows these "
              "weights for the selected frame (outlined; the newest one while a take streams): one thin row per "
              "layer and query head, brighter where the weight is larger, each row scaled to its own largest "
              "weight. The small box left of the rows is the weight on the <b>BOS</b> position.</p>"
              "<p>The Talker uses <b>grouped-query attention</b> (GQA): each layer has 3 query heads but only "
              "one key/value head, which the three share. Each head asks its own question of the past, yet "
              "all read the same stored keys and values, so the cache of the past is a third of the size "
              "and each step reads a third of the memory; at this size that costs almost nothing in "
              "quality.</p>"
              "<p>Attention usually <b>falls off with distance</b>: the frames just before carry the sound "
              "that is continuing (80 ms ago is part of the same vowel), while frames seconds back matter "
              "little for what comes next. RoPE, the rotary position encoding, makes scores depend on how "
              "far apart two positions are, so heads can learn such a preference for the recent past; some "
              "heads instead rest on BOS when they have nothing to look for.</p>");
}

QString Learn::all(bool textModel)
{
    return generation() + (textModel ? textConditioning() : QString()) + codeGrid() + sampling() + attention() +
           probabilities() + melSpectrogram() + waveform();
}

} // namespace talker::ui
