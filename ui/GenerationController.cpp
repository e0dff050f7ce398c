// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationController.h"

#include "GenerationWorker.h"

namespace talker::ui {

GenerationController::GenerationController(QObject* parent)
    : GenerationController(std::make_shared<std::atomic<int>>(0), parent)
{
}

GenerationController::GenerationController(std::shared_ptr<std::atomic<int>> pendingGenerations, QObject* parent)
    : WorkerController(QStringLiteral("talker-generation"), new GenerationWorker(pendingGenerations), parent),
      m_worker(static_cast<GenerationWorker*>(worker())), m_pendingGenerations(std::move(pendingGenerations))
{
    qRegisterMetaType<talker::FrameEvent>();
    qRegisterMetaType<talker::ui::StreamedFrame>();
    qRegisterMetaType<talker::ui::FinishedTake>();
    qRegisterMetaType<talker::ui::RenderedAudio>();
    qRegisterMetaType<talker::ui::RecordingAnalysis>();
    qRegisterMetaType<talker::GenerationParams>();
    qRegisterMetaType<std::vector<float>>();

    connect(m_worker, &GenerationWorker::prepared, this, &GenerationController::onPrepared);
    connect(m_worker, &GenerationWorker::frameReady, this, &GenerationController::onFrame);
    connect(m_worker, &GenerationWorker::takeFinished, this, &GenerationController::onTakeFinished);
    connect(m_worker, &GenerationWorker::audioRendered, this, &GenerationController::onAudioRendered);
    connect(m_worker, &GenerationWorker::recordingAnalysed, this, &GenerationController::onRecordingAnalysed);
    connect(m_worker, &GenerationWorker::failed, this, &GenerationController::onFailed);
    connect(m_worker, &GenerationWorker::cancelled, this, &GenerationController::onCancelled);
}

GenerationController::~GenerationController()
{
    if (m_control)
        m_control->requestCancel(); // ~WorkerController raises the render and analysis flags
}

void GenerationController::setBundle(std::shared_ptr<const ModelBundle> bundle)
{
    stop();
    cancelBackgroundWork();
    m_bundle = std::move(bundle);
    m_modelJob = newJob();
    const quint64 job = m_modelJob;
    post([worker = m_worker, job, bundle = m_bundle] { worker->prepare(job, bundle); });
}

bool GenerationController::isStepping() const
{
    return m_control && state() == State::Running && m_control->isStepping();
}

void GenerationController::generate(const GenerationParams& params)
{
    if (state() == State::Running && m_control && m_control->isStepping()) {
        m_control->setStepping(false); // a paused step-mode take runs on to its end
        return;
    }
    startTake(params, /*stepping=*/false);
}

void GenerationController::step(const GenerationParams& params)
{
    if (state() == State::Running && m_control) {
        if (m_control->isStepping())
            m_control->allowSteps(1);
        else
            m_control->setStepping(true); // pause after the frame in hand
        return;
    }
    startTake(params, /*stepping=*/true);
}

void GenerationController::startTake(const GenerationParams& params, bool stepping)
{
    if (m_control)
        m_control->requestCancel(); // the previous take (if any) ends; its late frames are dropped below
    cancelBackgroundWork();         // the worker is free for the take sooner
    m_control = std::make_shared<JobControl>(stepping, /*stepBudget=*/1);
    m_takeJob = newJob();
    m_pendingGenerations->fetch_add(1);
    post([worker = m_worker, job = m_takeJob, params, control = m_control] { worker->generate(job, params, control); });
    setState(State::Running);
    emit takeStarted(params);
}

void GenerationController::stop()
{
    cancelBackgroundWork();
    if (state() != State::Running || !m_control)
        return;
    m_control->requestCancel();
    setState(State::Cancelling);
}

void GenerationController::cancelBackgroundWork()
{
    for (const auto& flag : {m_renderCancel, m_analysisCancel})
        if (flag)
            flag->store(true); // the worker reports cancelled (or its result, if it was done)
}

void GenerationController::renderAudio(const Codes& codes, int codebooksUsed)
{
    if (m_renderCancel)
        m_renderCancel->store(true); // superseded: its result would be dropped anyway
    const bool wasBusy = hasBackgroundWork();
    m_renderCancel = newCancelFlag();
    m_renderJob = newJob();
    post([worker = m_worker, job = m_renderJob, codes, codebooksUsed, cancel = m_renderCancel] {
        worker->render(job, codes, codebooksUsed, cancel);
    });
    if (!wasBusy)
        emit backgroundWorkChanged(true);
}

void GenerationController::analyseRecording(const QString& path)
{
    if (m_analysisCancel)
        m_analysisCancel->store(true);
    const bool wasBusy = hasBackgroundWork();
    m_analysisCancel = newCancelFlag();
    m_analysisJob = newJob();
    post([worker = m_worker, job = m_analysisJob, path, cancel = m_analysisCancel] {
        worker->analyse(job, path, cancel);
    });
    if (!wasBusy)
        emit backgroundWorkChanged(true);
}

void GenerationController::endBackgroundJob(std::shared_ptr<std::atomic<bool>>& flag)
{
    if (!flag)
        return;
    flag.reset();
    if (!hasBackgroundWork())
        emit backgroundWorkChanged(false);
}

void GenerationController::onCancelled(quint64 jobId)
{
    if (jobId == m_renderJob && m_renderCancel) {
        endBackgroundJob(m_renderCancel);
        emit backgroundWorkCancelled(Job::Render);
    } else if (jobId == m_analysisJob && m_analysisCancel) {
        endBackgroundJob(m_analysisCancel);
        emit backgroundWorkCancelled(Job::Analysis);
    }
}

void GenerationController::onFrame(const StreamedFrame& frame)
{
    if (frame.jobId != m_takeJob || state() != State::Running)
        return; // late: the take was stopped or replaced
    emit frameReady(frame.event, frame.audio);
}

void GenerationController::onTakeFinished(const FinishedTake& take)
{
    if (take.jobId != m_takeJob)
        return;
    m_control.reset();
    setState(State::Idle);
    emit takeFinished(take);
}

void GenerationController::onAudioRendered(const RenderedAudio& audio)
{
    if (audio.jobId != m_renderJob)
        return;
    endBackgroundJob(m_renderCancel);
    emit audioRendered(audio);
}

void GenerationController::onRecordingAnalysed(const RecordingAnalysis& analysis)
{
    if (analysis.jobId != m_analysisJob)
        return;
    endBackgroundJob(m_analysisCancel);
    emit recordingAnalysed(analysis);
}

void GenerationController::onPrepared(quint64 jobId, const QString& backendName, const QString& fallbackReason)
{
    if (jobId == m_modelJob)
        emit bundleReady(backendName, fallbackReason);
}

void GenerationController::onFailed(quint64 jobId, const QString& message)
{
    if (jobId == m_takeJob) {
        m_control.reset();
        setState(State::Idle);
        emit failed(Job::Generation, message);
    } else if (jobId == m_renderJob) {
        endBackgroundJob(m_renderCancel);
        emit failed(Job::Render, message);
    } else if (jobId == m_analysisJob) {
        endBackgroundJob(m_analysisCancel);
        emit failed(Job::Analysis, message);
    } else if (jobId == m_modelJob) {
        emit failed(Job::Model, message);
    }
}

} // namespace talker::ui
