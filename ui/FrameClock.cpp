// SPDX-License-Identifier: GPL-3.0-or-later
#include "FrameClock.h"

namespace talker::ui {

FrameClock::FrameClock(QObject* parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(IntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FrameClock::tick);
    m_timer.start();
}

} // namespace talker::ui
