// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ProbabilityView.h"

#include <QPainter>

namespace talker::ui {

ProbabilityView::ProbabilityView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : QWidget(parent), m_document(document), m_axis(axis)
{
    setObjectName(QStringLiteral("probabilityView"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(clock, &FrameClock::tick, this, [this] {
        if (m_dirty) {
            m_dirty = false;
            update();
        }
    });
    const auto dirty = [this] { m_dirty = true; };
    connect(axis, &TimeAxis::selectionChanged, this, dirty);
    connect(document, &TakeDocument::reset, this, dirty);
    connect(document, &TakeDocument::framesAppended, this, dirty);
    connect(document, &TakeDocument::takeFinished, this, dirty);
}

FrameIndex ProbabilityView::shownFrame() const
{
    const FrameIndex selected = m_axis->selectedFrame();
    if (selected >= 0 && selected < m_document->frames())
        return selected;
    return m_document->frames() - 1;
}

void ProbabilityView::render(QPainter& painter, const QRect& area) const
{
    ProbabilityRenderer::Parameters p;
    const FrameIndex frame = shownFrame();
    p.codebooks = m_document->codebooks();
    p.codebookSize = m_document->codebookSize();
    for (int k = 0; k < p.codebooks; ++k)
        p.rowLabels << (p.codebooks == 2 ? (k == 0 ? tr("base") : tr("residual")) : tr("cb %1").arg(k));
    if (frame < 0) {
        p.title = tr("Probabilities");
        p.emptyText = tr("Generate a take to see, frame by frame, the distribution each code was drawn from.");
    } else {
        p.title = tr("Frame %1 (%2 s)%3")
                      .arg(frame)
                      .arg(double(frame) / m_document->frameRateHz(), 0, 'f', 2)
                      .arg(m_axis->selectedFrame() >= 0 ? tr(", selected") : tr(", newest"));
        p.probabilities = m_document->probabilities(frame);
        const SamplingParams& sampling = m_document->params().sampling;
        p.argmax = sampling.argmax || sampling.temperature == 0;
        for (int k = 0; k < p.codebooks; ++k)
            p.sampled.push_back(m_document->codes().at(frame, k));
        p.emptyText =
            m_document->source() == TakeDocument::Source::Recording
                ? tr("This frame was encoded from the recording, not sampled: it has no distribution.")
                : tr("This frame came from the prompt: it was given, not sampled, so it has no distribution.");
    }
    m_renderer.paint(painter, area, p);
}

void ProbabilityView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    render(painter, rect());
}

} // namespace talker::ui
