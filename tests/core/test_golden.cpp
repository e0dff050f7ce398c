// SPDX-License-Identifier: GPL-3.0-or-later
// Golden takes of the shipped `chapter` bundle: the codes of an argmax take and of a sampled take
// (temperature 0.8, seed 7), 120 frames each, committed in tests/data/golden-chapter.json. Every
// backend that covers chapter (LibTorch, the fused path) must give them code for code, so a change
// to the weights, the Talker step, the sampler or its random stream fails here.
//
// A golden take is only worth keeping when no step of it is a near tie that float summation order
// (another CPU, another instruction set) could flip: the test checks that every argmax code leads
// the runner-up by at least MinLead in log-probability (= in logits), ten times the 1e-4 within
// which the backends' logits agree (test_fused), so a failure here means a real change.
//
// To rewrite the file after an intended change: TALKER_WRITE_GOLDEN=1 build/tests/core/test_golden
#include "talker/Generator.h"
#include "talker/Json.h"
#include "talker/ModelBundle.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace talker;
namespace fs = std::filesystem;

namespace {

const fs::path GoldenFile = fs::path(TALKER_TEST_DATA_DIR) / "golden-chapter.json";
constexpr int Frames = 120;
constexpr double MinLead = 1e-3;

GenerationParams argmaxParams()
{
    GenerationParams p;
    p.frames = Frames;
    p.sampling.argmax = true;
    p.sampling.temperature = 1.0; // the reported probabilities are then the model's own
    p.sampling.topK = 0;
    p.sampling.topP = 1.0;
    p.sampling.seed = 7;
    return p;
}

GenerationParams sampledParams()
{
    GenerationParams p;
    p.frames = Frames;
    p.sampling.temperature = 0.8;
    p.sampling.seed = 7;
    return p;
}

nlohmann::json rows(const Codes& codes)
{
    nlohmann::json out = nlohmann::json::array();
    for (FrameIndex t = 0; t < codes.frames(); ++t) {
        nlohmann::json row = nlohmann::json::array();
        for (int k = 0; k < codes.codebooks; ++k)
            row.push_back(codes.at(t, k));
        out.push_back(row);
    }
    return out;
}

} // namespace

class TestGolden : public QObject {
    Q_OBJECT

    std::shared_ptr<const ModelBundle> m_bundle;
    nlohmann::json m_golden;

  private slots:
    void initTestCase()
    {
        m_bundle =
            std::make_shared<const ModelBundle>(ModelBundle::load(fs::path(TALKER_SOURCE_MODELS_DIR) / "chapter"));
        if (const char* write = std::getenv("TALKER_WRITE_GOLDEN"); write && std::string(write) == "1") {
            Generator generator(m_bundle, Backend::LibTorch);
            const nlohmann::json golden = {{"bundle", "chapter"},
                                           {"frames", Frames},
                                           {"argmax", rows(generator.run(argmaxParams()).codes)},
                                           {"temperature_0.8_seed_7", rows(generator.run(sampledParams()).codes)}};
            std::ofstream out(GoldenFile); // a frame per line, so that a diff shows where takes part
            out << "{\"bundle\": \"chapter\", \"frames\": " << Frames;
            for (const char* key : {"argmax", "temperature_0.8_seed_7"}) {
                out << ",\n \"" << key << "\": [";
                for (std::size_t t = 0; t < golden[key].size(); ++t)
                    out << (t ? ",\n  " : "\n  ") << golden[key][t].dump();
                out << "\n ]";
            }
            out << "\n}\n";
            qInfo("wrote %s", GoldenFile.c_str());
        }
        std::ifstream in(GoldenFile);
        QVERIFY2(in, GoldenFile.c_str());
        m_golden = parseJson(std::string(std::istreambuf_iterator<char>(in), {}));
        QCOMPARE(m_golden["frames"].get<int>(), Frames);
    }

    void takesEqualTheGoldenOnes_data()
    {
        QTest::addColumn<int>("backend");
        QTest::newRow("libtorch") << int(Backend::LibTorch);
        QTest::newRow("fused") << int(Backend::Fused);
    }

    void takesEqualTheGoldenOnes()
    {
        QFETCH(int, backend);
        Generator generator(m_bundle, Backend(backend));
        const Take argmax = generator.run(argmaxParams());
        QCOMPARE(rows(argmax.codes).dump(), m_golden["argmax"].dump());
        const Take sampled = generator.run(sampledParams());
        QCOMPARE(rows(sampled.codes).dump(), m_golden["temperature_0.8_seed_7"].dump());
    }

    void argmaxTakeHasNoNearTie()
    {
        Generator generator(m_bundle, Backend::LibTorch);
        const Take take = generator.run(argmaxParams());
        const int K = take.codes.codebooks, V = m_bundle->config.talker.codebookSize;
        double smallest = 1e9;
        for (FrameIndex t = take.promptFrames; t < take.codes.frames(); ++t)
            for (int k = 0; k < K; ++k) {
                std::vector<float> p(take.probabilities.begin() + (t * K + k) * V,
                                     take.probabilities.begin() + (t * K + k + 1) * V);
                std::partial_sort(p.begin(), p.begin() + 2, p.end(), std::greater<>());
                smallest = std::min(smallest, std::log(double(p[0])) - std::log(double(p[1])));
            }
        QVERIFY2(smallest >= MinLead, qPrintable(QString("closest lead %1").arg(smallest)));
    }
};

QTEST_APPLESS_MAIN(TestGolden)
#include "test_golden.moc"
