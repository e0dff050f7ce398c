// SPDX-License-Identifier: GPL-3.0-or-later
// Mouse handling every time view shares, whatever widget class it is (a plain QWidget or a
// QCustomPlot): left click selects a frame, left drag selects a range, right or middle drag pans,
// the wheel zooms around the pointer (Shift+wheel or a horizontal wheel pans).
//
// Thread safety: GUI thread only.
#pragma once

#include "TimeAxis.h"

#include <QRect>

class QMouseEvent;
class QWheelEvent;

namespace talker::ui {

class TimeInteraction {
  public:
    explicit TimeInteraction(TimeAxis* axis) : m_axis(axis) {}

    /// The frame (fractional) under x, for a plot area spanning `plot` horizontally.
    double frameAt(double x, const QRect& plot) const;
    double xOf(double frame, const QRect& plot) const;

    void press(QMouseEvent* event, const QRect& plot);
    void move(QMouseEvent* event, const QRect& plot);
    void release(QMouseEvent* event, const QRect& plot);
    void wheel(QWheelEvent* event, const QRect& plot);

  private:
    enum class Drag { None, Select, Pan };
    TimeAxis* m_axis;
    Drag m_drag = Drag::None;
    double m_pressX = 0.0;
    FrameIndex m_pressFrame = 0;
    bool m_moved = false;
};

} // namespace talker::ui
