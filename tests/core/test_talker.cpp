// SPDX-License-Identifier: GPL-3.0-or-later
// The LibTorch Talker: exact parameter count, tensor names, and KV-cached stepping equal to the
// full-sequence forward.
#include "talker/ModelBundle.h"
#include "talker/Talker.h"

#include <QtTest>

using namespace talker;

class TestTalker : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { torch::manual_seed(0); }

    void parameterCountAndNames()
    {
        Talker model(ModelConfig::chapter().talker);
        QCOMPARE(model->parameterCount(), std::int64_t(2263104));
        const auto expected = ModelBundle::expectedTalkerShapes(ModelConfig::chapter().talker);
        const auto weights = model->weights();
        QCOMPARE(weights.size(), expected.size());
        for (const auto& [name, shape] : expected)
            QVERIFY2(weights.count(name) && weights.at(name).shape == shape, name.c_str());
    }

    void loadsBundleWeightsExactly()
    {
        const auto bundle = ModelBundle::initialise(ModelConfig::chapter(), 5);
        Talker model(bundle.config.talker);
        model->loadWeights(bundle.talkerWeights);
        const auto back = model->weights();
        for (const auto& [name, t] : bundle.talkerWeights)
            QVERIFY2(back.at(name).values == t.values, name.c_str());
    }

    void cachedStepsEqualFullForward_data()
    {
        QTest::addColumn<int>("codebooks");
        QTest::addColumn<int>("seed");
        QTest::addColumn<int>("batch");
        QTest::addColumn<bool>("packed");
        QTest::newRow("K=2 seed 1") << 2 << 1 << 1 << false;
        QTest::newRow("K=2 seed 2") << 2 << 2 << 1 << false;
        QTest::newRow("K=8 seed 3") << 8 << 3 << 1 << false;
        QTest::newRow("K=2 seed 2 B=3") << 2 << 2 << 3 << false;
        // The packed inference weights (fused q/k/v with RoPE swaps, fused gate/up, stacked heads)
        // against the unpacked full forward.
        QTest::newRow("packed K=2 seed 1") << 2 << 1 << 1 << true;
        QTest::newRow("packed K=8 seed 3") << 8 << 3 << 1 << true;
        QTest::newRow("packed K=2 seed 4 B=3") << 2 << 4 << 3 << true;
    }

    void cachedStepsEqualFullForward()
    {
        QFETCH(int, codebooks);
        QFETCH(int, seed);
        QFETCH(int, batch);
        QFETCH(bool, packed);
        torch::manual_seed(seed);
        TalkerConfig config = ModelConfig::chapter().talker;
        config.codebooks = codebooks;
        Talker model(config); // torch's default initialisation: larger weights than ours, a stricter check
        model->eval();
        torch::InferenceMode inference;
        const int frames = 200;
        // BOS then 199 random frames: (B, 200, K).
        auto codes = torch::randint(0, config.codebookSize, {batch, frames, codebooks}, torch::kLong);
        codes.select(1, 0).fill_(config.bosIndex());
        const auto full = model->forward(codes); // (B, T, K, V), always unpacked
        if (packed)
            model->packForInference();
        QCOMPARE(model->packed(), packed);

        KvCache cache(config, batch);
        // Prefill the first 10 frames in one call, then step one frame at a time.
        auto stepped = std::vector<torch::Tensor>{model->prefill(codes.narrow(1, 0, 10), cache)};
        for (int t = 10; t < frames; ++t)
            stepped.push_back(model->step(codes.select(1, t), cache).unsqueeze(1));
        const auto cached = torch::cat(stepped, 1);
        QCOMPARE(cache.length, std::int64_t(frames));
        const double maxError = (cached - full).abs().max().item<double>();
        // 1e-4: float32 rounding of a 4-layer model differs between the two summation orders by
        // ~1e-6 here; a wrong mask or RoPE offset gives errors of order 1e-1.
        QVERIFY2(maxError < 1e-4, qPrintable(QString("max |cached - full| = %1").arg(maxError)));
        QVERIFY(full.std().item<double>() > 0.01); // the logits are not trivially constant
    }

    void trainingDropsPackedWeights()
    {
        Talker model(ModelConfig::chapter().talker);
        model->eval();
        model->packForInference();
        QVERIFY(model->packed());
        model->train();
        QVERIFY(!model->packed()); // an optimiser step would make them stale
        model->eval();
        model->packForInference();
        model->loadWeights(ModelBundle::initialise(ModelConfig::chapter(), 3).talkerWeights);
        QVERIFY(!model->packed());
    }

    void causalMaskHidesTheFuture()
    {
        torch::manual_seed(9);
        Talker model(ModelConfig::chapter().talker);
        model->eval();
        torch::InferenceMode inference;
        auto codes = torch::randint(0, 128, {1, 20, 2}, torch::kLong);
        auto changed = codes.clone();
        changed.index_put_({0, 15}, torch::tensor({1, 2}, torch::kLong));
        const auto a = model->forward(codes), b = model->forward(changed);
        QVERIFY((a.narrow(1, 0, 15) - b.narrow(1, 0, 15)).abs().max().item<double>() == 0.0);
        QVERIFY((a.narrow(1, 15, 5) - b.narrow(1, 15, 5)).abs().max().item<double>() > 1e-4);
    }

    void refusesCacheOverflow()
    {
        TalkerConfig config = ModelConfig::chapter().talker;
        Talker model(config);
        torch::InferenceMode inference;
        KvCache cache(config, 1, torch::kCPU, 3);
        for (int i = 0; i < 3; ++i)
            model->step(bosFrame(config, 1), cache);
        QVERIFY_THROWS_EXCEPTION(std::exception, model->step(bosFrame(config, 1), cache));
    }
};

QTEST_GUILESS_MAIN(TestTalker)
#include "test_talker.moc"
