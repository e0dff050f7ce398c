// SPDX-License-Identifier: GPL-3.0-or-later
// The `talker` command line end to end, as a user runs it: init -> info -> generate -> encode ->
// decode -> roundtrip, and refusals with one clear line on stderr and a non-zero exit.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>

namespace {

struct Result {
    int exitCode;
    QString out, err;
};

Result talkerCli(const QStringList& args, int timeoutMs = 300000, const QProcessEnvironment& environment = {})
{
    QProcess p;
    if (!environment.isEmpty())
        p.setProcessEnvironment(environment);
    p.start(QStringLiteral(TALKER_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs))
        return {-1, {}, QStringLiteral("timed out")};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

nlohmann::json readJson(const QString& path)
{
    std::ifstream in(path.toStdString());
    return nlohmann::json::parse(in);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

  private slots:
    void initTestCase()
    {
        const auto r = talkerCli({"init", path("b"), "--config", "chapter", "--seed", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // A valid WAV of one sample at 48 kHz (issue 14: SIGSEGV in soxr), and a valid codes file.
        QFile wav(path("one-sample-48k.wav"));
        QVERIFY(wav.open(QIODevice::WriteOnly));
        wav.write(QByteArray::fromHex("524946462600000057415645" // RIFF, 38 bytes, WAVE
                                      "666d74201000000001000100" // fmt, 16 bytes: PCM, 1 channel
                                      "80bb000000770100"         // 48000 Hz, 96000 bytes/s
                                      "02001000"                 // blocks of 2 bytes, 16 bits
                                      "6461746102000000e803"));  // data, 2 bytes: the sample 1000
        wav.close();
        QFile codes(path("codes.json"));
        QVERIFY(codes.open(QIODevice::WriteOnly));
        codes.write(R"({"format":"talker-codes","version":1,"codebooks":2,"codebook_size":128,"codes":[[1,2],[3,4]]})");
    }

    void infoPrintsParameterCount()
    {
        const auto r = talkerCli({"info", path("b")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("parameters:    2263104 (Talker)"), qPrintable(r.out));
        QVERIFY(r.out.contains("2 codebooks x 128 at 12.5 frames/s"));
        // Provenance and metrics as a readable list (issue 19: raw JSON with 16-digit floats).
        QVERIFY2(
            r.out.contains("provenance:\n  recipe: talker init\n  seed: 1\n  trained: no\nmetrics:    (none recorded)"),
            qPrintable(r.out));
        QVERIFY(QDir().mkpath(path("measured")));
        for (const char* file : {"talker.safetensors", "rvq.safetensors"})
            QVERIFY(QFile::copy(path("b/") + file, path("measured/") + file));
        auto model = readJson(path("b/model.json"));
        model["metrics"] =
            nlohmann::json::parse(R"({"eval_wall_time_s": 1384.999225248, "wer": {"roundtrip": {"overall":
            {"ci95": [0.6075593084036992, 0.6802325581395349], "utterances": 240, "wer": 0.6432964329643296, "words": 2439}}}})");
        std::ofstream(path("measured/model.json").toStdString()) << model.dump(1);
        const auto m = talkerCli({"info", path("measured")});
        QVERIFY2(m.exitCode == 0, qPrintable(m.err));
        QVERIFY2(m.out.contains("metrics:\n  eval_wall_time_s: 1385 s\n  wer:\n    roundtrip:\n"
                                "      overall: 64.3 % [60.8, 68.0], 2439 words, 240 utterances\n"),
                 qPrintable(m.out));
        QVERIFY2(!m.out.contains("0.643") && !m.out.contains('{'), qPrintable(m.out));
    }

    void versionAndHelp()
    {
        QVERIFY(talkerCli({"--version"}).out.startsWith("talker "));
        for (const char* command : {"info", "init", "generate", "encode", "decode", "roundtrip", "replay", "mel"}) {
            const auto r = talkerCli({command, "--help"});
            QVERIFY2(r.exitCode == 0 && r.out.contains("Usage"), command);
        }
    }

    void generateIsDeterministic()
    {
        for (const char* name : {"a", "b"}) {
            const auto r = talkerCli({"generate", "--bundle", path("b"), "--frames", "200", "--seed", "7", "-o",
                                      path(QString(name) + ".wav"), "--codes", path(QString(name) + ".json")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const auto a = readJson(path("a.json")), b = readJson(path("b.json"));
        QCOMPARE(a["codes"].size(), std::size_t(200));
        QCOMPARE(a["codes"], b["codes"]);
        const auto c = talkerCli({"generate", "--bundle", path("b"), "--frames", "200", "--seed", "8", "-o",
                                  path("c.wav"), "--codes", path("c.json")});
        QCOMPARE(c.exitCode, 0);
        QVERIFY(readJson(path("c.json"))["codes"] != a["codes"]);
        // 200 frames x 1280 samples, 16-bit mono: at least 200 * 1280 * 2 bytes of data.
        QVERIFY(QFileInfo(path("a.wav")).size() > 200 * 1280 * 2 - 2048);
    }

    void saySpeaksText()
    {
        // The shipped text bundle (resources/models/speak): the same seed gives the same audio.
        const QString speak = QStringLiteral(TALKER_SOURCE_MODELS_DIR "/speak");
        for (const char* name : {"s1", "s2"}) {
            const auto r =
                talkerCli({"say", "The birch canoe slid on the smooth planks.", "--bundle", speak, "--seed", "5", "-o",
                           path(QString(name) + ".wav"), "--codes", path(QString(name) + ".json")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QFile a(path("s1.wav")), b(path("s2.wav"));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());
        const auto codes = readJson(path("s1.json"));
        QVERIFY(codes["codes"].size() > 20 && codes["codes"].size() < 60); // ~2.5 s of speech
        const auto voices = talkerCli({"say", "--voices", "--bundle", speak});
        QVERIFY2(voices.exitCode == 0 && voices.out.contains("flite_kal\n"), qPrintable(voices.out));
        // Sentences of a text file one after another.
        QFile text(path("story.txt"));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("One sentence here. And another one!\n\nA third.");
        text.close();
        const auto r = talkerCli(
            {"say", "--text-file", path("story.txt"), "--bundle", speak, "--seed", "1", "-o", path("story.wav")});
        QVERIFY2(r.exitCode == 0 && r.err.contains("saying 3 sentences"), qPrintable(r.err));
    }

    void backendsAndVariations()
    {
        // bfloat16 weights: a take, and the backend named on stderr.
        auto r = talkerCli({"generate", "--bundle", path("b"), "--frames", "20", "--seed", "3", "--backend",
                            "fused-bf16", "-o", path("bf16.wav")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("fused-bf16"), qPrintable(r.err));
        QVERIFY(QFileInfo(path("bf16.wav")).size() > 20 * 1280 * 2 - 2048);
        // Three variations in one batched pass: v-1.wav .. v-3.wav, and codes files beside them,
        // the first one equal to a single take with the same seed.
        r = talkerCli({"generate", "--bundle", path("b"), "--frames", "20", "--seed", "3", "--variations", "3", "-o",
                       path("v.wav"), "--codes", path("v.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(QFile::exists(path(QString("v-%1.wav").arg(i))), qPrintable(r.err));
        r = talkerCli({"generate", "--bundle", path("b"), "--frames", "20", "--seed", "3", "-o", path("one.wav"),
                       "--codes", path("one.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readJson(path("v-1.json"))["codes"], readJson(path("one.json"))["codes"]);
        QVERIFY(readJson(path("v-2.json"))["codes"] != readJson(path("one.json"))["codes"]);
    }

    void encodeDecodeRoundtripMel()
    {
        QVERIFY(QFile::exists(path("a.wav")) || (generateIsDeterministic(), true));
        auto r = talkerCli({"encode", "--bundle", path("b"), path("a.wav"), "-o", path("enc.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // 200 frames of audio (minus the vocoder's last hop) encode back to 200 frames.
        QCOMPARE(readJson(path("enc.json"))["codes"].size(), std::size_t(200));
        r = talkerCli({"decode", "--bundle", path("b"), path("enc.json"), "-o", path("dec.wav")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = talkerCli({"decode", "--bundle", path("b"), path("enc.json"), "-o", path("base.wav"), "--codebooks", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = talkerCli({"roundtrip", "--bundle", path("b"), path("a.wav"), "-o", path("rt.wav"), "--float"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = talkerCli({"mel", "--bundle", path("b"), path("a.wav"), "-o", path("mel.csv")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile mel(path("mel.csv"));
        QVERIFY(mel.open(QIODevice::ReadOnly));
        QCOMPARE(mel.readLine().split(',').size(), 128);
    }

    // `talker replay` decodes a take file's codes: the same WAV as `decode` of those codes; a take
    // whose bundle is not the one named is said (a warning), one naming no shipped bundle refused.
    void replayDecodesATakeFile()
    {
        QVERIFY(QFile::exists(path("a.json")) || (generateIsDeterministic(), true));
        nlohmann::json take = {
            {"format", "talker-take"},
            {"version", 1},
            {"bundle",
             {{"name", "no-such-bundle"},
              {"fingerprint", "fnv1a64:0000000000000000"},
              {"codebooks", 2},
              {"codebook_size", 128},
              {"frame_rate_hz", 12.5}}},
            {"params",
             {{"frames", 200}, {"temperature", 1.0}, {"argmax", false}, {"top_k", 0}, {"top_p", 1.0}, {"seed", 7}}},
            {"prompt", nlohmann::json::array()},
            {"codes", readJson(path("a.json"))["codes"]}};
        std::ofstream(path("take.json").toStdString()) << take.dump();
        auto r = talkerCli({"replay", "--bundle", path("b"), path("take.json"), "-o", path("replay.wav")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("warning: take '" + path("take.json") + "' was made with bundle 'no-such-bundle'"),
                 qPrintable(r.err));
        r = talkerCli({"decode", "--bundle", path("b"), path("a.json"), "-o", path("decoded.wav")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile replayed(path("replay.wav")), decoded(path("decoded.wav"));
        QVERIFY(replayed.open(QIODevice::ReadOnly) && decoded.open(QIODevice::ReadOnly));
        QVERIFY(replayed.size() > 200 * 1280 * 2 - 2048);
        QVERIFY(replayed.readAll() == decoded.readAll());
        r = talkerCli({"replay", path("take.json"), "-o", path("nowhere.wav")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("was made with bundle 'no-such-bundle', which is not among the shipped bundles"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(path("nowhere.wav")));
        take["bundle"]["name"] = "..";
        std::ofstream(path("up.json").toStdString()) << take.dump();
        r = talkerCli({"replay", path("up.json"), "-o", path("nowhere.wav")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("was made with bundle '..', which is not among the shipped bundles"),
                 qPrintable(r.err));
        r = talkerCli({"replay", "--bundle", path("b"), path("codes.json"), "-o", path("nowhere.wav")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("cannot read take file '" + path("codes.json") + "': not a take file"),
                 qPrintable(r.err));
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString b = path("b");
        QTest::newRow("missing bundle")
            << QStringList{"info", "/no/such/bundle"}
            << "error: cannot load model bundle '/no/such/bundle': the directory does not exist";
        QTest::newRow("top-p out of range")
            << QStringList{"generate", "--bundle", b, "--top-p", "1.5", "-o", path("x.wav")}
            << "error: invalid top-p 1.5: expected a value in (0, 1]";
        QTest::newRow("negative temperature")
            << QStringList{"generate", "--bundle", b, "--temperature", "-2", "-o", path("x.wav")}
            << "error: invalid temperature -2: expected 0 (argmax) .. 100";
        QTest::newRow("too many frames") << QStringList{"generate", "--bundle",   b, "--frames", "100000",
                                                        "-o",       path("x.wav")}
                                         << "error: invalid frame count 100000: with 0 prompt frames the take needs "
                                            "100001 positions but model 'chapter' allows 4096";
        QTest::newRow("unwritable output")
            << QStringList{"generate", "--bundle", b, "--frames", "3", "-o", "/no/such/dir/x.wav"}
            << "error: cannot write file '/no/such/dir/x.wav': No such file or directory";
        QTest::newRow("missing input") << QStringList{"encode", "--bundle",    b, path("nothing.wav"),
                                                      "-o",     path("e.json")}
                                       << QString("error: cannot read audio file '%1'").arg(path("nothing.wav"));
        QTest::newRow("unknown option") << QStringList{"generate", "--bogus"} << "error: ";
        const QString speak = QStringLiteral(TALKER_SOURCE_MODELS_DIR "/speak");
        QTest::newRow("say without text conditioning")
            << QStringList{"say", "hello", "--bundle", b, "-o", path("x.wav")}
            << QString("error: bundle '%1' has no text conditioning: it cannot say text").arg(b);
        QTest::newRow("say nothing") << QStringList{"say", "--bundle", speak, "-o", path("x.wav")}
                                     << "error: nothing to say: give the text, or --text-file FILE";
        QTest::newRow("say blank") << QStringList{"say", "  ", "--bundle", speak, "-o", path("x.wav")}
                                   << "error: there is no text to speak: it is empty";
        QTest::newRow("say no word") << QStringList{"say", "?!", "--bundle", speak, "-o", path("x.wav")}
                                     << "error: the text '?!' has no word flite can speak";
        QTest::newRow("say unknown voice")
            << QStringList{"say", "hi", "--voice", "x", "--bundle", speak, "-o", path("x.wav")}
            << "error: unknown voice 'x' for model 'speak': expected one of flite_kal";
        QTest::newRow("say missing text file")
            << QStringList{"say", "--text-file", path("none.txt"), "--bundle", speak, "-o", path("x.wav")}
            << QString("error: cannot read text file '%1': it does not exist").arg(path("none.txt"));
        QTest::newRow("generate with a text bundle") << QStringList{"generate", "--bundle", speak, "-o", path("x.wav")}
                                                     << "error: model 'speak' speaks text: give it the text to say";
        QTest::newRow("unknown backend")
            << QStringList{"generate", "--bundle", b, "--backend", "gpu", "-o", path("x.wav")}
            << "error: unknown backend 'gpu': expected auto, libtorch, fused or fused-bf16";
        QTest::newRow("unknown device") << QStringList{"generate", "--bundle",   b, "--device", "tpu",
                                                       "-o",       path("x.wav")}
                                        << "error: unknown device 'tpu': expected cpu or cuda";
        QTest::newRow("make-corpus of a folder without audio")
            << QStringList{"make-corpus", b}
            << QString("error: cannot make a corpus of the audio folder '%1': it holds 0 audio files (WAV, FLAC, OGG); "
                       "a corpus needs at least 2")
                   .arg(b);
        // Issue 14: inputs that crashed, wrapped or were clamped.
        QTest::newRow("1-sample WAV") << QStringList{"encode", "--bundle",    b, path("one-sample-48k.wav"),
                                                     "-o",     path("e.json")}
                                      << QString(
                                             "error: cannot read audio file '%1': it is too short: 1 frames at 48000 "
                                             "Hz make no sample at 16000 Hz")
                                             .arg(path("one-sample-48k.wav"));
        QTest::newRow("1-sample WAV, roundtrip")
            << QStringList{"roundtrip", "--bundle", b, path("one-sample-48k.wav"), "-o", path("rt1.wav")}
            << QString("error: cannot read audio file '%1': it is too short").arg(path("one-sample-48k.wav"));
        QTest::newRow("seed -1") << QStringList{"generate", "--bundle", b, "--seed", "-1", "-o", path("x.wav")}
                                 << "error: --seed: invalid seed '-1': expected an integer in 0..18446744073709551615";
        QTest::newRow("seed 2^70") << QStringList{"generate", "--bundle",   b, "--seed", "1180591620717411303424",
                                                  "-o",       path("x.wav")}
                                   << "error: --seed: invalid seed '1180591620717411303424': expected an integer in "
                                      "0..18446744073709551615";
        QTest::newRow("frames 0") << QStringList{"generate", "--bundle", b, "--frames", "0", "-o", path("x.wav")}
                                  << "error: invalid frame count 0: expected 1 or more";
        QTest::newRow("variations 1000000")
            << QStringList{"generate", "--bundle", b, "--frames", "2", "--variations", "1000000", "-o", path("x.wav")}
            << "error: invalid variation count 1000000: expected 1..64";
        QTest::newRow("codebooks -5") << QStringList{"decode",      "--bundle", b,    path("codes.json"),
                                                     "--codebooks", "-5",       "-o", path("x.wav")}
                                      << "error: invalid --codebooks -5: expected 1..2 (bundle 'chapter')";
        QTest::newRow("codebooks 3") << QStringList{"decode",      "--bundle", b,    path("codes.json"),
                                                    "--codebooks", "3",        "-o", path("x.wav")}
                                     << "error: invalid --codebooks 3: expected 1..2 (bundle 'chapter')";
        QTest::newRow("train-codec lookup dimension 0")
            << QStringList{"train-codec", b, "-o", path("tc"), "--lookup-dim", "0"}
            << "error: --lookup-dim: Value 0 not in range";
        QTest::newRow("init over an existing bundle")
            << QStringList{"init", b}
            << QString("error: cannot create bundle '%1': it already holds a model "
                       "(use --force to replace it)")
                   .arg(b);
    }

    void threadCountIsChecked()
    {
        // TALKER_THREADS=1000000 hung starting threads; a typo is refused before any work.
        for (const char* value : {"1000000", "-3", "two"}) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert("TALKER_THREADS", value);
            const auto r = talkerCli({"info", path("b")}, 60000, environment);
            QVERIFY2(r.exitCode != 0, qPrintable(r.err));
            QCOMPARE(r.err.trimmed(),
                     QString("error: invalid TALKER_THREADS '%1': expected an integer in 1..1024").arg(value));
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TALKER_THREADS", "2");
        QCOMPARE(talkerCli({"info", path("b")}, 60000, environment).exitCode, 0);
    }

    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = talkerCli(args);
        QVERIFY2(r.exitCode != 0, qPrintable(r.err));
        const QStringList lines = r.err.trimmed().split('\n');
        QVERIFY2(lines.last().startsWith(message), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
