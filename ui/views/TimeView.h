// SPDX-License-Identifier: GPL-3.0-or-later
// Base of the time views drawn with QPainter (code grid, phone row, waveform): the shared time axis,
// mouse handling and tooltips, the plot rectangle with the margins every time view leaves, repaint coalescing
// (the view marks itself dirty and repaints at the next FrameClock tick).
//
// Thread safety: GUI thread only.
#pragma once

#include "FrameClock.h"
#include "TakeDocument.h"
#include "TimeAxis.h"
#include "views/TimeInteraction.h"

#include <QWidget>

namespace talker::ui {

class TimeView : public QWidget {
    Q_OBJECT

  public:
    TimeView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    /// Where frames are drawn (the widget minus the shared margins).
    QRect plotRect() const;
    /// Frames shown by the last paint (used to measure how soon a frame reaches the screen).
    FrameIndex paintedFrames() const { return m_paintedFrames; }
    /// What the tooltip says at a widget position (empty: no tooltip there). The mouse handling
    /// shows it as the pointer moves; views override it.
    virtual QString describeAt(const QPoint& position) const;

  signals:
    /// A paint finished showing `frames` frames.
    void painted(talker::FrameIndex frames);

  protected:
    void markDirty() { m_dirty = true; }
    /// Selection band, selected frame and playhead over the plot.
    void paintOverlay(QPainter& painter, const QRect& plot) const;
    void finishPaint(FrameIndex frames);
    double xOf(double frame) const { return m_interaction.xOf(frame, plotRect()); }
    double frameAt(double x) const { return m_interaction.frameAt(x, plotRect()); }

    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

    virtual int topMarginPx() const { return 4; }
    virtual int bottomMarginPx() const { return 4; }

    TakeDocument* m_document;
    TimeAxis* m_axis;

  private:
    TimeInteraction m_interaction;
    bool m_dirty = true;
    FrameIndex m_paintedFrames = 0;
};

} // namespace talker::ui
