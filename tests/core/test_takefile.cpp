// SPDX-License-Identifier: GPL-3.0-or-later
// Take files: round trip, the bundle fingerprint, and the refusals of malformed files.
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/TakeFile.h"
#include "talker/Text.h"

#include <QtTest>

using namespace talker;

namespace {

TakeFile sampleTake()
{
    TakeFile take;
    take.bundleName = "chapter";
    take.bundleFingerprint = "fnv1a64:0123456789abcdef";
    take.codebookSize = 128;
    take.frameRateHz = 12.5;
    take.params.frames = 3;
    take.params.sampling.temperature = 0.7;
    take.params.sampling.topK = 40;
    take.params.sampling.topP = 0.95;
    take.params.sampling.seed = 9007199254740993ULL; // above 2^53: must survive as an integer
    take.params.prompt.codebooks = 2;
    take.params.prompt.values = {1, 2};
    take.codes.codebooks = 2;
    take.codes.values = {1, 2, 127, 0, 5, 6, 7, 8};
    return take;
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class TestTakeFile : public QObject {
    Q_OBJECT

  private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        const TakeFile take = sampleTake();
        const std::string path = (dir.path() + "/take.json").toStdString();
        writeTakeFile(path, take);
        const TakeFile again = readTakeFile(path);
        QCOMPARE(again.bundleName, take.bundleName);
        QCOMPARE(again.bundleFingerprint, take.bundleFingerprint);
        QCOMPARE(again.codebookSize, 128);
        QCOMPARE(again.frameRateHz, 12.5);
        QCOMPARE(again.params.frames, 3);
        QCOMPARE(again.params.sampling.temperature, 0.7);
        QCOMPARE(again.params.sampling.topK, 40);
        QCOMPARE(again.params.sampling.topP, 0.95);
        QCOMPARE(again.params.sampling.seed, take.params.sampling.seed);
        QCOMPARE(again.params.sampling.argmax, false);
        QVERIFY(again.params.prompt == take.params.prompt);
        QVERIFY(again.codes == take.codes);
        QCOMPARE(again.params.sampling.streamOffsetFrames, std::int64_t(0));
        // A regeneration from frame N keeps its random stream's offset (the studio's code edits).
        TakeFile regenerated = take;
        regenerated.params.sampling.streamOffsetFrames = 2;
        writeTakeFile(path, regenerated);
        QCOMPARE(readTakeFile(path).params.sampling.streamOffsetFrames, std::int64_t(2));
        // Written atomically: nothing but the file itself is left in the directory.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{"take.json"});
    }

    void noPromptReadsAsEmpty()
    {
        QTemporaryDir dir;
        TakeFile take = sampleTake();
        take.params.prompt = Codes{};
        take.params.frames = 4; // all four frames are generated now
        const std::string path = (dir.path() + "/take.json").toStdString();
        writeTakeFile(path, take);
        const TakeFile again = readTakeFile(path);
        QCOMPARE(again.params.prompt.frames(), FrameIndex(0));
        QVERIFY(again.params.prompt == Codes{});
    }

    void textRoundTrip()
    {
        QTemporaryDir dir;
        TakeFile take = sampleTake();
        take.params.prompt = Codes{};
        take.params.frames = 4;
        TextPrompt& text = take.params.text;
        text.text = "Hi.";
        text.voice = "flite_kal";
        text.frontEndVoice = "kal16";
        text.phones = {
            {phoneClass("sil"), 0.0, 0.1}, {phoneClass("hh"), 0.1, 0.1625}, {phoneClass("ay"), 0.1625, 0.31}};
        for (int t = 0; t < 4; ++t)
            for (int c = 0; c < 7; ++c)
                text.columns.push_back(c == 6 ? 1 : (t * 7 + c) % 41);
        const std::string path = (dir.path() + "/take.json").toStdString();
        writeTakeFile(path, take);
        const TakeFile again = readTakeFile(path);
        QCOMPARE(again.params.text.text, text.text);
        QCOMPARE(again.params.text.voice, text.voice);
        QCOMPARE(again.params.text.frontEndVoice, text.frontEndVoice);
        QCOMPARE(again.params.text.phones.size(), text.phones.size());
        for (std::size_t i = 0; i < text.phones.size(); ++i) {
            QCOMPARE(again.params.text.phones[i].phone, text.phones[i].phone);
            QCOMPARE(again.params.text.phones[i].start, text.phones[i].start); // exact: doubles round-trip
            QCOMPARE(again.params.text.phones[i].end, text.phones[i].end);
        }
        QVERIFY(again.params.text.columns == text.columns);
        // A take without text has no "text" object and reads back without one.
        writeTakeFile(path, sampleTake());
        QVERIFY(readTakeFile(path).params.text.empty());
    }

    void textRefusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("why");
        const QByteArray good = R"({"format":"talker-take","version":1,
            "bundle":{"name":"speak","fingerprint":"x","codebooks":2,"codebook_size":128,"frame_rate_hz":12.5},
            "params":{"frames":2,"temperature":1.0,"argmax":false,"top_k":0,"top_p":1.0,"seed":7},
            "prompt":[],"codes":[[1,2],[3,4]],
            "text":{"text":"Hi.","voice":"flite_kal","front_end_voice":"kal16",
                    "phones":[{"phone":"hh","start":0.0,"end":0.05},{"phone":"ay","start":0.05,"end":0.15}],
                    "columns":[[18,21,40,40,40,40,0],[21,40,40,40,40,40,0]]}})";
        QTest::newRow("good") << good << QString();
        QTest::newRow("unknown phone") << QByteArray(good).replace("\"ay\"", "\"zz\"")
                                       << "text phone 1 is 'zz', not a phone this program knows";
        QTest::newRow("phones out of order") << QByteArray(good).replace("\"start\":0.05", "\"start\":0.01")
                                             << "text phone 1 ('ay') does not follow the one before it";
        QTest::newRow("a row short") << QByteArray(good).replace("[21,40,40,40,40,40,0]", "[21,40]")
                                     << "text columns of frame 1 are not a row";
        QTest::newRow("a frame missing") << QByteArray(good).replace(",[21,40,40,40,40,40,0]", "")
                                         << "\"columns\" must hold one row per frame (2)";
        QTest::newRow("negative class") << QByteArray(good).replace("[21,40,40,40,40,40,0]", "[21,40,40,40,40,40,-1]")
                                        << "text columns of frame 1 hold -1, not a class number";
        QTest::newRow("voice missing") << QByteArray(good).replace("\"voice\":\"flite_kal\",", "")
                                       << "\"voice\" is missing";
    }

    void textRefusals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const QString path = dir.path() + "/take.json";
        writeText(path, text);
        try {
            const TakeFile take = readTakeFile(path.toStdString());
            QVERIFY2(why.isEmpty(), "no error");
            QCOMPARE(take.params.text.phones.size(), std::size_t(2));
            QCOMPARE(take.params.text.columns.size(), std::size_t(14));
        } catch (const FileError& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(!why.isEmpty() && message.contains(why), qPrintable(message));
        }
    }

    void fingerprintFollowsWeights()
    {
        const ModelBundle a = ModelBundle::initialise(ModelConfig::chapter(), 1);
        const ModelBundle b = ModelBundle::initialise(ModelConfig::chapter(), 2);
        QCOMPARE(bundleFingerprint(a), bundleFingerprint(ModelBundle::initialise(ModelConfig::chapter(), 1)));
        QVERIFY(bundleFingerprint(a) != bundleFingerprint(b));
        QVERIFY(QString::fromStdString(bundleFingerprint(a)).startsWith("fnv1a64:"));
        QCOMPARE(bundleFingerprint(a).size(), std::size_t(8 + 16));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("why");
        const QByteArray good = R"({"format":"talker-take","version":1,
            "bundle":{"name":"chapter","fingerprint":"x","codebooks":2,"codebook_size":128,"frame_rate_hz":12.5},
            "params":{"frames":2,"temperature":1.0,"argmax":false,"top_k":0,"top_p":1.0,"seed":7},
            "prompt":[],"codes":[[1,2],[3,4]]})";
        QTest::newRow("not json") << QByteArray("{oops") << "not valid JSON";
        QTest::newRow("wrong format") << QByteArray(good).replace("talker-take", "talker-codes") << "not a take file";
        QTest::newRow("future version") << QByteArray(good).replace("\"version\":1", "\"version\":2")
                                        << "unsupported version 2 (this build reads version 1)";
        QTest::newRow("code out of range")
            << QByteArray(good).replace("[3,4]", "[3,128]") << "codes frame 1 holds code 128, outside 0..127";
        QTest::newRow("short row") << QByteArray(good).replace("[3,4]", "[3]") << "codes frame 1 does not have 2 codes";
        QTest::newRow("bad temperature") << QByteArray(good).replace("\"temperature\":1.0", "\"temperature\":-1")
                                         << "temperature";
        QTest::newRow("missing seed") << QByteArray(good).replace(",\"seed\":7", "") << "\"seed\" is missing";
        QTest::newRow("too many frames") << QByteArray(good).replace("\"frames\":2", "\"frames\":1")
                                         << "it holds 2 frames but its parameters make only 1";
        QTest::newRow("prompt not a prefix")
            << QByteArray(good).replace("\"prompt\":[]", "\"prompt\":[[9,9]]").replace("\"frames\":2", "\"frames\":1")
            << "its codes do not begin with its prompt";
        // Issue 14: wrong types gave raw nlohmann messages; numbers were narrowed; deep nesting
        // overflowed the stack when subtrees were copied.
        QTest::newRow("format a number") << QByteArray(good).replace("\"talker-take\"", "5") << "not a take file";
        QTest::newRow("real_time a string")
            << QByteArray(good).replace("\"seed\":7", "\"seed\":7,\"real_time\":\"yes\"")
            << "\"real_time\" has the wrong type or is out of range (\"yes\")";
        QTest::newRow("bundle a list")
            << QByteArray(good).replace(
                   R"("bundle":{"name":"chapter","fingerprint":"x","codebooks":2,"codebook_size":128,"frame_rate_hz":12.5})",
                   R"("bundle":[1,2])")
            << "\"bundle\" is not an object";
        QTest::newRow("codebooks 2.9") << QByteArray(good).replace("\"codebooks\":2", "\"codebooks\":2.9")
                                       << "\"codebooks\" has the wrong type or is out of range (2.9)";
        QTest::newRow("codebooks 2^32 + 2") << QByteArray(good).replace("\"codebooks\":2", "\"codebooks\":4294967298")
                                            << "\"codebooks\" has the wrong type or is out of range (4294967298)";
        QTest::newRow("33 codebooks") << QByteArray(good).replace("\"codebooks\":2", "\"codebooks\":33")
                                      << "codebooks 33 and codebook_size 128 must be in 1..32 and 1..16384";
        QTest::newRow("seed -1") << QByteArray(good).replace("\"seed\":7", "\"seed\":-1")
                                 << "\"seed\" has the wrong type or is out of range (-1)";
        QTest::newRow("code 2^64 - 1") << QByteArray(good).replace("[3,4]", "[3,18446744073709551615]")
                                       << "codes frame 1 holds code 18446744073709551615, outside 0..127";
        QTest::newRow("frames 2^31 - 1") << QByteArray(good).replace("\"frames\":2", "\"frames\":2147483647")
                                         << "frames is 2147483647, expected 0..1000000";
        QTest::newRow("stream offset -1")
            << QByteArray(good).replace("\"seed\":7", "\"seed\":7,\"stream_offset_frames\":-1")
            << "invalid random-stream offset of -1 frames: expected 0 .. 1000000";
        QTest::newRow("stream offset 1.5")
            << QByteArray(good).replace("\"seed\":7", "\"seed\":7,\"stream_offset_frames\":1.5")
            << "\"stream_offset_frames\" has the wrong type or is out of range (1.5)";
        QTest::newRow("number beyond double") << QByteArray(good).replace("\"top_p\":1.0", "\"top_p\":1e400")
                                              << "not valid JSON ([json.exception.out_of_range.406]";
        QTest::newRow("100 000 levels deep")
            << QByteArray(good).replace("\"prompt\":[]",
                                        "\"prompt\":" + QByteArray(100000, '[') + QByteArray(100000, ']'))
            << "JSON nested deeper than 64 levels (the most this program reads)";
    }

    void refusals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, why);
        QTemporaryDir dir;
        const QString path = dir.path() + "/bad.json";
        writeText(path, text);
        try {
            readTakeFile(path.toStdString());
            QFAIL("no error");
        } catch (const FileError& e) {
            const QString message = QString::fromStdString(e.what());
            QVERIFY2(message.startsWith("cannot read take file '" + path + "': "), qPrintable(message));
            QVERIFY2(message.contains(why), qPrintable(message));
        }
    }

    void missingFileNamesIt()
    {
        try {
            readTakeFile("/nonexistent/take.json");
            QFAIL("no error");
        } catch (const FileError& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QString("cannot read take file '/nonexistent/take.json': No such file or directory"));
        }
    }
};

QTEST_GUILESS_MAIN(TestTakeFile)
#include "test_takefile.moc"
