<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Learn</name>
    <message>
        <location filename="../ui/Learn.cpp" line="+7"/>
        <source>&lt;h3&gt;The code grid&lt;/h3&gt;&lt;p&gt;Each column is one &lt;b&gt;frame&lt;/b&gt; of 80 ms; each row is one &lt;b&gt;codebook&lt;/b&gt;. A cell is the code the Talker chose for that codebook in that frame, coloured by its number (hover to read it).&lt;/p&gt;&lt;p&gt;The Talker writes the grid from left to right, one column per step: it is &lt;b&gt;autoregressive&lt;/b&gt;, so every new frame is predicted from all the frames before it. Before the first frame it reads a &lt;b&gt;BOS&lt;/b&gt; frame, the reserved index V (128) in every codebook, so that it never confuses &quot;start&quot; with the real code 0.&lt;/p&gt;&lt;p&gt;A frame enters the model as the &lt;b&gt;sum of its K code embeddings&lt;/b&gt; (one table per codebook), and leaves it through &lt;b&gt;K heads&lt;/b&gt;, one per codebook, each predicting its own code. The first row is the &lt;b&gt;base&lt;/b&gt; codebook (the coarse sound), the next the &lt;b&gt;residual&lt;/b&gt; (what the base missed). Hatched columns are the prompt: given, not generated.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Das Code-Raster&lt;/h3&gt;&lt;p&gt;Jede Spalte ist ein &lt;b&gt;Frame&lt;/b&gt; von 80 ms, jede Zeile ein &lt;b&gt;Codebuch&lt;/b&gt;. Eine Zelle zeigt den Code, den der Talker in diesem Frame für dieses Codebuch gewählt hat, eingefärbt nach seiner Nummer (mit der Maus darauf zeigen, um sie abzulesen).&lt;/p&gt;&lt;p&gt;Der Talker schreibt das Raster von links nach rechts, eine Spalte pro Schritt: Er ist &lt;b&gt;autoregressiv&lt;/b&gt;, jeder neue Frame wird also aus allen Frames davor vorhergesagt. Vor dem ersten Frame liest er einen &lt;b&gt;BOS&lt;/b&gt;-Frame, den reservierten Index V (128) in jedem Codebuch, damit er „Anfang“ nie mit dem echten Code 0 verwechselt.&lt;/p&gt;&lt;p&gt;Ein Frame geht als &lt;b&gt;Summe seiner K Code-Embeddings&lt;/b&gt; (eine Tabelle pro Codebuch) in das Modell ein und verlässt es über &lt;b&gt;K Ausgabeköpfe&lt;/b&gt;, einen pro Codebuch, von denen jeder seinen eigenen Code vorhersagt. Die erste Zeile ist das &lt;b&gt;Basis&lt;/b&gt;-Codebuch (der grobe Klang), die nächste das &lt;b&gt;Residuum&lt;/b&gt; (was der Basis entgangen ist). Schraffierte Spalten sind der Prompt: vorgegeben, nicht erzeugt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;The mel spectrogram&lt;/h3&gt;&lt;p&gt;Time runs to the right, frequency upwards (on the mel scale, which spends more rows on low frequencies, as hearing does); the colour is the level in dB. Hover to read the frequency and level.&lt;/p&gt;&lt;p&gt;For a generated take this is not measured, it is &lt;b&gt;decoded from the codes&lt;/b&gt;: the codec&apos;s decoder reads each token&apos;s codes with the 16 tokens before it and the 2 after it (so a frame&apos;s mel is final two frames after it is generated) and writes 5 mel frames (16 ms each) per 80 ms token. The &lt;b&gt;base&lt;/b&gt; codebook was trained to carry which speech sound is spoken: alone it gives a blurred picture, and each further codebook sharpens it. Try &quot;codebooks heard&quot; in the transport bar.&lt;/p&gt;&lt;p&gt;For an opened recording it is the recording&apos;s own mel, computed from its audio.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Das Mel-Spektrogramm&lt;/h3&gt;&lt;p&gt;Die Zeit läuft nach rechts, die Frequenz nach oben (auf der Mel-Skala, die den tiefen Frequenzen mehr Zeilen gibt, so wie das Gehör); die Farbe ist der Pegel in dB. Mit der Maus darauf zeigen, um Frequenz und Pegel abzulesen.&lt;/p&gt;&lt;p&gt;Bei einem erzeugten Take ist es nicht gemessen, sondern &lt;b&gt;aus den Codes decodiert&lt;/b&gt;: Der Decoder des Codecs liest die Codes jedes Tokens zusammen mit den 16 Tokens davor und den 2 danach (das Mel-Spektrum eines Frames steht also zwei Frames nach seiner Erzeugung fest) und schreibt 5 Mel-Frames (je 16 ms) pro Token von 80 ms. Das &lt;b&gt;Basis&lt;/b&gt;-Codebuch wurde darauf trainiert, den gesprochenen Laut zu tragen: Allein ergibt es ein verschwommenes Bild, jedes weitere Codebuch macht es schärfer. Probieren Sie „Gehörte Codebücher“ in der Transportleiste aus.&lt;/p&gt;&lt;p&gt;Bei einer geöffneten Aufnahme ist es das Mel-Spektrogramm der Aufnahme selbst, aus ihrem Audio berechnet.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;h3&gt;The codec&apos;s reconstruction&lt;/h3&gt;&lt;p&gt;The recording above, &lt;b&gt;encoded&lt;/b&gt; to codes (the code grid) and &lt;b&gt;decoded&lt;/b&gt; back to a mel spectrogram by the codec: exactly what the Talker can say, since codes are all it writes. Compare the two pictures on the same time axis to see what the codes keep (which sound is spoken, and the rough shape of the spectrum) and what they lose (fine detail, fast changes). Play each to hear the difference; &quot;codebooks heard&quot; decodes with only the first codebooks.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Rekonstruktion des Codecs&lt;/h3&gt;&lt;p&gt;Die Aufnahme darüber, vom Codec in Codes &lt;b&gt;codiert&lt;/b&gt; (das Code-Raster) und wieder zu einem Mel-Spektrogramm &lt;b&gt;decodiert&lt;/b&gt;: genau das, was der Talker sagen kann, denn er schreibt nur Codes. Vergleichen Sie beide Bilder auf derselben Zeitachse: was die Codes behalten (welcher Laut gesprochen wird und die grobe Form des Spektrums) und was sie verlieren (feine Details, schnelle Wechsel). Spielen Sie beide ab, um den Unterschied zu hören; „Gehörte Codebücher“ decodiert nur mit den ersten Codebüchern.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;h3&gt;The waveform&lt;/h3&gt;&lt;p&gt;The audio you hear, sample by sample, between -1 and +1. A mel spectrogram keeps only how loud each frequency is, not its phase, so the vocoder has to invent one: &lt;b&gt;Griffin-Lim&lt;/b&gt; starts from a guess and repeatedly moves between the time signal and its spectrum until the two agree with the mel.&lt;/p&gt;&lt;p&gt;While a take is generated, a streaming vocoder turns each new frame&apos;s mel into audio at once, so you can see and play it before the take ends; when the take is complete the whole mel is rendered again in one piece. The red line is the playhead.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Wellenform&lt;/h3&gt;&lt;p&gt;Das Audio, das Sie hören, Abtastwert für Abtastwert, zwischen -1 und +1. Ein Mel-Spektrogramm bewahrt nur, wie laut jede Frequenz ist, nicht ihre Phase; der Vocoder muss also eine erfinden: &lt;b&gt;Griffin-Lim&lt;/b&gt; beginnt mit einer Schätzung und wechselt immer wieder zwischen dem Zeitsignal und seinem Spektrum, bis beide zum Mel-Spektrogramm passen.&lt;/p&gt;&lt;p&gt;Während ein Take erzeugt wird, wandelt ein Streaming-Vocoder das Mel-Spektrum jedes neuen Frames sofort in Audio um, sodass Sie es sehen und abspielen können, bevor der Take fertig ist; ist der Take vollständig, wird das ganze Mel-Spektrogramm noch einmal in einem Stück berechnet. Die rote Linie ist die Abspielmarke.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;h3&gt;The probabilities&lt;/h3&gt;&lt;p&gt;For the selected frame (or the newest one), each codebook&apos;s head produced 128 scores; the sampler turned them into probabilities and drew one code. The bars show the most probable codes; the orange one is the code that was drawn.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Temperature&lt;/b&gt; divides the scores before the softmax: below 1 the tall bars grow, above 1 the distribution flattens. &lt;b&gt;Top-k&lt;/b&gt; keeps only the k most probable codes, &lt;b&gt;top-p&lt;/b&gt; the smallest set whose probability reaches p; the rest get zero. &lt;b&gt;Argmax&lt;/b&gt; always takes the tallest bar, which is why greedy decoding so often repeats itself in a loop.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Wahrscheinlichkeiten&lt;/h3&gt;&lt;p&gt;Für den ausgewählten Frame (oder den neuesten) hat der Ausgabekopf jedes Codebuchs 128 Scores berechnet; der Sampler hat daraus Wahrscheinlichkeiten gemacht und einen Code gezogen. Die Balken zeigen die wahrscheinlichsten Codes; der orangefarbene ist der gezogene Code.&lt;/p&gt;&lt;p&gt;Die &lt;b&gt;Temperatur&lt;/b&gt; teilt die Scores vor dem Softmax: Unter 1 wachsen die hohen Balken, über 1 wird die Verteilung flacher. &lt;b&gt;Top-k&lt;/b&gt; behält nur die k wahrscheinlichsten Codes, &lt;b&gt;Top-p&lt;/b&gt; die kleinste Menge, deren Wahrscheinlichkeit p erreicht; alle übrigen bekommen null. &lt;b&gt;Argmax&lt;/b&gt; nimmt immer den höchsten Balken – deshalb wiederholt sich gieriges (greedy) Decodieren so oft in einer Schleife.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;h3&gt;Generating&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Generate&lt;/b&gt; runs the Talker for the chosen number of frames (12.5 frames make one second). &lt;b&gt;Step&lt;/b&gt; makes one frame at a time, so you can study each decision. The same model, seed and settings always produce the same codes: that is what a take file stores.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Erzeugen&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Erzeugen&lt;/b&gt; lässt den Talker die gewählte Anzahl Frames schreiben (12,5 Frames ergeben eine Sekunde). &lt;b&gt;Schritt&lt;/b&gt; erzeugt jeweils nur einen Frame, sodass Sie jede Entscheidung einzeln untersuchen können. Dasselbe Modell, derselbe Seed und dieselben Einstellungen ergeben immer dieselben Codes: Genau das speichert eine Take-Datei.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;h3&gt;Speaking text&lt;/h3&gt;&lt;p&gt;This model is &lt;b&gt;text-conditioned&lt;/b&gt;: it says what you type. A front end (flite) turns the text into &lt;b&gt;phones&lt;/b&gt;, the sounds of speech, and times each one; the row above the codes shows them (orange vowels, blue consonants, grey pauses; hover to read a phone and its frames). The text therefore decides how many frames the take has.&lt;/p&gt;&lt;p&gt;Each frame&apos;s input is the sum of the embeddings of the previous frame&apos;s codes &lt;b&gt;plus&lt;/b&gt; the embeddings of the phones of the frame it predicts (the phone at its centre and those that begin in it), of the &lt;b&gt;next phones&lt;/b&gt; (so it can prepare what comes), and of the chosen &lt;b&gt;voice&lt;/b&gt;. Attention alone learns which phone is due poorly at this size; being told the phone of every frame is what makes the words come out. Sampling works as before: the phones say what to say, the codes and their probabilities how it sounds.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Text sprechen&lt;/h3&gt;&lt;p&gt;Dieses Modell ist &lt;b&gt;textbedingt&lt;/b&gt;: Es sagt, was Sie eingeben. Ein Frontend (flite) macht aus dem Text &lt;b&gt;Phone&lt;/b&gt;, die Laute der Sprache, und legt fest, wann jedes beginnt und endet; die Zeile über den Codes zeigt sie (orange Vokale, blaue Konsonanten, graue Pausen; fahren Sie mit der Maus darüber, um ein Phon und seine Frames zu lesen). Der Text bestimmt daher, wie viele Frames der Take hat.&lt;/p&gt;&lt;p&gt;Die Eingabe jedes Frames ist die Summe der Embeddings der Codes des vorigen Frames &lt;b&gt;plus&lt;/b&gt; der Embeddings der Phone des Frames, den es vorhersagt (das Phon in seiner Mitte und die, die in ihm beginnen), der &lt;b&gt;nächsten Phone&lt;/b&gt; (damit es vorbereiten kann, was kommt) und der gewählten &lt;b&gt;Stimme&lt;/b&gt;. Allein über Attention lernt ein so kleines Modell schlecht, welches Phon an der Reihe ist; dass ihm das Phon jedes Frames gesagt wird, lässt die Wörter erst entstehen. Das Sampling wirkt wie zuvor: Die Phone sagen, was gesagt wird, die Codes und ihre Wahrscheinlichkeiten, wie es klingt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&lt;h3&gt;The sampling row&lt;/h3&gt;&lt;p&gt;Under the code grid, one thin stripe per codebook shows how &lt;b&gt;uncertain&lt;/b&gt; the Talker was when that frame&apos;s code was drawn: the &lt;b&gt;entropy&lt;/b&gt; of the distribution the sampler drew from, in bits. Dark means one code was all but certain (0 bits); bright means many codes were about equally likely (7 bits: all 128). An entropy of H bits is as uncertain as a choice among 2&lt;sup&gt;H&lt;/sup&gt; equally likely codes. Lower temperature, top-k and top-p make the stripes darker; the base codebook is usually the most certain.&lt;/p&gt;&lt;p&gt;A &lt;b&gt;red mark&lt;/b&gt; over a frame means all its codes repeat the frame before it exactly. With &lt;b&gt;argmax&lt;/b&gt; the Talker always takes the most probable code, so once a frame makes its own repetition the most probable next frame, it says that frame again and again: the marks run together and the take falls silent or hums. Sampling escapes such loops, because a less probable code is drawn now and then.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Sampling-Zeile&lt;/h3&gt;&lt;p&gt;Unter dem Code-Raster zeigt ein schmaler Streifen je Codebuch, wie &lt;b&gt;unsicher&lt;/b&gt; der Talker war, als der Code dieses Frames gezogen wurde: die &lt;b&gt;Entropie&lt;/b&gt; der Verteilung, aus der der Sampler zog, in Bit. Dunkel heißt, ein Code war so gut wie sicher (0 Bit); hell heißt, viele Codes waren etwa gleich wahrscheinlich (7 Bit: alle 128). Eine Entropie von H Bit ist so unsicher wie eine Wahl unter 2&lt;sup&gt;H&lt;/sup&gt; gleich wahrscheinlichen Codes. Niedrigere Temperatur, Top-k und Top-p machen die Streifen dunkler; das Basis-Codebuch ist meist am sichersten.&lt;/p&gt;&lt;p&gt;Eine &lt;b&gt;rote Marke&lt;/b&gt; über einem Frame heißt, dass alle seine Codes den vorigen Frame genau wiederholen. Mit &lt;b&gt;Argmax&lt;/b&gt; nimmt der Talker immer den wahrscheinlichsten Code; sobald ein Frame seine eigene Wiederholung zum wahrscheinlichsten nächsten Frame macht, sagt er diesen Frame wieder und wieder: die Marken laufen zusammen, und der Take verstummt oder brummt. Sampling entkommt solchen Schleifen, weil hin und wieder ein weniger wahrscheinlicher Code gezogen wird.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;h3&gt;The attention view&lt;/h3&gt;&lt;p&gt;To predict a frame, every layer of the Talker &lt;b&gt;attends&lt;/b&gt; to the frames before it: it scores each earlier position against the current one, turns the scores into weights that add up to 1 (a softmax), and reads a weighted mix of what those positions hold. The view shows these weights for the selected frame (outlined; the newest one while a take streams): one thin row per layer and query head, brighter where the weight is larger, each row scaled to its own largest weight. The small box left of the rows is the weight on the &lt;b&gt;BOS&lt;/b&gt; position.&lt;/p&gt;&lt;p&gt;The Talker uses &lt;b&gt;grouped-query attention&lt;/b&gt; (GQA): each layer has 3 query heads but only one key/value head, which the three share. Each head asks its own question of the past, yet all read the same stored keys and values, so the cache of the past is a third of the size and each step reads a third of the memory; at this size that costs almost nothing in quality.&lt;/p&gt;&lt;p&gt;Attention usually &lt;b&gt;falls off with distance&lt;/b&gt;: the frames just before carry the sound that is continuing (80 ms ago is part of the same vowel), while frames seconds back matter little for what comes next. RoPE, the rotary position encoding, makes scores depend on how far apart two positions are, so heads can learn such a preference for the recent past; some heads instead rest on BOS when they have nothing to look for.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Die Attention-Ansicht&lt;/h3&gt;&lt;p&gt;Um einen Frame vorherzusagen, richtet jede Schicht des Talkers ihre &lt;b&gt;Attention&lt;/b&gt; auf die Frames davor: Sie bewertet jede frühere Position gegenüber der aktuellen, macht aus den Bewertungen Gewichte, die sich zu 1 addieren (ein Softmax), und liest eine gewichtete Mischung dessen, was diese Positionen enthalten. Die Ansicht zeigt diese Gewichte für den ausgewählten Frame (umrandet; während ein Take entsteht, den neuesten): eine schmale Zeile je Schicht und Query-Kopf, heller, wo das Gewicht größer ist, jede Zeile auf ihr eigenes größtes Gewicht skaliert. Das kleine Kästchen links der Zeilen ist das Gewicht auf der &lt;b&gt;BOS&lt;/b&gt;-Position.&lt;/p&gt;&lt;p&gt;Der Talker nutzt &lt;b&gt;Grouped-Query Attention&lt;/b&gt; (GQA): Jede Schicht hat 3 Query-Köpfe, aber nur einen Key/Value-Kopf, den sich die drei teilen. Jeder Kopf stellt der Vergangenheit seine eigene Frage, doch alle lesen dieselben gespeicherten Keys und Values: Der Cache der Vergangenheit ist ein Drittel so groß, und jeder Schritt liest ein Drittel des Speichers; bei dieser Größe kostet das fast nichts an Qualität.&lt;/p&gt;&lt;p&gt;Die Attention &lt;b&gt;nimmt meist mit dem Abstand ab&lt;/b&gt;: Die Frames unmittelbar davor tragen den Laut, der gerade weitergeht (vor 80 ms gehört zum selben Vokal), während Frames von vor Sekunden für das Folgende wenig zählen. RoPE, die rotierende Positionscodierung, lässt die Bewertungen davon abhängen, wie weit zwei Positionen auseinanderliegen, sodass Köpfe eine solche Vorliebe für die jüngste Vergangenheit lernen können; manche Köpfe ruhen stattdessen auf BOS, wenn sie nichts zu suchen haben.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ModelDescription</name>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="+19"/>
        <source>The chapter&apos;s Talker: 2 codebooks of 128 at 12.5 Hz, d_model 192, 4 layers.</source>
        <translation>Der Talker des Kapitels: 2 Codebücher zu je 128 Codes bei 12,5 Hz, d_model 192, 4 Schichten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chapter&apos;s Talker with 8 codebooks of 128 at 12.5 Hz, for clearer speech.</source>
        <translation>Der Talker des Kapitels mit 8 Codebüchern zu je 128 Codes bei 12,5 Hz, für klarere Sprache.</translation>
    </message>
</context>
<context>
    <name>ProbabilityView</name>
    <message>
        <location filename="../ui/views/ProbabilityRenderer.cpp" line="+42"/>
        <source>%1: argmax %2 (p = %3)</source>
        <translation>%1: argmax %2 (p = %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: sampled %2 (p = %3), %4 of %5 codes kept</source>
        <translation>%1: gezogen %2 (p = %3), %4 von %5 Codes behalten</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="+54"/>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no widget named &apos;%1&apos; in the window</source>
        <translation>kein Widget namens „%1“ im Fenster</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot write the screenshot: %1</source>
        <translation>Das Bildschirmfoto lässt sich nicht schreiben: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>wrote &apos;%1&apos; (%2x%3)</source>
        <translation>„%1“ geschrieben (%2×%3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model bundle to open.</source>
        <translation>Zu öffnendes Modellpaket.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Render the window into a PNG file and exit.</source>
        <translation>Das Fenster in eine PNG-Datei zeichnen und beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --screenshot: generate a take first.</source>
        <translation>Mit --screenshot: zuerst einen Take erzeugen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames to generate.</source>
        <translation>Anzahl der zu erzeugenden Frames.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed.</source>
        <translation>Seed des Zufallsgenerators.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Always take the most probable code (argmax).</source>
        <translation>Immer den wahrscheinlichsten Code nehmen (Argmax).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --screenshot and --generate: then set the code of frame F, codebook K to C and regenerate the frames after it, as the code grid&apos;s menu does.</source>
        <translation>Mit --screenshot und --generate: danach den Code von Frame F, Codebuch K auf C setzen und die Frames danach neu erzeugen, wie es das Menü des Code-Rasters tut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Text to say (a text-conditioned model).</source>
        <translation>Zu sprechender Text (ein textbedingtes Modell).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voice to say it with (a text-conditioned model).</source>
        <translation>Stimme, mit der er gesprochen wird (ein textbedingtes Modell).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recording to open and analyse at start (WAV, FLAC or OGG).</source>
        <translation>Aufnahme, die beim Start geöffnet und analysiert wird (WAV, FLAC oder OGG).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --open: continue the recording from its first N frames.</source>
        <translation>Mit --open: die Aufnahme mit ihren ersten N Frames als Prompt fortsetzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --screenshot: press this button or menu action (an object name, e.g. learn) before rendering; may be repeated.</source>
        <translation>Mit --screenshot: vor dem Zeichnen diese Schaltfläche oder Menüaktion auslösen (ein Objektname, z. B. learn); mehrfach möglich.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --screenshot: render only the widget with this object or class name (e.g. melView, QMessageBox).</source>
        <translation>Mit --screenshot: nur das Widget mit diesem Objekt- oder Klassennamen zeichnen (z. B. melView, QMessageBox).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the training window and plot this loss log (a bundle&apos;s train-log.jsonl).</source>
        <translation>Das Trainingsfenster öffnen und dieses Verlustprotokoll zeigen (die train-log.jsonl eines Pakets).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --screenshot and --generate: print the take&apos;s time (from Generate to its audio) on standard output as one JSON line, for benchmarks.</source>
        <translation>Mit --screenshot und --generate: die Dauer der Aufnahme (von „Erzeugen“ bis zu ihrem Audio) als eine JSON-Zeile auf der Standardausgabe ausgeben, für Benchmarks.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface language for this run: %1 (default: the one chosen in View &gt; Language, else the system&apos;s).</source>
        <translation>Sprache der Oberfläche für diesen Start: %1 (Standard: die unter Ansicht &gt; Sprache gewählte, sonst die des Systems).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Watch a tiny speech-code generator write speech.</source>
        <translation>Sehen Sie einem winzigen Sprach-Code-Generator beim Schreiben von Sprache zu.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown language &apos;%1&apos;: expected one of %2</source>
        <translation>unbekannte Sprache „%1“: erwartet wird eine von %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>warning: no translation into %1 (talker-studio_%2.qm) in %3: the studio is shown in English</source>
        <translation>Warnung: keine Übersetzung für %1 (talker-studio_%2.qm) in %3: Das Studio wird auf Englisch angezeigt</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>no display to show the window on (DISPLAY and WAYLAND_DISPLAY are not set): start it in a desktop session, or with QT_QPA_PLATFORM=offscreen for --screenshot</source>
        <translation>keine Anzeige, auf der das Fenster erscheinen kann (DISPLAY und WAYLAND_DISPLAY sind nicht gesetzt): in einer Desktop-Sitzung starten oder für --screenshot mit QT_QPA_PLATFORM=offscreen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>invalid frame count &apos;%1&apos;: expected a whole number of 1 or more</source>
        <translation>ungültige Frame-Anzahl „%1“: erwartet wird eine ganze Zahl ab 1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>invalid seed &apos;%1&apos;: expected a whole number</source>
        <translation>ungültiger Seed „%1“: erwartet wird eine ganze Zahl</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--text and --voice need a text-conditioned model (e.g. --bundle with the speak model)</source>
        <translation>--text und --voice brauchen ein textbedingtes Modell (z. B. --bundle mit dem Modell speak)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown voice &apos;%1&apos;: expected one of %2</source>
        <translation>unbekannte Stimme „%1“: erwartet wird eine von %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>invalid prompt length &apos;%1&apos;: expected a whole number of 1 or more frames</source>
        <translation>ungültige Prompt-Länge „%1“: erwartet wird eine ganze Zahl ab 1 Frame</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--continue needs a recording to continue: add --open FILE</source>
        <translation>--continue braucht eine Aufnahme zum Fortsetzen: --open DATEI angeben</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>invalid --edit &apos;%1&apos;: expected FRAME,CODEBOOK,CODE (whole numbers), with --generate</source>
        <translation>ungültiges --edit &apos;%1&apos;: erwartet FRAME,CODEBUCH,CODE (ganze Zahlen), zusammen mit --generate</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no button or action named &apos;%1&apos; in the window</source>
        <translation>keine Schaltfläche oder Aktion namens „%1“ im Fenster</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>cannot continue from frame %1: the recording has %2 frames</source>
        <translation>Fortsetzen ab Frame %1 nicht möglich: Die Aufnahme hat %2 Frames</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>invalid --edit: codebook %1 and code %2 must be 0 or more and within the model&apos;s codebooks and codes</source>
        <translation>ungültiges --edit: Codebuch %1 und Code %2 müssen 0 oder größer sein und innerhalb der Codebücher und Codes des Modells liegen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the screenshot timed out</source>
        <translation>Zeitüberschreitung beim Bildschirmfoto</translation>
    </message>
</context>
<context>
    <name>talker::ui::AttentionView</name>
    <message>
        <location filename="../ui/views/AttentionView.cpp" line="+92"/>
        <source>No attention weights for frame %1 (a recording, or a backend that reports none)</source>
        <translation>Keine Attention-Gewichte für Frame %1 (eine Aufnahme oder ein Backend, das keine meldet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>layer %1, query head %2 (key/value head %3)</source>
        <translation>Schicht %1, Query-Kopf %2 (Key/Value-Kopf %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frame %1, %2: %3 % on BOS</source>
        <translation>Frame %1, %2: %3 % auf BOS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Frame %1, %2: reads only the frames before it</source>
        <translation>Frame %1, %2: liest nur die Frames davor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the frame before</source>
        <translation>der Frame davor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 frames back</source>
        <translation>%1 Frames zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frame %1, %2: %3 % on frame %4 (%5)</source>
        <translation>Frame %1, %2: %3 % auf Frame %4 (%5)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>no attention weights for this take</source>
        <translation>keine Attention-Gewichte für diesen Take</translation>
    </message>
</context>
<context>
    <name>talker::ui::AudioPlayer</name>
    <message>
        <location filename="../ui/AudioPlayer.cpp" line="+29"/>
        <location line="+70"/>
        <source>No audio output device: playback is unavailable (%1)</source>
        <translation>Kein Audio-Ausgabegerät: Wiedergabe nicht möglich (%1)</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>No audio output device: playback is unavailable</source>
        <translation>Kein Audio-Ausgabegerät: Wiedergabe nicht möglich</translation>
    </message>
</context>
<context>
    <name>talker::ui::CodeGridView</name>
    <message>
        <location filename="../ui/training/LossCurves.cpp" line="+78"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+27"/>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+0"/>
        <source>residual</source>
        <translation>Residuum</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+1"/>
        <source>cb 0 (base)</source>
        <translation>CB 0 (Basis)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/views/CodeGridView.cpp" line="+0"/>
        <source>cb %1</source>
        <translation>CB %1</translation>
    </message>
    <message>
        <location filename="../ui/views/CodeGridView.cpp" line="+22"/>
        <source>Frame %1 (%2 s), %3: code %4</source>
        <translation>Frame %1 (%2 s), %3: Code %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Frame %1, %2: code %3</source>
        <translation>Frame %1, %2: Code %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change the Code and Regenerate from Here</source>
        <translation>Code ändern und ab hier neu erzeugen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the Code (the last frame: nothing follows it to regenerate)</source>
        <translation>Code ändern (letzter Frame: danach ist nichts neu zu erzeugen)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code %1 (p = %2)</source>
        <translation>Code %1 (p = %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code %1</source>
        <translation>Code %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Other Code...</source>
        <translation>Anderer Code...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the Code</source>
        <translation>Code ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code for frame %1, %2 (0 to %3):</source>
        <translation>Code für Frame %1, %2 (0 bis %3):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resample from Frame %1 with a New Seed</source>
        <translation>Ab Frame %1 mit neuem Seed neu ziehen</translation>
    </message>
</context>
<context>
    <name>talker::ui::GenerationPanel</name>
    <message>
        <location filename="../ui/panels/GenerationPanel.cpp" line="+30"/>
        <source>Type what the model should say</source>
        <translation>Geben Sie ein, was das Modell sagen soll</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The text to say: the front end turns it into timed phones, and each frame the Talker predicts reads the phones of its time</source>
        <translation>Der zu sprechende Text: Das Frontend macht daraus zeitlich gesetzte Phone, und jeder Frame, den der Talker vorhersagt, liest die Phone seiner Zeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The speaker the model imitates (one of the voices it was trained on)</source>
        <translation>Der Sprecher, den das Modell nachahmt (eine der Stimmen, mit denen es trainiert wurde)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Voice:</source>
        <translation>St&amp;imme:</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+90"/>
        <source>Frames to generate; 12.5 frames make one second</source>
        <translation>Anzahl der zu erzeugenden Frames; 12,5 Frames ergeben eine Sekunde</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>set by the text</source>
        <translation>vom Text bestimmt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Frames:</source>
        <translation>&amp;Frames:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Below 1 sharpens the distributions, above 1 flattens them</source>
        <translation>Unter 1 werden die Verteilungen schärfer, über 1 flacher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Temperature:</source>
        <translation>&amp;Temperatur:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always take the most probable code</source>
        <translation>Immer den wahrscheinlichsten Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Argmax:</source>
        <translation>Arg&amp;max:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep only the k most probable codes (off: keep all)</source>
        <translation>Nur die k wahrscheinlichsten Codes behalten (aus: alle behalten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-&amp;k:</source>
        <translation>Top-&amp;k:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep the smallest set of codes whose probability reaches p (1: keep all)</source>
        <translation>Die kleinste Menge von Codes behalten, deren Wahrscheinlichkeit p erreicht (1: alle behalten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-&amp;p:</source>
        <translation>Top-&amp;p:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The same model, seed and settings always make the same take</source>
        <translation>Dasselbe Modell, derselbe Seed und dieselben Einstellungen ergeben immer denselben Take</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New seed</source>
        <translation>&amp;Neuer Seed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Seed:</source>
        <translation>&amp;Seed:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real time (12.5 frames/s)</source>
        <translation>Echtzeit (12,5 Frames/s)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pa&amp;ce:</source>
        <translation>Temp&amp;o:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The text decides the length: as many frames as its timed phones last (12.5 frames make one second)</source>
        <translation>Der Text bestimmt die Länge: so viele Frames, wie seine Phone dauern (12,5 Frames ergeben eine Sekunde)</translation>
    </message>
</context>
<context>
    <name>talker::ui::GenerationWorker</name>
    <message>
        <location filename="../ui/GenerationWorker.cpp" line="+72"/>
        <source>no model is loaded</source>
        <translation>kein Modell geladen</translation>
    </message>
</context>
<context>
    <name>talker::ui::LanguageMenu</name>
    <message>
        <location filename="../ui/LanguageMenu.cpp" line="+16"/>
        <source>Talker Studio will be shown in %1 from its next start.</source>
        <translation>Talker Studio wird ab dem nächsten Start auf %1 angezeigt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;System (%1)</source>
        <translation>&amp;System (%1)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
</context>
<context>
    <name>talker::ui::LossCurves</name>
    <message>
        <location filename="../ui/training/LossCurves.cpp" line="-56"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>cross entropy (nats)</source>
        <translation>Kreuzentropie (nats)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Validation loss per codebook</source>
        <translation>Validierungsverlust je Codebuch</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>sum</source>
        <translation>Summe</translation>
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
        <translation>Das Standardmodell wurde nicht gefunden: %1. Öffnen Sie ein Modell mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Open &amp;Model...</source>
        <translation>&amp;Modell öffnen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open Audio...</source>
        <translation>Audio ö&amp;ffnen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Take...</source>
        <translation>&amp;Take öffnen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save Take...</source>
        <translation>Take &amp;speichern...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Audio...</source>
        <translation>&amp;Audio exportieren...</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Audio of the Se&amp;lection...</source>
        <translation>Audio der Aus&amp;wahl exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Codes...</source>
        <translation>&amp;Codes exportieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Train a Model...</source>
        <translation>Modell &amp;trainieren...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit a codec and train a Talker on a corpus, with live loss curves</source>
        <translation>Einen Codec anpassen und einen Talker auf einem Korpus trainieren, mit Live-Verlustkurven</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+118"/>
        <location line="+939"/>
        <source>&amp;Generate</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <location line="-1057"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a take (Ctrl+Return)</source>
        <translation>Einen Take erzeugen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tep</source>
        <translation>Schri&amp;tt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate one frame (F10)</source>
        <translation>Einen Frame erzeugen (F10)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sto&amp;p</source>
        <translation>An&amp;halten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop generating or decoding (Esc)</source>
        <translation>Erzeugen oder Decodieren anhalten (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Seed</source>
        <translation>&amp;Neuer Seed</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1024"/>
        <source>&amp;Play</source>
        <translation>&amp;Abspielen</translation>
    </message>
    <message>
        <location line="-1023"/>
        <source>Play or stop (Space)</source>
        <translation>Abspielen oder stoppen (Leertaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play &amp;Selection</source>
        <translation>Aus&amp;wahl abspielen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shift+Space</source>
        <translation>Shift+Space</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Loop</source>
        <translation>&amp;Schleife</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Normal Size</source>
        <translation>&amp;Normalgröße</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fit the Take</source>
        <translation>Take &amp;einpassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open Model Bundle</source>
        <translation>Modellpaket öffnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Audio</source>
        <translation>Audio öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audio files (%1);;All files (*)</source>
        <translation>Audiodateien (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Take</source>
        <translation>Take öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes (*.json);;All files (*)</source>
        <translation>Takes (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Take</source>
        <translation>Take speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/take.json</source>
        <translation>/take.json</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes (*.json)</source>
        <translation>Takes (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>WAV, 16-bit PCM (*.wav)</source>
        <translation>WAV, 16-Bit-PCM (*.wav)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WAV, 32-bit float (*.wav)</source>
        <translation>WAV, 32-Bit-Gleitkomma (*.wav)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Audio of the Selection</source>
        <translation>Audio der Auswahl exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export Audio</source>
        <translation>Audio exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/take.wav</source>
        <translation>/take.wav</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Codes CSV (*.csv)</source>
        <translation>Codes als CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Codes JSON (*.json)</source>
        <translation>Codes als JSON (*.json)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Codes</source>
        <translation>Codes exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>/codes.csv</source>
        <translation>/codes.csv</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Code Grid as PNG...</source>
        <translation>&amp;Code-Raster als PNG...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mel Spectrogram as PNG...</source>
        <translation>&amp;Mel-Spektrogramm als PNG...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codec &amp;Reconstruction as PNG...</source>
        <translation>Codec-&amp;Rekonstruktion als PNG...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Waveform as PNG...</source>
        <translation>&amp;Wellenform als PNG...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Probabilities as PNG...</source>
        <translation>W&amp;ahrscheinlichkeiten als PNG...</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+797"/>
        <source>Export View</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <location line="-797"/>
        <source>/view.png</source>
        <translation>/view.png</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export &amp;View</source>
        <translation>Ansicht e&amp;xportieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;What Am I Looking At?</source>
        <translation>&amp;Was sehe ich hier?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What am I looking at?</source>
        <translation>Was sehe ich hier?</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;About Talker Studio</source>
        <translation>&amp;Über Talker Studio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Talker Studio</source>
        <translation>Über Talker Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Talker Studio %1&lt;/h3&gt;&lt;p&gt;Watch a tiny autoregressive speech-code generator write speech one frame at a time.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Talker Studio %1&lt;/h3&gt;&lt;p&gt;Sehen Sie zu, wie ein winziger autoregressiver Sprach-Code-Generator Sprache schreibt, Frame für Frame.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Transport</source>
        <translation>Transportleiste</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Codebooks heard: first </source>
        <translation>Gehörte Codebücher: die ersten </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Decode the codes with only the first n codebooks: 1 is the base alone, all of them is base + residual</source>
        <translation>Die Codes nur mit den ersten n Codebüchern decodieren: 1 ist die Basis allein, alle sind Basis + Residuum</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Phones (what the text says, as timed by the front end)</source>
        <translation>Phone (was der Text sagt, zeitlich gesetzt vom Frontend)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampling: entropy per codebook; red marks a repeat</source>
        <translation>Sampling: Entropie je Codebuch; Rot markiert Wiederholung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attention of the selected frame, per layer and head</source>
        <translation>Attention des gewählten Frames, je Schicht und Kopf</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+464"/>
        <source>Mel spectrogram</source>
        <translation>Mel-Spektrogramm</translation>
    </message>
    <message>
        <location line="-449"/>
        <source>Play Original</source>
        <translation>Original abspielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Play Reconstruction</source>
        <translation>Rekonstruktion abspielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waveform</source>
        <translation>Wellenform</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Generate</source>
        <translation>Erzeugen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+652"/>
        <source>Probabilities</source>
        <translation>Wahrscheinlichkeiten</translation>
    </message>
    <message numerus="yes">
        <location line="-609"/>
        <source>Stopped decoding: still hearing the first %n codebook(s).</source>
        <translation>
            <numerusform>Decodieren angehalten: weiterhin nur das erste Codebuch zu hören.</numerusform>
            <numerusform>Decodieren angehalten: weiterhin die ersten %n Codebücher zu hören.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped opening the recording.</source>
        <translation>Öffnen der Aufnahme angehalten.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The take on screen was not saved or exported. Quit anyway?</source>
        <translation>Der angezeigte Take wurde weder gespeichert noch exportiert. Trotzdem beenden?</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The take on screen was not saved or exported. Open another model anyway?</source>
        <translation>Der angezeigte Take wurde weder gespeichert noch exportiert. Trotzdem ein anderes Modell öffnen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open the model: %1</source>
        <translation>Das Modell lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loaded model &apos;%1&apos; from %2</source>
        <translation>Modell „%1“ aus %2 geladen</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Model &apos;%1&apos; speaks text: it cannot continue a recording, whose words it is not told. Continue with a model without text conditioning.</source>
        <translation>Das Modell „%1“ spricht Text: Es kann keine Aufnahme fortsetzen, deren Wörter ihm niemand sagt. Setzen Sie sie mit einem Modell ohne Textbedingung fort.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Continue &apos;%1&apos; after frame %2</source>
        <translation>&apos;%1&apos; nach Frame %2 fortsetzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No model is loaded: open one with File &gt; Open Model.</source>
        <translation>Kein Modell geladen: Öffnen Sie eines mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The seed &apos;%1&apos; is not a whole number from 0 to 18446744073709551615.</source>
        <translation>Der Seed „%1“ ist keine ganze Zahl von 0 bis 18446744073709551615.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Type the text to say first: model &apos;%1&apos; speaks text.</source>
        <translation>Geben Sie zuerst den zu sprechenden Text ein: Das Modell „%1“ spricht Text.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot say the text: %1</source>
        <translation>Der Text lässt sich nicht sprechen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot generate: %1</source>
        <translation>Erzeugen nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Generating...</source>
        <translation>Wird erzeugt...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Frame %1 / %2, %3 ms</source>
        <translation>Frame %1 / %2, %3 ms</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 frames in %2 ms (first frame %3 ms, %4 ms/frame, %5), seed %6</source>
        <translation>%1 Frames in %2 ms (erster Frame %3 ms, %4 ms/Frame, %5), Seed %6</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Regenerated the take: the codes are identical to the take file&apos;s.</source>
        <translation>Take neu erzeugt: Die Codes sind identisch mit denen der Take-Datei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The regenerated codes differ from the take file&apos;s from frame %1 on: the take was made with another model or another version of the engine.</source>
        <translation>Die neu erzeugten Codes weichen ab Frame %1 von denen der Take-Datei ab: Der Take wurde mit einem anderen Modell oder einer anderen Version der Engine erstellt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Generate %1 frames: %2</source>
        <translation>%1 Frames erzeugen: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (stopped)</source>
        <translation>%1 (gestoppt)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The take streams with all codebooks; the codebooks you chose are heard when it ends.</source>
        <translation>Der Take wird mit allen Codebüchern gestreamt; die gewählten Codebücher sind zu hören, sobald er endet.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Decoding with the first %n codebook(s)...</source>
        <translation>
            <numerusform>Wird nur mit dem ersten Codebuch decodiert...</numerusform>
            <numerusform>Wird mit den ersten %n Codebüchern decodiert...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Hear the first %n codebook(s)</source>
        <translation>
            <numerusform>Das erste Codebuch hören</numerusform>
            <numerusform>Die ersten %n Codebücher hören</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Now decoding with the first %n codebook(s).</source>
        <translation>
            <numerusform>Jetzt wird nur mit dem ersten Codebuch decodiert.</numerusform>
            <numerusform>Jetzt wird mit den ersten %n Codebüchern decodiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot prepare the model: %1</source>
        <translation>Das Modell lässt sich nicht vorbereiten: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generation failed: %1</source>
        <translation>Das Erzeugen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot decode the take: %1</source>
        <translation>Der Take lässt sich nicht decodieren: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot open the recording: %1</source>
        <translation>Die Aufnahme lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Mel spectrogram: original recording</source>
        <translation>Mel-Spektrogramm: Originalaufnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mel spectrogram: codec reconstruction (decoded with %1 of %2 codebooks)</source>
        <translation>Mel-Spektrogramm: Codec-Rekonstruktion (decodiert mit %1 von %2 Codebüchern)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No model is loaded: a recording is analysed with a model&apos;s codec. Open one with File &gt; Open Model.</source>
        <translation>Kein Modell geladen: Eine Aufnahme wird mit dem Codec eines Modells analysiert. Öffnen Sie eines mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The take on screen was not saved or exported. Open a recording anyway?</source>
        <translation>Der angezeigte Take wurde weder gespeichert noch exportiert. Trotzdem eine Aufnahme öffnen?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Analysing %1...</source>
        <translation>%1 wird analysiert...</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: %2 frames</source>
        <translation>%1: %2 Frames</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened %1 (%2 s, %3 frames)</source>
        <translation>%1 geöffnet (%2 s, %3 Frames)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No model is loaded: open the take&apos;s model first with File &gt; Open Model.</source>
        <translation>Kein Modell geladen: Öffnen Sie zuerst das Modell des Takes mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot open the take: %1</source>
        <translation>Der Take lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot open the take &apos;%1&apos;: it has %2 x %3 codes but model &apos;%4&apos; makes %5 x %6.</source>
        <translation>Der Take „%1“ lässt sich nicht öffnen: Er hat %2 × %3 Codes, das Modell „%4“ erzeugt aber %5 × %6.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The take &apos;%1&apos; was made with model &apos;%2&apos; (%3), not the open one: its codes may come out different.</source>
        <translation>Der Take „%1“ wurde mit dem Modell „%2“ (%3) erstellt, nicht mit dem geöffneten: Seine Codes können anders ausfallen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot regenerate the take &apos;%1&apos;: %2</source>
        <translation>Der Take „%1“ lässt sich nicht neu erzeugen: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open take &apos;%1&apos;</source>
        <translation>Take &apos;%1&apos; öffnen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no finished take to save.</source>
        <translation>Es gibt keinen fertigen Take zum Speichern.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save the take: %1</source>
        <translation>Der Take lässt sich nicht speichern: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved the take to %1</source>
        <translation>Take in %1 gespeichert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>There is no audio to export.</source>
        <translation>Es gibt kein Audio zum Exportieren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select frames first (drag across a view) to export the selection.</source>
        <translation>Wählen Sie zuerst Frames aus (in einer Ansicht darüberziehen), um die Auswahl zu exportieren.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot export the audio: %1</source>
        <translation>Das Audio lässt sich nicht exportieren: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported %1 s of audio to %2</source>
        <translation>%1 s Audio nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There are no codes to export.</source>
        <translation>Es gibt keine Codes zum Exportieren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot export the codes: %1</source>
        <translation>Die Codes lassen sich nicht exportieren: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported %1 frames of codes to %2</source>
        <translation>Codes von %1 Frames nach %2 exportiert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1x: %2 x %3 pixels</source>
        <translation>%1x: %2 × %3 Pixel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size of the image (2x or more for print):</source>
        <translation>Größe des Bildes (2x oder mehr für den Druck):</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>x: time (s); rows: codebooks; each cell: the code of that frame (0 to %1)</source>
        <translation>x: Zeit (s); Zeilen: Codebücher; jede Zelle: der Code dieses Frames (0 bis %1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>x: time (s); y: frequency (mel scale); colour: level (dB)</source>
        <translation>x: Zeit (s); y: Frequenz (Mel-Skala); Farbe: Pegel (dB)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>x: time (s); y: amplitude (full scale = 1)</source>
        <translation>x: Zeit (s); y: Amplitude (Vollaussteuerung = 1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>bars: the probability of each candidate code of the shown frame, per codebook</source>
        <translation>Balken: die Wahrscheinlichkeit jedes Kandidaten-Codes des gezeigten Frames, je Codebuch</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>seed %1, %2 frames</source>
        <translation>Seed %1, %2 Frames</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 - model &apos;%2&apos;</source>
        <translation>%1 – Modell „%2“</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 - model &apos;%2&apos;, %3</source>
        <translation>%1 – Modell „%2“, %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot export the view at %1 times its size: choose from %2 to %3.</source>
        <translation>Die Ansicht lässt sich nicht in %1-facher Größe exportieren: wählen Sie %2 bis %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot export the view: %1</source>
        <translation>Die Ansicht lässt sich nicht exportieren: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported the view to %1 (%2 x %3 pixels)</source>
        <translation>Ansicht nach %1 exportiert (%2 × %3 Pixel)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sto&amp;p Playing</source>
        <translation>Wiedergabe &amp;stoppen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select frames first: drag across a view.</source>
        <translation>Wählen Sie zuerst Frames aus: in einer Ansicht darüberziehen.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>&amp;Run to End</source>
        <translation>Bis zum &amp;Ende</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../ui/MainWindowHistory.cpp" line="+44"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../ui/MainWindowHistory.cpp" line="+3"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
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
        <translation>Mit dem vorigen Take &amp;vergleichen (A/B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch between this take (A) and the one it replaced (B); the waveform shows both (Ctrl+B)</source>
        <translation>Zwischen diesem Take (A) und dem ersetzten (B) umschalten; die Wellenform zeigt beide (Strg+B)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Take History</source>
        <translation>Take-Verlauf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no take yet)</source>
        <translation>(noch kein Take)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take &amp;History</source>
        <translation>Take-&amp;Verlauf</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 frames (%2 from the prompt), %3</source>
        <translation>%1 Frames (%2 aus dem Prompt), %3</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>B: the take before &quot;%1&quot; (Ctrl+B: back to A)</source>
        <translation>B: der Take vor „%1“ (Strg+B: zurück zu A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A: the take after &quot;%1&quot;</source>
        <translation>A: der Take nach „%1“</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Codes can be changed in a finished take only: wait for the take to end, or generate one.</source>
        <translation>Codes lassen sich nur in einem fertigen Take ändern: warten Sie, bis er fertig ist, oder erzeugen Sie einen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot regenerate: %1</source>
        <translation>Kann nicht neu erzeugen: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot change code %1 of frame %2, codebook %3: the take has frames 0 to %4 (the last has nothing after it to regenerate) and codes 0 to %5.</source>
        <translation>Code %1 in Frame %2, Codebuch %3 kann nicht geändert werden: der Take hat die Frames 0 bis %4 (nach dem letzten ist nichts neu zu erzeugen) und die Codes 0 bis %5.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit frame %1, %2: code %3 to %4</source>
        <translation>Frame %1, %2 bearbeiten: Code %3 zu %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot resample from frame %1: the take has frames 0 to %2.</source>
        <translation>Kann nicht ab Frame %1 neu ziehen: der Take hat die Frames 0 bis %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resample from frame %1 (seed %2)</source>
        <translation>Ab Frame %1 neu gezogen (Seed %2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unsaved Take</source>
        <translation>Nicht gespeicherter Take</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>take</source>
        <translation>Take</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
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
        <translation>%1 s (Frame %2), %3 Hz, %4 dB</translation>
    </message>
</context>
<context>
    <name>talker::ui::ModelPanel</name>
    <message>
        <location filename="../ui/panels/ModelPanel.cpp" line="+42"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;No model loaded&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kein Modell geladen&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;small&gt;%2&lt;/small&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h4&gt;Configuration&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Talker parameters&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Codec parameters&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Layers, d&lt;sub&gt;model&lt;/sub&gt;&lt;/td&gt;&lt;td&gt;%3, %4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Heads (query / key-value)&lt;/td&gt;&lt;td&gt;%5 / %6, dim %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Codebooks K x size V&lt;/td&gt;&lt;td&gt;%8 x %9 (BOS = %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Mel&lt;/td&gt;&lt;td&gt;%10 bins, %11 sub-frames per token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Frame rate&lt;/td&gt;&lt;td&gt;%12 frames/s (%13 Hz audio)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocoder&lt;/td&gt;&lt;td&gt;%14, %15 iterations&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;h4&gt;Konfiguration&lt;/h4&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Talker-Parameter&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Codec-Parameter&lt;/td&gt;&lt;td&gt;%2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Schichten, d&lt;sub&gt;model&lt;/sub&gt;&lt;/td&gt;&lt;td&gt;%3, %4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Köpfe (Query / Key-Value)&lt;/td&gt;&lt;td&gt;%5 / %6, Dim. %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Codebücher K × Größe V&lt;/td&gt;&lt;td&gt;%8 × %9 (BOS = %9)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Mel&lt;/td&gt;&lt;td&gt;%10 Bänder, %11 Sub-Frames pro Token&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Framerate&lt;/td&gt;&lt;td&gt;%12 Frames/s (Audio mit %13 Hz)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Vocoder&lt;/td&gt;&lt;td&gt;%14, %15 Iterationen&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&lt;tr&gt;&lt;td&gt;Backend&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;Backend&lt;/td&gt;&lt;td&gt;%1&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h4&gt;Provenance&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;Herkunft&lt;/h4&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;None recorded (an untrained or hand-made bundle).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nichts verzeichnet (ein untrainiertes oder von Hand erstelltes Paket).&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h4&gt;Metrics&lt;/h4&gt;</source>
        <translation>&lt;h4&gt;Metriken&lt;/h4&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;None recorded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nichts verzeichnet.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>talker::ui::PhoneRowView</name>
    <message>
        <location filename="../ui/views/PhoneRowView.cpp" line="+104"/>
        <source>pause (sil)</source>
        <translation>Pause (sil)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>phone &apos;%1&apos;</source>
        <translation>Phon „%1“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>frame %1</source>
        <translation>Frame %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>frames %1 to %2</source>
        <translation>Frames %1 bis %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2 of %3: %4 to %5 s, %6</source>
        <translation>%1, %2 von %3: %4 bis %5 s, %6</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>phones</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>talker::ui::ProbabilityView</name>
    <message>
        <location filename="../ui/views/ProbabilityView.cpp" line="+40"/>
        <source>base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>residual</source>
        <translation>Residuum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cb %1</source>
        <translation>CB %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probabilities</source>
        <translation>Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a take to see, frame by frame, the distribution each code was drawn from.</source>
        <translation>Erzeugen Sie einen Take, um Frame für Frame die Verteilung zu sehen, aus der jeder Code gezogen wurde.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Frame %1 (%2 s)%3</source>
        <translation>Frame %1 (%2 s)%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, selected</source>
        <translation>, ausgewählt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, newest</source>
        <translation>, neuester</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This frame was encoded from the recording, not sampled: it has no distribution.</source>
        <translation>Dieser Frame wurde aus der Aufnahme codiert, nicht gezogen: Er hat keine Verteilung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This frame came from the prompt: it was given, not sampled, so it has no distribution.</source>
        <translation>Dieser Frame stammt aus dem Prompt: Er war vorgegeben, nicht gezogen, und hat daher keine Verteilung.</translation>
    </message>
</context>
<context>
    <name>talker::ui::RecordingPanel</name>
    <message>
        <location filename="../ui/panels/RecordingPanel.cpp" line="+25"/>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Codec reconstruction</source>
        <translation>Codec-Rekonstruktion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hear:</source>
        <translation>Hören:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The recording&apos;s first N frames become the prompt of a new take</source>
        <translation>Die ersten N Frames der Aufnahme werden zum Prompt eines neuen Takes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Continue</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From frame:</source>
        <translation>Ab Frame:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the recording again</source>
        <translation>Aufnahme wieder zeigen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>mixed to mono, resampled to %1 Hz</source>
        <translation>zu Mono gemischt, auf %1 Hz neu abgetastet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mixed to mono</source>
        <translation>zu Mono gemischt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resampled to %1 Hz</source>
        <translation>auf %1 Hz neu abgetastet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Hz, 1 channel</source>
        <translation>%1 Hz, 1 Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 Hz, %2 channels</source>
        <translation>%1 Hz, %2 Kanäle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 s, %3 frames&lt;br&gt;%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 s, %3 Frames&lt;br&gt;%4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a WAV, FLAC or OGG file (File &gt; Open Audio, or drop it on the window) to see its mel, its codes and the codec&apos;s reconstruction, and to continue it.</source>
        <translation>Öffnen Sie eine WAV-, FLAC- oder OGG-Datei (Datei &gt; Audio öffnen, oder ziehen Sie sie auf das Fenster), um ihr Mel-Spektrogramm, ihre Codes und die Rekonstruktion durch den Codec zu sehen und sie fortzusetzen.</translation>
    </message>
</context>
<context>
    <name>talker::ui::SamplingRowView</name>
    <message>
        <location filename="../ui/views/SamplingRowView.cpp" line="+113"/>
        <source>Frame %1: given (prompt or recording), not sampled</source>
        <translation>Frame %1: vorgegeben (Prompt oder Aufnahme), nicht gezogen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Frame %1: entropy per codebook %2 bits (of %3); codebook 0 as uncertain as a choice among %4 equally likely codes</source>
        <translation>Frame %1: Entropie je Codebuch %2 Bit (von %3); Codebuch 0 so unsicher wie eine Wahl unter %4 gleich wahrscheinlichen Codes</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Repeats frame %1&apos;s codes exactly (%n repeated frame(s) in a row so far)</source>
        <translation>
            <numerusform>Wiederholt die Codes von Frame %1 genau (bisher %n wiederholter Frame in Folge)</numerusform>
            <numerusform>Wiederholt die Codes von Frame %1 genau (bisher %n wiederholte Frames in Folge)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>entropy</source>
        <translation>Entropie</translation>
    </message>
</context>
<context>
    <name>talker::ui::TrainingWindow</name>
    <message>
        <location filename="../ui/training/TrainingWindow.cpp" line="+56"/>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Train a Model - Talker Studio</source>
        <translation>Modell trainieren – Talker Studio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a corpus, or a folder of recordings</source>
        <translation>ein Korpus oder ein Ordner mit Aufnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A corpus made by scripts/make-dataset (train.tsv and valid.tsv list its WAV files), or a folder of WAV, FLAC or OGG files, one subfolder per voice: the studio writes its train.tsv and valid.tsv first (as talker make-corpus does)</source>
        <translation>Ein Korpus aus scripts/make-dataset (train.tsv und valid.tsv listen seine WAV-Dateien) oder ein Ordner mit WAV-, FLAC- oder OGG-Dateien, ein Unterordner je Stimme: das Studio schreibt zuerst dessen train.tsv und valid.tsv (wie talker make-corpus)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>model bundle folder</source>
        <translation>Ordner des Modellpakets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundle whose Talker is trained (in place); with &quot;Fit a new codec first&quot;, a new folder that receives a new bundle</source>
        <translation>Das Paket, dessen Talker (an Ort und Stelle) trainiert wird; mit „Zuerst einen neuen Codec anpassen“ ein neuer Ordner für ein neues Paket</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data and model</source>
        <translation>Daten und Modell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Corpus:</source>
        <translation>Korpus:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Corpus Folder</source>
        <translation>Korpus-Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundle:</source>
        <translation>Paket:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundle Folder</source>
        <translation>Paket-Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fit a new codec first (writes a new bundle)</source>
        <translation>Zuerst einen neuen Codec anpassen (schreibt ein neues Paket)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>chapter (2 codebooks)</source>
        <translation>chapter (2 Codebücher)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clear (8 codebooks)</source>
        <translation>clear (8 Codebücher)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Configuration:</source>
        <translation>Konfiguration:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>k-means iterations:</source>
        <translation>k-Means-Iterationen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talker</source>
        <translation>Talker</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Frames per training window (12.5 frames per second)</source>
        <translation>Frames je Trainingsfenster (12,5 Frames pro Sekunde)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Resume from the bundle&apos;s checkpoint</source>
        <translation>Vom Checkpoint des Pakets fortsetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch (windows per step):</source>
        <translation>Batch (Fenster je Schritt):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window (frames):</source>
        <translation>Fenster (Frames):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peak learning rate:</source>
        <translation>Höchste Lernrate:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validate every (steps):</source>
        <translation>Validieren alle (Schritte):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoint every (steps):</source>
        <translation>Checkpoint alle (Schritte):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>Startwert:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Start Training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sto&amp;p</source>
        <translation>An&amp;halten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Loss Log...</source>
        <translation>&amp;Verlustprotokoll öffnen...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the Trained &amp;Model</source>
        <translation>Trainiertes &amp;Modell öffnen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose a corpus and a bundle, then Start. Or open the loss log of a trained bundle.</source>
        <translation>Wählen Sie ein Korpus und ein Paket, dann Starten. Oder öffnen Sie das Verlustprotokoll eines trainierten Pakets.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Progress of the codec fit and the training</source>
        <translation>Fortschritt der Codec-Anpassung und des Trainings</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open Loss Log</source>
        <translation>Verlustprotokoll öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss logs (train-log.jsonl *.jsonl);;All files (*)</source>
        <translation>Verlustprotokolle (train-log.jsonl *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Finished: the trained model is in %1.</source>
        <translation>Fertig: das trainierte Modell liegt in %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a corpus folder, or a folder of recordings, first.</source>
        <translation>Wählen Sie zuerst einen Korpus-Ordner oder einen Ordner mit Aufnahmen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The corpus folder &apos;%1&apos; does not exist.</source>
        <translation>Der Korpus-Ordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The folder &apos;%1&apos; is neither a corpus (it has no train.tsv) nor a folder of audio files (WAV, FLAC, OGG). Make a corpus with scripts/make-dataset, or choose a folder of recordings.</source>
        <translation>Der Ordner „%1“ ist weder ein Korpus (ihm fehlt train.tsv) noch ein Ordner mit Audiodateien (WAV, FLAC, OGG). Erstellen Sie ein Korpus mit scripts/make-dataset oder wählen Sie einen Ordner mit Aufnahmen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The folder &apos;%1&apos; is not a corpus: it has no %2. Make one with scripts/make-dataset.</source>
        <translation>Der Ordner „%1“ ist kein Korpus: ihm fehlt %2. Erstellen Sie eines mit scripts/make-dataset.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a bundle folder first.</source>
        <translation>Wählen Sie zuerst einen Paket-Ordner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The folder &apos;%1&apos; already holds a model bundle: a new codec needs a new (or empty) folder, so that no trained model is overwritten.</source>
        <translation>Der Ordner „%1“ enthält bereits ein Modellpaket: ein neuer Codec braucht einen neuen (oder leeren) Ordner, damit kein trainiertes Modell überschrieben wird.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create the bundle folder &apos;%1&apos;.</source>
        <translation>Der Paket-Ordner „%1“ lässt sich nicht anlegen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is not a model bundle (it has no model.json). Tick &quot;Fit a new codec first&quot; to make a new one there.</source>
        <translation>„%1“ ist kein Modellpaket (es fehlt model.json). Kreuzen Sie „Zuerst einen neuen Codec anpassen“ an, um dort ein neues anzulegen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write to the bundle folder &apos;%1&apos;: %2</source>
        <translation>In den Paket-Ordner „%1“ lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cannot train: %1</source>
        <translation>Training nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the audio files...</source>
        <translation>Audiodateien werden gelesen...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fitting the codec...</source>
        <translation>Codec wird angepasst...</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the corpus...</source>
        <translation>Korpus wird gelesen...</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stopping after the step in hand...</source>
        <translation>Anhalten nach dem laufenden Schritt...</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A training is running: its curves are on screen. Stop it to look at another loss log.</source>
        <translation>Ein Training läuft: seine Kurven sind zu sehen. Halten Sie es an, um ein anderes Verlustprotokoll anzusehen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 logged steps, the last at step %3 (loss %4, %5 of training)</source>
        <translation>%1: %2 protokollierte Schritte, der letzte bei Schritt %3 (Verlust %4, %5 Training)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Step %1 of %2: loss %3, elapsed %4, about %5 left</source>
        <translation>Schritt %1 von %2: Verlust %3, vergangen %4, noch etwa %5</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>step %1: validation loss per codebook %2</source>
        <translation>Schritt %1: Validierungsverlust je Codebuch %2</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Train a Model</source>
        <translation>Modell trainieren</translation>
    </message>
</context>
<context>
    <name>talker::ui::TrainingWorker</name>
    <message>
        <location filename="../ui/training/TrainingWorker.cpp" line="+20"/>
        <source>Reading the audio files of %1...</source>
        <translation>Die Audiodateien von %1 werden gelesen...</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrote train.tsv and valid.tsv into %3: training files: %1, validation files: %2, voices: %5, %4 h of audio</source>
        <translation>train.tsv und valid.tsv in %3 geschrieben: Trainingsdateien: %1, Validierungsdateien: %2, Stimmen: %5, %4 h Audio</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fitting a new codec (%1) on %2...</source>
        <translation>Neuer Codec (%1) wird an %2 angepasst...</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Training the Talker of %1 on %2...</source>
        <translation>Der Talker von %1 wird auf %2 trainiert...</translation>
    </message>
</context>
<context>
    <name>talker::ui::ViewFrame</name>
    <message>
        <location filename="../ui/views/ViewFrame.cpp" line="+31"/>
        <source>What am I looking at?</source>
        <translation>Was sehe ich hier?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Explain this view</source>
        <translation>Diese Ansicht erklären</translation>
    </message>
</context>
<context>
    <name>talker::ui::WaveformView</name>
    <message>
        <location filename="../ui/views/WaveformView.cpp" line="+39"/>
        <source>%1 s (frame %2): sample %3</source>
        <translation>%1 s (Frame %2): Abtastwert %3</translation>
    </message>
</context>
</TS>
