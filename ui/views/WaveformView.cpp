// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/WaveformView.h"

#include <QPainter>

namespace talker::ui {

WaveformView::WaveformView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : TimeView(document, axis, clock, parent)
{
    setObjectName(QStringLiteral("waveformView"));
}

void WaveformView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const AudioBuffer audio = m_document->audio();
    WaveformRenderer::Parameters p;
    p.samples = audio.get();
    const AudioBuffer comparison = m_document->comparisonAudio();
    p.comparison = comparison && !comparison->empty() ? comparison.get() : nullptr;
    p.samplesPerFrame = m_document->samplesPerFrame();
    p.frameRateHz = m_document->frameRateHz();
    p.plannedFrames = m_document->plannedFrames();
    p.startFrame = m_axis->startFrame();
    p.spanFrames = m_axis->spanFrames();
    const QRect plot = plotRect();
    m_renderer.paint(painter, rect(), plot, p);
    paintOverlay(painter, plot);
    finishPaint(FrameIndex(audio->size()) / std::max(1, m_document->samplesPerFrame()));
}

QString WaveformView::describeAt(const QPoint& position) const
{
    const double frame = frameAt(position.x());
    const AudioBuffer audio = m_document->audio();
    const auto sample = std::int64_t(frame * m_document->samplesPerFrame());
    if (frame < 0 || sample < 0 || sample >= std::int64_t(audio->size()) || !plotRect().contains(position))
        return {};
    return tr("%1 s (frame %2): sample %3")
        .arg(double(sample) / m_document->sampleRateHz(), 0, 'f', 3)
        .arg(std::int64_t(frame))
        .arg(double((*audio)[std::size_t(sample)]), 0, 'f', 3);
}

} // namespace talker::ui
