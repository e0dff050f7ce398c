// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI thread's handle on the engine: a WorkerController whose worker is a GenerationWorker.
// Every request returns at once and its result arrives later by a signal (the GUI thread never
// waits on the model).
//
//   GenerationController controller;
//   controller.setBundle(bundle);
//   connect(&controller, &GenerationController::frameReady, view, &View::addFrame);
//   controller.generate(params);   ...   controller.stop();
//
// States: Idle -> generate()/step() -> Running -> stop() -> Cancelling -> (take ends) -> Idle.
// Beside a take, one re-render ("codebooks heard") and one recording analysis may be in flight
// (hasBackgroundWork()); a newer request of the same kind, a new take, a new model and stop()
// cancel them (the vocoder stops between iterations), so the worker is soon free again.
// Frames that arrive while Cancelling, or that belong to a take that generate() replaced, are
// dropped here, so views never see a late frame. The destructor cancels the running take, quits
// the thread and waits for it (the worker finishes the frame in hand, or the render in progress).
//
// Thread safety: use from the GUI thread only.
#pragma once

#include "StudioTypes.h"
#include "WorkerController.h"

#include "talker/ModelBundle.h"

#include <atomic>
#include <memory>

namespace talker::ui {

class GenerationWorker;
class JobControl;

class GenerationController : public WorkerController {
    Q_OBJECT

  public:
    /// What a failure belongs to (the window words its message accordingly).
    enum class Job { Model, Generation, Render, Analysis };
    Q_ENUM(Job)

    explicit GenerationController(QObject* parent = nullptr);
    ~GenerationController() override;

    /// Stops any take and prepares the engine for `bundle` (on the worker); bundleReady follows.
    void setBundle(std::shared_ptr<const ModelBundle> bundle);
    std::shared_ptr<const ModelBundle> bundle() const { return m_bundle; }

    /// Starts a take. While a take runs: a paused step-mode take resumes and runs to its end;
    /// otherwise the running take is cancelled and replaced by a new one with `params`.
    void generate(const GenerationParams& params);
    /// Step mode: when idle, starts a take that pauses after its first frame; while a take runs,
    /// pauses it after the frame in hand or, when paused, releases one more frame.
    void step(const GenerationParams& params);
    /// Cancels the running take (the worker finishes the frame in hand and takeFinished follows)
    /// and any render or analysis in flight (backgroundWorkCancelled follows).
    void stop();
    /// Cancels the render and the analysis in flight, if any.
    void cancelBackgroundWork();
    /// A re-render or a recording's analysis is in flight.
    bool hasBackgroundWork() const { return m_renderCancel || m_analysisCancel; }

    /// Decodes `codes` with the first `codebooksUsed` codebooks and renders them (audioRendered).
    void renderAudio(const Codes& codes, int codebooksUsed);
    /// Reads and analyses an audio file (recordingAnalysed, or failed with Job::Analysis).
    void analyseRecording(const QString& path);

    bool isStepping() const;

  signals:
    void bundleReady(const QString& backendName, const QString& fallbackReason);
    /// A new take began (the views clear themselves); `params` as the worker runs them.
    void takeStarted(const talker::GenerationParams& params);
    /// The next frame of the current take, with the audio the streaming vocoder made final.
    void frameReady(const talker::FrameEvent& event, const std::vector<float>& audio);
    /// The current take ended; it replaces the streamed audio with `take.audio`.
    void takeFinished(const talker::ui::FinishedTake& take);
    void audioRendered(const talker::ui::RenderedAudio& audio);
    void recordingAnalysed(const talker::ui::RecordingAnalysis& analysis);
    void failed(talker::ui::GenerationController::Job job, const QString& message);
    /// hasBackgroundWork() changed.
    void backgroundWorkChanged(bool busy);
    /// The current render or analysis (Job::Render, Job::Analysis) stopped early: stop() or a
    /// new take cancelled it. (One replaced by a newer request of its kind is not reported.)
    void backgroundWorkCancelled(talker::ui::GenerationController::Job job);

  private:
    GenerationController(std::shared_ptr<std::atomic<int>> pendingGenerations, QObject* parent);
    void startTake(const GenerationParams& params, bool stepping);
    void onFrame(const StreamedFrame& frame);
    void onTakeFinished(const FinishedTake& take);
    void onAudioRendered(const RenderedAudio& audio);
    void onRecordingAnalysed(const RecordingAnalysis& analysis);
    void onFailed(quint64 jobId, const QString& message);
    void onPrepared(quint64 jobId, const QString& backendName, const QString& fallbackReason);
    void onCancelled(quint64 jobId);
    /// Clears the flag of a render or analysis that ended and reports the change.
    void endBackgroundJob(std::shared_ptr<std::atomic<bool>>& flag);

    GenerationWorker* m_worker; // the base class's worker
    std::shared_ptr<const ModelBundle> m_bundle;
    std::shared_ptr<std::atomic<int>> m_pendingGenerations;
    std::shared_ptr<JobControl> m_control; // of the current take
    quint64 m_modelJob = 0, m_takeJob = 0, m_renderJob = 0, m_analysisJob = 0;
    std::shared_ptr<std::atomic<bool>> m_renderCancel;   // of the render in flight; null when none
    std::shared_ptr<std::atomic<bool>> m_analysisCancel; // of the analysis in flight; null when none
};

} // namespace talker::ui
