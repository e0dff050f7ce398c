// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimeInteraction.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <cmath>

namespace talker::ui {

namespace {
constexpr double ClickSlopPx = 4.0;      // a press that moves less than this is a click
constexpr double WheelZoomStep = 1.25;   // per wheel notch (120 eighths of a degree)
constexpr double WheelPanFraction = 0.1; // of the visible span per notch
} // namespace

double TimeInteraction::frameAt(double x, const QRect& plot) const
{
    return m_axis->startFrame() + (x - plot.left()) / std::max(1, plot.width()) * m_axis->spanFrames();
}

double TimeInteraction::xOf(double frame, const QRect& plot) const
{
    return plot.left() + (frame - m_axis->startFrame()) / m_axis->spanFrames() * plot.width();
}

void TimeInteraction::press(QMouseEvent* event, const QRect& plot)
{
    m_pressX = event->position().x();
    m_moved = false;
    if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Select;
        m_pressFrame = FrameIndex(std::floor(frameAt(m_pressX, plot)));
    } else if (event->button() == Qt::RightButton || event->button() == Qt::MiddleButton) {
        m_drag = Drag::Pan;
    }
}

void TimeInteraction::move(QMouseEvent* event, const QRect& plot)
{
    const double x = event->position().x();
    if (std::abs(x - m_pressX) >= ClickSlopPx)
        m_moved = true;
    if (m_drag == Drag::Select && m_moved) {
        const FrameIndex here = FrameIndex(std::floor(frameAt(x, plot)));
        const FrameIndex first = std::max<FrameIndex>(0, std::min(here, m_pressFrame));
        const FrameIndex last = std::max(here, m_pressFrame);
        m_axis->setSelection(first, last + 1, here >= 0 ? std::max<FrameIndex>(here, 0) : first);
    } else if (m_drag == Drag::Pan) {
        m_axis->panBy(-(x - m_pressX) / std::max(1, plot.width()) * m_axis->spanFrames());
        m_pressX = x;
    }
}

void TimeInteraction::release(QMouseEvent* event, const QRect& plot)
{
    if (m_drag == Drag::Select && !m_moved && m_pressFrame >= 0 && event->position().x() >= plot.left())
        m_axis->selectFrame(m_pressFrame);
    m_drag = Drag::None;
}

void TimeInteraction::wheel(QWheelEvent* event, const QRect& plot)
{
    const QPoint delta = event->angleDelta();
    const bool pan = (event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y());
    const double notches = double(pan ? (delta.x() ? delta.x() : delta.y()) : delta.y()) / 120.0;
    if (notches == 0.0)
        return;
    if (pan)
        m_axis->panBy(-notches * WheelPanFraction * m_axis->spanFrames());
    else
        m_axis->zoomBy(std::pow(WheelZoomStep, notches), frameAt(event->position().x(), plot));
    event->accept();
}

} // namespace talker::ui
