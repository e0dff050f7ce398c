// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimeAxis.h"

#include <algorithm>
#include <cmath>

namespace talker::ui {

TimeAxis::TimeAxis(QObject* parent) : QObject(parent) {}

void TimeAxis::setRange(double startFrame, double spanFrames)
{
    // Never zoom out beyond four times the take (or the normal span), never in below a few frames.
    const double maxSpan = std::max(NormalSpanFrames, 4.0 * double(m_extentFrames));
    spanFrames = std::clamp(spanFrames, MinSpanFrames, maxSpan);
    const double maxStart = std::max(0.0, double(m_extentFrames) - spanFrames * 0.5);
    startFrame = std::clamp(startFrame, 0.0, maxStart);
    if (startFrame == m_startFrame && spanFrames == m_spanFrames)
        return;
    m_startFrame = startFrame;
    m_spanFrames = spanFrames;
    emit rangeChanged();
}

void TimeAxis::setExtent(FrameIndex frames)
{
    if (frames == m_extentFrames)
        return;
    m_extentFrames = frames;
    emit rangeChanged();
}

void TimeAxis::zoomBy(double factor, double anchorFrame)
{
    const double span = m_spanFrames / factor;
    const double fraction = (anchorFrame - m_startFrame) / m_spanFrames;
    setRange(anchorFrame - fraction * span, span);
}

// With a selection, the zoom actions centre the view on it (the user zooms to look at what they
// marked); without one, they zoom around the middle of the view (Normal Size: keeps the start).
void TimeAxis::zoomToSpan(double span)
{
    if (hasSelection())
        setRange(0.5 * double(m_selectionStart + m_selectionEnd) - 0.5 * span, span);
    else
        zoomBy(m_spanFrames / span, m_startFrame + m_spanFrames / 2);
}

void TimeAxis::zoomIn()
{
    zoomToSpan(m_spanFrames / ZoomStep);
}
void TimeAxis::zoomOut()
{
    zoomToSpan(m_spanFrames * ZoomStep);
}
void TimeAxis::zoomNormal()
{
    if (hasSelection())
        zoomToSpan(NormalSpanFrames);
    else
        setRange(m_startFrame, NormalSpanFrames);
}
void TimeAxis::fit()
{
    setRange(0.0, std::max(MinSpanFrames, double(m_extentFrames)));
}
void TimeAxis::panBy(double frames)
{
    setRange(m_startFrame + frames, m_spanFrames);
}

void TimeAxis::selectFrame(FrameIndex frame)
{
    setSelection(frame, frame + 1, frame);
}

void TimeAxis::setSelection(FrameIndex start, FrameIndex end, FrameIndex selected)
{
    if (start == m_selectionStart && end == m_selectionEnd && selected == m_selectedFrame)
        return;
    m_selectionStart = start;
    m_selectionEnd = end;
    m_selectedFrame = selected;
    emit selectionChanged();
}

void TimeAxis::clearSelection()
{
    setSelection(0, 0, -1);
}

void TimeAxis::setPlayheadFrame(double frame)
{
    if (frame == m_playheadFrame)
        return;
    m_playheadFrame = frame;
    emit playheadChanged();
}

} // namespace talker::ui
