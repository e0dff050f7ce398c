// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/StreamingVocoder.h"

#include "talker/Error.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace talker {

namespace {

// New frames gathered before a chunk is vocoded: 10 frames = 2 tokens = 160 ms, so the first
// audio comes out after two tokens, and each chunk's Griffin-Lim window (20 context + 10 new +
// 2 held frames) stays around 32 frames, which renders in a few milliseconds.
constexpr int ChunkFrames = 10;

// The first chunk sets the gain to bring it to the target peak, but a quiet onset (breath, the
// start of a vowel) must not be amplified without limit: +12 dB at most over the vocoder's
// natural scale, which is the level of the audio the mel was computed from.
constexpr double MaxGainDb = 12.0;

} // namespace

StreamingVocoder::StreamingVocoder(const Vocoder& vocoder, const AudioConfig& audio, double peakDbfs, int contextFrames)
    : m_vocoder(vocoder), m_audio(audio), m_peakDbfs(peakDbfs), m_contextFrames(contextFrames)
{
    checkPeakLevel(peakDbfs);
    if (contextFrames < 0)
        throw ArgumentError("invalid streaming context '" + std::to_string(contextFrames) +
                            " frames': must be at least 0");
    m_mel.bins = m_audio.melBins;
}

std::vector<float> StreamingVocoder::push(const float* melFrames, int count)
{
    if (m_finished)
        throw ArgumentError("cannot push mel frames to a finished stream: start a new StreamingVocoder");
    if (count < 0)
        throw ArgumentError("cannot push '" + std::to_string(count) + "' mel frames: the count must be at least 0");
    m_mel.values.insert(m_mel.values.end(), melFrames, melFrames + std::size_t(count) * std::size_t(m_mel.bins));
    if (m_mel.frames() - m_framesRendered < ChunkFrames)
        return {};
    return renderChunk(/*last=*/false);
}

std::vector<float> StreamingVocoder::finish()
{
    if (m_finished)
        throw ArgumentError("cannot finish a stream twice: start a new StreamingVocoder");
    std::vector<float> samples = renderChunk(/*last=*/true);
    m_finished = true;
    return samples;
}

std::vector<float> StreamingVocoder::renderChunk(bool last)
{
    const std::int64_t hop = m_audio.hopSamples;
    const FrameIndex frames = m_mel.frames();
    // A sample is touched by every frame whose window covers it, i.e. frames up to n_fft / 2
    // samples later; those samples wait for the next chunk, which will know the later frames.
    const FrameIndex heldFrames = (m_audio.nFft / 2 + hop - 1) / hop;
    const std::int64_t takeEnd = std::max<std::int64_t>(0, (frames - 1) * hop); // render()'s length
    const std::int64_t commitEnd = last ? takeEnd : std::max<std::int64_t>(0, (frames - 1 - heldFrames) * hop);
    if (commitEnd <= m_samplesEmitted)
        return {};

    // Re-vocode some frames before the committed point as well, so that Griffin-Lim's phase at
    // the join is shaped by the same spectrum on both sides. m_samplesEmitted is a multiple of hop.
    const FrameIndex firstFrame = std::max<FrameIndex>(0, m_samplesEmitted / hop - m_contextFrames);
    Mel window;
    window.bins = m_mel.bins;
    window.values.assign(m_mel.values.begin() + firstFrame * m_mel.bins, m_mel.values.end());
    const std::vector<float> rendered = m_vocoder.renderUnnormalised(window); // samples [firstFrame * hop, takeEnd)
    m_framesRendered = frames;

    const std::int64_t offset = firstFrame * hop;
    std::vector<float> chunk(rendered.begin() + (m_samplesEmitted - offset), rendered.begin() + (commitEnd - offset));

    // Cross-fade from the previous chunk's held-back samples into this rendering, so the seam is
    // a short blend of two renderings of the same spectrum rather than a step.
    const std::size_t fadeLength = std::min(m_heldTail.size(), chunk.size());
    for (std::size_t i = 0; i < fadeLength; ++i) {
        const float weight = float(i + 0.5) / float(fadeLength); // 0 -> 1 across the fade
        chunk[i] = (1.0f - weight) * m_heldTail[i] + weight * chunk[i];
    }
    m_heldTail.assign(rendered.begin() + (commitEnd - offset), rendered.end());

    float peak = 0.0f;
    for (float sample : chunk)
        peak = std::max(peak, std::abs(sample));
    const double targetPeak = std::pow(10.0, m_peakDbfs / 20.0);
    if (peak > 0.0f) {
        if (m_gain == 0.0f)
            m_gain = float(std::min(targetPeak / peak, std::pow(10.0, MaxGainDb / 20.0)));
        else if (peak * m_gain > targetPeak)
            m_gain = float(targetPeak / peak); // only ever down: a louder chunk lowers the level for good
    }
    // The clamp only catches float rounding of peak * gain.
    const float limit = float(targetPeak);
    for (float& sample : chunk)
        sample = std::clamp(sample * m_gain, -limit, limit);

    m_samplesEmitted = commitEnd;
    return chunk;
}

} // namespace talker
