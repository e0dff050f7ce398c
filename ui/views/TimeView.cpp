// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/TimeView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace talker::ui {

TimeView::TimeView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : QWidget(parent), m_document(document), m_axis(axis), m_interaction(axis)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(clock, &FrameClock::tick, this, [this] {
        if (m_dirty) {
            m_dirty = false;
            update();
        }
    });
    connect(axis, &TimeAxis::rangeChanged, this, &TimeView::markDirty);
    connect(axis, &TimeAxis::selectionChanged, this, &TimeView::markDirty);
    connect(axis, &TimeAxis::playheadChanged, this, &TimeView::markDirty);
    connect(document, &TakeDocument::reset, this, &TimeView::markDirty);
    connect(document, &TakeDocument::framesAppended, this, &TimeView::markDirty);
    connect(document, &TakeDocument::audioChanged, this, &TimeView::markDirty);
    connect(document, &TakeDocument::melChanged, this, &TimeView::markDirty);
}

QRect TimeView::plotRect() const
{
    return rect().adjusted(TimeAxis::LeftMarginPx, topMarginPx(), -TimeAxis::RightMarginPx, -bottomMarginPx());
}

void TimeView::paintOverlay(QPainter& painter, const QRect& plot) const
{
    painter.save();
    painter.setClipRect(plot);
    if (m_axis->hasSelection()) {
        const double x0 = xOf(double(m_axis->selectionStart())), x1 = xOf(double(m_axis->selectionEnd()));
        painter.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), QColor(255, 255, 255, 48));
        painter.setPen(QPen(QColor(255, 255, 255, 160), 1));
        painter.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()));
        painter.drawLine(QPointF(x1, plot.top()), QPointF(x1, plot.bottom()));
    }
    if (m_axis->playheadFrame() >= 0) {
        const double x = xOf(m_axis->playheadFrame());
        painter.setPen(QPen(QColor(255, 70, 70), 2));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter.restore();
}

void TimeView::finishPaint(FrameIndex frames)
{
    m_paintedFrames = frames;
    emit painted(frames);
}

void TimeView::mousePressEvent(QMouseEvent* event)
{
    m_interaction.press(event, plotRect());
}
void TimeView::mouseMoveEvent(QMouseEvent* event)
{
    m_interaction.move(event, plotRect());
    const QString text = describeAt(event->position().toPoint());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

QString TimeView::describeAt(const QPoint&) const
{
    return {};
}
void TimeView::mouseReleaseEvent(QMouseEvent* event)
{
    m_interaction.release(event, plotRect());
}
void TimeView::wheelEvent(QWheelEvent* event)
{
    m_interaction.wheel(event, plotRect());
}

} // namespace talker::ui
