// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/AttentionView.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace talker::ui {

namespace {

constexpr int RowPx = 5;
constexpr int BosBoxPx = 6; // the BOS position's box, left of the plot

QColor weightColour(double share)
{
    share = std::isfinite(share) ? std::sqrt(std::max(0.0, std::min(1.0, share))) : 0.0;
    return QColor(int(std::lround(22 + share * (120 - 22))), int(std::lround(24 + share * (225 - 24))),
                  int(std::lround(30 + share * (255 - 30))));
}

} // namespace

AttentionView::AttentionView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : TimeView(document, axis, clock, parent)
{
    setObjectName(QStringLiteral("attentionView"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document, &TakeDocument::reset, this, [this] { updateGeometry(); }); // rows follow the model
}

int AttentionView::layers() const
{
    return m_document->config().talker.layers;
}
int AttentionView::heads() const
{
    return m_document->config().talker.queryHeads;
}

QSize AttentionView::sizeHint() const
{
    return {800, topMarginPx() + bottomMarginPx() + std::max(1, layers() * heads()) * RowPx + (layers() - 1)};
}

QSize AttentionView::minimumSizeHint() const
{
    return {300, sizeHint().height()};
}

FrameIndex AttentionView::shownFrame() const
{
    const FrameIndex selected = m_axis->selectedFrame();
    if (selected >= 0 && selected < m_document->frames())
        return selected;
    return m_document->frames() - 1;
}

const std::vector<float>* AttentionView::shownWeights() const
{
    const FrameIndex frame = shownFrame();
    return frame >= 0 ? m_document->attention(frame) : nullptr;
}

double AttentionView::weight(int layer, int head, std::int64_t position) const
{
    const std::vector<float>* weights = shownWeights();
    const std::int64_t positions = shownFrame() + 1;
    if (!weights || layer < 0 || layer >= layers() || head < 0 || head >= heads() || position < 0 ||
        position >= positions || weights->size() != std::size_t(layers() * heads()) * std::size_t(positions))
        return std::numeric_limits<double>::quiet_NaN();
    return (*weights)[std::size_t(layer * heads() + head) * std::size_t(positions) + std::size_t(position)];
}

bool AttentionView::rowAt(int y, int* layer, int* head) const
{
    const QRect plot = plotRect();
    const int offset = y - plot.top();
    if (offset < 0)
        return false;
    // Rows of RowPx, with a 1 px gap after each layer's heads.
    const int layerPx = heads() * RowPx + 1;
    const int l = offset / layerPx, h = (offset % layerPx) / RowPx;
    if (l >= layers() || h >= heads())
        return false;
    *layer = l;
    *head = h;
    return true;
}

QString AttentionView::describeAt(const QPoint& position) const
{
    int layer = 0, head = 0;
    const QRect plot = plotRect();
    if (!rowAt(position.y(), &layer, &head) || position.x() > plot.right())
        return {};
    const FrameIndex frame = shownFrame();
    if (!shownWeights())
        return frame >= 0
                   ? tr("No attention weights for frame %1 (a recording, or a backend that reports none)").arg(frame)
                   : QString();
    const int group = heads() / std::max(1, m_document->config().talker.kvHeads);
    const QString row =
        tr("layer %1, query head %2 (key/value head %3)").arg(layer + 1).arg(head + 1).arg(head / group + 1);
    if (position.x() < plot.left()) // the BOS box
        return tr("Frame %1, %2: %3 % on BOS").arg(frame).arg(row).arg(100.0 * weight(layer, head, 0), 0, 'f', 1);
    const FrameIndex read = FrameIndex(std::floor(frameAt(position.x())));
    if (read < 0 || read >= frame)
        return tr("Frame %1, %2: reads only the frames before it").arg(frame).arg(row);
    const QString back = frame - read == 1 ? tr("the frame before") : tr("%1 frames back").arg(frame - read);
    return tr("Frame %1, %2: %3 % on frame %4 (%5)")
        .arg(frame)
        .arg(row)
        .arg(100.0 * weight(layer, head, read + 1), 0, 'f', 1)
        .arg(read)
        .arg(back);
}

void AttentionView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect plot = plotRect();
    painter.fillRect(rect(), QColor(32, 34, 40));
    painter.fillRect(plot, QColor(20, 21, 26));
    const int L = layers(), H = heads();
    const int layerPx = H * RowPx + 1;
    QFont font = painter.font();
    font.setPixelSize(std::min(11, layerPx));
    painter.setFont(font);
    painter.setPen(QColor(200, 200, 210));
    const QFontMetricsF metrics(font);
    for (int l = 0; l < L; ++l) {
        const QRectF label(4, plot.top() + l * layerPx, TimeAxis::LeftMarginPx - 14 - BosBoxPx, layerPx - 1);
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(tr("layer %1").arg(l + 1), Qt::ElideRight, label.width()));
    }

    const FrameIndex frame = shownFrame();
    const std::vector<float>* weights = shownWeights();
    if (weights) {
        const std::int64_t positions = frame + 1;
        const FrameIndex first = std::max<FrameIndex>(0, FrameIndex(std::floor(m_axis->startFrame())));
        const FrameIndex last = std::min<FrameIndex>(frame - 1, FrameIndex(std::ceil(m_axis->endFrame())));
        for (int l = 0; l < L; ++l)
            for (int h = 0; h < H; ++h) {
                const float* row = weights->data() + std::size_t(l * H + h) * std::size_t(positions);
                const float largest = std::max(1e-12f, *std::max_element(row, row + positions));
                const double y = plot.top() + l * layerPx + h * RowPx;
                painter.fillRect(QRectF(plot.left() - BosBoxPx - 3, y, BosBoxPx, RowPx - 1),
                                 weightColour(row[0] / largest));
                painter.save();
                painter.setClipRect(plot);
                for (FrameIndex j = first; j <= last; ++j) {
                    const double x0 = xOf(double(j)), x1 = xOf(double(j + 1));
                    painter.fillRect(QRectF(x0, y, std::max(1.0, x1 - x0), RowPx - 1),
                                     weightColour(row[j + 1] / largest));
                }
                painter.restore();
            }
        // The frame whose prediction this is.
        painter.save();
        painter.setClipRect(plot);
        painter.setPen(QPen(QColor(255, 200, 120), 1));
        painter.drawRect(QRectF(xOf(double(frame)), plot.top(),
                                std::max(2.0, xOf(double(frame + 1)) - xOf(double(frame))), plot.height() - 1));
        painter.restore();
    } else if (frame >= 0) {
        painter.setPen(QColor(150, 150, 160));
        painter.drawText(plot, Qt::AlignCenter, tr("no attention weights for this take"));
    }
    paintOverlay(painter, plot);
    finishPaint(m_document->frames());
}

} // namespace talker::ui
