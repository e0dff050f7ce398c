// SPDX-License-Identifier: GPL-3.0-or-later
// Sampling: hand-computed distributions (table-driven), argmax, seeds, and refused parameters.
#include "talker/Error.h"
#include "talker/Sampler.h"

#include <QtTest>

#include <cmath>

using namespace talker;
using Floats = std::vector<float>;
Q_DECLARE_METATYPE(Floats)

namespace {

Floats logitsOf(const Floats& p)
{
    Floats l;
    for (float x : p)
        l.push_back(std::log(x));
    return l;
}

} // namespace

class TestSampler : public QObject {
    Q_OBJECT

  private slots:
    void distribution_data()
    {
        QTest::addColumn<Floats>("probabilities");
        QTest::addColumn<double>("temperature");
        QTest::addColumn<int>("topK");
        QTest::addColumn<double>("topP");
        QTest::addColumn<Floats>("expected");
        const Floats p{0.1f, 0.2f, 0.3f, 0.4f};
        QTest::newRow("plain") << p << 1.0 << 0 << 1.0 << p;
        QTest::newRow("top-p 0.7 keeps .4 and .3") << p << 1.0 << 0 << 0.7 << Floats{0, 0, 0.3f / 0.7f, 0.4f / 0.7f};
        QTest::newRow("top-p 0.75 keeps three")
            << p << 1.0 << 0 << 0.75 << Floats{0, 0.2f / 0.9f, 0.3f / 0.9f, 0.4f / 0.9f};
        QTest::newRow("top-p tiny keeps one") << p << 1.0 << 0 << 0.01 << Floats{0, 0, 0, 1};
        QTest::newRow("top-k 2") << p << 1.0 << 2 << 1.0 << Floats{0, 0, 0.3f / 0.7f, 0.4f / 0.7f};
        QTest::newRow("top-k 1") << p << 1.0 << 1 << 1.0 << Floats{0, 0, 0, 1};
        QTest::newRow("top-k 3 then top-p 0.5") << p << 1.0 << 3 << 0.5 << Floats{0, 0, 0.3f / 0.7f, 0.4f / 0.7f};
        // Temperature 2: p^(1/2), renormalised: sqrt(.1,.2,.3,.4) / 2.0963
        const double z = std::sqrt(0.1) + std::sqrt(0.2) + std::sqrt(0.3) + std::sqrt(0.4);
        QTest::newRow("temperature 2") << p << 2.0 << 0 << 1.0
                                       << Floats{float(std::sqrt(0.1) / z), float(std::sqrt(0.2) / z),
                                                 float(std::sqrt(0.3) / z), float(std::sqrt(0.4) / z)};
        QTest::newRow("temperature 0 is one-hot") << p << 0.0 << 0 << 1.0 << Floats{0, 0, 0, 1};
        QTest::newRow("ties go to the lower code")
            << Floats{0.25f, 0.25f, 0.25f, 0.25f} << 1.0 << 1 << 1.0 << Floats{1, 0, 0, 0};
    }

    void distribution()
    {
        QFETCH(Floats, probabilities);
        QFETCH(double, temperature);
        QFETCH(int, topK);
        QFETCH(double, topP);
        QFETCH(Floats, expected);
        SamplingParams params;
        params.temperature = temperature;
        params.topK = topK;
        params.topP = topP;
        const Floats logits = logitsOf(probabilities);
        Floats out(probabilities.size());
        Sampler::distribution(logits.data(), int(logits.size()), params, out.data());
        for (std::size_t i = 0; i < out.size(); ++i)
            QVERIFY2(std::abs(out[i] - expected[i]) < 1e-6, // float rounding of log/exp only
                     qPrintable(QString("p[%1] = %2, expected %3").arg(i).arg(out[i]).arg(expected[i])));
    }

    void samplesOnlyFromTheKeptSet()
    {
        const Floats logits = logitsOf({0.1f, 0.2f, 0.3f, 0.4f});
        SamplingParams params;
        params.topP = 0.7;
        params.seed = 3;
        Sampler sampler(params);
        int counts[4] = {0, 0, 0, 0};
        for (int i = 0; i < 20000; ++i)
            ++counts[sampler.sample(logits.data(), 4, nullptr)];
        QCOMPARE(counts[0] + counts[1], 0);
        // Expected 0.571 of draws are code 3; 4 standard deviations of 20000 draws is 0.014.
        QVERIFY(std::abs(counts[3] / 20000.0 - 0.4 / 0.7) < 0.014);
    }

    void lowTemperatureEqualsArgmax()
    {
        std::mt19937 rng(1);
        std::normal_distribution<float> normal;
        SamplingParams cold;
        cold.temperature = 1e-4;
        Sampler sampler(cold);
        for (int trial = 0; trial < 200; ++trial) {
            Floats logits(128);
            for (auto& x : logits)
                x = normal(rng);
            const int argmax = int(std::max_element(logits.begin(), logits.end()) - logits.begin());
            QCOMPARE(sampler.sample(logits.data(), 128, nullptr), argmax);
        }
    }

    void argmaxFlag()
    {
        SamplingParams params;
        params.argmax = true;
        Sampler sampler(params);
        const Floats logits{0.0f, 3.0f, 1.0f, 2.9f};
        Floats probs(4);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(sampler.sample(logits.data(), 4, probs.data()), 1);
        QVERIFY(probs[3] > 0.3f); // the reported distribution is still the softmax, not one-hot
    }

    void entropyInBits()
    {
        const Floats certain{0.0f, 1.0f, 0.0f, 0.0f};
        QCOMPARE(entropyBits(certain.data(), 4), 0.0);
        const Floats uniform(128, 1.0f / 128.0f);
        QVERIFY(std::abs(entropyBits(uniform.data(), 128) - 7.0) < 1e-5);
        const Floats coin{0.5f, 0.0f, 0.5f};
        QVERIFY(std::abs(entropyBits(coin.data(), 3) - 1.0) < 1e-9);
        const Floats skewed{0.75f, 0.25f};
        // -(0.75 log2 0.75 + 0.25 log2 0.25) = 0.811278...
        QVERIFY(std::abs(entropyBits(skewed.data(), 2) - 0.8112781244591328) < 1e-7);
    }

    void seedsDecide()
    {
        auto draws = [](std::uint64_t seed) {
            SamplingParams params;
            params.seed = seed;
            Sampler sampler(params);
            const Floats logits(128, 0.0f);
            std::vector<int> out;
            for (int i = 0; i < 64; ++i)
                out.push_back(sampler.sample(logits.data(), 128, nullptr));
            return out;
        };
        QCOMPARE(draws(7), draws(7));
        QVERIFY(draws(7) != draws(8));
    }

    void refusesOutOfRange_data()
    {
        QTest::addColumn<double>("temperature");
        QTest::addColumn<int>("topK");
        QTest::addColumn<double>("topP");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative temperature")
            << -1.0 << 0 << 1.0 << "invalid temperature -1: expected 0 (argmax) .. 100";
        QTest::newRow("NaN temperature") << double(NAN) << 0 << 1.0
                                         << "invalid temperature nan: expected 0 (argmax) .. 100";
        QTest::newRow("top-k too large") << 1.0 << 129 << 1.0 << "invalid top-k 129: expected 0 (off) .. 128";
        QTest::newRow("top-k negative") << 1.0 << -2 << 1.0 << "invalid top-k -2: expected 0 (off) .. 128";
        QTest::newRow("top-p zero") << 1.0 << 0 << 0.0 << "invalid top-p 0: expected a value in (0, 1]";
        QTest::newRow("top-p above one") << 1.0 << 0 << 1.5 << "invalid top-p 1.5: expected a value in (0, 1]";
    }

    void refusesOutOfRange()
    {
        QFETCH(double, temperature);
        QFETCH(int, topK);
        QFETCH(double, topP);
        QFETCH(QString, message);
        SamplingParams params;
        params.temperature = temperature;
        params.topK = topK;
        params.topP = topP;
        try {
            params.validate(128);
            QFAIL("accepted");
        } catch (const ArgumentError& e) {
            QCOMPARE(QString(e.what()), message);
        }
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "test_sampler.moc"
