// SPDX-License-Identifier: GPL-3.0-or-later
// Griffin-Lim as tensor operations on a LibTorch device, for --device cuda: the same algorithm as
// GriffinLim.cpp (non-negative filterbank inverse refined by NNLS steps, fast Griffin-Lim from zero
// phase, torch.stft / torch.istft conventions), but every step is a whole-spectrogram tensor
// operation, so on a GPU the frames run in parallel: framing is a strided view (unfold), the
// overlap-add is fold, and the pseudo-inverse of the filterbank is one dense (bins x 513) product.
// On the CPU GriffinLim.cpp is faster (it exploits the tridiagonal F F^T and skips zero weights);
// this one runs there too, so the tests can hold it to the CPU vocoder.
#include "talker/GriffinLim.h"

#include "../model/TorchDevice.h"
#include "talker/Error.h"

#include <torch/torch.h>

#include <cmath>

namespace talker {

namespace {

// As GriffinLim.cpp (NnlsRefinements there).
constexpr int NnlsRefinements = 10;

class DeviceGriffinLim final : public Vocoder {
  public:
    DeviceGriffinLim(const AudioConfig& audio, const VocoderConfig& vocoder, Device device)
        : m_cpu(audio, vocoder), m_audio(audio), m_vocoder(vocoder), m_device(torchDevice(device))
    {
        torch::InferenceMode inference;
        const MelFrontEnd frontEnd(audio);
        const std::int64_t bands = audio.melBins, freqBins = audio.nFft / 2 + 1;
        const auto filterbank = torch::tensor(frontEnd.filterbank(), torch::kDouble).reshape({bands, freqBins}); // F
        // Pseudo-inverse F^T (F F^T)^-1 in double (F F^T is positive definite: GriffinLim's
        // constructor has already rejected an empty band), used in float.
        const auto gram = torch::mm(filterbank, filterbank.t());                              // (bands, bands)
        const auto pseudoInverse = torch::linalg::solve(gram, filterbank, /*left=*/true).t(); // (513, bands)
        m_filterbank = filterbank.to(torch::kFloat).to(m_device);                             // (bands, 513)
        m_pseudoInverse = pseudoInverse.to(torch::kFloat).contiguous().to(m_device);          // (513, bands)
        // ref: torch.hann_window(periodic=True), centred in n_fft like torch.stft
        auto window = torch::zeros({audio.nFft}, torch::kFloat);
        window.narrow(0, (audio.nFft - audio.winLength) / 2, audio.winLength)
            .copy_(torch::hann_window(audio.winLength, /*periodic=*/true, torch::kFloat));
        m_window = window.to(m_device);
    }

    std::vector<float> render(const Mel& logMel, const std::atomic<bool>* cancel) const override
    {
        std::vector<float> audio = renderUnnormalised(logMel, cancel);
        normalisePeak(audio, m_vocoder.peakDbfs);
        return audio;
    }

    std::vector<float> renderUnnormalised(const Mel& logMel, const std::atomic<bool>* cancel) const override
    {
        if (logMel.bins != m_audio.melBins || logMel.frames() < 2)
            return m_cpu.renderUnnormalised(logMel, cancel); // its checks and messages; nothing to vocode
        for (std::size_t i = 0; i < logMel.values.size(); ++i)
            if (!std::isfinite(logMel.values[i]))
                return m_cpu.renderUnnormalised(logMel, cancel); // throws, naming the value
        torch::InferenceMode inference;
        return griffinLim(magnitude(logMel), cancel);
    }

    const char* name() const override { return "griffin-lim"; }

  private:
    /// Linear magnitude (frames, 513) on the device. ref: GriffinLim::melToMagnitude
    torch::Tensor magnitude(const Mel& logMel) const
    {
        const std::int64_t frames = logMel.frames();
        const auto logs =
            torch::from_blob(const_cast<float*>(logMel.values.data()), {frames, logMel.bins}, torch::kFloat)
                .to(m_device);
        // Values at the log floor count as zero (see GriffinLim::melToMagnitude).
        const double floorLog = std::log(m_audio.logFloor) + 1e-3;
        const auto mel = torch::where(logs <= floorLog, torch::zeros_like(logs), logs.exp()); // (frames, bands)
        auto s = torch::mm(mel, m_pseudoInverse.t()).clamp_min(0.0);                          // (frames, 513)
        // NNLS refinement by multiplicative updates from a floor of 1e-3 of the frame's mean level.
        s = s + 1e-3 * mel.mean(1, /*keepdim=*/true);
        const auto melBack = torch::mm(mel, m_filterbank); // F^T mel, (frames, 513)
        for (int i = 0; i < NnlsRefinements; ++i) {
            const auto gramS = torch::mm(torch::mm(s, m_filterbank.t()), m_filterbank); // F^T F S
            s = torch::where(gramS > 0, s * melBack / gramS, torch::zeros_like(s));
        }
        return s;
    }

    /// Fast Griffin-Lim from zero phase. ref: GriffinLim::magnitudeToAudio
    std::vector<float> griffinLim(const torch::Tensor& target, const std::atomic<bool>* cancel) const
    {
        const std::int64_t frames = target.size(0), nFft = m_audio.nFft, hop = m_audio.hopSamples;
        const std::int64_t samples = (frames - 1) * hop, padded = samples + nFft, pad = nFft / 2;

        // istft's normalisation: 1 / the overlap-added squared window inside the signal, and 0 in
        // the padding, which stft must see as zeros. Checked on the CPU (NOLA) first.
        auto envelope =
            torch::nn::functional::fold(m_window.square().view({1, nFft, 1}).expand({1, nFft, frames}),
                                        torch::nn::functional::FoldFuncOptions({1, padded}, {1, nFft}).stride({1, hop}))
                .view({padded});
        auto inner = envelope.narrow(0, pad, samples);
        if (inner.min().item<double>() < 1e-11)
            throw ArgumentError("cannot invert an STFT with hop '" + std::to_string(hop) +
                                "': the windows do not overlap enough to cover every sample");
        auto inverseEnvelope = torch::zeros({padded}, target.options());
        inverseEnvelope.narrow(0, pad, samples).copy_(inner.reciprocal());

        const auto inverse = [&](const torch::Tensor& spectrum) { // (frames, 513) complex -> (padded)
            const auto framesOut = torch::fft::irfft(spectrum, nFft, /*dim=*/1) * m_window; // (frames, nFft)
            const auto summed = torch::nn::functional::fold(
                framesOut.t().unsqueeze(0),
                torch::nn::functional::FoldFuncOptions({1, padded}, {1, nFft}).stride({1, hop}));
            return summed.view({padded}) * inverseEnvelope;
        };
        const auto forward = [&](const torch::Tensor& signal) { // (padded) -> (frames, 513) complex
            return torch::fft::rfft(signal.unfold(0, nFft, hop) * m_window, nFft, /*dim=*/1);
        };

        auto spectrum = torch::complex(target, torch::zeros_like(target)); // zero phase
        auto previous = torch::zeros_like(spectrum);
        const double extrapolation = m_vocoder.momentum / (1.0 + m_vocoder.momentum);
        for (int i = 0; i < m_vocoder.iterations; ++i) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                throw CancelledError("Griffin-Lim rendering of " + std::to_string(frames) + " frames cancelled after " +
                                     std::to_string(i) + " of " + std::to_string(m_vocoder.iterations) + " iterations");
            auto rebuilt = forward(inverse(spectrum));
            const auto extrapolated = rebuilt - extrapolation * previous;
            // The target magnitude with the new phase; a zero bin stays zero.
            spectrum = extrapolated * (target / (extrapolated.abs() + 1e-16));
            previous = std::move(rebuilt);
        }
        const auto signal = inverse(spectrum).narrow(0, pad, samples).to(torch::kCPU).contiguous();
        return std::vector<float>(signal.data_ptr<float>(), signal.data_ptr<float>() + samples);
    }

    GriffinLim m_cpu; // validates the configuration; the reference for edge cases and messages
    AudioConfig m_audio;
    VocoderConfig m_vocoder;
    torch::Device m_device;
    torch::Tensor m_filterbank;    // (bands, 513)
    torch::Tensor m_pseudoInverse; // (513, bands)
    torch::Tensor m_window;        // (nFft)
};

} // namespace

std::unique_ptr<Vocoder> makeDeviceGriffinLim(const AudioConfig& audio, const VocoderConfig& vocoder, Device device)
{
    return std::make_unique<DeviceGriffinLim>(audio, vocoder, device);
}

} // namespace talker
