// SPDX-License-Identifier: GPL-3.0-or-later
// Value types that cross from the generation worker thread to the GUI thread by queued signals.
// Each is copied into the event queue, so they hold their data by value or as immutable shared
// buffers; none refers to state of the thread that made it.
#pragma once

#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Generator.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <vector>

namespace talker::ui {

/// Mono audio that is never modified after it is published: the player, the views and the
/// exporters may hold the same buffer on different threads.
using AudioBuffer = std::shared_ptr<const std::vector<float>>;

/// One generated frame and the audio the streaming vocoder made final with it (often empty).
struct StreamedFrame {
    quint64 jobId = 0;
    FrameEvent event;
    std::vector<float> audio;
};

/// A take that ended (finished or stopped). `audio` is the full take: for a finished take the
/// vocoder's render of the whole mel; for a stopped one the streamed audio (the stream is complete).
struct FinishedTake {
    quint64 jobId = 0;
    Take take;
    AudioBuffer audio;
    bool audioIsFinalRender = false;
    double pausedMs = 0.0; // of take.totalMs, the time a step-mode take stood waiting for Step
};

/// The codes of the document decoded with the first `codebooksUsed` codebooks, and their audio.
struct RenderedAudio {
    quint64 jobId = 0;
    int codebooksUsed = 0;
    Mel mel;
    AudioBuffer audio;
};

/// A recording opened for analysis: its own mel, its codes and the codec's reconstruction.
struct RecordingAnalysis {
    quint64 jobId = 0;
    QString path;
    AudioSourceInfo source;     // the file's own rate, channels and length
    AudioBuffer original;       // 16 kHz mono
    Mel originalMel;            // (frames, bins)
    Codes codes;                // (T, K): Rvq::encode(originalMel)
    Mel reconstructionMel;      // (T * S, bins): Rvq::decode(codes)
    AudioBuffer reconstruction; // vocoder render of reconstructionMel
};

} // namespace talker::ui

Q_DECLARE_METATYPE(talker::FrameEvent)
Q_DECLARE_METATYPE(talker::GenerationParams)
Q_DECLARE_METATYPE(talker::ui::StreamedFrame)
Q_DECLARE_METATYPE(talker::ui::FinishedTake)
Q_DECLARE_METATYPE(talker::ui::RenderedAudio)
Q_DECLARE_METATYPE(talker::ui::RecordingAnalysis)
