// SPDX-License-Identifier: GPL-3.0-or-later
// The mel front end against the Slaney formulas, computed here independently of MelFrontEnd.cpp.
// ref: librosa.filters.mel(sr=16000, n_fft=1024, n_mels=128, fmax=8000, htk=False, norm="slaney")
#include "talker/Config.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"

// LibTorch before Qt: Qt's `slots` keyword macro would break LibTorch's headers.
#include <torch/torch.h>

#include <QtTest>

#include <cmath>
#include <vector>

using namespace talker;

namespace {

// Slaney's scale, written from its definition: 3 mel per 200 Hz up to 1 kHz (15 mel), then
// 27 mel per factor 6.4 in frequency.
double slaneyMel(double hz)
{
    return hz < 1000.0 ? hz * 3.0 / 200.0 : 15.0 + 27.0 * std::log(hz / 1000.0) / std::log(6.4);
}

double slaneyHz(double mel)
{
    return mel < 15.0 ? mel * 200.0 / 3.0 : 1000.0 * std::pow(6.4, (mel - 15.0) / 27.0);
}

// Band edge i of n mel filters between fMin and fMax (n + 2 edges).
double edgeHz(int i, const AudioConfig& config)
{
    const double low = slaneyMel(config.fMinHz);
    const double high = slaneyMel(config.fMaxHz);
    return slaneyHz(low + (high - low) * i / (config.melBins + 1));
}

// Weight of mel filter m at frequency hz: a triangle over edges m .. m + 2 with area 1 (in Hz).
double slaneyWeight(int m, double hz, const AudioConfig& config)
{
    const double low = edgeHz(m, config), centre = edgeHz(m + 1, config), high = edgeHz(m + 2, config);
    const double triangle = std::max(0.0, std::min((hz - low) / (centre - low), (high - hz) / (high - centre)));
    return triangle * 2.0 / (high - low);
}

std::vector<float> sine(double frequencyHz, double amplitude, int sampleRateHz, std::int64_t count)
{
    std::vector<float> samples(std::size_t(count), 0.0f);
    for (std::int64_t i = 0; i < count; ++i)
        samples[std::size_t(i)] = float(amplitude * std::sin(2 * M_PI * frequencyHz * double(i) / sampleRateHz));
    return samples;
}

} // namespace

class TestMel : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { at::set_num_threads(2); }

    void filterbankMatchesSlaneyFormula()
    {
        const AudioConfig config;
        const MelFrontEnd frontEnd(config);
        const int freqBins = config.nFft / 2 + 1;
        QCOMPARE(int(frontEnd.filterbank().size()), config.melBins * freqBins);
        double worst = 0.0;
        for (int m = 0; m < config.melBins; ++m)
            for (int f = 0; f < freqBins; ++f) {
                const double hz = double(f) * config.sampleRateHz / config.nFft;
                const double expected = slaneyWeight(m, hz, config);
                worst = std::max(worst, std::abs(frontEnd.filterbank()[std::size_t(m * freqBins + f)] - expected));
            }
        // The largest weight is 2 / (narrowest band, 46 Hz) ~ 0.04; float storage keeps ~7 digits.
        QVERIFY2(worst < 1e-8, qPrintable(QString("largest deviation %1").arg(worst)));
    }

    void filterbankRowsHaveUnitArea()
    {
        // Slaney normalisation makes every triangle's area in Hz equal to 1, so a flat spectrum
        // gives every band the same value. Sampled at the FFT bins (15.625 Hz apart) the sum
        // approximates that area well only for bands many bins wide: 2 % once a band spans 10 bins.
        const AudioConfig config;
        const MelFrontEnd frontEnd(config);
        const int freqBins = config.nFft / 2 + 1;
        const double binHz = double(config.sampleRateHz) / config.nFft;
        int checked = 0;
        for (int m = 0; m < config.melBins; ++m) {
            if (edgeHz(m + 2, config) - edgeHz(m, config) < 10 * binHz || edgeHz(m + 2, config) > config.fMaxHz)
                continue;
            double area = 0.0;
            for (int f = 0; f < freqBins; ++f)
                area += frontEnd.filterbank()[std::size_t(m * freqBins + f)] * binHz;
            QVERIFY2(std::abs(area - 1.0) < 0.02, qPrintable(QString("band %1 has area %2").arg(m).arg(area)));
            ++checked;
        }
        QVERIFY2(checked >= 35, qPrintable(QString::number(checked))); // the ~38 bands above ~3.2 kHz
    }

    void binCentres()
    {
        const AudioConfig config;
        const std::vector<double> centres = MelFrontEnd(config).binCentresHz();
        QCOMPARE(int(centres.size()), config.melBins);
        // Slaney anchors: 15 mel = 1000 Hz, 42 mel = 6400 Hz; top edge 8000 Hz = 45.245 mel.
        QCOMPARE(slaneyHz(15.0), 1000.0);
        QVERIFY(std::abs(slaneyHz(42.0) - 6400.0) < 1e-9);
        for (int m = 0; m < config.melBins; ++m)
            QVERIFY(std::abs(centres[std::size_t(m)] - edgeHz(m + 1, config)) < 1e-9);
        // The linear part is equally spaced: 8000 Hz is 45.245 mel, 129 steps of 0.35 mel = 23.4 Hz.
        QVERIFY(std::abs((centres[1] - centres[0]) - slaneyMel(8000.0) / 129.0 * 200.0 / 3.0) < 1e-9);
        QVERIFY(centres.back() < config.fMaxHz);
    }

    void frameCount_data()
    {
        QTest::addColumn<qint64>("samples");
        QTest::newRow("one sample") << qint64(1);
        QTest::newRow("shorter than half a window") << qint64(300);
        QTest::newRow("one hop") << qint64(256);
        QTest::newRow("one hop plus one") << qint64(257);
        QTest::newRow("one second") << qint64(16000);
        QTest::newRow("200 tokens") << qint64(999 * 256);
    }

    void frameCount()
    {
        QFETCH(qint64, samples);
        const AudioConfig config;
        const Mel mel = MelFrontEnd(config).logMel(sine(440.0, 0.5, config.sampleRateHz, samples));
        QCOMPARE(mel.bins, config.melBins);
        QCOMPARE(mel.frames(), 1 + samples / config.hopSamples); // ref: librosa.stft(center=True)
        for (float value : mel.values)
            QVERIFY(std::isfinite(value));
    }

    void tonePeaksInSlaneyBin_data()
    {
        QTest::addColumn<double>("frequencyHz");
        // Tones on FFT bin centres (multiples of 16000 / 1024 = 15.625 Hz), so the windowed
        // spectrum is known exactly: a periodic Hann puts A N / 4 in the tone's bin and A N / 8
        // in each neighbour, nothing elsewhere.
        QTest::newRow("250 Hz, linear part") << 250.0;
        QTest::newRow("1000 Hz, the break") << 1000.0;
        QTest::newRow("3000 Hz, log part") << 3000.0;
        QTest::newRow("6500 Hz, wide bands") << 6500.0;
    }

    void tonePeaksInSlaneyBin()
    {
        QFETCH(double, frequencyHz);
        const AudioConfig config;
        const double amplitude = 0.5;
        const Mel mel = MelFrontEnd(config).logMel(sine(frequencyHz, amplitude, config.sampleRateHz, 16000));

        const double binHz = double(config.sampleRateHz) / config.nFft;
        const int toneBin = int(std::lround(frequencyHz / binHz));
        QCOMPARE(toneBin * binHz, frequencyHz);
        const double n = config.nFft;
        std::vector<double> expected(std::size_t(config.melBins), 0.0);
        for (int m = 0; m < config.melBins; ++m)
            expected[std::size_t(m)] = amplitude * n / 8 * slaneyWeight(m, (toneBin - 1) * binHz, config) +
                                       amplitude * n / 4 * slaneyWeight(m, toneBin * binHz, config) +
                                       amplitude * n / 8 * slaneyWeight(m, (toneBin + 1) * binHz, config);
        const int expectedBin = int(std::max_element(expected.begin(), expected.end()) - expected.begin());

        const FrameIndex frame = mel.frames() / 2; // away from the padded edges
        const float* row = mel.frame(frame);
        const int peakBin = int(std::max_element(row, row + mel.bins) - row);
        QCOMPARE(peakBin, expectedBin);
        // Magnitude (not power) through the area-normalised filter: the level must match too.
        // 1e-3 in log is 0.1 %: float STFT rounding and the tone's negative-frequency image.
        QVERIFY2(std::abs(row[peakBin] - std::log(expected[std::size_t(expectedBin)])) < 1e-3,
                 qPrintable(QString("log mel %1, expected %2")
                                .arg(row[peakBin])
                                .arg(std::log(expected[std::size_t(expectedBin)]))));
    }

    void silenceIsTheLogFloor()
    {
        const AudioConfig config;
        const Mel mel = MelFrontEnd(config).logMel(std::vector<float>(4000, 0.0f));
        for (float value : mel.values)
            QCOMPARE(value, float(std::log(config.logFloor)));
    }

    void refusals()
    {
        const AudioConfig config;
        try {
            MelFrontEnd(config).logMel({});
            QFAIL("empty audio accepted");
        } catch (const ArgumentError& error) {
            QCOMPARE(QString(error.what()),
                     QString("cannot compute the mel spectrogram of '0 samples': the audio is empty"));
        }
        AudioConfig aboveNyquist;
        aboveNyquist.fMaxHz = 9000.0;
        try {
            MelFrontEnd frontEnd(aboveNyquist);
            QFAIL("fMax above Nyquist accepted");
        } catch (const ArgumentError& error) {
            QCOMPARE(
                QString(error.what()),
                QString("invalid audio front end mel high frequency '9000': must be at most the Nyquist frequency"));
        }
    }
};

QTEST_APPLESS_MAIN(TestMel)
#include "test_mel.moc"
