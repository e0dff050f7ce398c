// SPDX-License-Identifier: GPL-3.0-or-later
// Griffin-Lim vocoder: log-mel -> linear magnitude by a non-negative inverse of the mel filterbank
// (pseudo-inverse clamped at zero, refined by a few NNLS steps) -> fast Griffin-Lim (Perraudin et al. 2013, momentum
// 0.99, starting from zero phase so the same mel always gives the same audio) -> peak normalisation. ref:
// librosa.feature.inverse.mel_to_stft, librosa.griffinlim(momentum=0.99)
//
//   talker::GriffinLim vocoder(config.audio, config.vocoder);
//   std::vector<float> audio = vocoder.render(mel);   // (frames - 1) * hop samples, peak -1 dBFS
//
// render() runs a signal of 512 frames or more on threadCount() threads (Runtime.h), through a
// pool it starts for that render; renderUnnormalised() (the streaming vocoder's windows, beside generation) and
// shorter renders run on the calling thread. The audio is the same whatever the thread count.
//
// Thread safety: render() is const and reentrant.
#pragma once

#include "talker/Config.h"
#include "talker/Device.h"
#include "talker/MelFrontEnd.h"
#include "talker/Vocoder.h"

#include <memory>
#include <vector>

namespace talker {

class WorkerPool; // core's own (private) thread pool

class GriffinLim final : public Vocoder {
  public:
    GriffinLim(const AudioConfig& audio, const VocoderConfig& vocoder);

    std::vector<float> render(const Mel& logMel, const std::atomic<bool>* cancel = nullptr) const override;
    std::vector<float> renderUnnormalised(const Mel& logMel, const std::atomic<bool>* cancel = nullptr) const override;
    const char* name() const override { return "griffin-lim"; }

    /// Linear magnitude spectrogram (frames, nFft / 2 + 1) from a log-mel, non-negative.
    std::vector<float> melToMagnitude(const Mel& logMel) const;
    /// Griffin-Lim on a magnitude spectrogram (frames, nFft / 2 + 1); returns unnormalised audio.
    /// Checks `cancel` before each iteration (CancelledError).
    std::vector<float> magnitudeToAudio(const std::vector<float>& magnitude, std::int64_t frames,
                                        const std::atomic<bool>* cancel = nullptr) const;

    int iterations() const { return m_vocoder.iterations; }

  private:
    /// melToMagnitude with its frames on `pool`'s threads (on this one when it is null).
    std::vector<float> melToMagnitude(const Mel& logMel, WorkerPool* pool) const;

    AudioConfig m_audio;
    VocoderConfig m_vocoder;
    MelFrontEnd m_frontEnd;
    // The pseudo-inverse F^T (F F^T)^-1 of the filterbank F without forming it: only neighbouring
    // triangles overlap, so F F^T is tridiagonal and is solved per frame from its LDL^T factors.
    std::vector<int> m_bandFirstBin;       // (melBins) first FFT bin where band m is non-zero
    std::vector<int> m_bandEndBin;         // (melBins) one past its last
    std::vector<double> m_gramPivots;      // (melBins) D of F F^T = L D L^T
    std::vector<double> m_gramMultipliers; // (melBins - 1) sub-diagonal of L
};

/// The same vocoder as whole-spectrogram tensor operations on a LibTorch device (for a GPU: the
/// frames run in parallel). Its audio matches GriffinLim's to float rounding. On the CPU GriffinLim
/// is faster; this one runs there too, for tests. Throws ArgumentError for CUDA without CUDA.
std::unique_ptr<Vocoder> makeDeviceGriffinLim(const AudioConfig& audio, const VocoderConfig& vocoder, Device device);

} // namespace talker
