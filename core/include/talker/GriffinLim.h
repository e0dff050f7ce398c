// Griffin-Lim vocoder: log-mel -> linear magnitude by a non-negative least-squares inverse of the
// mel filterbank -> fast Griffin-Lim (Perraudin et al. 2013, momentum 0.99) -> peak normalisation.
// ref: librosa.feature.inverse.mel_to_stft, librosa.griffinlim(momentum=0.99, init=None -> zeros phase? see .cpp)
//
// Thread safety: render() is const and reentrant.
#pragma once

#include "talker/Config.h"
#include "talker/MelFrontEnd.h"
#include "talker/Vocoder.h"

#include <vector>

namespace talker {

class GriffinLim final : public Vocoder {
public:
    GriffinLim(const AudioConfig& audio, const VocoderConfig& vocoder);

    std::vector<float> render(const Mel& logMel) const override;
    std::vector<float> renderUnnormalised(const Mel& logMel) const override;
    const char* name() const override { return "griffin-lim"; }

    /// Linear magnitude spectrogram (frames, nFft / 2 + 1) from a log-mel, non-negative.
    std::vector<float> melToMagnitude(const Mel& logMel) const;
    /// Griffin-Lim on a magnitude spectrogram (frames, nFft / 2 + 1); returns unnormalised audio.
    std::vector<float> magnitudeToAudio(const std::vector<float>& magnitude, std::int64_t frames) const;

    int iterations() const { return m_vocoder.iterations; }

private:
    AudioConfig m_audio;
    VocoderConfig m_vocoder;
    MelFrontEnd m_frontEnd;
    std::vector<float> m_melInverse; // (nFft/2+1, melBins): pseudo-inverse of the filterbank
};

} // namespace talker
