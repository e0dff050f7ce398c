// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CodeGridRenderer.h"

#include <QFontInfo>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace talker::ui {

namespace {
constexpr double GoldenRatioConjugate = 0.6180339887498949;
constexpr double MinCellWidthForTextPx = 22.0; // below this the code numbers would overlap
constexpr int MinLabelPx = 8;                  // row labels are not made smaller than this
} // namespace

QColor CodeGridRenderer::colourOf(int code, int codebookSize)
{
    const double hue = std::fmod(double(code) * GoldenRatioConjugate, 1.0);
    const double value = 0.70 + 0.25 * double(code % 4) / 3.0; // also vary brightness a little
    (void)codebookSize;
    return QColor::fromHsvF(float(hue), 0.62f, float(value));
}

int CodeGridRenderer::rowAt(int y, const QRect& plot, int codebooks)
{
    if (codebooks <= 0 || y < plot.top() || y > plot.bottom())
        return -1;
    return std::clamp(int(double(y - plot.top()) / plot.height() * codebooks), 0, codebooks - 1);
}

void CodeGridRenderer::paint(QPainter& painter, const QRect& widget, const QRect& plot, const Parameters& p) const
{
    painter.fillRect(widget, QColor(32, 34, 40));
    painter.fillRect(plot, QColor(20, 21, 26));
    if (!p.codes || p.codes->codebooks <= 0)
        return;
    const int K = p.codes->codebooks;
    const double rowHeight = double(plot.height()) / K;
    const double cellWidth = double(plot.width()) / p.spanFrames;
    const auto xOf = [&](double frame) { return plot.left() + (frame - p.startFrame) * cellWidth; };

    // Row labels in the left margin, in the largest font (up to the widget's) at which the widest
    // label fits the margin and a row's height, so that "cb 0 (base)" of 8 rows is not clipped.
    painter.save();
    painter.setPen(QColor(200, 200, 210));
    const double labelWidth = plot.left() - widget.left() - 8;
    QFont labelFont = painter.font();
    int labelPx = std::min(QFontInfo(labelFont).pixelSize(), int(rowHeight));
    for (; labelPx > MinLabelPx; --labelPx) {
        labelFont.setPixelSize(labelPx);
        const QFontMetricsF metrics(labelFont);
        double widest = 0.0;
        for (const QString& label : p.rowLabels)
            widest = std::max(widest, metrics.horizontalAdvance(label));
        if (widest <= labelWidth && metrics.height() <= rowHeight + 2)
            break;
    }
    labelFont.setPixelSize(labelPx);
    painter.setFont(labelFont);
    const QFontMetrics labelMetrics(labelFont);
    for (int k = 0; k < K; ++k) {
        const QRectF label(widget.left() + 4, plot.top() + k * rowHeight, labelWidth, rowHeight);
        const QString text = k < p.rowLabels.size() ? p.rowLabels[k] : QString();
        // Still too wide at the smallest size (a long translation): elided, never cut off.
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         labelMetrics.elidedText(text, Qt::ElideRight, int(labelWidth)));
    }
    painter.restore();

    painter.save();
    painter.setClipRect(plot);
    const FrameIndex T = p.codes->frames();
    const FrameIndex first = std::max<FrameIndex>(0, FrameIndex(std::floor(p.startFrame)));
    const FrameIndex last =
        std::min<FrameIndex>(std::max(T, p.plannedFrames), FrameIndex(std::ceil(p.startFrame + p.spanFrames)) + 1);
    const bool gaps = cellWidth >= 4.0;
    const bool text = cellWidth >= MinCellWidthForTextPx && rowHeight >= 12.0;
    QFont font = painter.font();
    font.setPixelSize(std::clamp(int(rowHeight * 0.45), 8, 12));
    painter.setFont(font);
    for (FrameIndex t = first; t < last; ++t) {
        const double x0 = xOf(double(t)), x1 = xOf(double(t + 1));
        for (int k = 0; k < K; ++k) {
            QRectF cell(x0, plot.top() + k * rowHeight, x1 - x0, rowHeight);
            if (gaps)
                cell.adjust(0.5, 0.5, -0.5, -0.5);
            if (t >= T) {
                painter.fillRect(cell, QColor(44, 46, 54)); // still to come
                continue;
            }
            const int code = p.codes->at(t, k);
            painter.fillRect(cell, colourOf(code, p.codebookSize));
            if (t < p.promptFrames)
                painter.fillRect(cell, QBrush(QColor(0, 0, 0, 110), Qt::BDiagPattern));
            if (text) {
                painter.setPen(QColor(15, 15, 20));
                painter.drawText(cell, Qt::AlignCenter, QString::number(code));
            }
        }
    }
    if (p.selectedFrame >= 0 && p.selectedFrame < std::max(T, p.plannedFrames)) {
        const double x0 = xOf(double(p.selectedFrame)), x1 = xOf(double(p.selectedFrame + 1));
        painter.setPen(QPen(Qt::white, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(x0, plot.top() + 1, std::max(2.0, x1 - x0), plot.height() - 2));
    }
    painter.restore();
}

} // namespace talker::ui
