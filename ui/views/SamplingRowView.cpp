// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SamplingRowView.h"

#include "talker/Sampler.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace talker::ui {

namespace {

constexpr int RepeatStripPx = 5; // the marks of repeated frames, above the stripes

// Entropy as a share of the most a codebook can have -> colour: deep blue (certain) through
// magenta to yellow (uniform).
QColor entropyColour(double share)
{
    struct Stop {
        double at;
        int r, g, b;
    };
    static constexpr Stop stops[] = {{0.0, 24, 28, 64}, {0.5, 176, 64, 120}, {1.0, 250, 224, 96}};
    share = std::isfinite(share) ? std::max(0.0, std::min(1.0, share)) : 0.0;
    for (int i = 1; i < 3; ++i) {
        if (share <= stops[i].at) {
            const Stop& a = stops[i - 1];
            const Stop& b = stops[i];
            const double u = (share - a.at) / (b.at - a.at);
            return QColor(int(std::lround(a.r + u * (b.r - a.r))), int(std::lround(a.g + u * (b.g - a.g))),
                          int(std::lround(a.b + u * (b.b - a.b))));
        }
    }
    return QColor(stops[2].r, stops[2].g, stops[2].b);
}

} // namespace

SamplingRowView::SamplingRowView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : TimeView(document, axis, clock, parent)
{
    setObjectName(QStringLiteral("samplingRowView"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(document, &TakeDocument::reset, this, [this] {
        m_runs.clear();
        updateRuns(0);
        updateGeometry(); // the height follows the codebook count
    });
    connect(document, &TakeDocument::framesAppended, this, [this] { updateRuns(FrameIndex(m_runs.size())); });
    connect(document, &TakeDocument::takeFinished, this, [this] {
        m_runs.clear(); // the finished take's codes are authoritative
        updateRuns(0);
    });
}

int SamplingRowView::stripePx() const
{
    return m_document->codebooks() <= 2 ? 9 : 5;
}

QSize SamplingRowView::sizeHint() const
{
    return {800, topMarginPx() + bottomMarginPx() + RepeatStripPx + std::max(1, m_document->codebooks()) * stripePx()};
}

QSize SamplingRowView::minimumSizeHint() const
{
    return {300, sizeHint().height()};
}

void SamplingRowView::updateRuns(FrameIndex first)
{
    const Codes& codes = m_document->codes();
    const FrameIndex frames = codes.frames();
    m_runs.resize(std::size_t(frames), 0);
    for (FrameIndex t = std::max<FrameIndex>(first, 0); t < frames; ++t) {
        bool same = t > 0;
        for (int k = 0; same && k < codes.codebooks; ++k)
            same = codes.at(t, k) == codes.at(t - 1, k);
        m_runs[std::size_t(t)] = same ? m_runs[std::size_t(t - 1)] + 1 : 0;
    }
}

double SamplingRowView::entropyAt(FrameIndex frame, int codebook) const
{
    if (frame < 0 || frame >= m_document->frames() || codebook < 0 || codebook >= m_document->codebooks())
        return std::numeric_limits<double>::quiet_NaN();
    const float* probabilities = m_document->probabilities(frame);
    if (!probabilities)
        return std::numeric_limits<double>::quiet_NaN();
    const int V = m_document->codebookSize();
    return entropyBits(probabilities + std::size_t(codebook) * std::size_t(V), V);
}

double SamplingRowView::maxEntropy() const
{
    return std::log2(double(std::max(1, m_document->codebookSize())));
}

int SamplingRowView::repeatRunAt(FrameIndex frame) const
{
    return frame >= 0 && frame < FrameIndex(m_runs.size()) ? m_runs[std::size_t(frame)] : 0;
}

int SamplingRowView::longestRepeatRun() const
{
    return m_runs.empty() ? 0 : *std::max_element(m_runs.begin(), m_runs.end());
}

QString SamplingRowView::describeAt(const QPoint& position) const
{
    const QRect plot = plotRect();
    const FrameIndex t = FrameIndex(std::floor(frameAt(position.x())));
    if (t < 0 || t >= m_document->frames() || position.x() < plot.left() || position.x() > plot.right() ||
        position.y() < plot.top() || position.y() > plot.bottom())
        return {};
    QString text;
    if (!m_document->probabilities(t)) {
        text = tr("Frame %1: given (prompt or recording), not sampled").arg(t);
    } else {
        QStringList parts;
        for (int k = 0; k < m_document->codebooks(); ++k)
            parts << QString::number(entropyAt(t, k), 'f', 2);
        // 2^H: a distribution of entropy H is as uncertain as a choice among 2^H equal codes.
        const double base = entropyAt(t, 0);
        text = tr("Frame %1: entropy per codebook %2 bits (of %3); codebook 0 as uncertain as a choice among %4 "
                  "equally likely codes")
                   .arg(t)
                   .arg(parts.join(QStringLiteral(" / ")))
                   .arg(maxEntropy(), 0, 'f', 0)
                   .arg(std::pow(2.0, base), 0, 'f', 1);
    }
    const int run = repeatRunAt(t);
    if (run > 0)
        text += QLatin1Char('\n') +
                tr("Repeats frame %1's codes exactly (%n repeated frame(s) in a row so far)", "", run).arg(t - 1);
    return text;
}

void SamplingRowView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect plot = plotRect();
    painter.fillRect(rect(), QColor(32, 34, 40));
    painter.fillRect(plot, QColor(20, 21, 26));

    painter.setPen(QColor(200, 200, 210));
    QFont font = painter.font();
    font.setPixelSize(std::clamp(plot.height() / 2, 10, 12));
    painter.setFont(font);
    const QRectF label(4, plot.top(), TimeAxis::LeftMarginPx - 12, plot.height());
    painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                     QFontMetricsF(font).elidedText(tr("entropy"), Qt::ElideRight, label.width()));

    painter.save();
    painter.setClipRect(plot);
    const int K = m_document->codebooks();
    const FrameIndex frames = m_document->frames();
    const FrameIndex first = std::max<FrameIndex>(0, FrameIndex(std::floor(m_axis->startFrame())));
    const FrameIndex last = std::min(frames - 1, FrameIndex(std::ceil(m_axis->endFrame())));
    const double stripes = double(plot.height() - RepeatStripPx);
    const double stripe = K > 0 ? stripes / K : stripes;
    const double maxBits = maxEntropy();
    for (FrameIndex t = first; t <= last; ++t) {
        const double x0 = xOf(double(t)), x1 = xOf(double(t + 1));
        const QRectF column(x0, plot.top(), std::max(1.0, x1 - x0), plot.height());
        if (m_document->probabilities(t)) {
            for (int k = 0; k < K; ++k)
                painter.fillRect(QRectF(column.left(), plot.top() + RepeatStripPx + k * stripe, column.width(), stripe),
                                 entropyColour(entropyAt(t, k) / maxBits));
        }
        if (repeatRunAt(t) > 0)
            painter.fillRect(QRectF(column.left(), plot.top(), column.width(), RepeatStripPx - 1), QColor(230, 60, 50));
    }
    painter.restore();
    paintOverlay(painter, plot);
    finishPaint(frames);
}

} // namespace talker::ui
