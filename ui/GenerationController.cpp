#include "GenerationController.h"

#include "GenerationWorker.h"

namespace talker::ui {

GenerationController::GenerationController(QObject* parent)
    : QObject(parent), m_pendingGenerations(std::make_shared<std::atomic<int>>(0))
{
    qRegisterMetaType<talker::FrameEvent>();
    qRegisterMetaType<talker::ui::StreamedFrame>();
    qRegisterMetaType<talker::ui::FinishedTake>();
    qRegisterMetaType<talker::ui::RenderedAudio>();
    qRegisterMetaType<talker::ui::RecordingAnalysis>();
    qRegisterMetaType<talker::GenerationParams>();
    qRegisterMetaType<std::vector<float>>();

    m_thread.setObjectName(QStringLiteral("talker-generation"));
    m_worker = new GenerationWorker(m_pendingGenerations);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &GenerationWorker::prepared, this, &GenerationController::onPrepared);
    connect(m_worker, &GenerationWorker::frameReady, this, &GenerationController::onFrame);
    connect(m_worker, &GenerationWorker::takeFinished, this, &GenerationController::onTakeFinished);
    connect(m_worker, &GenerationWorker::audioRendered, this, &GenerationController::onAudioRendered);
    connect(m_worker, &GenerationWorker::recordingAnalysed, this, &GenerationController::onRecordingAnalysed);
    connect(m_worker, &GenerationWorker::failed, this, &GenerationController::onFailed);
    m_thread.start();
}

GenerationController::~GenerationController()
{
    if (m_control)
        m_control->requestCancel();
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread has ended: no event of it is left to run
}

void GenerationController::setBundle(std::shared_ptr<const ModelBundle> bundle)
{
    stop();
    m_bundle = std::move(bundle);
    m_modelJob = m_nextJob++;
    const quint64 job = m_modelJob;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, job, bundle = m_bundle] { worker->prepare(job, bundle); },
                              Qt::QueuedConnection);
}

bool GenerationController::isStepping() const { return m_control && m_state == State::Running && m_control->isStepping(); }

void GenerationController::generate(const GenerationParams& params)
{
    if (m_state == State::Running && m_control && m_control->isStepping()) {
        m_control->setStepping(false); // a paused step-mode take runs on to its end
        return;
    }
    startTake(params, /*stepping=*/false);
}

void GenerationController::step(const GenerationParams& params)
{
    if (m_state == State::Running && m_control) {
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
    m_control = std::make_shared<JobControl>(stepping, /*stepBudget=*/1);
    m_takeJob = m_nextJob++;
    m_pendingGenerations->fetch_add(1);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, job = m_takeJob, params, control = m_control] { worker->generate(job, params, control); },
        Qt::QueuedConnection);
    setState(State::Running);
    emit takeStarted(params);
}

void GenerationController::stop()
{
    if (m_state != State::Running || !m_control)
        return;
    m_control->requestCancel();
    setState(State::Cancelling);
}

void GenerationController::renderAudio(const Codes& codes, int codebooksUsed)
{
    m_renderJob = m_nextJob++;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, job = m_renderJob, codes, codebooksUsed] { worker->render(job, codes, codebooksUsed); },
        Qt::QueuedConnection);
}

void GenerationController::analyseRecording(const QString& path)
{
    m_analysisJob = m_nextJob++;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, job = m_analysisJob, path] { worker->analyse(job, path); },
                              Qt::QueuedConnection);
}

void GenerationController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void GenerationController::onFrame(const StreamedFrame& frame)
{
    if (frame.jobId != m_takeJob || m_state != State::Running)
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
    if (audio.jobId == m_renderJob)
        emit audioRendered(audio);
}

void GenerationController::onRecordingAnalysed(const RecordingAnalysis& analysis)
{
    if (analysis.jobId == m_analysisJob)
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
        emit failed(Job::Render, message);
    } else if (jobId == m_analysisJob) {
        emit failed(Job::Analysis, message);
    } else if (jobId == m_modelJob) {
        emit failed(Job::Model, message);
    }
}

} // namespace talker::ui
