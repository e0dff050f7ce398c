// SPDX-License-Identifier: GPL-3.0-or-later
// The fused CPU Talker against the LibTorch reference: logits over 200 frames, codes of whole takes,
// and batched runs against single runs.
#include "talker/BatchGenerator.h"
#include "talker/Error.h"
#include "talker/Generator.h"
#include "talker/Talker.h"

// White-box: the logits are not public, so the parity check reads the private decoder directly.
#include "../../core/src/generate/FusedDecoder.h"
#include "../../core/src/generate/TakeLoop.h"
#include "../../core/src/generate/cuda/CudaTalker.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace talker;

namespace {

/// A bundle whose Talker weights (not the norm gains) are multiplied by `scale`. At the initial
/// N(0, 0.02) the logits have a standard deviation of ~0.3, so an absolute 1e-4 bound would be lax;
/// scale 5 gives logits with std > 1 and a more nonlinear network (sharper softmax, larger SwiGLU
/// inputs), which is where a wrong rounding or a wrong order of operations shows.
std::shared_ptr<const ModelBundle> bundleFor(const std::string& preset, std::uint64_t seed, float scale = 1.0f,
                                             std::vector<int> delays = {})
{
    ModelConfig config = ModelConfig::preset(preset);
    config.talker.delays = std::move(delays);
    ModelBundle bundle = ModelBundle::initialise(config, seed);
    for (auto& [name, tensor] : bundle.talkerWeights)
        if (name.find("norm") == std::string::npos)
            for (auto& v : tensor.values)
                v *= scale;
    return std::make_shared<const ModelBundle>(std::move(bundle));
}

struct Stats {
    double maxAbsDiff = 0;
    double referenceStd = 0;
};

/// Feeds the same 200 frames (BOS, then random codes) to the reference module and the fused decoder.
Stats compareLogits(const ModelBundle& bundle, std::uint64_t codesSeed, int frames,
                    kernels::WeightFormat format = kernels::WeightFormat::Float32,
                    kernels::Isa isa = kernels::defaultIsa())
{
    const TalkerConfig& c = bundle.config.talker;
    const int K = c.codebooks, V = c.codebookSize;
    Talker reference(c);
    reference->loadWeights(bundle.talkerWeights);
    reference->eval();
    torch::InferenceMode inference;
    KvCache cache(c, 1);
    auto fused = makeFusedBatchDecoder(bundle, 1, format, isa);
    fused->reset(1, frames);

    std::mt19937 rng(static_cast<std::uint32_t>(codesSeed));
    std::vector<std::int32_t> codes(std::size_t(K), c.bosIndex());
    Stats stats;
    double sum = 0, sumSquares = 0, count = 0;
    for (int t = 0; t < frames; ++t) {
        auto input = torch::empty({1, K}, torch::kLong);
        for (int k = 0; k < K; ++k)
            input[0][k] = codes[std::size_t(k)];
        const auto expected = reference->step(input, cache).contiguous(); // (1, K, V)
        const float* want = expected.data_ptr<float>();
        const float* got = fused->step(codes.data()); // (K, V)
        for (int i = 0; i < K * V; ++i) {
            stats.maxAbsDiff = std::max(stats.maxAbsDiff, double(std::abs(got[i] - want[i])));
            sum += want[i];
            sumSquares += double(want[i]) * want[i];
            ++count;
        }
        for (auto& code : codes)
            code = std::int32_t(rng() % std::uint32_t(V));
    }
    stats.referenceStd = std::sqrt(sumSquares / count - (sum / count) * (sum / count));
    return stats;
}

Take generate(const std::shared_ptr<const ModelBundle>& bundle, Backend backend, std::uint64_t seed, bool argmax,
              int frames = 200, Codes prompt = {})
{
    GenerationParams params;
    params.frames = frames;
    params.sampling.seed = seed;
    params.sampling.argmax = argmax;
    params.prompt = std::move(prompt);
    Generator generator(bundle, backend);
    if (generator.backendName() != (backend == Backend::LibTorch ? "libtorch" : "fused"))
        qFatal("unexpected backend %s", generator.backendName().c_str());
    return generator.run(params);
}

} // namespace

class TestFused : public QObject {
    Q_OBJECT

  private slots:
    // Every row for every instruction set this CPU runs (an AVX-512 machine runs the AVX2 and the
    // portable kernels too), on the same weights and codes.
    void logitsMatchReference_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("seed");
        QTest::addColumn<float>("scale");
        QTest::addColumn<int>("isa");
        for (const kernels::Isa isa : kernels::supportedIsas()) {
            const auto row = [&](const char* name) -> QTestData& {
                return QTest::newRow(qPrintable(QString("%1: %2").arg(kernels::isaName(isa), name)));
            };
            row("chapter K=2 seed 1") << "chapter" << 1 << 1.0f << int(isa);
            row("chapter K=2 seed 2, weights x5") << "chapter" << 2 << 5.0f << int(isa);
            row("chapter K=2 seed 3, weights x5") << "chapter" << 3 << 5.0f << int(isa);
            row("clear K=8 seed 4") << "clear" << 4 << 1.0f << int(isa);
            row("clear K=8 seed 5, weights x5") << "clear" << 5 << 5.0f << int(isa);
        }
    }

    void logitsMatchReference()
    {
        QFETCH(QString, preset);
        QFETCH(int, seed);
        QFETCH(float, scale);
        QFETCH(int, isa);
        const auto bundle = bundleFor(preset.toStdString(), std::uint64_t(seed), scale);
        const Stats stats =
            compareLogits(*bundle, std::uint64_t(seed) + 100, 200, kernels::WeightFormat::Float32, kernels::Isa(isa));
        qInfo("max |fused - libtorch| = %.3g over logits with std %.3g", stats.maxAbsDiff, stats.referenceStd);
        if (scale > 1)
            QVERIFY2(stats.referenceStd > 1.0, "the scaled weights should give logits with std > 1");
        // 1e-4 absolute (docs/model.md): both sides are float32 but sum in different orders (packed
        // panels vs MKL), which moves logits by ~1e-6 here; a wrong operation moves them by >1e-2.
        QVERIFY2(stats.maxAbsDiff < 1e-4, qPrintable(QString("max difference %1").arg(stats.maxAbsDiff)));
    }

    // Issue 19 (the attention view): the fused path's attention weights, read from attend()'s
    // scratch, equal the reference module's softmax within 1e-5, for every layer and query head of
    // every step, on both presets and every instruction set; each row sums to 1 over the positions.
    void attentionWeightsMatchReference_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("isa");
        for (const kernels::Isa isa : kernels::supportedIsas()) {
            QTest::newRow(qPrintable(QString("%1: chapter, weights x5").arg(kernels::isaName(isa))))
                << "chapter" << int(isa);
            QTest::newRow(qPrintable(QString("%1: clear, weights x5").arg(kernels::isaName(isa))))
                << "clear" << int(isa);
        }
    }

    void attentionWeightsMatchReference()
    {
        QFETCH(QString, preset);
        QFETCH(int, isa);
        const auto bundle = bundleFor(preset.toStdString(), 9, 5.0f);
        const TalkerConfig& c = bundle->config.talker;
        const int K = c.codebooks, V = c.codebookSize, frames = 150;
        auto fused = makeFusedBatchDecoder(*bundle, 2, kernels::WeightFormat::Float32, kernels::Isa(isa));
        auto reference = makeLibTorchBatchDecoder(*bundle, Device::Cpu);
        for (BatchDecoder* decoder : {fused.get(), reference.get()}) {
            decoder->reset(1, frames);
            QVERIFY(decoder->attention().values == nullptr);
            QVERIFY(decoder->captureAttention(true));
            QVERIFY(decoder->attention().values == nullptr); // no step yet
        }
        std::mt19937 rng(17);
        std::vector<std::int32_t> codes(std::size_t(K), c.bosIndex());
        double largest = 0.0;
        for (int t = 0; t < frames; ++t) {
            fused->step(codes.data());
            reference->step(codes.data());
            const AttentionWeights a = fused->attention(), b = reference->attention();
            QVERIFY(a.values && b.values);
            QCOMPARE(a.positions, std::int64_t(t + 1));
            QCOMPARE(b.positions, std::int64_t(t + 1));
            QCOMPARE(a.layers, c.layers);
            QCOMPARE(a.heads, c.queryHeads);
            for (int row = 0; row < c.layers * c.queryHeads; ++row) {
                double sum = 0.0;
                for (std::int64_t j = 0; j <= t; ++j) {
                    const float x = a.values[std::size_t(row) * std::size_t(a.stride) + std::size_t(j)];
                    const float y = b.values[std::size_t(row) * std::size_t(b.stride) + std::size_t(j)];
                    largest = std::max(largest, double(std::abs(x - y)));
                    sum += x;
                }
                QVERIFY2(std::abs(sum - 1.0) < 1e-4,
                         qPrintable(QString("row %1 of step %2 sums to %3").arg(row).arg(t).arg(sum)));
            }
            for (auto& code : codes)
                code = std::int32_t(rng() % std::uint32_t(V));
        }
        qInfo("max |fused - libtorch| attention weight = %.3g", largest);
        QVERIFY2(largest < 1e-5, qPrintable(QString("attention weights differ by %1").arg(largest)));
        // Capture off: no weights (and the take loop asks for none).
        QVERIFY(fused->captureAttention(false));
        fused->reset(1, frames);
        fused->step(codes.data());
        QVERIFY(fused->attention().values == nullptr);
    }

    void kernelsHandleAnyShape()
    {
        // Odd row and column counts (partial blocks, a lone last bfloat16 column), partial panels
        // and strips (210 rows: 14 blocks, panels of 8 + 6, 6 + 6 + 2 or 4 + 4 + 4 + 2) and 1-7
        // streams (quads, pairs and a last odd one), for every instruction set this CPU runs, against a
        // plain double-precision product with the same (rounded) weights.
        std::mt19937 rng(5);
        std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
        for (const kernels::Isa isa : kernels::supportedIsas())
            for (const auto format : {kernels::WeightFormat::Float32, kernels::WeightFormat::BFloat16})
                for (const auto& [rows, cols] :
                     {std::pair{37, 33}, std::pair{16, 1}, std::pair{130, 64}, std::pair{210, 7}})
                    for (int batch = 1; batch <= 7; ++batch) {
                        std::vector<float> w(std::size_t(rows) * cols), x(std::size_t(batch) * cols),
                            y(std::size_t(batch) * rows);
                        for (auto& v : w)
                            v = uniform(rng);
                        for (auto& v : x)
                            v = uniform(rng);
                        const auto packed = kernels::PackedMatrix::pack(w.data(), rows, cols, format, isa);
                        QCOMPARE(packed.isa, isa);
                        kernels::matmul(packed, x.data(), std::size_t(cols), y.data(), std::size_t(rows), batch);
                        for (int s = 0; s < batch; ++s)
                            for (int r = 0; r < rows; ++r) {
                                double want = 0.0;
                                for (int c = 0; c < cols; ++c) {
                                    float weight = w[std::size_t(r) * cols + c];
                                    if (format == kernels::WeightFormat::BFloat16)
                                        weight = kernels::fromBFloat16(kernels::toBFloat16(weight));
                                    want += double(weight) * x[std::size_t(s) * cols + c];
                                }
                                QVERIFY2(std::abs(y[std::size_t(s) * rows + r] - want) < 1e-4,
                                         qPrintable(QString("%1: rows %2 cols %3 batch %4: %5 vs %6")
                                                        .arg(kernels::isaName(isa))
                                                        .arg(rows)
                                                        .arg(cols)
                                                        .arg(batch)
                                                        .arg(y[std::size_t(s) * rows + r])
                                                        .arg(want)));
                            }
                    }
    }

    void siluAndSoftmaxMatchStdExp()
    {
        // The kernels' own exp (silu() and attend()'s softmax) against std::exp in double: over the
        // range activations take, odd lengths (vector lanes and the one-lane rest), the saturation
        // at both ends, and NaN passed on, for every instruction set; AVX2 and AVX-512 bit-identical.
        std::vector<float> gate, up;
        for (float g = -100.0f; g <= 100.0f; g += 0.0137f) {
            gate.push_back(g);
            up.push_back(1.0f - 0.01f * g);
        }
        gate.push_back(std::numeric_limits<float>::quiet_NaN());
        up.push_back(1.0f);
        const int n = int(gate.size()); // odd: 14 599 + 1
        std::vector<std::vector<float>> results;
        for (const kernels::Isa isa : kernels::supportedIsas()) {
            std::vector<float> out(gate.size());
            kernels::silu(isa, gate.data(), up.data(), n, out.data());
            double worst = 0.0;
            float worstAt = 0.0f;
            for (int i = 0; i + 1 < n; ++i) {
                const double g = gate[std::size_t(i)];
                const double want = g / (1.0 + std::exp(-g)) * up[std::size_t(i)];
                const double error = std::abs(out[std::size_t(i)] - want);
                if (std::abs(want) < 1e-30) { // the saturated end (g < -88): some 1e-36 instead of smaller
                    QVERIFY2(error < 1e-35,
                             qPrintable(QString("%1 at %2: %3").arg(kernels::isaName(isa)).arg(g).arg(error)));
                    continue;
                }
                if (const double e = error / std::abs(want); e > worst) {
                    worst = e;
                    worstAt = float(g);
                }
            }
            qInfo("%s: silu worst relative error %.3g (at %g)", kernels::isaName(isa), worst, double(worstAt));
            QVERIFY2(worst < 1e-6, qPrintable(QString("%1: %2").arg(kernels::isaName(isa)).arg(worst)));
            QVERIFY(std::isnan(out.back()));
            if (isa != kernels::Isa::Generic)
                results.push_back(out);

            // Softmax: one key per position, scores spread over ±60 (so some fall below exp(-86)).
            const int positions = 203, dim = 16;
            const std::int64_t stride = kernels::attendRoundUp(positions); // keys by dimension, padded
            std::vector<float> query(dim, 0.0f), keys(std::size_t(stride) * dim, 0.0f),
                values(std::size_t(positions) * dim, 0.0f);
            query[0] = 1.0f;
            for (int t = 0; t < positions; ++t) {
                keys[std::size_t(t)] = float(t % 41) * 3.0f - 60.0f; // dimension 0 of position t
                values[std::size_t(t) * dim + 1] = float(t);
            }
            std::vector<float> scores(static_cast<std::size_t>(stride)), attended(dim);
            kernels::attend(isa, query.data(), keys.data(), std::size_t(stride), values.data(), dim, positions, dim,
                            1.0f, scores.data(), attended.data());
            double total = 0.0, mean = 0.0;
            for (int t = 0; t < positions; ++t)
                total += std::exp(double(keys[std::size_t(t)]) - 60.0);
            for (int t = 0; t < positions; ++t)
                mean += std::exp(double(keys[std::size_t(t)]) - 60.0) / total * t;
            QVERIFY2(std::abs(attended[1] - mean) < 1e-4 * mean,
                     qPrintable(QString("%1: %2 vs %3").arg(kernels::isaName(isa)).arg(attended[1]).arg(mean)));
        }
        for (std::size_t r = 1; r < results.size(); ++r)
            QVERIFY(std::equal(results[r].begin(), results[r].end() - 1, results[0].begin()));
    }

    void instructionSetsAgree()
    {
        // AVX2 and AVX-512 both fuse each multiply-add and sum every output in the same order, so
        // their logits are bit-identical (a wrong tile or a lost column would differ in every
        // frame); the portable kernels round each product separately and differ by ~1e-6, within
        // the 1e-4 parity above. Both formats, one stream and a batch of 9 on two threads (pairs,
        // a last odd stream, the worker pool).
        const auto isas = kernels::supportedIsas();
        if (std::find(isas.begin(), isas.end(), kernels::Isa::Avx2) == isas.end() ||
            std::find(isas.begin(), isas.end(), kernels::Isa::Avx512) == isas.end())
            QSKIP("this CPU does not run both AVX2 and AVX-512");
        const auto bundle = bundleFor("clear", 17, 5.0f);
        const TalkerConfig& c = bundle->config.talker;
        for (const auto format : {kernels::WeightFormat::Float32, kernels::WeightFormat::BFloat16})
            for (const int batch : {1, 9}) {
                auto avx2 = makeFusedBatchDecoder(*bundle, 2, format, kernels::Isa::Avx2);
                auto avx512 = makeFusedBatchDecoder(*bundle, 2, format, kernels::Isa::Avx512);
                auto generic = makeFusedBatchDecoder(*bundle, 2, format, kernels::Isa::Generic);
                avx2->reset(batch, 60);
                avx512->reset(batch, 60);
                generic->reset(batch, 60);
                std::mt19937 rng(19);
                std::vector<std::int32_t> codes(std::size_t(batch) * c.codebooks, c.bosIndex());
                const std::size_t count = std::size_t(batch) * c.codebooks * c.codebookSize;
                double genericDiff = 0.0;
                for (int t = 0; t < 60; ++t) {
                    const float* a = avx2->step(codes.data());
                    const float* b = avx512->step(codes.data());
                    const float* g = generic->step(codes.data());
                    QVERIFY2(std::equal(a, a + count, b), qPrintable(QString("batch %1, frame %2").arg(batch).arg(t)));
                    for (std::size_t i = 0; i < count; ++i)
                        genericDiff = std::max(genericDiff, double(std::abs(g[i] - a[i])));
                    for (auto& code : codes)
                        code = std::int32_t(rng() % std::uint32_t(c.codebookSize));
                }
                qInfo("batch %d: max |generic - avx2| = %.3g", batch, genericDiff);
                QVERIFY2(genericDiff < 1e-4, qPrintable(QString::number(genericDiff)));
            }
    }

    void instructionSetIsChosen()
    {
        // TALKER_ISA forces a (lower) instruction set; a name that is none is refused, not ignored.
        const QByteArray saved = qgetenv("TALKER_ISA");
        const bool wasSet = qEnvironmentVariableIsSet("TALKER_ISA");
        qunsetenv("TALKER_ISA");
        QCOMPARE(kernels::defaultIsa(), kernels::supportedIsas().front());
        qputenv("TALKER_ISA", "generic");
        QCOMPARE(kernels::defaultIsa(), kernels::Isa::Generic);
        QCOMPARE(kernels::PackedMatrix::pack(std::vector<float>(16, 1.0f).data(), 4, 4).isa, kernels::Isa::Generic);
        qputenv("TALKER_ISA", "avx3");
        try {
            kernels::defaultIsa();
            QFAIL("TALKER_ISA=avx3 was accepted");
        } catch (const ArgumentError& e) {
            QCOMPARE(std::string(e.what()), std::string("TALKER_ISA 'avx3': expected avx512, avx2 or generic"));
        }
        if (wasSet)
            qputenv("TALKER_ISA", saved);
        else
            qunsetenv("TALKER_ISA");
        for (const kernels::Isa isa : {kernels::Isa::Generic, kernels::Isa::Avx2, kernels::Isa::Avx512})
            QCOMPARE(kernels::parseIsa(kernels::isaName(isa)), isa);
    }

    void secondCoreGivesIdenticalLogits()
    {
        // One small batch with two threads splits every product's rows over two cores, a larger one
        // its streams over the worker pool (the same threads for all 120 steps): the logits must be
        // bit-identical to one core, for one, three and eleven streams, K = 2 and K = 8.
        for (const char* preset : {"chapter", "clear"})
            for (const int batch : {1, 3, 11}) {
                const auto bundle = bundleFor(preset, 9, 5.0f);
                const TalkerConfig& c = bundle->config.talker;
                auto one = makeFusedBatchDecoder(*bundle, 1), two = makeFusedBatchDecoder(*bundle, 2);
                one->reset(batch, 120);
                two->reset(batch, 120);
                std::mt19937 rng(13);
                std::vector<std::int32_t> codes(std::size_t(batch) * c.codebooks, c.bosIndex());
                const std::size_t count = std::size_t(batch) * c.codebooks * c.codebookSize;
                for (int t = 0; t < 120; ++t) {
                    const float* a = one->step(codes.data());
                    const float* b = two->step(codes.data());
                    QVERIFY2(std::equal(a, a + count, b),
                             qPrintable(QString("%1, batch %2, frame %3").arg(preset).arg(batch).arg(t)));
                    for (auto& code : codes)
                        code = std::int32_t(rng() % std::uint32_t(c.codebookSize));
                }
            }
    }

    void bf16LogitsStayClose()
    {
        // bfloat16 weights keep 8 significant bits: on the trained chapter bundle the logits move
        // by ~2e-2 at most (measured 1.7e-2, logit std 2.1), a small fraction of their spread; a
        // wrong widening (bits in the wrong half, no rounding) moves them by whole units. And they
        // do move: equal to float32 would mean the weights were not reduced at all.
        const ModelBundle bundle = ModelBundle::load(std::string(TALKER_SOURCE_MODELS_DIR) + "/chapter");
        const Stats stats = compareLogits(bundle, 11, 200, kernels::WeightFormat::BFloat16);
        qInfo("max |fused-bf16 - libtorch| = %.3g over logits with std %.3g", stats.maxAbsDiff, stats.referenceStd);
        QVERIFY2(stats.maxAbsDiff < 0.1, qPrintable(QString("max difference %1").arg(stats.maxAbsDiff)));
        QVERIFY2(stats.maxAbsDiff > 1e-4, qPrintable(QString("max difference %1").arg(stats.maxAbsDiff)));

        QCOMPARE(kernels::toBFloat16(1.0f), std::uint16_t(0x3f80));
        QCOMPARE(kernels::fromBFloat16(kernels::toBFloat16(1.0f + 1.0f / 256)), 1.0f);             // tie -> even
        QCOMPARE(kernels::fromBFloat16(kernels::toBFloat16(1.0f + 3.0f / 256)), 1.0f + 1.0f / 64); // tie -> even (up)
        QCOMPARE(kernels::fromBFloat16(kernels::toBFloat16(-2.5f)), -2.5f);
        QVERIFY(std::isnan(kernels::fromBFloat16(kernels::toBFloat16(std::nanf("")))));
        QCOMPARE(parseBackend("fused-bf16"), Backend::FusedBf16);
        const auto shared = std::make_shared<const ModelBundle>(bundle);
        QCOMPARE(Generator(shared, Backend::FusedBf16).backendName(), std::string("fused-bf16"));

        // Batched bfloat16 streams (the two-stream kernel) give exactly the single-stream takes.
        BatchGenerator batch(shared, Backend::FusedBf16);
        GenerationParams params;
        params.frames = 40;
        const std::vector<std::uint64_t> seeds = {3, 4, 5};
        const auto takes = batch.run(params, seeds);
        for (std::size_t b = 0; b < seeds.size(); ++b) {
            params.sampling.seed = seeds[b];
            QCOMPARE(takes[b].codes, Generator(shared, Backend::FusedBf16).run(params).codes);
        }
    }

    void codesMatchReference_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("seed");
        QTest::addColumn<bool>("argmax");
        QTest::newRow("chapter argmax") << "chapter" << 11 << true;
        QTest::newRow("chapter temperature 1") << "chapter" << 12 << false;
        QTest::newRow("clear argmax") << "clear" << 13 << true;
        QTest::newRow("clear temperature 1") << "clear" << 14 << false;
    }

    // The same seed gives the same take on both backends. Sampling at temperature 1 could in
    // principle flip a code when the uniform draw lands within ~1e-6 of a boundary of the
    // cumulative distribution (the logits differ by ~1e-6); with 200 x K draws per take that has a
    // chance of ~1e-4, and these rows are fixed, so they pass or fail deterministically.
    void codesMatchReference()
    {
        QFETCH(QString, preset);
        QFETCH(int, seed);
        QFETCH(bool, argmax);
        const auto bundle = bundleFor(preset.toStdString(), std::uint64_t(seed), 5.0f);
        const Take fused = generate(bundle, Backend::Fused, std::uint64_t(seed), argmax);
        const Take reference = generate(bundle, Backend::LibTorch, std::uint64_t(seed), argmax);
        QCOMPARE(fused.codes.frames(), FrameIndex(200));
        QCOMPARE(fused.backend, std::string("fused"));
        QCOMPARE(fused.codes, reference.codes);
    }

    void delaysAndPromptMatchReference()
    {
        const auto bundle = bundleFor("chapter", 21, 5.0f, {0, 1});
        Codes prompt;
        prompt.codebooks = 2;
        prompt.values = {5, 9, 17, 3, 100, 42};
        const Take fused = generate(bundle, Backend::Fused, 21, false, 60, prompt);
        const Take reference = generate(bundle, Backend::LibTorch, 21, false, 60, prompt);
        QCOMPARE(fused.codes.frames(), FrameIndex(63));
        QCOMPARE(fused.codes, reference.codes);
    }

    void autoPicksFused()
    {
        Generator generator(bundleFor("chapter", 1));
        QCOMPARE(generator.backendName(), std::string("fused"));
        QVERIFY(generator.fallbackReason().empty());
    }

    void unsupportedConfigurationIsNamed()
    {
        TalkerConfig config;
        config.queryHeads = 3;
        config.kvHeads = 2;
        QCOMPARE(fusedUnsupportedReason(config),
                 std::string("the fused path needs the query heads (3) to be a multiple of the key/value heads (2)"));
        QVERIFY(fusedUnsupportedReason(TalkerConfig{}).empty());
    }

    // B streams in one pass give exactly the B single-stream takes: same codes, same probabilities
    // (bit for bit: every output is summed in the same order whatever the batch). 9 streams cover
    // the two-stream kernel, its one-stream tail and the split over worker threads.
    void batchEqualsSingleRuns_data()
    {
        QTest::addColumn<bool>("argmax");
        QTest::newRow("temperature 1") << false;
        QTest::newRow("argmax") << true;
    }

    void batchEqualsSingleRuns()
    {
        QFETCH(bool, argmax);
        const auto bundle = bundleFor("chapter", 31, 5.0f);
        GenerationParams params;
        params.frames = 80;
        params.sampling.argmax = argmax;
        const std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        BatchGenerator batch(bundle, Backend::Fused);
        QCOMPARE(batch.backendName(), std::string("fused"));
        int events = 0;
        const auto takes = batch.run(params, seeds, [&](int, const FrameEvent&) { ++events; });
        QCOMPARE(int(takes.size()), 9);
        QCOMPARE(events, 9 * 80);
        for (std::size_t b = 0; b < seeds.size(); ++b) {
            const Take single = generate(bundle, Backend::Fused, seeds[b], argmax, 80);
            QCOMPARE(takes[b].codes, single.codes);
            QVERIFY(takes[b].probabilities == single.probabilities);
            QVERIFY(takes[b].mel.values == single.mel.values);
            QCOMPARE(takes[b].params.sampling.seed, seeds[b]);
        }
        if (!argmax)
            QVERIFY(takes[0].codes != takes[1].codes); // the seeds matter (at argmax they cannot)
    }

    void libTorchBatchEqualsSingleRuns()
    {
        const auto bundle = bundleFor("clear", 41, 5.0f);
        GenerationParams params;
        params.frames = 40;
        const std::vector<std::uint64_t> seeds = {4, 5, 6};
        BatchGenerator batch(bundle, Backend::LibTorch);
        const auto takes = batch.run(params, seeds);
        for (std::size_t b = 0; b < seeds.size(); ++b)
            QCOMPARE(takes[b].codes, generate(bundle, Backend::LibTorch, seeds[b], false, 40).codes);
    }

    void batchCancelKeepsCompletedFrames()
    {
        const auto bundle = bundleFor("chapter", 1);
        GenerationParams params;
        params.frames = 50;
        std::atomic<bool> cancel{false};
        BatchGenerator batch(bundle);
        const auto takes = batch.run(
            params, {1, 2},
            [&](int stream, const FrameEvent& e) {
                if (stream == 1 && e.index == 9)
                    cancel = true;
            },
            &cancel);
        for (const auto& take : takes) {
            QVERIFY(take.cancelled);
            QCOMPARE(take.codes.frames(), FrameIndex(10));
            QCOMPARE(take.mel.frames(), FrameIndex(10 * 5));
        }
    }

    void deviceCodecMatchesCpu()
    {
        // The RVQ frame decoder as tensor operations (--device cuda keeps it beside the Talker),
        // run on the CPU here: all streams in one pass, equal to Rvq::decodeFrame per stream.
        for (const char* preset : {"chapter", "clear"}) {
            const auto bundle = bundleFor(preset, 3);
            const int K = bundle->config.codec.codebooks, V = bundle->config.codec.codebookSize;
            const std::size_t width = std::size_t(bundle->config.codec.subframes) * bundle->config.audio.melBins;
            const int B = 5;
            std::mt19937 rng(7);
            std::vector<std::int32_t> codes(std::size_t(B) * K);
            for (auto& code : codes)
                code = std::int32_t(rng() % std::uint32_t(V));
            std::vector<float> want(B * width), got(B * width);
            makeCpuFrameCodec(*bundle)->decode(codes.data(), B, want.data());
            makeDeviceFrameCodec(*bundle, Device::Cpu)->decode(codes.data(), B, got.data());
            double maxDiff = 0.0;
            for (std::size_t i = 0; i < want.size(); ++i)
                maxDiff = std::max(maxDiff, double(std::abs(got[i] - want[i])));
            qInfo("%s: device codec vs CPU codec max |diff| %.2e", preset, maxDiff);
            QVERIFY2(maxDiff < 1e-4, qPrintable(QString::number(maxDiff)));
            codes[1] = V; // BOS is not a code
            QVERIFY_THROWS_EXCEPTION(ArgumentError,
                                     makeDeviceFrameCodec(*bundle, Device::Cpu)->decode(codes.data(), B, got.data()));
        }
    }

    void devicesAreChecked()
    {
        QVERIFY_THROWS_EXCEPTION(ArgumentError, parseDevice("gpu"));
        // Fused on CUDA is the project's CUDA kernels (test_cuda): refused in a build without them or
        // on a machine without a CUDA device.
        std::string reason;
        if (cuda::deviceCount(&reason) == 0) {
            try {
                BatchGenerator(bundleFor("chapter", 1), Backend::Fused, Device::Cuda);
                QFAIL("fused on cuda was accepted without CUDA");
            } catch (const ArgumentError& e) {
                const std::string expected =
                    cuda::kernelsBuilt()
                        ? "cannot run the Talker on CUDA: " + reason
                        : "cannot use the fused backend on device 'cuda': this build has no CUDA "
                          "kernels (configured without TALKER_WITH_CUDA); use --backend libtorch or auto";
                QCOMPARE(std::string(e.what()), expected);
            }
        }
        if (!cudaAvailable()) {
            try {
                BatchGenerator(bundleFor("chapter", 1), Backend::Auto, Device::Cuda);
                QFAIL("cuda was accepted without CUDA");
            } catch (const ArgumentError& e) {
                QCOMPARE(std::string(e.what()),
                         std::string("cannot use device 'cuda': this build's LibTorch has no CUDA support or no CUDA "
                                     "device is present; use --device cpu"));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFused)
#include "test_fused.moc"
