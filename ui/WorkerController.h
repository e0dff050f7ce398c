// SPDX-License-Identifier: GPL-3.0-or-later
// The machinery every controller of a worker thread shares (GenerationController for takes,
// TrainingController for training): one worker QObject living in its own QThread, requests posted
// to it as queued calls, job ids (a result carries its job's id, and one of a job no longer waited
// for is dropped by comparing ids), cancel flags that core polls, and the state the window shows.
//
//   class MyController : public WorkerController {
//       MyController() : WorkerController(QStringLiteral("talker-mine"), m_worker = new MyWorker) { ... }
//       void start() { const quint64 job = newJob(); auto cancel = newCancelFlag();
//                      post([w = m_worker, job, cancel] { w->run(job, cancel); }); setState(State::Running); }
//   };
//
// States: Idle -> (a job starts) -> Running -> (cancelled) -> Cancelling -> (the job ends) -> Idle.
// The destructor raises every cancel flag still alive, quits the thread, waits for the job in hand
// and deletes the worker; a derived class cancels what is not a flag (a JobControl) in its own
// destructor, which runs first.
//
// Thread safety: use from the thread that created it (the GUI thread) only.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <utility>
#include <vector>

namespace talker::ui {

class WorkerController : public QObject {
    Q_OBJECT

  public:
    enum class State { Idle, Running, Cancelling };
    Q_ENUM(State)

    State state() const { return m_state; }

  signals:
    void stateChanged(talker::ui::WorkerController::State state);

  protected:
    /// Takes ownership of `worker` (no parent), moves it into a new thread named `threadName` and
    /// starts the thread. Connect the worker's signals in the derived constructor.
    WorkerController(const QString& threadName, QObject* worker, QObject* parent = nullptr);
    ~WorkerController() override;

    QObject* worker() const { return m_worker; }
    /// A new job id, never 0 and never repeated.
    quint64 newJob() { return m_nextJob++; }
    /// A cancel flag for a new job; the destructor raises it if the job is still alive then.
    std::shared_ptr<std::atomic<bool>> newCancelFlag();
    /// Runs `call` on the worker thread, after the requests posted before it.
    template <class Call> void post(Call&& call)
    {
        QMetaObject::invokeMethod(m_worker, std::forward<Call>(call), Qt::QueuedConnection);
    }
    /// Sets the state; stateChanged follows when it changed.
    void setState(State state);

  private:
    QThread m_thread;
    QObject* m_worker; // lives in m_thread; deleted after the thread ends
    quint64 m_nextJob = 1;
    std::vector<std::weak_ptr<std::atomic<bool>>> m_flags;
    State m_state = State::Idle;
};

} // namespace talker::ui
