#include "views/CodeGridView.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace talker::ui {

CodeGridView::CodeGridView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : TimeView(document, axis, clock, parent)
{
    setObjectName(QStringLiteral("codeGridView"));
}

QSize CodeGridView::sizeHint() const { return {800, 8 + std::max(2, m_document->codebooks()) * 26}; }
QSize CodeGridView::minimumSizeHint() const { return {300, 8 + std::max(2, m_document->codebooks()) * 12}; }

QString CodeGridView::rowLabel(int codebook) const
{
    if (m_document->codebooks() == 2)
        return codebook == 0 ? tr("base") : tr("residual");
    return codebook == 0 ? tr("cb 0 (base)") : tr("cb %1").arg(codebook);
}

QString CodeGridView::describeAt(const QPoint& position) const
{
    const QRect plot = plotRect();
    const int k = CodeGridRenderer::rowAt(position.y(), plot, m_document->codebooks());
    const FrameIndex t = FrameIndex(std::floor(frameAt(position.x())));
    if (k < 0 || t < 0 || t >= m_document->frames() || position.x() < plot.left() || position.x() > plot.right())
        return {};
    const double seconds = double(t) / m_document->frameRateHz();
    return tr("Frame %1 (%2 s), %3: code %4")
        .arg(t)
        .arg(seconds, 0, 'f', 2)
        .arg(rowLabel(k))
        .arg(m_document->codes().at(t, k));
}

void CodeGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    CodeGridRenderer::Parameters p;
    p.codes = &m_document->codes();
    p.codebookSize = m_document->codebookSize();
    p.promptFrames = m_document->promptFrames();
    p.plannedFrames = m_document->plannedFrames();
    p.startFrame = m_axis->startFrame();
    p.spanFrames = m_axis->spanFrames();
    p.selectedFrame = m_axis->selectedFrame();
    for (int k = 0; k < m_document->codebooks(); ++k)
        p.rowLabels << rowLabel(k);
    const QRect plot = plotRect();
    m_renderer.paint(painter, rect(), plot, p);
    if (m_axis->selectionEnd() - m_axis->selectionStart() > 1) {
        // A dragged range: the saturated cells hide a light wash, so the frames outside it are
        // dimmed instead (the overlay still draws its edges).
        const double x0 = std::clamp(xOf(double(m_axis->selectionStart())), double(plot.left()), double(plot.right() + 1));
        const double x1 = std::clamp(xOf(double(m_axis->selectionEnd())), double(plot.left()), double(plot.right() + 1));
        const QColor dim(0, 0, 0, 130);
        painter.fillRect(QRectF(plot.left(), plot.top(), x0 - plot.left(), plot.height()), dim);
        painter.fillRect(QRectF(x1, plot.top(), plot.right() + 1 - x1, plot.height()), dim);
    }
    paintOverlay(painter, plot);
    finishPaint(m_document->frames());
}

} // namespace talker::ui
