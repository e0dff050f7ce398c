// SPDX-License-Identifier: GPL-3.0-or-later
// What the views show: the current take (generated, or a recording being analysed), held on the
// GUI thread. Frames arrive one by one while a take streams; the audio may be replaced when the
// full render arrives or when "codebooks heard" changes.
//
// Signals say what changed; views only mark themselves dirty and repaint at the next FrameClock
// tick, so a fast model cannot flood the event loop with paints.
//
// Thread safety: GUI thread only. audio() returns an immutable buffer other threads may keep.
#pragma once

#include "StudioTypes.h"

#include "talker/Config.h"

#include <QObject>
#include <QString>

#include <vector>

namespace talker::ui {

class TakeDocument : public QObject {
    Q_OBJECT

  public:
    enum class Source { Empty, Generated, Recording };
    Q_ENUM(Source)

    explicit TakeDocument(QObject* parent = nullptr);

    /// The model the take belongs to (shapes, rates, the Hz of each mel bin). Clears the take.
    void setModel(const ModelConfig& config, std::vector<double> binCentresHz);

    /// Clears everything and expects `plannedFrames` frames (prompt included); `text` is what a
    /// text-conditioned model says (its phones are on screen from the start).
    void beginTake(FrameIndex plannedFrames, FrameIndex promptFrames, const TextPrompt& text = {});
    void appendFrame(const FrameEvent& event, const std::vector<float>& audio);
    /// The take ended: its codes/mel are authoritative (a cancelled take is shorter than planned).
    void finishTake(const Take& take, AudioBuffer audio);
    /// Shows a recording: its original mel and audio, its codes; the reconstruction is kept too.
    void setRecording(const RecordingAnalysis& analysis);
    /// Recordings: play (and draw in the waveform) the original, or the codec's reconstruction.
    /// Both mels are always on screen, one above the other.
    void setShowReconstruction(bool reconstruction);
    /// Replaces the mel shown and the audio (a re-decode with fewer codebooks).
    void setDecoded(const Mel& mel, AudioBuffer audio, int codebooksUsed);
    /// Shows a finished take again (the take history's undo, redo and A/B): its codes, the mel and
    /// audio as they were heard, with `codebooksUsed` codebooks.
    void showTake(const Take& take, const Mel& heardMel, AudioBuffer audio, int codebooksUsed);
    /// Another take's audio that the waveform draws faintly behind this one (the take it is
    /// compared with); null for none. Kept until replaced: a new take does not clear it.
    void setComparisonAudio(AudioBuffer audio);
    AudioBuffer comparisonAudio() const { return m_comparison; }

    Source source() const { return m_source; }
    bool isStreaming() const { return m_streaming; }
    bool showsReconstruction() const { return m_showReconstruction; }
    const QString& recordingPath() const { return m_recordingPath; }

    int codebooks() const { return m_config.codec.codebooks; }
    int codebookSize() const { return m_config.codec.codebookSize; }
    int subframes() const { return m_config.codec.subframes; }
    int melBins() const { return m_config.audio.melBins; }
    double frameRateHz() const { return m_config.frameRateHz(); }
    int sampleRateHz() const { return m_config.audio.sampleRateHz; }
    int samplesPerFrame() const { return m_config.samplesPerFrame(); }
    const ModelConfig& config() const { return m_config; }
    const std::vector<double>& binCentresHz() const { return m_binCentresHz; }

    /// Frames with codes so far, and the frames the take will have when complete.
    FrameIndex frames() const { return m_codes.frames(); }
    FrameIndex plannedFrames() const { return m_plannedFrames; }
    FrameIndex promptFrames() const { return m_promptFrames; }
    const Codes& codes() const { return m_codes; }
    /// (K, V) probabilities the sampler drew frame `frame` from; nullptr for given (prompt,
    /// recorded) frames.
    const float* probabilities(FrameIndex frame) const;
    /// The attention weights with which the step that predicted `frame` read the positions before
    /// it: (layers, query heads, frame + 1), position 0 BOS, position j + 1 frame j. Null when the
    /// take has none (a recording, or a backend that reports none).
    const std::vector<float>* attention(FrameIndex frame) const;
    /// The take's mel, or a recording's original mel.
    const Mel& mel() const { return m_mel; }
    /// A recording's mel decoded from its codes (with the first codebooksUsed() codebooks); empty
    /// for a generated take.
    const Mel& reconstructionMel() const { return m_reconstructionMel; }
    /// The audio on screen and played. Never null (empty when there is none).
    AudioBuffer audio() const { return m_showReconstruction ? m_reconstruction : m_audio; }
    /// The original recording, when one is open (else empty).
    AudioBuffer originalAudio() const { return m_recordingAudio; }
    int codebooksUsed() const { return m_codebooksUsed; }
    /// Sampling parameters of the generated take (seed, temperature...), for the status line.
    const GenerationParams& params() const { return m_params; }
    const Take& finishedTake() const { return m_take; }
    /// What a text take says: its text, voice and timed phones (empty for other takes).
    const TextPrompt& text() const { return m_text; }

  signals:
    /// Everything was replaced (new take, new model, recording opened).
    void reset();
    /// Frames were appended (streaming).
    void framesAppended(talker::FrameIndex frames);
    /// The audio buffer was replaced or grew.
    void audioChanged();
    /// A mel was replaced (a re-decode).
    void melChanged();
    /// A generated take ended.
    void takeFinished();

  private:
    void clear();

    ModelConfig m_config;
    std::vector<double> m_binCentresHz;
    Source m_source = Source::Empty;
    bool m_streaming = false;
    bool m_showReconstruction = false;
    FrameIndex m_plannedFrames = 0;
    FrameIndex m_promptFrames = 0;
    Codes m_codes;                               // (T, K)
    std::vector<float> m_probabilities;          // (T, K, V); zeros for given frames
    std::vector<bool> m_sampled;                 // (T): frame drawn by the sampler
    std::vector<std::vector<float>> m_attention; // (T): FrameEvent::attention (may be empty)
    Mel m_mel;                                   // (T * S, bins) generated; (frames, bins) recording original
    Mel m_reconstructionMel;                     // recordings: decode of the codes
    AudioBuffer m_audio;                         // generated take, or the recording's original
    AudioBuffer m_reconstruction;                // recordings only
    AudioBuffer m_recordingAudio;
    AudioBuffer m_comparison; // drawn behind the waveform; may be null
    QString m_recordingPath;
    int m_codebooksUsed = 0;
    GenerationParams m_params;
    Take m_take;
    TextPrompt m_text;
};

} // namespace talker::ui
