// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/MelFrontEnd.h"

#include "talker/Error.h"

#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>

#include <cmath>
#include <sstream>
#include <string>

namespace talker {

namespace {

// The Slaney mel scale (Auditory Toolbox): linear below 1 kHz at 3 mel per 200 Hz, logarithmic
// above with 27 mel per factor 6.4. ref: librosa.hz_to_mel(htk=False), librosa.mel_to_hz(htk=False)
constexpr double SlaneyLinearHzPerMel = 200.0 / 3.0;
constexpr double SlaneyBreakHz = 1000.0;
constexpr double SlaneyBreakMel = SlaneyBreakHz / SlaneyLinearHzPerMel; // 15 mel
const double SlaneyLogStep = std::log(6.4) / 27.0;                      // ln(Hz ratio) per mel

double hzToMel(double hz)
{
    if (hz < SlaneyBreakHz)
        return hz / SlaneyLinearHzPerMel;
    return SlaneyBreakMel + std::log(hz / SlaneyBreakHz) / SlaneyLogStep;
}

double melToHz(double mel)
{
    if (mel < SlaneyBreakMel)
        return mel * SlaneyLinearHzPerMel;
    return SlaneyBreakHz * std::exp((mel - SlaneyBreakMel) * SlaneyLogStep);
}

// melBins + 2 band edges equally spaced on the mel scale: filter i rises from edge i to its
// centre at edge i + 1 and falls to zero at edge i + 2. ref: librosa.mel_frequencies
std::vector<double> melBandEdgesHz(const AudioConfig& config)
{
    const double melLow = hzToMel(config.fMinHz);
    const double melHigh = hzToMel(config.fMaxHz);
    const int edgeCount = config.melBins + 2;
    std::vector<double> edgesHz(std::size_t(edgeCount), 0.0);
    for (int i = 0; i < edgeCount; ++i)
        edgesHz[std::size_t(i)] = melToHz(melLow + (melHigh - melLow) * i / (edgeCount - 1));
    return edgesHz;
}

void validate(const AudioConfig& config)
{
    auto refuse = [](const std::string& what, double value, const std::string& why) {
        std::ostringstream text; // shortest readable form: 9000, 1e-05
        text << "invalid audio front end " << what << " '" << value << "': " << why;
        throw ArgumentError(text.str());
    };
    if (config.sampleRateHz <= 0)
        refuse("sample rate", config.sampleRateHz, "must be positive");
    if (config.nFft <= 0 || config.nFft % 2 != 0)
        refuse("n_fft", config.nFft, "must be positive and even");
    if (config.winLength <= 0 || config.winLength > config.nFft)
        refuse("window length", config.winLength, "must be in [1, n_fft]");
    if (config.hopSamples <= 0 || config.hopSamples > config.winLength)
        refuse("hop", config.hopSamples, "must be in [1, window length]");
    if (config.melBins <= 0)
        refuse("mel bin count", config.melBins, "must be positive");
    if (config.fMinHz < 0 || config.fMinHz >= config.fMaxHz)
        refuse("mel low frequency", config.fMinHz, "must be in [0, high frequency)");
    if (config.fMaxHz > config.sampleRateHz / 2.0)
        refuse("mel high frequency", config.fMaxHz, "must be at most the Nyquist frequency");
    if (!(config.logFloor > 0))
        refuse("log floor", config.logFloor, "must be positive");
}

// Index of sample `i` of the signal extended by mirror reflection without repeating the edge
// sample, for any pad length (it reflects again when the pad exceeds the signal).
// ref: numpy.pad(mode="reflect"), which librosa.stft(center=True, pad_mode="reflect") uses; unlike
// torch.stft's reflect padding it also accepts signals shorter than n_fft / 2.
std::int64_t reflectIndex(std::int64_t i, std::int64_t length)
{
    if (length == 1)
        return 0;
    const std::int64_t period = 2 * (length - 1);
    std::int64_t k = i % period;
    if (k < 0)
        k += period;
    return k < length ? k : period - k;
}

} // namespace

MelFrontEnd::MelFrontEnd(const AudioConfig& config) : m_config(config)
{
    validate(m_config);

    // Triangles between consecutive mel band edges, evaluated at the FFT bin frequencies, each
    // scaled by 2 / (bandwidth in Hz) so that every filter has the same area ("slaney" norm): a
    // flat spectrum gives equal energy per bin however wide the band is.
    // ref: librosa.filters.mel(htk=False, norm="slaney")
    const int freqBins = m_config.nFft / 2 + 1;
    const std::vector<double> edgesHz = melBandEdgesHz(m_config);
    m_filterbank.assign(std::size_t(m_config.melBins) * std::size_t(freqBins), 0.0f);
    for (int m = 0; m < m_config.melBins; ++m) {
        const double lowHz = edgesHz[std::size_t(m)];
        const double centreHz = edgesHz[std::size_t(m) + 1];
        const double highHz = edgesHz[std::size_t(m) + 2];
        const double areaNorm = 2.0 / (highHz - lowHz);
        for (int f = 0; f < freqBins; ++f) {
            const double hz = double(f) * m_config.sampleRateHz / m_config.nFft;
            const double rising = (hz - lowHz) / (centreHz - lowHz);
            const double falling = (highHz - hz) / (highHz - centreHz);
            const double weight = std::max(0.0, std::min(rising, falling));
            m_filterbank[std::size_t(m) * std::size_t(freqBins) + std::size_t(f)] = float(weight * areaNorm);
        }
    }

    m_bandFirstBin.assign(std::size_t(m_config.melBins), 0);
    m_bandEndBin.assign(std::size_t(m_config.melBins), 0);
    for (int m = 0; m < m_config.melBins; ++m) {
        const float* row = m_filterbank.data() + std::size_t(m) * std::size_t(freqBins);
        int first = 0;
        while (first < freqBins && row[first] == 0.0f)
            ++first;
        int end = freqBins;
        while (end > first && row[end - 1] == 0.0f)
            --end;
        m_bandFirstBin[std::size_t(m)] = first;
        m_bandEndBin[std::size_t(m)] = end;
    }
}

std::vector<double> MelFrontEnd::binCentresHz() const
{
    const std::vector<double> edgesHz = melBandEdgesHz(m_config);
    return std::vector<double>(edgesHz.begin() + 1, edgesHz.end() - 1);
}

Mel MelFrontEnd::logMel(const std::vector<float>& samples) const
{
    if (samples.empty())
        throw ArgumentError("cannot compute the mel spectrogram of '0 samples': the audio is empty");

    torch::InferenceMode inferenceMode;
    const std::int64_t sampleCount = std::int64_t(samples.size());
    const std::int64_t padSamples = m_config.nFft / 2; // centre frame t on sample t * hop

    // Reflect-pad by n_fft / 2 on both sides (centred frames), then an un-centred STFT.
    torch::Tensor padded = torch::empty({sampleCount + 2 * padSamples}, torch::kFloat); // (samples + n_fft)
    float* out = padded.data_ptr<float>();
    for (std::int64_t i = 0; i < sampleCount + 2 * padSamples; ++i)
        out[i] = samples[std::size_t(reflectIndex(i - padSamples, sampleCount))];

    // ref: torch.hann_window(periodic=True) == scipy.signal.get_window("hann", N, fftbins=True)
    const torch::Tensor window = torch::hann_window(m_config.winLength, /*periodic=*/true, torch::kFloat);
    const torch::Tensor spectrum = torch::stft(padded, m_config.nFft, m_config.hopSamples, m_config.winLength, window,
                                               /*normalized=*/false, /*onesided=*/true,
                                               /*return_complex=*/true)
                                       .t()
                                       .contiguous();                        // (frames, nFft/2+1)
    const float* bins = reinterpret_cast<const float*>(spectrum.data_ptr()); // (frames, nFft/2+1, re/im)

    const std::int64_t frames = spectrum.size(0);
    const std::int64_t freqBins = spectrum.size(1);
    const float logFloor = float(m_config.logFloor);
    Mel result;
    result.bins = m_config.melBins;
    result.values.assign(std::size_t(frames * m_config.melBins), 0.0f);
    // Magnitude, mel bands, log: plain loops over the non-zero filter weights. (LibTorch 1.13's
    // complex abs is not vectorised, and a dense product with the filterbank is 60x the work.)
    at::parallel_for(0, frames, 16, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> magnitude(static_cast<std::size_t>(freqBins));
        for (std::int64_t t = begin; t < end; ++t) {
            const float* frame = bins + 2 * t * freqBins;
            for (std::int64_t f = 0; f < freqBins; ++f)
                magnitude[std::size_t(f)] = std::hypot(frame[2 * f], frame[2 * f + 1]);
            float* out = result.values.data() + t * m_config.melBins;
            for (int m = 0; m < m_config.melBins; ++m) {
                const float* weights = m_filterbank.data() + std::size_t(m) * std::size_t(freqBins);
                double sum = 0.0;
                for (int f = m_bandFirstBin[std::size_t(m)]; f < m_bandEndBin[std::size_t(m)]; ++f)
                    sum += double(weights[f]) * magnitude[std::size_t(f)];
                // Natural log with a floor so silence maps to log(floor) instead of -inf.
                out[m] = std::log(std::max(float(sum), logFloor));
            }
        }
    });
    return result;
}

} // namespace talker
