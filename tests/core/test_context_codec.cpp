// SPDX-License-Identifier: GPL-3.0-or-later
// The contextual codec ("codec.type": "context"): bundle round trip, first-n decoding, streaming
// decoding equal to whole-take decoding, generation through it, gradient training, phone
// alignments, and the linear codec beside it.
#include "../support/Fixtures.h"

#include "talker/Codec.h"
#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/Generator.h"
#include "talker/ModelBundle.h"
#include "talker/Rvq.h"

#include "../../core/src/generate/TakeLoop.h"

#include <QtTest>

#include <algorithm>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

using namespace talker;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name)
{
    const char* base = std::getenv("TALKER_TEST_TMP");
    const fs::path dir = fs::path(base ? base : fs::temp_directory_path().string()) / ("context-codec-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

ModelConfig contextConfig(int codebooks)
{
    ModelConfig c = ModelConfig::preset(codebooks == 8 ? "clear" : "chapter").withCodecType("context");
    c.codec.channels = 32; // small and quick; the architecture (context, lookahead) is the same
    return c;
}

Mel randomMel(FrameIndex frames, int bins, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> normal(-6.0f, 2.0f);
    Mel mel;
    mel.bins = bins;
    mel.values.resize(std::size_t(frames * bins));
    for (auto& v : mel.values)
        v = normal(rng);
    return mel;
}

Codes randomCodes(FrameIndex frames, int K, int V, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    Codes codes;
    codes.codebooks = K;
    codes.values.resize(std::size_t(frames * K));
    for (auto& v : codes.values)
        v = std::int32_t(std::uniform_int_distribution<int>(0, V - 1)(rng));
    return codes;
}

double maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    double d = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        d = std::max(d, double(std::abs(a[i] - b[i])));
    return d;
}

// Trains the context codec and returns the number after `label` in each progress line that has one
// (e.g. "change distance " -> the change distances logged every options.logEvery steps).
std::vector<double> trainAndRead(const ModelConfig& config, const std::vector<Mel>& mels,
                                 const std::vector<std::vector<int>>& phones, const CodecFitOptions& options,
                                 const std::string& label)
{
    std::vector<double> values;
    trainContextCodec(config, mels, phones, options, [&](const std::string& line) {
        if (const auto at = line.find(label); at != std::string::npos)
            values.push_back(std::stod(line.substr(at + label.size())));
    });
    return values;
}

} // namespace

class TestContextCodec : public QObject {
    Q_OBJECT

  private slots:
    void shapesWithoutLibTorchAreTheModulesOwn_data()
    {
        QTest::addColumn<int>("codebooks");
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("lookup");
        QTest::addColumn<int>("subframes");
        QTest::newRow("chapter") << 2 << 256 << 16 << 5;
        QTest::newRow("clear") << 8 << 256 << 16 << 5;
        QTest::newRow("odd sizes") << 3 << 17 << 7 << 3;
        QTest::newRow("one channel") << 1 << 1 << 1 << 1;
    }

    void shapesWithoutLibTorchAreTheModulesOwn()
    {
        QFETCH(int, codebooks);
        QFETCH(int, channels);
        QFETCH(int, lookup);
        QFETCH(int, subframes);
        ModelConfig config = ModelConfig::chapter();
        config.codec.type = "context";
        config.codec.codebooks = config.talker.codebooks = codebooks;
        config.codec.channels = channels;
        config.codec.lookupDim = lookup;
        config.codec.subframes = subframes;
        const auto expected = contextCodecShapes(config);
        const TensorMap module = initialiseContextCodec(config, 1); // the LibTorch module's tensors
        QCOMPARE(module.size(), expected.size());
        for (const auto& [name, tensor] : module) {
            QVERIFY2(expected.count(name), name.c_str());
            QVERIFY2(expected.at(name) == tensor.shape, name.c_str());
        }
    }

    void bundleRoundTripAndValidation()
    {
        const auto dir = scratch("bundle");
        const auto bundle = ModelBundle::initialise(contextConfig(2), 3);
        QVERIFY(bundle.rvqWeights.count("enc_in.weight"));
        QVERIFY(bundle.rvqWeights.count("quantiser.1.book"));
        bundle.save(dir);
        const auto again = ModelBundle::load(dir);
        QCOMPARE(again.config.codec.type, std::string("context"));
        QCOMPARE(again.config.codec.lookaheadFrames, 2);
        QCOMPARE(again.rvqWeights.at("mel_out.weight").values, bundle.rvqWeights.at("mel_out.weight").values);

        // A context bundle whose model.json says "rvq" is refused, naming the file and a tensor.
        auto json = again.config.toJson();
        json["codec"]["type"] = "rvq";
        std::ofstream(dir / "model.json") << json.dump(2);
        try {
            ModelBundle::load(dir);
            QFAIL("a mismatched codec type was accepted");
        } catch (const BundleError& e) {
            QVERIFY2(std::string(e.what()).find("rvq.safetensors") != std::string::npos, e.what());
        }
        // An unknown type, and architecture numbers this version does not have.
        json["codec"]["type"] = "wavelet";
        std::ofstream(dir / "model.json") << json.dump(2);
        QVERIFY_THROWS_EXCEPTION(BundleError, ModelBundle::load(dir));
        json["codec"]["type"] = "context";
        json["codec"]["lookahead_frames"] = 5;
        std::ofstream(dir / "model.json") << json.dump(2);
        QVERIFY_THROWS_EXCEPTION(BundleError, ModelBundle::load(dir));
    }

    void encodeAndFirstNDecode()
    {
        const auto config = contextConfig(8);
        const auto bundle = ModelBundle::initialise(config, 5);
        const auto codec = makeCodec(config, bundle.rvqWeights);
        QCOMPARE(codec->lookahead(), 2);
        const Mel mel = randomMel(53, 128, 1); // not a multiple of S: 11 tokens
        const Codes codes = codec->encode(mel);
        QCOMPARE(codes.codebooks, 8);
        QCOMPARE(codes.frames(), FrameIndex(11));
        for (auto v : codes.values)
            QVERIFY(v >= 0 && v < 128);
        Mel previous;
        for (int n = 1; n <= 8; ++n) {
            const Mel decoded = codec->decode(codes, n);
            QCOMPARE(decoded.frames(), FrameIndex(55));
            for (float v : decoded.values)
                QVERIFY(std::isfinite(v));
            if (n > 1)
                QVERIFY(decoded.values != previous.values); // each codebook adds something
            previous = decoded;
        }
        QCOMPARE(codec->decode(codes).values, previous.values);
        QCOMPARE(codec->reconstructUnquantised(mel).frames(), mel.frames());
        QVERIFY_THROWS_EXCEPTION(ArgumentError, codec->decode(codes, 9));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, codec->decode(codes, 0));
        QCOMPARE(codec->encode(Mel{128, {}}).frames(), FrameIndex(0));

        // codec.output_gain scales the decoded mel's deviation from the training mean: decoding is
        // affine in the gain, and the gain changes the mel.
        std::vector<Mel> byGain;
        for (double gain : {1.0, 1.5, 2.0}) {
            auto gained = config;
            gained.codec.outputGain = gain;
            byGain.push_back(makeCodec(gained, bundle.rvqWeights)->decode(codes));
        }
        QVERIFY(byGain[0].values != byGain[1].values);
        for (std::size_t i = 0; i < byGain[0].values.size(); ++i)
            QVERIFY(std::abs((byGain[1].values[i] - byGain[0].values[i]) -
                             (byGain[2].values[i] - byGain[1].values[i])) < 1e-3);
        auto json = config.toJson();
        QCOMPARE(json["codec"]["output_gain"].get<double>(), 1.0);
        json["codec"]["output_gain"] = 1.25;
        QCOMPARE(ModelConfig::fromJson(json, "gain").codec.outputGain, 1.25);
        for (double absurd : {0.0, -1.0, 100.0}) {
            json["codec"]["output_gain"] = absurd;
            QVERIFY_THROWS_EXCEPTION(BundleError, ModelConfig::fromJson(json, "gain"));
        }

        // The metrics give the decoder's own error (gain 1) and, with a gain, the error as heard.
        const std::vector<Mel> mels{mel, randomMel(30, 128, 2)};
        const auto plain = codecErrorMetrics(config, bundle.rvqWeights, mels);
        QVERIFY(!plain.contains("output_gain"));
        auto gained = config;
        gained.codec.outputGain = 1.5;
        const auto metrics = codecErrorMetrics(gained, bundle.rvqWeights, mels);
        QCOMPARE(metrics["valid_logmel_mse_by_codebooks"], plain["valid_logmel_mse_by_codebooks"]);
        QCOMPARE(metrics["output_gain"].get<double>(), 1.5);
        const auto heard = metrics["valid_logmel_mse_with_output_gain_by_codebooks"].get<std::vector<double>>();
        QCOMPARE(heard, measureCodecError(gained, bundle.rvqWeights, mels).mseByCodebooks);
        QVERIFY(heard != plain["valid_logmel_mse_by_codebooks"].get<std::vector<double>>());
    }

    void streamingEqualsWholeTake()
    {
        for (int K : {2, 8}) {
            auto config = contextConfig(K);
            config.codec.outputGain = K == 8 ? 1.4 : 1.0; // the streaming path applies the gain too
            const auto bundle = ModelBundle::initialise(config, 7);
            const auto codec = makeCodec(config, bundle.rvqWeights);
            const int B = 3, width = 5 * 128;
            // A chunk of 1 gives each frame's mel as soon as its lookahead is in; a chunk of n decodes
            // n frames per pass (the rest through next()), a short take's tail at the flush.
            for (const int chunk : {1, 3, 8})
                for (FrameIndex T : {FrameIndex(1), FrameIndex(2), FrameIndex(40)}) {
                    std::vector<Codes> takes;
                    for (int b = 0; b < B; ++b)
                        takes.push_back(randomCodes(T, K, 128, std::uint64_t(100 * b + T)));
                    auto frameCodec = makeCpuFrameCodec(bundle);
                    QCOMPARE(frameCodec->lookahead(), 2);
                    frameCodec->setChunk(chunk);
                    frameCodec->reset(B);
                    std::vector<std::vector<float>> streamed(B);
                    std::vector<float> mel(std::size_t(B * width));
                    std::vector<std::int32_t> frame(std::size_t(B * K));
                    FrameIndex out = 0;
                    const auto take = [&] {
                        ++out;
                        for (int b = 0; b < B; ++b)
                            streamed[b].insert(streamed[b].end(), mel.begin() + b * width,
                                               mel.begin() + (b + 1) * width);
                    };
                    for (FrameIndex t = 0; t < T; ++t) {
                        for (int b = 0; b < B; ++b)
                            std::copy_n(takes[b].values.begin() + t * K, K, frame.begin() + b * K);
                        const FrameIndex before = out;
                        if (frameCodec->decode(frame.data(), B, mel.data())) {
                            take();
                            while (frameCodec->next(B, mel.data()))
                                take();
                        }
                        // A frame's mel is final two frames later; with chunks, once a chunk is complete.
                        const FrameIndex complete = std::max<FrameIndex>(0, t + 1 - 2);
                        QCOMPARE(out, complete / chunk * chunk);
                        QVERIFY(out - before == 0 || out - before == chunk);
                    }
                    while (frameCodec->flush(B, mel.data()))
                        take();
                    QCOMPARE(out, T);
                    for (int b = 0; b < B; ++b) {
                        const Mel whole = codec->decode(takes[b]);
                        QCOMPARE(streamed[b].size(), whole.values.size());
                        const double d = maxDifference(streamed[b], whole.values);
                        QVERIFY2(d < 1e-4, qPrintable(QString("K %1, T %2, chunk %3: max |streamed - whole| %4")
                                                          .arg(K)
                                                          .arg(T)
                                                          .arg(chunk)
                                                          .arg(d)));
                    }
                }
            QVERIFY_THROWS_EXCEPTION(ArgumentError, makeCpuFrameCodec(bundle)->setChunk(0));
        }
    }

    void generationDecodesThroughTheContextCodec()
    {
        const auto bundle = std::make_shared<const ModelBundle>(ModelBundle::initialise(contextConfig(2), 9));
        GenerationParams params;
        params.frames = 24;
        params.sampling.seed = 3;
        std::vector<FrameIndex> order;
        Generator generator(bundle);
        const Take take = generator.run(params, [&](const FrameEvent& e) { order.push_back(e.index); });
        QCOMPARE(take.codes.frames(), FrameIndex(24));
        QCOMPARE(FrameIndex(order.size()), FrameIndex(24));
        for (std::size_t i = 0; i < order.size(); ++i)
            QCOMPARE(order[i], FrameIndex(i)); // every frame once, in order, despite the lookahead
        const Mel whole = makeCodec(bundle->config, bundle->rvqWeights)->decode(take.codes);
        QVERIFY(maxDifference(take.mel.values, whole.values) < 1e-4);
        QCOMPARE(take.mel.values.size(), whole.values.size());
    }

    void trainingReducesTheError()
    {
        const auto dir = scratch("train");
        test::writeToneCorpus(dir);
        ModelConfig config = contextConfig(2);
        config.codec.codebookSize = 16;
        config.talker.codebookSize = 16;
        const auto train = readCorpusSplit(dir, "train");
        const auto mels = corpusLogMels(train, config.audio);
        std::vector<FrameIndex> tokens;
        for (const auto& m : mels)
            tokens.push_back((m.frames() + 4) / 5);
        // Alignments for one utterance: the trainer reads them (others stay unknown).
        std::ofstream(dir / "alignments.tsv") << "path\tphones\n"
                                              << "wavs/train-0-0.wav\tsil:0.000:0.500 aa:0.500:1.200 sil:1.200:2.400\n";
        const auto phones = corpusTokenPhones(train, tokens, 0.08);
        QCOMPARE(phones.size(), train.utterances.size());
        QCOMPARE(phones[0][0], 39); // sil
        QCOMPARE(phones[0][8], 0);  // aa at 0.68 s
        QCOMPARE(phones[1][0], -1); // not aligned
        CodecFitOptions options;
        options.steps = 1;
        options.batch = 4;
        options.cropTokens = 12;
        options.readerSteps = 30; // the phone reader, trained on the real mel, then read the decoded mel
        const auto initial = trainContextCodec(config, mels, phones, options);
        options.steps = 200;
        const auto trained = trainContextCodec(config, mels, phones, options);
        const auto before = measureCodecError(config, initial, mels), after = measureCodecError(config, trained, mels);
        QVERIFY2(after.full() < 0.5 * before.full(),
                 qPrintable(QString("MSE %1 -> %2").arg(before.full()).arg(after.full())));
        QVERIFY(after.unquantisedMse < before.unquantisedMse);
        ModelBundle::validate(trained, ModelBundle::expectedRvqShapes(config), "trained");

        // Without any phone label the reader cannot learn: training goes on without its losses, and says so.
        std::vector<std::string> lines;
        options.steps = 3;
        trainContextCodec(config, mels, std::vector<std::vector<int>>(phones.size()), options,
                          [&](const std::string& line) { lines.push_back(line); });
        QVERIFY(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("its losses are left out") != std::string::npos;
        }));

        // The change loss (decoded vs real frame-to-frame differences) is trained and reported.
        options.steps = 60;
        options.logEvery = 10;
        options.readerSteps = 0;
        options.deltaWeight = 1.0;
        const auto change = trainAndRead(config, mels, phones, options, "change distance ");
        QCOMPARE(change.size(), std::size_t(6));
        QVERIFY2(change.back() < change.front(),
                 qPrintable(QString("%1 -> %2").arg(change.front()).arg(change.back())));

        // The mel judge (adversarial loss) starts after a tenth of the steps and learns to tell the
        // decoded mel from the real one: a judge that cannot has a least-squares loss of 0.5 at best.
        options.deltaWeight = 0;
        options.adversarialWeight = 1.0;
        const auto judged = trainAndRead(config, mels, phones, options, "judge loss ");
        QCOMPARE(judged.size(), std::size_t(6));
        QVERIFY2(judged.back() < 0.5, qPrintable(QString::number(judged.back())));
        options.adversarialWeight = 0;

        // The harmonic band's extra error term (cepstra 13..63 of the log-mel) is trained and reported.
        options.cepstralWeight = 3.0;
        const auto band = trainAndRead(config, mels, phones, options, "harmonic band error ");
        QCOMPARE(band.size(), std::size_t(6));
        QVERIFY2(band.back() < band.front(), qPrintable(QString("%1 -> %2").arg(band.front()).arg(band.back())));
        options.cepstralWeight = 0;

        // The recogniser's cepstra distance (13 cepstra of 25 bands and their change, relative to
        // the real cepstra's variance) is trained and reported.
        options.recogniserCepstraWeight = 1.0;
        const auto recognised = trainAndRead(config, mels, phones, options, "recogniser cepstra distance ");
        QCOMPARE(recognised.size(), std::size_t(6));
        QVERIFY2(recognised.back() < recognised.front(),
                 qPrintable(QString("%1 -> %2").arg(recognised.front()).arg(recognised.back())));
        options.recogniserCepstraWeight = 0;

        // A malformed alignment names the file and the line.
        std::ofstream(dir / "alignments.tsv") << "path\tphones\nwavs/train-0-0.wav\tqq:0:1\n";
        try {
            corpusTokenPhones(train, tokens, 0.08);
            QFAIL("an unknown phone was accepted");
        } catch (const FileError& e) {
            QVERIFY2(std::string(e.what()).find("alignments.tsv': line 2") != std::string::npos, e.what());
        }
    }

    void linearCodecStaysAvailable()
    {
        // The chapter-literal codec: same interface, no lookahead, loadable from model.json "rvq".
        const auto dir = scratch("linear");
        ModelBundle::initialise(ModelConfig::chapter(), 2).save(dir);
        const auto bundle = ModelBundle::load(dir);
        QCOMPARE(bundle.config.codec.type, std::string("rvq"));
        const auto codec = makeCodec(bundle.config, bundle.rvqWeights);
        QVERIFY(dynamic_cast<const Rvq*>(codec.get()) != nullptr);
        QCOMPARE(codec->lookahead(), 0);
        const Mel mel = randomMel(20, 128, 4);
        QCOMPARE(codec->decode(codec->encode(mel)).frames(), FrameIndex(20));
        QCOMPARE(codec->reconstructUnquantised(mel).frames(), FrameIndex(20));
    }
};

QTEST_GUILESS_MAIN(TestContextCodec)
#include "test_context_codec.moc"
