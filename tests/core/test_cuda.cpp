// SPDX-License-Identifier: GPL-3.0-or-later
// The CUDA Talker (core/src/generate/cuda/). Here, on any machine: the sampler arithmetic the kernels
// run (compiled for the host from the same header) against the CPU Sampler, the random generator
// against std::mt19937_64, and a clean error where there is no CUDA device. On a machine with a CUDA
// device: logits against the LibTorch reference over 200 frames (K = 2 and 8, B = 1 and 64), the
// device sampler against the CPU sampler (the same codes from the same logits, and its statistics),
// and on-device generation against stepping with CPU sampling. Those are skipped, and say so, when
// no device is present.
#include "talker/BatchGenerator.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Sampler.h"
#include "talker/Talker.h"

// White-box: the CUDA Talker and its sampler arithmetic are private to core.
#include "../../core/src/generate/BatchDecoder.h"
#include "../../core/src/generate/FusedDecoder.h"
#include "../../core/src/generate/cuda/CudaTalker.h"
#include "../../core/src/generate/cuda/DeviceSampling.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace talker;

namespace {

/// As test_fused: weights (not the norm gains) times `scale`; 5 gives logits with std > 1.
ModelBundle bundleFor(const std::string& preset, std::uint64_t seed, float scale = 1.0f)
{
    ModelBundle bundle = ModelBundle::initialise(ModelConfig::preset(preset), seed);
    for (auto& [name, tensor] : bundle.talkerWeights)
        if (name.find("norm") == std::string::npos)
            for (auto& v : tensor.values)
                v *= scale;
    return bundle;
}

/// Skips a test that needs a CUDA device when there is none, with the reason.
#define REQUIRE_CUDA_DEVICE()                                                                                          \
    do {                                                                                                               \
        std::string reason;                                                                                            \
        if (cuda::deviceCount(&reason) == 0) {                                                                         \
            qInfo("%s", reason.c_str());                                                                               \
            QSKIP("no CUDA device: skipped");                                                                          \
        }                                                                                                              \
    } while (false)

/// Logits with ties (quantised to 1/8) and a spread like a trained Talker's.
std::vector<float> randomLogits(std::size_t count, std::uint32_t seed, float spread)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.0f, spread);
    std::vector<float> logits(count);
    for (auto& l : logits)
        l = std::round(normal(rng) * 8.0f) / 8.0f;
    return logits;
}

std::vector<SamplingParams> samplingCases()
{
    std::vector<SamplingParams> cases;
    for (const double temperature : {0.0, 0.7, 1.0, 1.6})
        for (const int topK : {0, 1, 5, 40})
            for (const double topP : {1.0, 0.9, 0.3}) {
                SamplingParams p;
                p.temperature = temperature;
                p.topK = topK;
                p.topP = topP;
                cases.push_back(p);
            }
    SamplingParams greedy;
    greedy.argmax = true;
    greedy.temperature = 0.8;
    greedy.topK = 7;
    cases.push_back(greedy);
    return cases;
}

QString describe(const SamplingParams& p)
{
    return QString::fromStdString(p.describe());
}

} // namespace

class TestCuda : public QObject {
    Q_OBJECT

  private slots:
    void randomStreamIsStdMt19937_64()
    {
        for (const std::uint64_t seed : {0ULL, 1ULL, 7ULL, 0xFFFFFFFFFFFFFFFFULL}) {
            std::mt19937_64 reference(seed);
            cuda::Mt64 mine;
            mine.seed(seed);
            for (int i = 0; i < 2000; ++i) // past several twists of the 312-word state
                QCOMPARE(mine.next(), reference());
        }
    }

    void samplerArithmeticMatchesSampler()
    {
        // sampleRow() is the kernels' sampler run on one thread; with the same uniforms (the same
        // seed) it must draw exactly the codes Sampler draws and report the same probabilities.
        constexpr int V = 128;
        const std::vector<float> logits = randomLogits(std::size_t(V) * 40, 3, 1.5f);
        std::vector<int> order(V), rank(V);
        std::vector<double> p(V);
        std::vector<float> mine(V), theirs(V);
        for (const SamplingParams& params : samplingCases()) {
            SamplingParams seeded = params;
            seeded.seed = 11;
            Sampler sampler(seeded);
            cuda::Mt64 rng;
            rng.seed(seeded.seed);
            cuda::SamplingRule rule;
            rule.temperature = params.temperature;
            rule.argmax = params.argmax;
            rule.topK = params.topK;
            rule.topP = params.topP;
            for (int row = 0; row < 40; ++row) {
                const float* l = logits.data() + std::size_t(row) * V;
                const int want = sampler.sample(l, V, theirs.data());
                const int got =
                    cuda::sampleRow(l, V, rule, rng.uniform(), order.data(), rank.data(), p.data(), mine.data());
                QVERIFY2(got == want,
                         qPrintable(describe(params) + QString(": row %1: %2 vs %3").arg(row).arg(got).arg(want)));
                QVERIFY2(mine == theirs, qPrintable(describe(params) + QString(": row %1 probabilities").arg(row)));
            }
        }
    }

    void stableRankIsStableSortOrder()
    {
        std::vector<float> logits = {0.5f, 2.0f, 0.5f, -1.0f, 2.0f, 0.5f};
        std::vector<int> ranks;
        for (int i = 0; i < int(logits.size()); ++i)
            ranks.push_back(cuda::stableRank(logits.data(), int(logits.size()), i));
        QCOMPARE(ranks, (std::vector<int>{2, 0, 3, 5, 1, 4}));
    }

    void kernelsAreBuiltWhereNvccWas()
    {
        // The build says whether it compiled the kernels (nvcc found, TALKER_WITH_CUDA on); this
        // checks that the library linked into the tests is that build's.
        QCOMPARE(cuda::kernelsBuilt(), bool(TALKER_TEST_CUDA_KERNELS));
    }

    void noDeviceIsAClearError()
    {
        std::string reason;
        if (cuda::deviceCount(&reason) > 0)
            QSKIP("a CUDA device is present: the error for its absence cannot be seen here");
        QVERIFY2(!reason.empty(), "deviceCount() found no device but gave no reason");
        const std::string why = cuda::kernelsBuilt() ? "no CUDA device" : "this build has no CUDA kernels";
        qInfo("without a device: %s", reason.c_str());
        QVERIFY2(reason.find(why) != std::string::npos, reason.c_str());
        const ModelBundle bundle = bundleFor("chapter", 1);
        for (const auto format : {kernels::WeightFormat::Float32, kernels::WeightFormat::BFloat16}) {
            try {
                cuda::CudaTalker talker(bundle.config.talker, bundle.talkerWeights, format);
                QFAIL("a CUDA Talker was made without a CUDA device");
            } catch (const ArgumentError& e) {
                const std::string message = e.what();
                QVERIFY2(message.rfind("cannot run the Talker on CUDA: " + why, 0) == 0, message.c_str());
            }
        }
        try {
            cuda::sampleOnDevice(std::vector<float>(128, 0.0f), 1, 1, 128, 1, SamplingParams{}, {1});
            QFAIL("the device sampler ran without a CUDA device");
        } catch (const ArgumentError& e) {
            QVERIFY2(std::string(e.what()).find(why) != std::string::npos, e.what());
        }
        // Through the decoder factory, as `talker generate --device cuda --backend fused` asks.
        std::string fallback;
        QVERIFY_THROWS_EXCEPTION(ArgumentError, makeBatchDecoder(bundle, Backend::Fused, Device::Cuda, fallback));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, makeBatchDecoder(bundle, Backend::FusedBf16, Device::Cuda, fallback));
    }

    void weightsAreChecked()
    {
        // Before any device is needed: a missing tensor or a wrong shape is a BundleError naming it.
        ModelBundle bundle = bundleFor("chapter", 1);
        TensorMap weights = bundle.talkerWeights;
        weights.erase("blocks.2.ffn.up.weight");
        try {
            cuda::CudaTalker talker(bundle.config.talker, weights);
            QFAIL("weights without blocks.2.ffn.up.weight were accepted");
        } catch (const BundleError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("CUDA Talker: the weights lack tensor 'blocks.2.ffn.up.weight'"));
        }
        weights = bundle.talkerWeights;
        weights["heads.1.weight"].shape = {64, 384};
        try {
            cuda::CudaTalker talker(bundle.config.talker, weights);
            QFAIL("a head of the wrong shape was accepted");
        } catch (const BundleError& e) {
            QVERIFY2(std::string(e.what()).rfind("CUDA Talker: tensor 'heads.1.weight' has shape", 0) == 0, e.what());
        }
    }

    void unsupportedShapesAreNamed()
    {
        TalkerConfig c = ModelConfig::chapter().talker;
        QCOMPARE(cuda::unsupportedReason(c), std::string());
        c.headDim = 48;
        QVERIFY(cuda::unsupportedReason(c).find("head dimension") != std::string::npos);
        c = ModelConfig::chapter().talker;
        c.codebookSize = 1024;
        QVERIFY(cuda::unsupportedReason(c).find("at most 256 entries") != std::string::npos);
    }

    // ---- On a CUDA device ----------------------------------------------------------------------

    void logitsMatchLibTorch_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("batch");
        QTest::addColumn<float>("scale");
        for (const char* preset : {"chapter", "clear"})
            for (const int batch : {1, 64})
                for (const float scale : {1.0f, 5.0f})
                    QTest::newRow(qPrintable(QString("%1 B=%2 weights x%3").arg(preset).arg(batch).arg(scale)))
                        << QString(preset) << batch << scale;
    }

    void logitsMatchLibTorch()
    {
        REQUIRE_CUDA_DEVICE();
        QFETCH(QString, preset);
        QFETCH(int, batch);
        QFETCH(float, scale);
        constexpr int Frames = 200;
        const ModelBundle bundle = bundleFor(preset.toStdString(), 21, scale);
        const TalkerConfig& c = bundle.config.talker;
        const int K = c.codebooks, V = c.codebookSize;
        Talker reference(c);
        reference->loadWeights(bundle.talkerWeights);
        reference->eval();
        torch::InferenceMode inference;
        KvCache cache(c, batch);
        cuda::CudaTalker talker(c, bundle.talkerWeights);
        talker.reset(batch, Frames);
        std::mt19937 rng(5);
        std::vector<std::int32_t> codes(std::size_t(batch) * K, c.bosIndex());
        double maxDiff = 0, sum = 0, sumSquares = 0, count = 0;
        for (int t = 0; t < Frames; ++t) {
            auto input = torch::empty({batch, K}, torch::kLong);
            for (std::size_t i = 0; i < codes.size(); ++i)
                input.data_ptr<std::int64_t>()[i] = codes[i];
            const auto expected = reference->step(input, cache).contiguous(); // (B, K, V)
            const float* want = expected.data_ptr<float>();
            const float* got = talker.step(codes.data());
            for (std::size_t i = 0; i < std::size_t(batch) * K * V; ++i) {
                maxDiff = std::max(maxDiff, double(std::abs(got[i] - want[i])));
                sum += want[i];
                sumSquares += double(want[i]) * want[i];
                ++count;
            }
            for (auto& code : codes)
                code = std::int32_t(rng() % std::uint32_t(V));
        }
        const double spread = std::sqrt(sumSquares / count - (sum / count) * (sum / count));
        qInfo("max |cuda - libtorch| = %.3g over logits with std %.3g", maxDiff, spread);
        if (scale > 1)
            QVERIFY2(spread > 1.0, "the scaled weights should give logits with std > 1");
        QVERIFY2(maxDiff < 1e-4, qPrintable(QString("max difference %1").arg(maxDiff)));
    }

    void bfloat16MatchesFusedCpu()
    {
        // The same bfloat16 weights (rounded alike) on both sides, float32 sums: the GPU and the
        // fused CPU path differ only in the order of those sums.
        REQUIRE_CUDA_DEVICE();
        const ModelBundle bundle = bundleFor("clear", 22, 5.0f);
        const TalkerConfig& c = bundle.config.talker;
        constexpr int Frames = 100, B = 8;
        auto cpu = makeFusedBatchDecoder(bundle, 2, kernels::WeightFormat::BFloat16);
        cuda::CudaTalker gpu(c, bundle.talkerWeights, kernels::WeightFormat::BFloat16);
        cpu->reset(B, Frames);
        gpu.reset(B, Frames);
        std::mt19937 rng(6);
        std::vector<std::int32_t> codes(std::size_t(B) * c.codebooks, c.bosIndex());
        double maxDiff = 0;
        for (int t = 0; t < Frames; ++t) {
            const float* want = cpu->step(codes.data());
            const float* got = gpu.step(codes.data());
            for (std::size_t i = 0; i < std::size_t(B) * c.codebooks * c.codebookSize; ++i)
                maxDiff = std::max(maxDiff, double(std::abs(got[i] - want[i])));
            for (auto& code : codes)
                code = std::int32_t(rng() % std::uint32_t(c.codebookSize));
        }
        qInfo("bfloat16: max |cuda - fused cpu| = %.3g", maxDiff);
        QVERIFY2(maxDiff < 1e-4, qPrintable(QString::number(maxDiff)));
    }

    void deviceSamplerMatchesCpuSampler()
    {
        REQUIRE_CUDA_DEVICE();
        constexpr int B = 16, K = 8, V = 128, Frames = 300;
        const std::vector<float> logits = randomLogits(std::size_t(B) * K * V, 9, 1.5f);
        std::vector<std::uint64_t> seeds;
        for (int b = 0; b < B; ++b)
            seeds.push_back(std::uint64_t(1000 + b));
        for (const SamplingParams& params : samplingCases()) {
            std::vector<float> probabilities;
            const auto got = cuda::sampleOnDevice(logits, B, K, V, Frames, params, seeds, &probabilities);
            for (int b = 0; b < B; ++b) {
                SamplingParams seeded = params;
                seeded.seed = seeds[std::size_t(b)];
                Sampler sampler(seeded);
                std::vector<float> want(V);
                for (int f = 0; f < Frames; ++f)
                    for (int k = 0; k < K; ++k) {
                        const float* row = logits.data() + (std::size_t(b) * K + k) * V;
                        const int code = sampler.sample(row, V, want.data());
                        const int gotCode = got[(std::size_t(b) * Frames + f) * K + k];
                        QVERIFY2(gotCode == code, qPrintable(describe(params) + QString(": stream %1 frame %2 codebook "
                                                                                        "%3: %4 vs %5")
                                                                                    .arg(b)
                                                                                    .arg(f)
                                                                                    .arg(k)
                                                                                    .arg(gotCode)
                                                                                    .arg(code)));
                        if (f == 0)
                            for (int i = 0; i < V; ++i)
                                QVERIFY2(std::abs(probabilities[(std::size_t(b) * K + k) * V + i] - want[i]) < 1e-6f,
                                         qPrintable(describe(params)));
                    }
            }
        }
    }

    void deviceSamplerStatistics()
    {
        // Frequencies of 20000 draws from one distribution against it: within 5 standard errors,
        // plus 4 draws for the rarest codes (a code of p = 1e-6 drawn once would be 7 of its errors).
        REQUIRE_CUDA_DEVICE();
        constexpr int V = 128, Frames = 20000;
        const std::vector<float> logits = randomLogits(V, 12, 1.0f);
        for (const SamplingParams& params : samplingCases()) {
            if (params.temperature == 0 || params.argmax)
                continue;
            std::vector<float> p(V);
            Sampler::distribution(logits.data(), V, params, p.data());
            const auto codes = cuda::sampleOnDevice(logits, 1, 1, V, Frames, params, {77});
            std::vector<int> counts(V, 0);
            for (const int code : codes)
                ++counts[std::size_t(code)];
            for (int i = 0; i < V; ++i) {
                if (p[i] == 0.0f) { // outside top-k / top-p: never drawn
                    QVERIFY2(counts[std::size_t(i)] == 0, qPrintable(describe(params) + QString(": code %1").arg(i)));
                    continue;
                }
                const double frequency = double(counts[std::size_t(i)]) / Frames;
                const double error = std::sqrt(double(p[i]) * (1 - p[i]) / Frames);
                QVERIFY2(std::abs(frequency - p[i]) <= 5 * error + 4.0 / Frames,
                         qPrintable(describe(params) + QString(": code %1: %2 vs %3").arg(i).arg(frequency).arg(p[i])));
            }
        }
    }

    void generationOnDeviceMatchesStepping()
    {
        // Sampling on the device against the same kernels stepped from the host with the CPU
        // sampler: the logits are the same (the same launches), so the codes must be, delay pattern
        // included.
        REQUIRE_CUDA_DEVICE();
        ModelConfig config = ModelConfig::preset("clear");
        config.talker.delays = {0, 1, 1, 1, 2, 2, 2, 2};
        ModelBundle bundle = ModelBundle::initialise(config, 23);
        const TalkerConfig& c = bundle.config.talker;
        const int K = c.codebooks, V = c.codebookSize, B = 5, Frames = 120;
        SamplingParams params;
        params.temperature = 0.9;
        params.topK = 30;
        params.topP = 0.95;
        const std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5};
        cuda::CudaTalker onDevice(c, bundle.talkerWeights);
        const auto got = onDevice.generate(Frames, params, seeds);

        cuda::CudaTalker stepped(c, bundle.talkerWeights);
        stepped.reset(B, Frames + c.maxDelay());
        std::vector<Sampler> samplers;
        for (const auto seed : seeds) {
            SamplingParams seeded = params;
            seeded.seed = seed;
            samplers.emplace_back(seeded);
        }
        std::vector<std::int32_t> input(std::size_t(B) * K, c.bosIndex()), want(got.size());
        std::vector<float> scratch(V);
        for (int p = 0; p < Frames + c.maxDelay(); ++p) {
            const float* logits = stepped.step(input.data());
            for (int b = 0; b < B; ++b)
                for (int k = 0; k < K; ++k) {
                    const int f = p - c.delays[std::size_t(k)];
                    std::int32_t code = c.bosIndex();
                    if (f >= 0 && f < Frames) {
                        code =
                            samplers[std::size_t(b)].sample(logits + (std::size_t(b) * K + k) * V, V, scratch.data());
                        want[(std::size_t(b) * Frames + f) * K + k] = code;
                    }
                    input[std::size_t(b) * K + k] = code;
                }
        }
        QCOMPARE(got, want);
    }
};

QTEST_GUILESS_MAIN(TestCuda)
#include "test_cuda.moc"
