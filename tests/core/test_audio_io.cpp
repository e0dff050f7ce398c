// SPDX-License-Identifier: GPL-3.0-or-later
// Reading any audio file as 16 kHz mono, writing WAV atomically, and the errors for bad files.
#include "talker/Audio.h"
#include "talker/Error.h"

#include <QtTest>

#include <sndfile.h>

#include <cmath>
#include <fstream>
#include <vector>

using namespace talker;

namespace {

// Writes a multi-channel file directly with libsndfile, so the reader is tested against files
// it did not write itself. `channelGains[c]` scales the sine in channel c.
void writeTestFile(const QString& path, int sampleRateHz, double frequencyHz, std::int64_t frames,
                   const std::vector<double>& channelGains, int format = SF_FORMAT_WAV | SF_FORMAT_PCM_16)
{
    SF_INFO info{};
    info.samplerate = sampleRateHz;
    info.channels = int(channelGains.size());
    info.format = format;
    SNDFILE* file = sf_open(path.toLocal8Bit().constData(), SFM_WRITE, &info);
    QVERIFY2(file, sf_strerror(nullptr));
    std::vector<float> interleaved(std::size_t(frames) * channelGains.size());
    for (std::int64_t t = 0; t < frames; ++t)
        for (std::size_t c = 0; c < channelGains.size(); ++c)
            interleaved[std::size_t(t) * channelGains.size() + c] =
                float(channelGains[c] * std::sin(2 * M_PI * frequencyHz * double(t) / sampleRateHz));
    QCOMPARE(sf_writef_float(file, interleaved.data(), frames), sf_count_t(frames));
    sf_close(file);
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// Frequency of a sine from its upward zero crossings (interpolated), skipping the resampler's
// edge transients.
double measuredFrequencyHz(const std::vector<float>& samples, int sampleRateHz)
{
    double first = -1.0, last = -1.0;
    int crossings = 0;
    for (std::size_t i = 200; i + 200 < samples.size(); ++i)
        if (samples[i - 1] < 0.0f && samples[i] >= 0.0f) {
            const double at = double(i - 1) + samples[i - 1] / (samples[i - 1] - samples[i]);
            if (first < 0)
                first = at;
            else
                ++crossings;
            last = at;
        }
    return crossings * sampleRateHz / (last - first);
}

double peakOf(const std::vector<float>& samples, std::size_t skip)
{
    double peak = 0.0;
    for (std::size_t i = skip; i + skip < samples.size(); ++i)
        peak = std::max(peak, double(std::abs(samples[i])));
    return peak;
}

// A RIFF WAV written byte by byte, so a test can state what libsndfile's writer never would: any
// rate, bit depth and block alignment. `samples` are 16-bit integers, or floats for IEEE float.
QByteArray wavBytes(std::uint32_t rateHz, std::uint16_t bits, const std::vector<double>& samples,
                    bool ieeeFloat = false, std::uint16_t blockAlign = 0)
{
    QByteArray body;
    for (double v : samples) {
        if (ieeeFloat) {
            const float f = float(v);
            body.append(reinterpret_cast<const char*>(&f), 4);
        } else {
            const std::int16_t i = std::int16_t(v);
            body.append(reinterpret_cast<const char*>(&i), 2);
        }
    }
    const auto u16 = [](std::uint16_t v) { return QByteArray(reinterpret_cast<const char*>(&v), 2); };
    const auto u32 = [](std::uint32_t v) { return QByteArray(reinterpret_cast<const char*>(&v), 4); };
    const std::uint16_t align = blockAlign ? blockAlign : std::uint16_t(ieeeFloat ? 4 : 2);
    const QByteArray fmt = u16(ieeeFloat ? 3 : 1) + u16(1) + u32(rateHz) + u32(rateHz * align) + u16(align) + u16(bits);
    const QByteArray chunks =
        "fmt " + u32(std::uint32_t(fmt.size())) + fmt + "data" + u32(std::uint32_t(body.size())) + body;
    return "RIFF" + u32(std::uint32_t(4 + chunks.size())) + "WAVE" + chunks;
}

QStringList filesIn(const QString& directory)
{
    return QDir(directory).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestAudioIo : public QObject {
    Q_OBJECT

  private slots:
    void readsAnyRateAsMono_data()
    {
        QTest::addColumn<int>("rateHz");
        QTest::addColumn<int>("format");
        QTest::addColumn<QList<double>>("gains");
        QTest::addColumn<double>("expectedAmplitude");
        const int wav16 = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
        QTest::newRow("44.1 kHz stereo WAV") << 44100 << wav16 << QList<double>{0.5, 0.5} << 0.5;
        QTest::newRow("48 kHz stereo, one channel silent") << 48000 << wav16 << QList<double>{0.8, 0.0} << 0.4;
        QTest::newRow("22.05 kHz mono FLAC")
            << 22050 << (SF_FORMAT_FLAC | SF_FORMAT_PCM_16) << QList<double>{0.5} << 0.5;
        QTest::newRow("16 kHz mono, no resampling") << 16000 << wav16 << QList<double>{0.5} << 0.5;
        QTest::newRow("8 kHz, upsampled") << 8000 << wav16 << QList<double>{0.5} << 0.5;
    }

    void readsAnyRateAsMono()
    {
        QFETCH(int, rateHz);
        QFETCH(int, format);
        QFETCH(QList<double>, gains);
        QFETCH(double, expectedAmplitude);
        QTemporaryDir directory;
        const QString path = directory.filePath("tone.audio");
        const std::int64_t frames = 2 * rateHz; // 2 s
        writeTestFile(path, rateHz, 1000.0, frames, std::vector<double>(gains.begin(), gains.end()), format);

        const std::vector<float> samples = readAudio(path.toStdString(), 16000);
        // soxr's output length is the input length times the rate ratio, rounded.
        QCOMPARE(std::int64_t(samples.size()), std::llround(double(frames) * 16000.0 / rateHz));
        // 1000 Hz over 2 s of zero crossings: 0.5 Hz is several times the interpolation error.
        const double frequencyHz = measuredFrequencyHz(samples, 16000);
        QVERIFY2(std::abs(frequencyHz - 1000.0) < 0.5, qPrintable(QString::number(frequencyHz)));
        // Mixing is the mean of the channels; 1 % covers 16-bit quantisation and soxr's passband
        // ripple (HQ: well under 0.01 dB at 1 kHz), skipping the filters' start-up at the edges.
        const double amplitude = peakOf(samples, 400);
        QVERIFY2(std::abs(amplitude - expectedAmplitude) < 0.01 * expectedAmplitude,
                 qPrintable(QString::number(amplitude)));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<double>("tolerance");
        // 16 bits: libsndfile scales by 32767 on writing and 1/32768 on reading, so an error of
        // half a step from rounding plus up to one step of scale mismatch at full scale.
        QTest::newRow("16-bit PCM") << int(SampleFormat::Pcm16) << 1.5 / 32768.0;
        QTest::newRow("32-bit float") << int(SampleFormat::Float32) << 0.0; // bit-exact
    }

    void roundTrip()
    {
        QFETCH(int, format);
        QFETCH(double, tolerance);
        QTemporaryDir directory;
        const QString path = directory.filePath("take.wav");
        std::vector<float> samples(16000);
        for (std::size_t i = 0; i < samples.size(); ++i)
            samples[i] = float(0.9 * std::sin(0.01 * double(i)) * std::cos(0.0007 * double(i)));
        writeWav(path.toStdString(), samples, 16000, SampleFormat(format));
        QCOMPARE(filesIn(directory.path()), QStringList{"take.wav"}); // no temporary left behind
        QCOMPARE(QFileInfo(path).permissions() & QFile::ReadOther, QFile::ReadOther);

        const std::vector<float> back = readAudio(path.toStdString(), 16000);
        QCOMPARE(back.size(), samples.size());
        double worst = 0.0;
        for (std::size_t i = 0; i < samples.size(); ++i)
            worst = std::max(worst, double(std::abs(back[i] - samples[i])));
        QVERIFY2(worst <= tolerance, qPrintable(QString::number(worst)));
    }

    void pcm16ClipsInsteadOfWrapping()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("loud.wav");
        writeWav(path.toStdString(), {0.5f, 1.7f, -3.0f}, 16000, SampleFormat::Pcm16);
        const std::vector<float> back = readAudio(path.toStdString(), 16000);
        QCOMPARE(back.size(), std::size_t(3));
        QVERIFY(back[1] > 0.999f); // clipped at full scale, not wrapped to negative
        QVERIFY(back[2] <= -0.999f);
    }

    void brokenFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        // libsndfile's own reasons (Debian 12, libsndfile 1.2), passed through unchanged.
        QTest::newRow("garbage") << QByteArray("this is not audio at all, just some text\n").repeated(20)
                                 << "Format not recognised.";
        QTest::newRow("truncated header")
            << QByteArray("RIFF\x24\x08\x00\x00WAVEfmt ", 16) << "Error in WAV file. No 'data' chunk marker.";
        QTest::newRow("empty file") << QByteArray() << "the file is empty (0 bytes)";
    }

    void brokenFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir directory;
        const QString path = directory.filePath("broken.wav");
        writeBytes(path, bytes);
        try {
            readAudio(path.toStdString());
            QFAIL("a broken file was read");
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()), "cannot read audio file '" + path + "': " + reason);
        }
    }

    // Issue 14: files a user can have on disk that crashed the reader (soxr given a null output
    // buffer), allocated gigabytes, or were read as a different signal. Each is refused by name.
    void hostileFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const std::vector<double> tone{1000, -2000, 3000, -4000, 5000, -6000, 7000, -8000};
        QTest::newRow("1 sample at 48 kHz")
            << wavBytes(48000, 16, {1000}) << "it is too short: 1 frames at 48000 Hz make no sample at 16000 Hz";
        QTest::newRow("rate 2^31 - 1") << wavBytes(2147483647u, 16, tone)
                                       << "its sample rate 2147483647 Hz is outside the 1000..768000 Hz this program "
                                          "reads (a damaged header?)";
        QTest::newRow("rate 1 Hz") << wavBytes(1, 16, tone)
                                   << "its sample rate 1 Hz is outside the 1000..768000 Hz this program reads (a "
                                      "damaged header?)";
        QTest::newRow("rate 999 Hz") << wavBytes(999, 16, tone)
                                     << "its sample rate 999 Hz is outside the 1000..768000 Hz this program reads (a "
                                        "damaged header?)";
        QTest::newRow("NaN sample") << wavBytes(16000, 32, {0.1, 0.2, std::nan(""), 0.3}, /*ieeeFloat=*/true)
                                    << "frame 2, channel 0 is not finite (nan)";
        QTest::newRow("infinite sample") << wavBytes(16000, 32, {-INFINITY, 0.2}, /*ieeeFloat=*/true)
                                         << "frame 0, channel 0 is not finite (-inf)";
        // libsndfile would read these 8 bytes as 16 frames of 8 bits.
        QTest::newRow("7 bits in 2-byte blocks")
            << wavBytes(16000, 7, {1000, -1000, 1000, -1000}, false, 2)
            << "its WAV header is inconsistent: 7 bits per sample and 1 channels in blocks of 2 bytes (expected 1)";
        QTest::newRow("0 bits") << wavBytes(16000, 0, tone, false, 2)
                                << "its WAV header declares 0 bits per sample and 1 channels";
        QTest::newRow("16-bit float") << wavBytes(16000, 16, {0.5, 0.25}, /*ieeeFloat=*/true, 2)
                                      << "its WAV header declares floating-point samples of 16 bits (only 32 and 64 "
                                         "exist)";
        QTest::newRow("header cut in the fmt chunk")
            << wavBytes(16000, 16, tone).left(30) << "Error in WAV file. No 'data' chunk marker.";
    }

    void hostileFilesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QTemporaryDir directory;
        const QString path = directory.filePath("hostile.wav");
        writeBytes(path, bytes);
        try {
            const std::vector<float> samples = readAudio(path.toStdString(), 16000);
            QFAIL(qPrintable("read " + QString::number(samples.size()) + " samples"));
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()), "cannot read audio file '" + path + "': " + reason);
        }
    }

    void veryShortFilesResample()
    {
        // 2 frames at 48 kHz are 0.67 samples at 16 kHz: rounded to one, never an empty buffer.
        QTemporaryDir directory;
        const QString path = directory.filePath("short.wav");
        writeBytes(path, wavBytes(48000, 16, {8000, 8000}));
        QCOMPARE(readAudio(path.toStdString(), 16000).size(), std::size_t(1));
        writeBytes(path, wavBytes(16000, 16, {8000}));
        QCOMPARE(readAudio(path.toStdString(), 16000), std::vector<float>{8000.0f / 32768.0f});
    }

    void lengthIsBoundedBeforeAllocating()
    {
        // 1 kHz upsampled to 768 kHz: 349 526 frames (700 kB) would resample to 2^28 + 1 024 samples.
        QTemporaryDir directory;
        const QString path = directory.filePath("long.wav");
        writeBytes(path, wavBytes(1000, 16, std::vector<double>(349526, 100.0)));
        try {
            readAudio(path.toStdString(), 768000);
            QFAIL("more than 2^28 samples were made");
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()), "cannot read audio file '" + path +
                                                "': it is too long: 349526 frames at 1000 Hz (268435968 samples at "
                                                "768000 Hz), more than the 268435456 samples this program reads");
        }
        for (int rateHz : {0, 999, 768001}) {
            try {
                readAudio(path.toStdString(), rateHz);
                QFAIL("an invalid target rate was accepted");
            } catch (const ArgumentError& error) {
                QCOMPARE(QString(error.what()),
                         QString("invalid target sample rate '%1 Hz': must be in 1000..768000 Hz").arg(rateHz));
            }
        }
    }

    void missingAndEmptyAudio()
    {
        QTemporaryDir directory;
        const QString missing = directory.filePath("missing.wav");
        try {
            readAudio(missing.toStdString());
            QFAIL("a missing file was read");
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()),
                     "cannot read audio file '" + missing + "': System error : No such file or directory.");
        }

        // A valid WAV header with zero frames.
        const QString empty = directory.filePath("empty.wav");
        writeWav(empty.toStdString(), {}, 16000);
        try {
            readAudio(empty.toStdString());
            QFAIL("a file without frames was read");
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()), "cannot read audio file '" + empty + "': it contains no audio frames");
        }
    }

    void unwritablePathsAreRefused_data()
    {
        QTest::addColumn<QString>("relativePath");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing directory") << "no/such/dir/take.wav"
                                           << "No such file or directory";
        // A regular file where a directory should be: fails even for root, unlike permissions.
        QTest::newRow("parent is a file") << "plain.txt/take.wav"
                                          << "Not a directory";
        QTest::newRow("target is a directory") << "subdir"
                                               << "Is a directory";
    }

    void unwritablePathsAreRefused()
    {
        QFETCH(QString, relativePath);
        QFETCH(QString, reason);
        QTemporaryDir directory;
        writeBytes(directory.filePath("plain.txt"), "keep me");
        QVERIFY(QDir(directory.path()).mkdir("subdir"));
        const QString path = directory.filePath(relativePath);
        try {
            writeWav(path.toStdString(), std::vector<float>(100, 0.1f), 16000);
            QFAIL("an unwritable path was written");
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()), "cannot write file '" + path + "': " + reason);
        }
        // Nothing partial anywhere: the directory holds exactly what it held before.
        QCOMPARE(filesIn(directory.path()), QStringList{"plain.txt"});
        QCOMPARE(QDir(directory.filePath("subdir")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());
    }

    void failedWriteKeepsTheOldFile()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath("take.wav");
        writeWav(path.toStdString(), std::vector<float>(1600, 0.25f), 16000);
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray original = before.readAll();
        before.close();

        std::vector<float> bad(1600, 0.5f);
        bad[10] = std::nanf("");
        try {
            writeWav(path.toStdString(), bad, 16000);
            QFAIL("NaN samples were written");
        } catch (const AudioFileError& error) {
            QCOMPARE(QString(error.what()), "cannot write audio file '" + path + "': sample 10 is not finite (nan)");
        }
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), original);
        QCOMPARE(filesIn(directory.path()), QStringList{"take.wav"});
    }
};

QTEST_APPLESS_MAIN(TestAudioIo)
#include "test_audio_io.moc"
