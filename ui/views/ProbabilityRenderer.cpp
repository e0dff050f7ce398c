// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ProbabilityRenderer.h"

#include "views/CodeGridRenderer.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <numeric>

namespace talker::ui {

std::vector<int> ProbabilityRenderer::topCodes(const float* probabilities, int codebookSize, int count)
{
    std::vector<int> codes(static_cast<std::size_t>(codebookSize));
    std::iota(codes.begin(), codes.end(), 0);
    // Only codes that could be drawn: with top-k 5 the sixth bar would be a code at 0 %.
    codes.erase(std::remove_if(codes.begin(), codes.end(), [&](int c) { return !(probabilities[c] > 0.0f); }),
                codes.end());
    count = std::min(count, int(codes.size()));
    std::partial_sort(codes.begin(), codes.begin() + count, codes.end(), [&](int a, int b) {
        return probabilities[a] != probabilities[b] ? probabilities[a] > probabilities[b] : a < b;
    });
    codes.resize(std::size_t(count));
    return codes;
}

int ProbabilityRenderer::slotWidth(const QFontMetrics& metrics)
{
    return std::max(metrics.horizontalAdvance(QStringLiteral("4.3%")),
                    metrics.horizontalAdvance(QStringLiteral("127"))) +
           3;
}

int ProbabilityRenderer::candidateCount(double barsWidth, const QFontMetrics& metrics)
{
    // One slot stays free for a sampled code from outside the top candidates.
    return std::clamp(int(barsWidth / slotWidth(metrics)) - 1, 2, int(TopCandidates));
}

QString ProbabilityRenderer::heading(const QString& label, int sampled, double probability, int kept, int codebookSize,
                                     bool argmax)
{
    if (argmax)
        return QCoreApplication::translate("ProbabilityView", "%1: argmax %2 (p = %3)")
            .arg(label)
            .arg(sampled)
            .arg(probability, 0, 'f', 3);
    return QCoreApplication::translate("ProbabilityView", "%1: sampled %2 (p = %3), %4 of %5 codes kept")
        .arg(label)
        .arg(sampled)
        .arg(probability, 0, 'f', 3)
        .arg(kept)
        .arg(codebookSize);
}

void ProbabilityRenderer::paint(QPainter& painter, const QRect& area, const Parameters& p) const
{
    painter.fillRect(area, QColor(32, 34, 40));
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);
    painter.setPen(QColor(220, 220, 228));
    const QRect titleRect(area.left() + 8, area.top() + 4, area.width() - 16, 16);
    painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                     painter.fontMetrics().elidedText(p.title, Qt::ElideRight, titleRect.width()));
    const QRect body = area.adjusted(8, 24, -8, -4);
    if (!p.probabilities || p.codebooks <= 0) {
        painter.setPen(QColor(170, 170, 180));
        painter.drawText(body, Qt::AlignCenter | Qt::TextWordWrap, p.emptyText);
        return;
    }
    const int columns = p.codebooks > 4 ? 2 : 1;
    const int rows = (p.codebooks + columns - 1) / columns;
    const double panelW = double(body.width()) / columns, panelH = double(body.height()) / rows;
    font.setPixelSize(10);
    painter.setFont(font);
    const QFontMetrics metrics = painter.fontMetrics();
    const int lineHeight = metrics.lineSpacing();
    for (int k = 0; k < p.codebooks; ++k) {
        const QRectF panel(body.left() + (k % columns) * panelW, body.top() + (k / columns) * panelH, panelW - 6,
                           panelH - 6);
        painter.fillRect(panel, QColor(24, 25, 31));
        const float* probs = p.probabilities + std::size_t(k) * std::size_t(p.codebookSize);
        const int sampled = k < int(p.sampled.size()) ? p.sampled[std::size_t(k)] : -1;
        const int kept = int(std::count_if(probs, probs + p.codebookSize, [](float v) { return v > 0.0f; }));
        const double barsWidth = panel.width() - 12;
        const int candidates = candidateCount(barsWidth, metrics);
        std::vector<int> codes = topCodes(probs, p.codebookSize, candidates);
        const bool sampledShown = std::find(codes.begin(), codes.end(), sampled) != codes.end();
        if (!sampledShown && sampled >= 0)
            codes.push_back(sampled); // drawn after a gap: sampling can pick an unlikely code

        painter.setPen(QColor(210, 210, 220));
        const QString heading =
            ProbabilityRenderer::heading(k < p.rowLabels.size() ? p.rowLabels[k] : QString::number(k), sampled,
                                         sampled >= 0 ? double(probs[sampled]) : 0.0, kept, p.codebookSize, p.argmax);
        // On two lines where one is too narrow (words wrap), elided only beyond that.
        const bool twoLines = metrics.horizontalAdvance(heading) > panel.width() - 12;
        const int flags = Qt::AlignLeft | Qt::AlignTop | (twoLines ? int(Qt::TextWordWrap) : 0);
        const QString shown = twoLines
                                  ? metrics.elidedText(heading, Qt::ElideRight,
                                                       int(2 * (panel.width() - 12) - metrics.averageCharWidth() * 4))
                                  : heading;
        // As tall as the text laid out needs: CJK glyphs come from a fallback font whose lines are
        // taller than the primary font's line spacing (Chinese headings were cut in half).
        QRectF headingRect(panel.left() + 6, panel.top() + 2, panel.width() - 12, (twoLines ? 2 : 1) * lineHeight);
        headingRect.setHeight(std::max(headingRect.height(), painter.boundingRect(headingRect, flags, shown).height()));
        painter.drawText(headingRect, flags, shown);

        const QRectF bars = panel.adjusted(6, headingRect.height() + 8 + lineHeight, -6, -16);
        const int slotCount = candidates + 1;
        const double slotW = bars.width() / slotCount;
        const double maxP = codes.empty() ? 1.0 : std::max(1e-6f, probs[codes.front()]);
        for (std::size_t i = 0; i < codes.size(); ++i) {
            const int code = codes[i];
            const double slot = double(std::min(i, std::size_t(candidates)));
            const double x = bars.left() + slot * slotW + (i >= std::size_t(candidates) ? slotW * 0.1 : 0.0);
            const double h = bars.height() * double(probs[code]) / maxP;
            const QRectF bar(x + slotW * 0.12, bars.bottom() - h, slotW * 0.76, h);
            const bool isSampled = code == sampled;
            painter.fillRect(bar, isSampled ? QColor(255, 170, 60) : QColor(100, 140, 200));
            painter.fillRect(QRectF(bar.left(), bars.bottom() + 2, bar.width(), 3),
                             CodeGridRenderer::colourOf(code, p.codebookSize));
            painter.setPen(isSampled ? QColor(255, 200, 120) : QColor(190, 190, 200));
            painter.drawText(QRectF(x, bars.bottom() + 4, slotW, 12), Qt::AlignHCenter | Qt::AlignTop,
                             QString::number(code));
            painter.drawText(
                QRectF(x - 4, bar.top() - 13, slotW + 8, 12), Qt::AlignHCenter | Qt::AlignBottom,
                QStringLiteral("%1%").arg(100.0 * double(probs[code]), 0, 'f', probs[code] < 0.1f ? 1 : 0));
        }
    }
}

} // namespace talker::ui
