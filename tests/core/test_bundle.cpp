// Model bundle and safetensors: round trips bit-exact, and every kind of broken bundle is refused
// with a message that names the file (and the tensor) and the cause.
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace talker;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeText(const fs::path& p, const std::string& text)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

// A safetensors file with a hand-written header, to produce what our writer never would.
void writeRaw(const fs::path& p, const std::string& header, std::size_t dataBytes)
{
    std::string bytes(8, '\0');
    const std::uint64_t n = header.size();
    std::memcpy(bytes.data(), &n, 8);
    bytes += header + std::string(dataBytes, '\0');
    writeText(p, bytes);
}

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const BundleError& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no error>");
}

} // namespace

class TestBundle : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path bundleDir(const char* name)
    {
        const fs::path p = fs::path(m_dir.path().toStdString()) / name;
        ModelBundle::initialise(ModelConfig::chapter(), 3).save(p);
        return p;
    }

private slots:
    void readsIndependentlyWrittenFile()
    {
        // Written by tests/data/make_safetensors.py (Python struct + json, no safetensors library).
        const auto t = readSafetensors(fs::path(TALKER_TEST_DATA_DIR) / "independent.safetensors");
        QCOMPARE(t.size(), std::size_t(3));
        QCOMPARE(t.at("a.weight").shape, (std::vector<std::int64_t>{2, 3}));
        QCOMPARE(t.at("a.weight").values, (std::vector<float>{0.5f, -1.25f, 3.0f, 1e-3f, -0.0f, 65504.0f}));
        QCOMPARE(t.at("b").values, (std::vector<float>{1, 2, 3, 4}));
        QCOMPARE(t.at("scalar_like").values[0], 3.14159f);
    }

    void writerOutputReadsBackBitExact()
    {
        TensorMap m;
        m["x"] = HostTensor{{3, 2}, {1.5f, -2.0f, 1e-30f, 7.0f, 0.1f, -0.0f}};
        m["y"] = HostTensor{{1}, {42.0f}};
        const fs::path p = fs::path(m_dir.path().toStdString()) / "w.safetensors";
        writeSafetensors(p, m, {{"k", "v"}});
        const auto back = readSafetensors(p);
        QCOMPARE(back.size(), m.size());
        for (const auto& [name, t] : m) {
            QCOMPARE(back.at(name).shape, t.shape);
            QVERIFY(std::memcmp(back.at(name).values.data(), t.values.data(), t.values.size() * 4) == 0);
        }
        // The data section starts 8-byte aligned, as the format recommends.
        std::uint64_t headerBytes = 0;
        std::memcpy(&headerBytes, readText(p).data(), 8);
        QCOMPARE((8 + headerBytes) % 8, std::uint64_t(0));
    }

    void chapterParameterCount()
    {
        const auto b = ModelBundle::initialise(ModelConfig::chapter(), 1);
        // 2 x 129 x 192 + 4 x 541 056 + 192 + 2 x 192 x 128 (docs/MODEL.md).
        QCOMPARE(b.talkerParameterCount(), std::int64_t(2263104));
        QCOMPARE(ModelBundle::initialise(ModelConfig::preset("clear"), 1).talkerParameterCount(),
                 std::int64_t(2263104 + 6 * 129 * 192 + 6 * 192 * 128));
    }

    void bundleRoundTripIsBitExact()
    {
        const auto original = ModelBundle::initialise(ModelConfig::chapter(), 11);
        const fs::path p = fs::path(m_dir.path().toStdString()) / "roundtrip";
        original.save(p);
        const auto loaded = ModelBundle::load(p);
        QCOMPARE(loaded.config.toJson(), original.config.toJson());
        QCOMPARE(loaded.talkerWeights.size(), original.talkerWeights.size());
        for (const auto& [name, t] : original.talkerWeights)
            QVERIFY2(loaded.talkerWeights.at(name).values == t.values, name.c_str());
        for (const auto& [name, t] : original.rvqWeights)
            QVERIFY2(loaded.rvqWeights.at(name).values == t.values, name.c_str());
        // Saving what was loaded gives the same bytes.
        const fs::path again = fs::path(m_dir.path().toStdString()) / "again";
        loaded.save(again);
        QCOMPARE(readText(again / "talker.safetensors"), readText(p / "talker.safetensors"));
        QCOMPARE(readText(again / "rvq.safetensors"), readText(p / "rvq.safetensors"));
    }

    void refusesMissingDirectory()
    {
        QCOMPARE(errorOf([] { ModelBundle::load("/nonexistent/bundle"); }),
                 QStringLiteral("cannot load model bundle '/nonexistent/bundle': the directory does not exist"));
    }

    void refusesMissingFile()
    {
        const auto p = bundleDir("missing");
        fs::remove(p / "rvq.safetensors");
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("cannot read weights file '" + (p / "rvq.safetensors").string() +
                                        "': the file does not exist"));
        fs::remove(p / "model.json");
        QVERIFY(errorOf([&] { ModelBundle::load(p); }).endsWith("model.json is missing"));
    }

    void refusesTruncatedTensor()
    {
        const auto p = bundleDir("truncated");
        const auto bytes = readText(p / "talker.safetensors");
        writeText(p / "talker.safetensors", bytes.substr(0, bytes.size() - 1000));
        const QString e = errorOf([&] { ModelBundle::load(p); });
        QVERIFY2(e.startsWith(QString::fromStdString("cannot read weights file '" + (p / "talker.safetensors").string() +
                                                     "': tensor '")), qPrintable(e));
        QVERIFY2(e.endsWith("(truncated)"), qPrintable(e));
        writeText(p / "talker.safetensors", bytes.substr(0, 5));
        QVERIFY(errorOf([&] { ModelBundle::load(p); }).endsWith("shorter than the 8-byte header length"));
    }

    void refusesWrongShape()
    {
        const auto p = bundleDir("shape");
        auto weights = readSafetensors(p / "talker.safetensors");
        weights["heads.1.weight"] = HostTensor{{127, 192}, std::vector<float>(127 * 192, 0.0f)};
        writeSafetensors(p / "talker.safetensors", weights);
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("invalid weights file '" + (p / "talker.safetensors").string() +
                                        "': tensor 'heads.1.weight' has shape (127, 192) but model.json implies (128, 192)"));
    }

    void refusesWrongDtype()
    {
        const auto p = bundleDir("dtype");
        writeRaw(p / "rvq.safetensors",
                 R"({"proj_in.bias":{"dtype":"F16","shape":[64],"data_offsets":[0,128]}})", 128);
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("cannot read weights file '" + (p / "rvq.safetensors").string() +
                                        "': tensor 'proj_in.bias': dtype F16 is not supported (expected F32)"));
    }

    void refusesHeaderThatIsNotJson()
    {
        const auto p = bundleDir("header");
        writeRaw(p / "rvq.safetensors", "{not json", 0);
        QVERIFY(errorOf([&] { ModelBundle::load(p); }).contains("the header is not valid JSON"));
    }

    void refusesConfigDisagreeingWithWeights()
    {
        const auto p = bundleDir("disagree");
        auto json = nlohmann::json::parse(readText(p / "model.json"));
        json["talker"]["d_model"] = 256;
        writeText(p / "model.json", json.dump());
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("invalid weights file '" + (p / "talker.safetensors").string() +
                                        "': tensor 'blocks.0.attn.k.weight' has shape (64, 192) but model.json implies (64, 256)"));

        json["talker"]["d_model"] = 192;
        json["talker"]["codebooks"] = 3;
        writeText(p / "model.json", json.dump());
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("invalid model configuration '" + (p / "model.json").string() +
                                        "': talker.codebooks 3 disagrees with codec.codebooks 2"));

        json["talker"]["codebooks"] = "two";
        writeText(p / "model.json", json.dump());
        QVERIFY(errorOf([&] { ModelBundle::load(p); }).endsWith("talker.codebooks has the wrong type (\"two\")"));
    }

    void refusesExtraTensor()
    {
        const auto p = bundleDir("extra");
        auto weights = readSafetensors(p / "rvq.safetensors");
        weights["codebooks.2"] = HostTensor{{128, 64}, std::vector<float>(128 * 64, 0.0f)};
        writeSafetensors(p / "rvq.safetensors", weights);
        QVERIFY(errorOf([&] { ModelBundle::load(p); })
                    .endsWith("tensor 'codebooks.2' is not part of the model model.json describes"));
    }

    void refusesNaN()
    {
        const auto p = bundleDir("nan");
        auto weights = readSafetensors(p / "rvq.safetensors");
        weights["proj_out.bias"].values[3] = std::nanf("");
        writeSafetensors(p / "rvq.safetensors", weights);
        QVERIFY(errorOf([&] { ModelBundle::load(p); }).endsWith("tensor 'proj_out.bias' holds NaN or infinite values"));
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "test_bundle.moc"
