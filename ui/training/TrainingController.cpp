// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingController.h"

namespace talker::ui {

TrainingController::TrainingController(QObject* parent)
    : WorkerController(QStringLiteral("talker-training"), new TrainingWorker, parent),
      m_worker(static_cast<TrainingWorker*>(worker()))
{
    qRegisterMetaType<talker::TrainProgress>();
    connect(m_worker, &TrainingWorker::message, this, [this](quint64 job, const QString& text) {
        if (current(job))
            emit message(text);
    });
    connect(m_worker, &TrainingWorker::codecFitted, this, [this](quint64 job, const QString& bundle) {
        if (current(job))
            emit codecFitted(bundle);
    });
    connect(m_worker, &TrainingWorker::progress, this, [this](quint64 job, const TrainProgress& p) {
        if (current(job))
            emit progress(p);
    });
    connect(m_worker, &TrainingWorker::finished, this, [this](quint64 job, const QString& bundle) {
        if (current(job, /*ends=*/true))
            emit finished(bundle);
    });
    connect(m_worker, &TrainingWorker::cancelled, this, [this](quint64 job, const QString& text) {
        if (current(job, /*ends=*/true))
            emit cancelled(text);
    });
    connect(m_worker, &TrainingWorker::failed, this, [this](quint64 job, const QString& text) {
        if (current(job, /*ends=*/true))
            emit failed(text);
    });
}

bool TrainingController::start(const TrainingJob& job)
{
    if (state() != State::Idle)
        return false;
    m_cancel = newCancelFlag();
    m_job = newJob();
    post([worker = m_worker, id = m_job, job, cancel = m_cancel] { worker->run(id, job, cancel); });
    setState(State::Running);
    return true;
}

void TrainingController::stop()
{
    if (state() != State::Running || !m_cancel)
        return;
    m_cancel->store(true);
    setState(State::Cancelling);
}

bool TrainingController::current(quint64 jobId, bool ends)
{
    if (jobId != m_job)
        return false;
    if (ends) {
        m_cancel.reset();
        setState(State::Idle);
    }
    return true;
}

} // namespace talker::ui
