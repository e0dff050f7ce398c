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

void TimeAxis::zoomIn() { zoomBy(ZoomStep, m_startFrame + m_spanFrames / 2); }
void TimeAxis::zoomOut() { zoomBy(1.0 / ZoomStep, m_startFrame + m_spanFrames / 2); }
void TimeAxis::zoomNormal() { setRange(m_startFrame, NormalSpanFrames); }
void TimeAxis::fit() { setRange(0.0, std::max(MinSpanFrames, double(m_extentFrames))); }
void TimeAxis::panBy(double frames) { setRange(m_startFrame + frames, m_spanFrames); }

void TimeAxis::selectFrame(FrameIndex frame) { setSelection(frame, frame + 1, frame); }

void TimeAxis::setSelection(FrameIndex start, FrameIndex end, FrameIndex selected)
{
    if (start == m_selectionStart && end == m_selectionEnd && selected == m_selectedFrame)
        return;
    m_selectionStart = start;
    m_selectionEnd = end;
    m_selectedFrame = selected;
    emit selectionChanged();
}

void TimeAxis::clearSelection() { setSelection(0, 0, -1); }

void TimeAxis::setPlayheadFrame(double frame)
{
    if (frame == m_playheadFrame)
        return;
    m_playheadFrame = frame;
    emit playheadChanged();
}

} // namespace talker::ui
