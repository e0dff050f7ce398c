// SPDX-License-Identifier: GPL-3.0-or-later
// The audio front end: STFT (periodic Hann, centred, reflect padding) -> magnitude -> Slaney mel
// filterbank with area normalisation -> natural log of max(mel, floor). Magnitude (not power), as
// HiFi-GAN-style front ends use, so Griffin-Lim inverts the filterbank directly to magnitudes.
// ref: librosa.filters.mel(htk=False, norm="slaney"); librosa.stft(center=True, pad_mode="reflect")
//
//   talker::MelFrontEnd frontEnd(bundle.config.audio);
//   talker::Mel mel = frontEnd.logMel(samples);   // (frames, 128), frames = 1 + samples / hop
//
// Thread safety: const methods may be called from several threads at once.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"

#include <vector>

namespace talker {

class MelFrontEnd {
  public:
    explicit MelFrontEnd(const AudioConfig& config);

    /// Log-mel of mono samples at config.sampleRateHz.
    Mel logMel(const std::vector<float>& samples) const;

    /// Mel filterbank, (melBins, nFft / 2 + 1) row-major.
    const std::vector<float>& filterbank() const { return m_filterbank; }
    /// Centre frequency of each mel bin in Hz (for readouts).
    std::vector<double> binCentresHz() const;
    const AudioConfig& config() const { return m_config; }

  private:
    AudioConfig m_config;
    std::vector<float> m_filterbank; // (melBins, nFft / 2 + 1)
    // Each triangle covers a few FFT bins only: [first, end) of band m, so applying the
    // filterbank costs the non-zeros (~2 per FFT bin), not a dense (128 x 513) product.
    std::vector<int> m_bandFirstBin; // (melBins)
    std::vector<int> m_bandEndBin;   // (melBins)
};

} // namespace talker
