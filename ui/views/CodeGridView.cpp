// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CodeGridView.h"

#include <QContextMenuEvent>
#include <QInputDialog>
#include <QMenu>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace talker::ui {

CodeGridView::CodeGridView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : TimeView(document, axis, clock, parent)
{
    setObjectName(QStringLiteral("codeGridView"));
}

QSize CodeGridView::sizeHint() const
{
    return {800, 8 + std::max(2, m_document->codebooks()) * 26};
}
QSize CodeGridView::minimumSizeHint() const
{
    return {300, 8 + std::max(2, m_document->codebooks()) * 12};
}

QString CodeGridView::rowLabel(int codebook) const
{
    if (m_document->codebooks() == 2)
        return codebook == 0 ? tr("base") : tr("residual");
    return codebook == 0 ? tr("cb 0 (base)") : tr("cb %1").arg(codebook);
}

bool CodeGridView::cellAt(const QPoint& position, FrameIndex* frame, int* codebook) const
{
    const QRect plot = plotRect();
    const int k = CodeGridRenderer::rowAt(position.y(), plot, m_document->codebooks());
    const FrameIndex t = FrameIndex(std::floor(frameAt(position.x())));
    if (k < 0 || t < 0 || t >= m_document->frames() || position.x() < plot.left() || position.x() > plot.right())
        return false;
    *frame = t;
    *codebook = k;
    return true;
}

QString CodeGridView::describeAt(const QPoint& position) const
{
    FrameIndex t = 0;
    int k = 0;
    if (!cellAt(position, &t, &k))
        return {};
    const double seconds = double(t) / m_document->frameRateHz();
    return tr("Frame %1 (%2 s), %3: code %4")
        .arg(t)
        .arg(seconds, 0, 'f', 2)
        .arg(rowLabel(k))
        .arg(m_document->codes().at(t, k));
}

QMenu* CodeGridView::cellMenu(FrameIndex frame, int codebook)
{
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("codeCellMenu"));
    const int current = m_document->codes().at(frame, codebook);
    const int V = m_document->codebookSize();
    menu->addSection(tr("Frame %1, %2: code %3").arg(frame).arg(rowLabel(codebook)).arg(current));
    // Editing needs a finished generated take with frames after this one to regenerate.
    const bool editable = m_document->source() == TakeDocument::Source::Generated && !m_document->isStreaming();
    const bool followed = frame + 1 < m_document->frames();

    QMenu* change = menu->addMenu(tr("Change the Code and Regenerate from Here"));
    change->setObjectName(QStringLiteral("changeCodeMenu"));
    change->setEnabled(editable && followed);
    if (!followed)
        change->setTitle(tr("Change the Code (the last frame: nothing follows it to regenerate)"));
    const float* probabilities = m_document->probabilities(frame);
    std::vector<int> order(static_cast<std::size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    if (probabilities) {
        const float* p = probabilities + std::size_t(codebook) * std::size_t(V);
        std::stable_sort(order.begin(), order.end(), [p](int a, int b) { return p[a] > p[b]; });
    }
    for (int i = 0; i < std::min(ListedCodes, V); ++i) {
        const int code = order[std::size_t(i)];
        const QString text =
            probabilities
                ? tr("Code %1 (p = %2)")
                      .arg(code)
                      .arg(double(probabilities[std::size_t(codebook) * std::size_t(V) + std::size_t(code)]), 0, 'f', 3)
                : tr("Code %1").arg(code);
        QAction* action = change->addAction(text);
        action->setObjectName(QStringLiteral("code%1").arg(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setEnabled(code != current);
        connect(action, &QAction::triggered, this,
                [this, frame, codebook, code] { emit editRequested(frame, codebook, code); });
    }
    change->addSeparator();
    QAction* other = change->addAction(tr("Other Code..."));
    other->setObjectName(QStringLiteral("otherCode"));
    connect(other, &QAction::triggered, this, [this, frame, codebook, current, V] {
        bool ok = false;
        const int code =
            QInputDialog::getInt(this, tr("Change the Code"),
                                 tr("Code for frame %1, %2 (0 to %3):").arg(frame).arg(rowLabel(codebook)).arg(V - 1),
                                 current, 0, V - 1, 1, &ok);
        if (ok && code != current)
            emit editRequested(frame, codebook, code);
    });

    QAction* resample = menu->addAction(tr("Resample from Frame %1 with a New Seed").arg(frame));
    resample->setObjectName(QStringLiteral("resampleFromHere"));
    resample->setEnabled(editable);
    connect(resample, &QAction::triggered, this, [this, frame] { emit resampleRequested(frame); });
    return menu;
}

void CodeGridView::contextMenuEvent(QContextMenuEvent* event)
{
    FrameIndex frame = 0;
    int codebook = 0;
    if (!cellAt(event->pos(), &frame, &codebook))
        return;
    QMenu* menu = cellMenu(frame, codebook);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
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
        const double x0 =
            std::clamp(xOf(double(m_axis->selectionStart())), double(plot.left()), double(plot.right() + 1));
        const double x1 =
            std::clamp(xOf(double(m_axis->selectionEnd())), double(plot.left()), double(plot.right() + 1));
        const QColor dim(0, 0, 0, 130);
        painter.fillRect(QRectF(plot.left(), plot.top(), x0 - plot.left(), plot.height()), dim);
        painter.fillRect(QRectF(x1, plot.top(), plot.right() + 1 - x1, plot.height()), dim);
    }
    paintOverlay(painter, plot);
    finishPaint(m_document->frames());
}

} // namespace talker::ui
