// SPDX-License-Identifier: GPL-3.0-or-later
// Turns mel frames that arrive one token at a time into audio chunks, so audio can be shown and
// played before generation ends. Each push vocodes a window of the most recent frames (with some
// already-rendered context on the left) and emits the samples that are now final; finish() emits
// the rest. The concatenation of all chunks is a complete take (same length as render()).
//
//   talker::StreamingVocoder stream(*vocoder, config.audio, config.vocoder.peakDbfs);
//   for each token:  play(stream.push(melOfToken.data(), subframes));   // often empty
//   play(stream.finish());
//
// Level: chunks are rendered unnormalised and scaled by one gain that is set by the first audible
// chunk (to reach peakDbfs, at most +12 dB) and afterwards only ever lowered, when a louder chunk
// would exceed peakDbfs. So the stream never clips and its level never jumps up; the final
// render() of the whole take is normalised on its own and may be louder.
//
// Thread safety: not thread-safe; one instance belongs to one generation (one thread).
#pragma once

#include "talker/Codes.h"
#include "talker/Vocoder.h"

#include <vector>

namespace talker {

class StreamingVocoder {
  public:
    /// `vocoder` must outlive this object. `contextFrames` mel frames of left context are re-vocoded
    /// with every chunk so that chunk edges do not click.
    StreamingVocoder(const Vocoder& vocoder, const AudioConfig& audio, double peakDbfs, int contextFrames = 20);

    /// Appends mel frames (count x bins) and returns the newly final samples (may be empty).
    std::vector<float> push(const float* melFrames, int count);
    /// Emits every remaining sample; afterwards the object is spent.
    std::vector<float> finish();

    std::int64_t samplesEmitted() const { return m_samplesEmitted; }

  private:
    const Vocoder& m_vocoder;
    AudioConfig m_audio;
    double m_peakDbfs;
    int m_contextFrames;
    Mel m_mel; // every frame received so far
    std::int64_t m_samplesEmitted = 0;
    std::int64_t m_framesRendered = 0;
    float m_gain = 0.0f;           // 0 until the first audible chunk; afterwards only lowered
    std::vector<float> m_heldTail; // samples rendered past m_samplesEmitted, cross-faded into the next chunk
    bool m_finished = false;

    std::vector<float> renderChunk(bool last);
};

} // namespace talker
