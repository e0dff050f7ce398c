// SPDX-License-Identifier: GPL-3.0-or-later
// The screen-refresh tick the views repaint on: views mark themselves dirty when data arrives and
// repaint at most once per tick, however many frames the model makes per second.
//
// Thread safety: GUI thread only.
#pragma once

#include <QObject>
#include <QTimer>

namespace talker::ui {

class FrameClock : public QObject {
    Q_OBJECT

  public:
    static constexpr int IntervalMs = 16; // ~60 Hz, a common screen refresh

    explicit FrameClock(QObject* parent = nullptr);

  signals:
    void tick();

  private:
    QTimer m_timer;
};

} // namespace talker::ui
