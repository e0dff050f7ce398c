// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkerController.h"

#include <algorithm>

namespace talker::ui {

WorkerController::WorkerController(const QString& threadName, QObject* worker, QObject* parent)
    : QObject(parent), m_worker(worker)
{
    m_thread.setObjectName(threadName);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

WorkerController::~WorkerController()
{
    for (const auto& weak : m_flags)
        if (const auto flag = weak.lock())
            flag->store(true);
    m_thread.quit();
    m_thread.wait(); // the job in hand (a frame, a render, a training step) ends first
    delete m_worker; // its thread has ended: no event of it is left to run
}

std::shared_ptr<std::atomic<bool>> WorkerController::newCancelFlag()
{
    m_flags.erase(std::remove_if(m_flags.begin(), m_flags.end(), [](const auto& weak) { return weak.expired(); }),
                  m_flags.end());
    auto flag = std::make_shared<std::atomic<bool>>(false);
    m_flags.push_back(flag);
    return flag;
}

void WorkerController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace talker::ui
