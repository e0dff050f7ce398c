// SPDX-License-Identifier: GPL-3.0-or-later
// The generation loop: determinism by seed, prompts, cancel, delay patterns, and frame events.
#include "talker/Error.h"
#include "talker/Generator.h"
#include "talker/Rvq.h"

#include <QtTest>

#include <numeric>
#include <thread>

using namespace talker;

namespace {

std::shared_ptr<const ModelBundle> bundleFor(const ModelConfig& config, std::uint64_t seed = 1)
{
    return std::make_shared<const ModelBundle>(ModelBundle::initialise(config, seed));
}

Take generate(const std::shared_ptr<const ModelBundle>& bundle, int frames, std::uint64_t seed,
              Backend backend = Backend::Auto)
{
    GenerationParams params;
    params.frames = frames;
    params.sampling.seed = seed;
    return Generator(bundle, backend).run(params);
}

} // namespace

class TestGenerator : public QObject {
    Q_OBJECT

  private slots:
    void sameSeedSameCodes()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        const Take a = generate(bundle, 60, 7), b = generate(bundle, 60, 7), c = generate(bundle, 60, 8);
        QCOMPARE(a.codes.frames(), FrameIndex(60));
        QCOMPARE(a.codes, b.codes);
        QVERIFY(a.codes != c.codes);
        QCOMPARE(a.mel.frames(), FrameIndex(60 * 5));
        QCOMPARE(a.mel.bins, 128);
    }

    void generatorIsReusable()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        Generator generator(bundle);
        GenerationParams params;
        params.frames = 30;
        params.sampling.seed = 4;
        const Take first = generator.run(params), second = generator.run(params);
        QCOMPARE(first.codes, second.codes); // the cache is reset between runs
    }

    void eventsCarryProbabilitiesAndMel()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        GenerationParams params;
        params.frames = 12;
        params.sampling.topK = 5;
        std::vector<FrameEvent> events;
        const Take take = Generator(bundle).run(params, [&](const FrameEvent& e) { events.push_back(e); });
        QCOMPARE(int(events.size()), 12);
        for (const auto& e : events) {
            QCOMPARE(int(e.codes.size()), 2);
            QCOMPARE(int(e.probabilities.size()), 2 * 128);
            QCOMPARE(int(e.mel.size()), 5 * 128);
            for (int k = 0; k < 2; ++k) {
                const float* p = e.probabilities.data() + k * 128;
                QVERIFY(p[e.codes[std::size_t(k)]] > 0); // the sampled code was allowed
                QCOMPARE(int(std::count_if(p, p + 128, [](float x) { return x > 0; })), 5); // top-k 5
            }
        }
        QCOMPARE(events.back().codes, std::vector<std::int32_t>(take.codes.values.end() - 2, take.codes.values.end()));

        // The streamed mel is the codec's decoding of the codes with every codebook, frame by frame.
        const Mel decoded = Rvq(bundle->config, bundle->rvqWeights).decode(take.codes);
        QCOMPARE(take.mel.values, decoded.values);
        for (const auto& e : events)
            QVERIFY(std::equal(e.mel.begin(), e.mel.end(), decoded.values.begin() + e.index * 5 * 128));
    }

    void promptIsKeptAndContinued()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        GenerationParams params;
        params.frames = 20;
        params.prompt.codebooks = 2;
        for (int i = 0; i < 10; ++i)
            params.prompt.values.insert(params.prompt.values.end(), {i, 127 - i});
        int promptEvents = 0;
        const Take take = Generator(bundle).run(params, [&](const FrameEvent& e) { promptEvents += e.fromPrompt; });
        QCOMPARE(take.codes.frames(), FrameIndex(30));
        QCOMPARE(take.codes.head(10), params.prompt);
        QCOMPARE(promptEvents, 10);
        QCOMPARE(take.promptFrames, FrameIndex(10));
    }

    // The studio's code edits (issue 19): a take regenerated from frame N with its own first N
    // frames as the prompt and the random stream moved on by N frames draws what the take drew
    // after N, so it is the same take; without the offset it is another one. Prompted takes and
    // the batched backends (all fused here) agree.
    void streamOffsetContinuesTheTakesRandomStream()
    {
        const auto bundle = bundleFor(ModelConfig::preset("clear"));
        GenerationParams params;
        params.frames = 24;
        params.sampling.seed = 11;
        params.sampling.temperature = 1.3; // many draws decide, not argmax
        const Take whole = Generator(bundle).run(params);
        for (const FrameIndex n : {FrameIndex(1), FrameIndex(9), FrameIndex(23)}) {
            GenerationParams again = params;
            again.prompt = whole.codes.head(n);
            again.frames = int(24 - n);
            again.sampling.streamOffsetFrames = n;
            const Take regenerated = Generator(bundle).run(again);
            QCOMPARE(regenerated.codes, whole.codes);
            QCOMPARE(regenerated.promptFrames, n);
            again.sampling.streamOffsetFrames = 0;
            if (n < 23)
                QVERIFY(Generator(bundle).run(again).codes != whole.codes);
        }
        SamplingParams bad;
        bad.streamOffsetFrames = -1;
        QVERIFY_THROWS_EXCEPTION(ArgumentError, bad.validate(128));
    }

    // Attention capture (the studio's attention view): every frame's weights, (layers, query
    // heads, frame + 1) rows that each sum to 1, in the events and the take; the codes are those
    // of a run without capture, for a prompted take too.
    void attentionIsCapturedPerFrame()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        const TalkerConfig& c = bundle->config.talker;
        GenerationParams params;
        params.frames = 30;
        params.sampling.seed = 5;
        params.prompt.codebooks = 2;
        params.prompt.values = {1, 2, 3, 4, 5, 6};
        const Take plain = Generator(bundle).run(params);
        QVERIFY(plain.attention.empty() && !plain.attentionReported);
        params.captureAttention = true;
        std::vector<FrameEvent> events;
        const Take take = Generator(bundle).run(params, [&](const FrameEvent& e) { events.push_back(e); });
        QCOMPARE(take.codes, plain.codes);
        QVERIFY(take.attentionReported);
        QCOMPARE(take.attention.size(), std::size_t(33));
        QCOMPARE(events.size(), std::size_t(33));
        for (std::size_t f = 0; f < take.attention.size(); ++f) {
            const std::vector<float>& a = take.attention[f];
            QCOMPARE(a.size(), std::size_t(c.layers * c.queryHeads) * (f + 1));
            QCOMPARE(events[f].attention, a);
            for (int row = 0; row < c.layers * c.queryHeads; ++row) {
                const double sum = std::accumulate(a.begin() + std::ptrdiff_t(row * (f + 1)),
                                                   a.begin() + std::ptrdiff_t((row + 1) * (f + 1)), 0.0);
                QVERIFY(std::abs(sum - 1.0) < 1e-4);
            }
        }
    }

    void cancelStopsWithinAFrame()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        GenerationParams params;
        params.frames = 1000;
        std::atomic<bool> cancel{false};
        int seen = 0;
        const Take take = Generator(bundle).run(
            params,
            [&](const FrameEvent&) {
                if (++seen == 25)
                    cancel = true;
            },
            &cancel);
        QVERIFY(take.cancelled);
        QCOMPARE(take.codes.frames(), FrameIndex(25));
        QCOMPARE(take.mel.frames(), FrameIndex(25 * 5));
    }

    void delayPatternYieldsAlignedFrames()
    {
        ModelConfig config = ModelConfig::preset("clear");
        config.talker.delays = {0, 1, 2, 3, 4, 5, 6, 7};
        const auto bundle = bundleFor(config);
        std::vector<FrameIndex> order;
        GenerationParams params;
        params.frames = 16;
        const Take take = Generator(bundle).run(params, [&](const FrameEvent& e) { order.push_back(e.index); });
        QCOMPARE(take.codes.frames(), FrameIndex(16));
        QCOMPARE(int(order.size()), 16);
        for (int i = 0; i < 16; ++i)
            QCOMPARE(order[std::size_t(i)], FrameIndex(i));
        for (auto c : take.codes.values)
            QVERIFY(c >= 0 && c < 128); // BOS never leaks into the output
    }

    void refusesBadParameters()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        GenerationParams params;
        params.frames = 5000;
        try {
            Generator(bundle).run(params);
            QFAIL("accepted");
        } catch (const ArgumentError& e) {
            QCOMPARE(QString(e.what()), QString("invalid frame count 5000: with 0 prompt frames the take needs 5001 "
                                                "positions but model 'chapter' allows 4096"));
        }
        params.frames = -1;
        QVERIFY_THROWS_EXCEPTION(ArgumentError, Generator(bundle).run(params));
        params.frames = 10;
        params.prompt.codebooks = 3;
        params.prompt.values = {1, 2, 3};
        QVERIFY_THROWS_EXCEPTION(ArgumentError, Generator(bundle).run(params));
    }

    void realTimePaceFollowsTheFrameRate()
    {
        const auto bundle = bundleFor(ModelConfig::chapter());
        GenerationParams params;
        params.frames = 5;
        params.realTime = true;
        const Take take = Generator(bundle).run(params);
        // 5 frames at 12.5 frames/s is 400 ms; allow generous scheduling slack above.
        QVERIFY2(take.totalMs >= 395 && take.totalMs < 1500, qPrintable(QString::number(take.totalMs)));
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "test_generator.moc"
