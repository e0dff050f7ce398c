// SPDX-License-Identifier: GPL-3.0-or-later
// Model bundle and safetensors: round trips bit-exact, and every kind of broken bundle is refused
// with a message that names the file (and the tensor) and the cause.
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Safetensors.h"
#include "talker/Summary.h"

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
        // 2 x 129 x 192 + 4 x 541 056 + 192 + 2 x 192 x 128 (docs/model.md).
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
        QVERIFY2(e.startsWith(QString::fromStdString("cannot read weights file '" +
                                                     (p / "talker.safetensors").string() + "': tensor '")),
                 qPrintable(e));
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
                 QString::fromStdString(
                     "invalid weights file '" + (p / "talker.safetensors").string() +
                     "': tensor 'heads.1.weight' has shape (127, 192) but model.json implies (128, 192)"));
    }

    void refusesWrongDtype()
    {
        const auto p = bundleDir("dtype");
        writeRaw(p / "rvq.safetensors", R"({"proj_in.bias":{"dtype":"F16","shape":[64],"data_offsets":[0,128]}})", 128);
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
                 QString::fromStdString(
                     "invalid weights file '" + (p / "talker.safetensors").string() +
                     "': tensor 'blocks.0.attn.k.weight' has shape (64, 192) but model.json implies (64, 256)"));

        json["talker"]["d_model"] = 192;
        json["talker"]["codebooks"] = 3;
        writeText(p / "model.json", json.dump());
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("invalid model configuration '" + (p / "model.json").string() +
                                        "': talker.codebooks 3 disagrees with codec.codebooks 2"));

        json["talker"]["codebooks"] = "two";
        writeText(p / "model.json", json.dump());
        const QString wrongType = errorOf([&] { ModelBundle::load(p); });
        QVERIFY2(wrongType.endsWith("talker.codebooks has the wrong type (\"two\", expected an integer)"),
                 qPrintable(wrongType));
    }

    void refusesExtraTensor()
    {
        const auto p = bundleDir("extra");
        auto weights = readSafetensors(p / "rvq.safetensors");
        weights["codebooks.2"] = HostTensor{{128, 64}, std::vector<float>(128 * 64, 0.0f)};
        writeSafetensors(p / "rvq.safetensors", weights);
        QVERIFY(errorOf([&] {
                    ModelBundle::load(p);
                }).endsWith("tensor 'codebooks.2' is not part of the model model.json describes"));
    }

    // Issue 14: model.json values that hung, allocated gigabytes or were silently narrowed.
    void refusesExtremeConfigValues_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value"); // JSON text
        QTest::addColumn<QString>("cause");
        const auto row = [](const char* name, const char* section, const char* key, const char* value,
                            const char* cause) { QTest::newRow(name) << section << key << value << cause; };
        row("hop 1", "audio", "hop_samples", "1", "audio.hop_samples 1 is outside 16..16384");
        row("n_fft 1e6", "audio", "n_fft", "1000000", "audio.n_fft 1000000 is outside 16..16384");
        row("mel bins", "audio", "mel_bins", "100000", "audio.mel_bins 100000 is outside 8..512");
        row("log floor 3", "audio", "log_floor", "3", "audio.log_floor 3 is outside 1e-12..0.01");
        row("sample rate", "audio", "sample_rate_hz", "1", "audio.sample_rate_hz 1 is outside 1000..768000");
        row("codebooks 1e9", "codec", "codebooks", "1e9",
            "codec.codebooks has the wrong type (1000000000.0, expected an integer)");
        row("codebooks 2^32 + 2", "codec", "codebooks", "4294967298", "codec.codebooks 4294967298 is outside 1..32");
        row("subframes", "codec", "subframes", "1000", "codec.subframes 1000 is outside 1..32");
        row("layers 2.9", "talker", "layers", "2.9", "talker.layers has the wrong type (2.9, expected an integer)");
        row("layers true", "talker", "layers", "true", "talker.layers has the wrong type (true, expected an integer)");
        row("d_model", "talker", "d_model", "2147483647", "talker.d_model 2147483647 is outside 8..4096");
        row("max_frames", "talker", "max_frames", "1000000000", "talker.max_frames 1000000000 is outside 2..1048576");
        row("delays 2.5", "talker", "delays", "[0, 2.5]", "talker.delays entry 2.5 must be an integer in 0..64");
        row("iterations 1e9", "vocoder", "iterations", "1000000000",
            "vocoder.iterations 1000000000 is outside 1..1000");
        row("peak", "vocoder", "peak_dbfs", "-1e300", "vocoder.peak_dbfs -1e+300 is outside -60..0");
        // Each in range, together 64 layers x 4096 wide: 52 GB of weights.
        row("weights too large", "talker", "layers", "64",
            "the Talker's weights would need 1.30218e+10 float values, more than 2.68435e+08 (1 GiB)");
    }

    void refusesExtremeConfigValues()
    {
        QFETCH(QString, section);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, cause);
        const auto p = bundleDir("extreme");
        auto json = nlohmann::json::parse(readText(p / "model.json"));
        json[section.toStdString()][key.toStdString()] = nlohmann::json::parse(value.toStdString());
        if (QString(QTest::currentDataTag()) == "weights too large") {
            json["talker"]["d_model"] = 4096;
            json["talker"]["ffn_hidden"] = 16384;
        }
        writeText(p / "model.json", json.dump());
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("invalid model configuration '" + (p / "model.json").string() + "': ") + cause);
    }

    void refusesDeepJson()
    {
        // 100 000 levels in the metrics overflowed the stack when fromJson copied them (SIGSEGV).
        const auto p = bundleDir("deep");
        const std::string text = readText(p / "model.json");
        const auto withMetrics = [&](const std::string& value) {
            const std::size_t brace = text.find("\"metrics\": {") + std::string("\"metrics\": {").size();
            const bool empty = text.find_first_not_of(" \n", brace) == text.find('}', brace);
            return text.substr(0, brace) + "\"deep\": " + value + (empty ? "" : ", ") + text.substr(brace);
        };
        writeText(p / "model.json", withMetrics(std::string(100000, '[') + std::string(100000, ']')));
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }),
                 QString::fromStdString("invalid model configuration '" + (p / "model.json").string() +
                                        "': JSON nested deeper than 64 levels (the most this program reads)"));
        // Within the limit it is read (the object, "metrics" and 62 arrays); 64 arrays are not.
        writeText(p / "model.json", withMetrics(std::string(62, '[') + std::string(62, ']')));
        QCOMPARE(errorOf([&] { ModelBundle::load(p); }), QStringLiteral("<no error>"));
        QCOMPARE(ModelBundle::load(p).config.metrics["deep"].dump(), std::string(62, '[') + std::string(62, ']'));
        writeText(p / "model.json", withMetrics(std::string(64, '[') + std::string(64, ']')));
        const QString tooDeep = errorOf([&] { ModelBundle::load(p); });
        QVERIFY2(tooDeep.endsWith("JSON nested deeper than 64 levels (the most this program reads)"),
                 qPrintable(tooDeep));
    }

    // Issue 14: shapes whose product overflows 64 bits (UBSan at Safetensors.cpp:23, then SIGFPE in
    // the fused decoder), offsets past the file, dimensions that are not non-negative integers.
    void refusesHostileSafetensors_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("dataBytes");
        QTest::addColumn<QString>("cause");
        QTest::newRow("product wraps to 0")
            << R"({"x":{"dtype":"F32","shape":[4294967296,1073741824],"data_offsets":[0,0]}})" << 0
            << "tensor 'x': shape (4294967296, 1073741824) holds more values than the file's 0 bytes of data";
        QTest::newRow("product overflows")
            << R"({"x":{"dtype":"F32","shape":[4611686018427387904,4611686018427387904,4],"data_offsets":[0,16]}})"
            << 16
            << "tensor 'x': shape (4611686018427387904, 4611686018427387904, 4) holds more values than the file's 16 "
               "bytes of data";
        QTest::newRow("offset past the file")
            << R"({"x":{"dtype":"F32","shape":[4],"data_offsets":[16,32]}})" << 16
            << "tensor 'x': data ends at byte 32 but the file holds only 16 bytes of data (truncated)";
        QTest::newRow("negative offset") << R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})" << 8
                                         << "tensor 'x': data_offsets is not a list of two non-negative integers";
        QTest::newRow("negative dimension") << R"({"x":{"dtype":"F32","shape":[-2,-2],"data_offsets":[0,16]}})" << 16
                                            << "tensor 'x': the shape has a negative dimension";
        QTest::newRow("fractional dimension") << R"({"x":{"dtype":"F32","shape":[2.5],"data_offsets":[0,8]}})" << 8
                                              << "tensor 'x': the shape is not a list of integers";
        QTest::newRow("dimension 2^64 - 1")
            << R"({"x":{"dtype":"F32","shape":[18446744073709551615],"data_offsets":[0,4]}})" << 4
            << "tensor 'x': the shape has a dimension of 18446744073709551615, more than 2^63 - 1";
        QTest::newRow("deep header") << QString(2000, '[') + QString(2000, ']') << 0
                                     << "the header is JSON nested deeper than 64 levels (the most this program reads)";
    }

    void refusesHostileSafetensors()
    {
        QFETCH(QString, header);
        QFETCH(int, dataBytes);
        QFETCH(QString, cause);
        const fs::path p = fs::path(m_dir.path().toStdString()) / "hostile.safetensors";
        writeRaw(p, header.toStdString(), std::size_t(dataBytes));
        QCOMPARE(errorOf([&] { readSafetensors(p); }),
                 QString::fromStdString("cannot read weights file '" + p.string() + "': ") + cause);
    }

    void refusesValuesThatDoNotFillTheShape()
    {
        // What the fused decoder would index past: a tensor made in memory, saved as a bundle.
        auto bundle = ModelBundle::initialise(ModelConfig::chapter(), 5);
        bundle.rvqWeights["proj_in.bias"].values.resize(63);
        const fs::path p = fs::path(m_dir.path().toStdString()) / "unfilled";
        QCOMPARE(errorOf([&] { bundle.save(p); }),
                 QString::fromStdString("invalid weights file '" + (p / "rvq.safetensors").string() +
                                        "': tensor 'proj_in.bias' holds 63 values for shape (64,)"));
    }

    void shippedBundlesAreInRange()
    {
        for (const char* name : {"chapter", "clear"})
            QCOMPARE(errorOf([&] { ModelBundle::load(fs::path(TALKER_SOURCE_MODELS_DIR) / name); }),
                     QStringLiteral("<no error>"));
    }

    void refusesNaN()
    {
        const auto p = bundleDir("nan");
        auto weights = readSafetensors(p / "rvq.safetensors");
        weights["proj_out.bias"].values[3] = std::nanf("");
        writeSafetensors(p / "rvq.safetensors", weights);
        QVERIFY(errorOf([&] { ModelBundle::load(p); }).endsWith("tensor 'proj_out.bias' holds NaN or infinite values"));
    }

    // `talker info` and the model panel show provenance and metrics through summariseJson.
    void numbersToThreeSignificantDigits()
    {
        QCOMPARE(formatSignificant(0.7727237396066303), std::string("0.773"));
        QCOMPARE(formatSignificant(32.321812185599995), std::string("32.3"));
        QCOMPARE(formatSignificant(1384.999225248), std::string("1385"));
        QCOMPARE(formatSignificant(999.7), std::string("1000"));
        QCOMPARE(formatSignificant(0.001), std::string("0.001"));
        QCOMPARE(formatSignificant(1.5e-5), std::string("1.5e-05"));
        QCOMPARE(formatSignificant(-2.0), std::string("-2"));
        QCOMPARE(formatSignificant(0.0), std::string("0"));
        QCOMPARE(formatSignificant(std::nan("")), std::string("nan"));
    }

    void summaryRowsNestUnitsAndWordErrors()
    {
        const auto metrics = nlohmann::json::parse(R"({
            "eval_wall_time_s": 1384.999225248,
            "codec": {"valid_logmel_mse_by_codebooks": [1.8584303409095864, 0.7727237396066303], "output_gain": 1.4},
            "wer": {"roundtrip": {"overall": {"ci95": [0.6075593084036992, 0.6802325581395349], "edits": 1569,
                                              "utterances": 240, "wer": 0.6432964329643296, "words": 2439}},
                    "examples": [{"text": "a"}, {"text": "b"}], "recogniser": "pocketsphinx"},
            "trained": true, "seeds": [1, 5], "voices": ["flite_slt", "flite_awb"], "empty": {}})");
        const std::vector<SummaryRow> rows = summariseJson(metrics);
        std::vector<std::string> lines;
        for (const SummaryRow& row : rows)
            lines.push_back(std::to_string(row.depth) + " " + row.label + ": " + row.value);
        const std::vector<std::string> expected = {
            "0 codec: ",
            "1 output_gain: 1.4",
            "1 valid_logmel_mse_by_codebooks: 1.86, 0.773",
            "0 empty: (none)",
            "0 eval_wall_time_s: 1385 s",
            "0 seeds: 1, 5",
            "0 trained: yes",
            "0 voices: flite_slt, flite_awb",
            "0 wer: ",
            "1 examples: 2 entries",
            "1 recogniser: pocketsphinx",
            "1 roundtrip: ",
            "2 overall: 64.3 % [60.8, 68.0], 2439 words, 240 utterances",
        };
        QCOMPARE(lines, expected);
        QCOMPARE(summariseJson(nlohmann::json(0.25)).front().value, std::string("0.25"));
    }
};

QTEST_GUILESS_MAIN(TestBundle)
#include "test_bundle.moc"
