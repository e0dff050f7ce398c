// SPDX-License-Identifier: GPL-3.0-or-later
// The training window's handle on its worker thread: a WorkerController whose worker is a
// TrainingWorker. start() posts a job and returns at once; what the worker reports arrives by the
// signals below, for the current job only (a result of a job started before is dropped).
//
//   TrainingController controller;
//   connect(&controller, &TrainingController::progress, curves, &LossCurves::add);
//   controller.start(job);   ...   controller.stop();
//
// States: Idle -> start() -> Running -> stop() -> Cancelling -> (finished, cancelled or failed) ->
// Idle. Destroying it cancels the job and waits for the step (or k-means iteration) in hand.
//
// Thread safety: GUI thread only.
#pragma once

#include "WorkerController.h"
#include "training/TrainingWorker.h"

namespace talker::ui {

class TrainingController : public WorkerController {
    Q_OBJECT

  public:
    explicit TrainingController(QObject* parent = nullptr);

    /// Starts `job` (Running); false, doing nothing, when a job is running or cancelling.
    bool start(const TrainingJob& job);
    /// Cancels the running job after the step in hand (Cancelling); cancelled() follows.
    void stop();

  signals:
    void message(const QString& text);
    void codecFitted(const QString& bundleDir);
    void progress(const talker::TrainProgress& progress);
    void finished(const QString& bundleDir);
    void cancelled(const QString& message);
    void failed(const QString& message);

  private:
    /// Whether `jobId` is the current job; when `ends`, the job is over (Idle).
    bool current(quint64 jobId, bool ends = false);

    TrainingWorker* m_worker; // the base class's worker
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_job = 0;
};

} // namespace talker::ui
