// SPDX-License-Identifier: GPL-3.0-or-later
// codes.json / codes.csv / mel.csv round trips, and the refusals of malformed codes files.
#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Error.h"
#include "talker/FileWrite.h"

#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

using namespace talker;

namespace {

Codes sampleCodes()
{
    Codes codes;
    codes.codebooks = 2;
    codes.values = {0, 127, 5, 64, 99, 1, 127, 0, 12, 34};
    return codes;
}

void writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

QByteArray readText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestCodesIo : public QObject {
    Q_OBJECT

  private slots:
    void head()
    {
        const Codes codes = sampleCodes();
        QCOMPARE(codes.frames(), FrameIndex(5));
        QCOMPARE(codes.head(2).values, (std::vector<std::int32_t>{0, 127, 5, 64}));
        QCOMPARE(codes.head(2).codebooks, 2);
        QCOMPARE(codes.head(99), codes); // clamped to the frames there are
        QCOMPARE(codes.head(-3).frames(), FrameIndex(0));
    }

    void jsonRoundTrip()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("codes.json");
        const ModelConfig config = ModelConfig::chapter();
        writeCodesJson(path.toStdString(), sampleCodes(), config);
        QCOMPARE(readCodesJson(path.toStdString()), sampleCodes());

        const QJsonObject json = QJsonDocument::fromJson(readText(path)).object();
        QCOMPARE(json["format"].toString(), QString("talker-codes"));
        QCOMPARE(json["version"].toInt(), 1);
        QCOMPARE(json["bundle"].toString(), QString("chapter"));
        QCOMPARE(json["codebooks"].toInt(), 2);
        QCOMPARE(json["codebook_size"].toInt(), 128);
        QCOMPARE(json["frame_rate_hz"].toDouble(), 12.5);
        QCOMPARE(json["codes"].toArray().size(), 5);
        // One frame per line, so takes diff and read well.
        QVERIFY(readText(path).contains("\n  [0,127],\n  [5,64],\n"));

        Codes empty;
        empty.codebooks = 2;
        writeCodesJson(path.toStdString(), empty, config);
        QCOMPARE(readCodesJson(path.toStdString()), empty);
    }

    void jsonRefusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("cause");
        const QByteArray header = R"("format":"talker-codes","version":1,"codebooks":2,"codebook_size":128)";
        QTest::newRow("not JSON") << QByteArray("codes: [[1, 2]]") << "not valid JSON (";
        QTest::newRow("not an object") << QByteArray("[[1, 2]]") << "not a JSON object";
        QTest::newRow("other format") << QByteArray(R"({"format":"other","codes":[]})")
                                      << R"("format" is not "talker-codes")";
        QTest::newRow("newer version") << QByteArray(R"({"format":"talker-codes","version":2,"codes":[]})")
                                       << R"(unsupported "version" 2, this build reads version 1)";
        QTest::newRow("no codebook size")
            << QByteArray(R"({"format":"talker-codes","version":1,"codebooks":2,"codes":[]})")
            << R"(missing or invalid "codebook_size" (an integer in 1..16384))";
        QTest::newRow("missing codes") << "{" + header + "}"
                                       << R"(missing "codes")";
        QTest::newRow("codes not a list") << "{" + header + R"(,"codes":{"0":[1,2]}})"
                                          << R"("codes" is not an array of frames)";
        QTest::newRow("short row") << "{" + header + R"(,"codes":[[1,2],[3]]})"
                                   << "frame 1 has 1 codes, expected 2";
        QTest::newRow("long row") << "{" + header + R"(,"codes":[[1,2,3]]})"
                                  << "frame 0 has 3 codes, expected 2";
        QTest::newRow("row not a list") << "{" + header + R"(,"codes":[7]})"
                                        << "frame 0 has no list of codes, expected 2";
        QTest::newRow("code too large") << "{" + header + R"(,"codes":[[1,2],[3,128]]})"
                                        << "code 128 at frame 1, codebook 1 is outside [0, 128)";
        QTest::newRow("negative code") << "{" + header + R"(,"codes":[[-1,2]]})"
                                       << "code -1 at frame 0, codebook 0 is outside [0, 128)";
        QTest::newRow("fractional code") << "{" + header + R"(,"codes":[[1.5,2]]})"
                                         << "frame 0, codebook 0: 1.5 is not an integer";
        // Issue 14: numbers that wrapped when narrowed, and nesting that overflowed the stack.
        const QByteArray start = R"({"format":"talker-codes","version":1,)";
        QTest::newRow("codebooks 2^32 + 2") << start + R"("codebooks":4294967298,"codebook_size":128,"codes":[[1,2]]})"
                                            << R"("codebooks" 4294967298 is outside 1..32)";
        QTest::newRow("codebooks 2.0") << start + R"("codebooks":2.0,"codebook_size":128,"codes":[[1,2]]})"
                                       << R"(missing or invalid "codebooks" (an integer in 1..32))";
        QTest::newRow("negative codebooks") << start + R"("codebooks":-2,"codebook_size":128,"codes":[[1,2]]})"
                                            << R"("codebooks" -2 is outside 1..32)";
        QTest::newRow("codebooks 0") << start + R"("codebooks":0,"codebook_size":128,"codes":[]})"
                                     << R"("codebooks" 0 is outside 1..32)";
        QTest::newRow("codebook size 0") << start + R"("codebooks":2,"codebook_size":0,"codes":[]})"
                                         << R"("codebook_size" 0 is outside 1..16384)";
        QTest::newRow("codebook size 2^40") << start + R"("codebooks":2,"codebook_size":1099511627776,"codes":[[1,2]]})"
                                            << R"("codebook_size" 1099511627776 is outside 1..16384)";
        QTest::newRow("code 2^64 - 1") << "{" + header + R"(,"codes":[[18446744073709551615,2]]})"
                                       << "code 18446744073709551615 at frame 0, codebook 0 is outside [0, 128)";
        QTest::newRow("truncated") << "{" + header + R"(,"codes":[[1,2],[3,)"
                                   << "not valid JSON (";
        // Found by fuzz_safetensors: nlohmann throws out_of_range, not parse_error, for this.
        QTest::newRow("number beyond double") << "{" + header + R"(,"codes":[[1e400,2]]})"
                                              << "not valid JSON ([json.exception.out_of_range.406] number overflow "
                                                 "parsing '1e400')";
        QTest::newRow("100 000 levels deep")
            << "{" + header + R"(,"codes":)" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}"
            << "JSON nested deeper than 64 levels (the most this program reads)";
    }

    void jsonRefusals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, cause);
        QTemporaryDir directory;
        const QString path = directory.filePath("codes.json");
        writeText(path, text);
        try {
            readCodesJson(path.toStdString());
            QFAIL("a malformed codes file was read");
        } catch (const FileError& error) {
            const QString expected = "cannot read codes file '" + path + "': " + cause;
            QVERIFY2(QString(error.what()).startsWith(expected),
                     qPrintable(QString(error.what()) + "\nexpected: " + expected));
        }
    }

    void frameCountIsLimited()
    {
        // 1 000 001 frames: decoding them would run for hours without a word.
        QTemporaryDir directory;
        const QString json = directory.filePath("long.json");
        QByteArray rows = "[0]";
        rows.reserve(5 * 1000001);
        for (int t = 1; t < 1000001; ++t)
            rows += ",[0]";
        writeText(json,
                  R"({"format":"talker-codes","version":1,"codebooks":1,"codebook_size":128,"codes":[)" + rows + "]}");
        try {
            readCodesJson(json.toStdString());
            QFAIL("1 000 001 frames were read");
        } catch (const FileError& error) {
            QCOMPARE(QString(error.what()), "cannot read codes file '" + json +
                                                "': it holds more than 1000000 frames, the most this program reads "
                                                "(22 hours at 12.5 Hz)");
        }
        const QString csv = directory.filePath("long.csv");
        QByteArray text = "frame,time_s,cb0\n";
        text.reserve(20 * 1000001);
        for (int t = 0; t < 1000001; ++t)
            text += QByteArray::number(t) + ",0," + QByteArray::number(t % 128) + "\n";
        writeText(csv, text);
        try {
            readCodesCsv(csv.toStdString());
            QFAIL("1 000 001 frames were read");
        } catch (const FileError& error) {
            QCOMPARE(QString(error.what()), "cannot read codes file '" + csv +
                                                "': it holds more than 1000000 frames, the most this program reads "
                                                "(22 hours at 12.5 Hz)");
        }
    }

    void missingFile()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("nothing.json");
        try {
            readCodesJson(path.toStdString());
            QFAIL("a missing file was read");
        } catch (const FileError& error) {
            QCOMPARE(QString(error.what()), "cannot read codes file '" + path + "': No such file or directory");
        }
    }

    void writeRefusals()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("codes.json");
        ModelConfig config = ModelConfig::chapter();
        Codes tooLarge = sampleCodes();
        tooLarge.values[3] = 128;
        try {
            writeCodesJson(path.toStdString(), tooLarge, config);
            QFAIL("an out-of-range code was written");
        } catch (const ArgumentError& error) {
            QCOMPARE(QString(error.what()),
                     "cannot write codes file '" + path + "': code 128 at frame 1 is outside [0, 128)");
        }
        config.codec.codebooks = 8;
        try {
            writeCodesJson(path.toStdString(), sampleCodes(), config);
            QFAIL("codes of another bundle were written");
        } catch (const ArgumentError& error) {
            QCOMPARE(QString(error.what()),
                     "cannot write codes file '" + path + "': the codes have 2 codebooks but bundle 'chapter' has 8");
        }
        QVERIFY(filesIn(directory.path()).isEmpty());
    }

    void csvRoundTrip()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("codes.csv");
        writeCodesCsv(path.toStdString(), sampleCodes(), 12.5);
        QCOMPARE(readText(path), QByteArray("frame,time_s,cb0,cb1\n"
                                            "0,0,0,127\n"
                                            "1,0.08,5,64\n"
                                            "2,0.16,99,1\n"
                                            "3,0.24,127,0\n"
                                            "4,0.32,12,34\n"));
        QCOMPARE(readCodesCsv(path.toStdString()), sampleCodes());
    }

    void csvRefusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("cause");
        QTest::newRow("empty") << QByteArray() << "the file is empty (expected a header \"frame,time_s,cb0,...\")";
        QTest::newRow("bad header") << QByteArray("t,codes\n0,1\n")
                                    << R"(line 1: the header "t,codes" does not start with "frame,time_s,cb0")";
        QTest::newRow("codebook columns out of order")
            << QByteArray("frame,time_s,cb1,cb0\n") << R"(line 1: column 3 is "cb1", expected "cb0")";
        QTest::newRow("missing field") << QByteArray("frame,time_s,cb0,cb1\n0,0,1\n") << "line 2: 3 fields, expected 4";
        QTest::newRow("skipped frame") << QByteArray("frame,time_s,cb0,cb1\n0,0,1,2\n2,0.16,1,2\n")
                                       << R"(line 3: frame "2", expected 1)";
        QTest::newRow("not a number") << QByteArray("frame,time_s,cb0,cb1\n0,0,1,x\n")
                                      << R"(line 2: cb1 "x" is not a non-negative integer)";
        QTest::newRow("negative") << QByteArray("frame,time_s,cb0,cb1\n0,0,-4,1\n")
                                  << R"(line 2: cb0 "-4" is not a non-negative integer)";
        QTest::newRow("33 codebooks") << "frame,time_s,cb" +
                                             QByteArray("0,cb1,cb2,cb3,cb4,cb5,cb6,cb7,cb8,cb9,cb10,cb11,"
                                                        "cb12,cb13,cb14,cb15,cb16,cb17,cb18,cb19,cb20,cb21,"
                                                        "cb22,cb23,cb24,cb25,cb26,cb27,cb28,cb29,cb30,cb31,cb32\n")
                                      << "line 1: 33 codebooks, more than 32";
    }

    void csvRefusals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, cause);
        QTemporaryDir directory;
        const QString path = directory.filePath("codes.csv");
        writeText(path, text);
        try {
            readCodesCsv(path.toStdString());
            QFAIL("a malformed CSV was read");
        } catch (const FileError& error) {
            QCOMPARE(QString(error.what()), "cannot read codes file '" + path + "': " + cause);
        }
    }

    void melCsv()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("mel.csv");
        Mel mel;
        mel.bins = 3;
        mel.values = {-11.512925f, 0.1f, 2.5f, 1.0f / 3.0f, -0.0f, 1e-7f};
        writeMelCsv(path.toStdString(), mel);
        const QList<QByteArray> lines = readText(path).split('\n');
        QCOMPARE(lines.size(), 3); // two rows and the final newline
        QCOMPARE(lines[0], QByteArray("-11.512925,0.1,2.5"));
        // Shortest text that reads back as the same float, exactly.
        const QList<QByteArray> second = lines[1].split(',');
        QCOMPARE(second.size(), 3);
        for (int b = 0; b < 3; ++b)
            QCOMPARE(second[b].toFloat(), mel.values[std::size_t(3 + b)]);
    }

    void atomicWrite()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("notes.txt");
        writeFileAtomically(path.toStdString(), "first");
        writeFileAtomically(path.toStdString(), "second, longer");
        QCOMPARE(readText(path), QByteArray("second, longer"));
        QCOMPARE(filesIn(directory.path()), QStringList{"notes.txt"});
        struct stat info {};
        QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0644)); // not mkstemp's 0600

        const QString missing = directory.filePath("gone/notes.txt");
        try {
            writeFileAtomically(missing.toStdString(), "x");
            QFAIL("wrote into a missing directory");
        } catch (const FileError& error) {
            QCOMPARE(QString(error.what()), "cannot write file '" + missing + "': No such file or directory");
        }
        QCOMPARE(filesIn(directory.path()), QStringList{"notes.txt"});
    }
    // Issue 14: as root, "-o /dev/null" replaced the device node by a regular file for the whole
    // machine; a symlink was replaced instead of written through, a FIFO replaced, a setuid bit kept.
    void writesThroughSymlinksAndFifos()
    {
        QTemporaryDir directory;
        const QString target = directory.filePath("real.txt");
        const QString link = directory.filePath("link.txt");
        writeFileAtomically(target.toStdString(), "old");
        QVERIFY(QFile::link("real.txt", link)); // relative, as ln -s makes it
        writeFileAtomically(link.toStdString(), "new");
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readText(target), QByteArray("new"));
        QCOMPARE(filesIn(directory.path()), (QStringList{"link.txt", "real.txt"}));

        const QString fifo = directory.filePath("pipe");
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        try {
            writeFileAtomically(fifo.toStdString(), "nobody listens");
            QFAIL("wrote to a FIFO without a reader");
        } catch (const FileError& error) {
            QCOMPARE(QString(error.what()), "cannot write file '" + fifo + "': no process is reading the FIFO");
        }
        QByteArray received;
        std::thread reader([&] {
            QFile pipe(fifo);
            if (pipe.open(QIODevice::ReadOnly))
                received = pipe.readAll();
        });
        // The reader counts once it waits in open(); until then the write is refused as above.
        bool written = false;
        for (int attempt = 0; attempt < 500 && !written; ++attempt) {
            try {
                writeFileAtomically(fifo.toStdString(), "through the pipe");
                written = true;
            } catch (const FileError&) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
        }
        reader.join();
        QVERIFY(written);
        QCOMPARE(received, QByteArray("through the pipe"));
        struct stat info {};
        QCOMPARE(::stat(fifo.toLocal8Bit().constData(), &info), 0);
        QVERIFY(S_ISFIFO(info.st_mode));
    }

    // Issue 14: a killed write left its ".NAME.tmp-XXXXXX" behind, and they piled up.
    void staleTemporariesOfAKilledWriteAreRemoved()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("notes.txt");
        writeFileAtomically(path.toStdString(), "first");
        const auto make = [&](const QString& name, int ageSeconds) {
            const QString file = directory.filePath(name);
            writeText(file, "half a write");
            const timeval times[2] = {{::time(nullptr) - ageSeconds, 0}, {::time(nullptr) - ageSeconds, 0}};
            QCOMPARE(::utimes(file.toLocal8Bit().constData(), times), 0);
        };
        make(".notes.txt.tmp-AAAAAA", 120);  // a killed writer's: unlocked, two minutes old
        make(".notes.txt.tmp-BBBBBB", 120);  // a writer at work holds its lock
        make(".notes.txt.tmp-CCCCCC", 0);    // unlocked but new: its writer may not have locked it yet
        make(".other.txt.tmp-DDDDDD", 120);  // another file's
        make(".notes.txt.tmp-EEEEEEE", 120); // not a name mkstemp makes
        const int held = ::open(directory.filePath(".notes.txt.tmp-BBBBBB").toLocal8Bit().constData(), O_RDONLY);
        QVERIFY(held >= 0);
        QCOMPARE(::flock(held, LOCK_EX), 0);
        writeFileAtomically(path.toStdString(), "second");
        ::close(held);
        QCOMPARE(readText(path), QByteArray("second"));
        QCOMPARE(filesIn(directory.path()),
                 (QStringList{".notes.txt.tmp-BBBBBB", ".notes.txt.tmp-CCCCCC", ".notes.txt.tmp-EEEEEEE",
                              ".other.txt.tmp-DDDDDD", "notes.txt"}));
    }

    void replacedFileKeepsPermissionsWithoutSetuid()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("tool");
        writeFileAtomically(path.toStdString(), "first");
        QCOMPARE(::chmod(path.toLocal8Bit().constData(), 04750), 0);
        writeFileAtomically(path.toStdString(), "second");
        struct stat info {};
        QCOMPARE(::stat(path.toLocal8Bit().constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0750));
    }
};

QTEST_APPLESS_MAIN(TestCodesIo)
#include "test_codes_io.moc"
