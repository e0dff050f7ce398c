// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/WaveformRenderer.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace talker::ui {

namespace {
constexpr double MinTickSpacingPx = 64.0;
}

void WaveformRenderer::paintRuler(QPainter& painter, const QRect& plot, double startFrame, double spanFrames,
                                  double frameRateHz)
{
    static const double steps[] = {0.08, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300};
    const double pxPerSecond = plot.width() / (spanFrames / frameRateHz);
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if (s * pxPerSecond >= MinTickSpacingPx) {
            step = s;
            break;
        }
    const double startS = startFrame / frameRateHz, endS = (startFrame + spanFrames) / frameRateHz;
    painter.save();
    painter.setPen(QColor(170, 170, 180));
    QFont font = painter.font();
    font.setPixelSize(10);
    painter.setFont(font);
    for (double s = std::ceil(startS / step) * step; s <= endS + 1e-9; s += step) {
        const double x = plot.left() + (s - startS) * pxPerSecond;
        painter.drawLine(QPointF(x, plot.bottom() + 1), QPointF(x, plot.bottom() + 4));
        const int decimals = step < 0.1 ? 2 : step < 1 ? 1 : 0;
        painter.drawText(QRectF(x - 30, plot.bottom() + 4, 60, 12), Qt::AlignHCenter | Qt::AlignTop,
                         QStringLiteral("%1 s").arg(s, 0, 'f', decimals));
    }
    painter.restore();
}

void WaveformRenderer::paint(QPainter& painter, const QRect& widget, const QRect& plot, const Parameters& p) const
{
    painter.fillRect(widget, QColor(32, 34, 40));
    painter.fillRect(plot, QColor(20, 21, 26));
    const double pxPerFrame = plot.width() / p.spanFrames;
    const auto xOf = [&](double frame) { return plot.left() + (frame - p.startFrame) * pxPerFrame; };
    const double midY = plot.center().y() + 0.5, halfHeight = plot.height() / 2.0 - 1.0;

    painter.setPen(QColor(170, 170, 180));
    QFont font = painter.font();
    font.setPixelSize(10);
    painter.setFont(font);
    const int labelRight = plot.left() - 6;
    painter.drawText(QRectF(widget.left(), plot.top() - 2, labelRight - widget.left(), 12), Qt::AlignRight,
                     QStringLiteral("+1"));
    painter.drawText(QRectF(widget.left(), midY - 6, labelRight - widget.left(), 12), Qt::AlignRight,
                     QStringLiteral("0"));
    painter.drawText(QRectF(widget.left(), plot.bottom() - 10, labelRight - widget.left(), 12), Qt::AlignRight,
                     QStringLiteral("\u22121"));

    painter.save();
    painter.setClipRect(plot);
    if (p.plannedFrames > 0) {
        const double x0 = xOf(0.0), x1 = xOf(double(p.plannedFrames));
        painter.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), QColor(28, 30, 37));
    }
    painter.setPen(QColor(60, 62, 72));
    painter.drawLine(QPointF(plot.left(), midY), QPointF(plot.right(), midY));

    const double samplesPerPx = p.samplesPerFrame / pxPerFrame;
    const auto sampleAt = [&](double x) { return (p.startFrame + (x - plot.left()) / pxPerFrame) * p.samplesPerFrame; };
    const auto drawWave = [&](const std::vector<float>& samples, const QColor& colour) {
        if (samples.empty())
            return;
        if (samplesPerPx >= 1.0) {
            painter.setPen(colour);
            for (int x = plot.left(); x <= plot.right(); ++x) {
                const auto s0 = std::int64_t(std::floor(sampleAt(x))), s1 = std::int64_t(std::floor(sampleAt(x + 1)));
                const std::int64_t a = std::max<std::int64_t>(0, s0),
                                   b = std::min<std::int64_t>(std::int64_t(samples.size()), s1);
                if (a >= b)
                    continue;
                const auto [lo, hi] = std::minmax_element(samples.begin() + a, samples.begin() + b);
                painter.drawLine(QPointF(x + 0.5, midY - std::clamp(*hi, -1.0f, 1.0f) * halfHeight),
                                 QPointF(x + 0.5, midY - std::clamp(*lo, -1.0f, 1.0f) * halfHeight));
            }
        } else {
            QPainterPath path;
            const auto a = std::max<std::int64_t>(0, std::int64_t(std::floor(sampleAt(plot.left()))));
            const auto b = std::min<std::int64_t>(std::int64_t(samples.size()) - 1,
                                                  std::int64_t(std::ceil(sampleAt(plot.right()))));
            for (std::int64_t s = a; s <= b; ++s) {
                const QPointF point(xOf(double(s) / p.samplesPerFrame),
                                    midY - std::clamp(samples[std::size_t(s)], -1.0f, 1.0f) * halfHeight);
                s == a ? path.moveTo(point) : path.lineTo(point);
            }
            painter.save();
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(colour, 1.2));
            painter.drawPath(path);
            painter.restore();
        }
    };
    if (p.comparison)
        drawWave(*p.comparison, QColor(230, 150, 70, 150)); // behind, in orange
    if (p.samples)
        drawWave(*p.samples, QColor(110, 200, 160));
    painter.restore();
    paintRuler(painter, plot, p.startFrame, p.spanFrames, p.frameRateHz);
}

} // namespace talker::ui
