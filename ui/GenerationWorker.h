// SPDX-License-Identifier: GPL-3.0-or-later
// The object that runs the engine on the generation thread. GenerationController owns it and the
// QThread it lives in; nothing else calls it. Every public function runs on the worker thread (the
// controller queues calls to it); results leave by queued signals, tagged with the job id the
// controller gave, so the controller can drop results of jobs it no longer wants.
#pragma once

#include "StudioTypes.h"

#include "talker/ModelBundle.h"
#include "talker/Codec.h"
#include "talker/Vocoder.h"

#include <QObject>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace talker::ui {

/// What the GUI thread may do to a running take: cancel it, or hold it after every frame (step
/// mode) and release one frame at a time. Shared by the controller (GUI thread) and the worker;
/// the GUI thread only ever takes the mutex briefly, it never waits on the condition.
class JobControl {
  public:
    explicit JobControl(bool stepping, int stepBudget) : m_stepping(stepping), m_stepBudget(stepBudget) {}

    /// Polled by Generator between frames; a waiting step gate wakes up too.
    std::atomic<bool> cancel{false};

    void requestCancel();
    /// Step mode: release `frames` more frames.
    void allowSteps(int frames);
    /// Enters step mode (the take pauses after the frame in hand) or leaves it (runs to the end).
    void setStepping(bool stepping);
    bool isStepping() const;

    /// Worker thread, after each generated frame: blocks while in step mode with no frame
    /// released. Returns at once when not stepping or when cancelled. Returns the milliseconds it
    /// waited (0 when it did not block).
    double waitForStep();

  private:
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stepping;  // guarded by m_mutex
    int m_stepBudget; // frames released and not yet made; guarded by m_mutex
};

class GenerationWorker : public QObject {
    Q_OBJECT

  public:
    /// `pendingGenerations` counts generate() calls queued and not yet started: a finished take
    /// skips its full vocoder render when another take is already waiting (it is being replaced).
    explicit GenerationWorker(std::shared_ptr<std::atomic<int>> pendingGenerations);
    ~GenerationWorker() override;

    /// Builds the Generator, codec and vocoder of `bundle` (so the first Generate starts at once).
    void prepare(quint64 jobId, std::shared_ptr<const ModelBundle> bundle);
    void generate(quint64 jobId, GenerationParams params, std::shared_ptr<JobControl> control);
    /// Decodes `codes` with the first `codebooksUsed` codebooks and vocodes them; `cancel` set
    /// (by the controller) stops the vocoder between iterations and emits cancelled().
    void render(quint64 jobId, Codes codes, int codebooksUsed, std::shared_ptr<const std::atomic<bool>> cancel);
    /// Reads an audio file and computes its mel, codes and codec reconstruction (cancellable as render()).
    void analyse(quint64 jobId, QString path, std::shared_ptr<const std::atomic<bool>> cancel);

  signals:
    void prepared(quint64 jobId, const QString& backendName, const QString& fallbackReason);
    /// A frame of the take `jobId`, in order; the GUI may drop it.
    void frameReady(const talker::ui::StreamedFrame& frame);
    /// The take `jobId` ended: finished, or stopped (take.cancelled).
    void takeFinished(const talker::ui::FinishedTake& take);
    void audioRendered(const talker::ui::RenderedAudio& audio);
    void recordingAnalysed(const talker::ui::RecordingAnalysis& analysis);
    /// The job threw; `message` is the engine's message (it names the file or value and the cause).
    void failed(quint64 jobId, const QString& message);
    /// A render or analysis stopped early because its cancel flag was set.
    void cancelled(quint64 jobId);

  private:
    std::shared_ptr<std::atomic<int>> m_pendingGenerations;
    std::shared_ptr<const ModelBundle> m_bundle;
    std::unique_ptr<Generator> m_generator;
    std::unique_ptr<Codec> m_rvq;
    std::unique_ptr<Vocoder> m_vocoder;

    bool requireBundle(quint64 jobId);
};

} // namespace talker::ui
