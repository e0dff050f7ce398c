// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MelView.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace talker::ui {

MelView::MelView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent, Layer layer)
    : QCustomPlot(parent), m_document(document), m_layer(layer), m_axis(axis), m_interaction(axis)
{
    setObjectName(layer == Layer::Take ? QStringLiteral("melView") : QStringLiteral("reconstructionMelView"));
    setMouseTracking(true);
    setBackground(QColor(32, 34, 40));
    setNoAntialiasingOnDrag(true);

    axisRect()->setAutoMargins(QCP::msNone);
    axisRect()->setMargins(QMargins(TimeAxis::LeftMarginPx, 4, 0, 4));
    axisRect()->setBackground(QColor(20, 21, 26));
    for (QCPAxis* a : {xAxis, yAxis}) {
        a->setBasePen(QPen(QColor(120, 120, 130)));
        a->setTickPen(QPen(QColor(120, 120, 130)));
        a->setSubTickPen(Qt::NoPen);
        a->setTickLabelColor(QColor(190, 190, 200));
        a->setLabelColor(QColor(190, 190, 200));
        a->grid()->setVisible(false);
    }
    xAxis->setTickLabels(false);
    yAxis->setPadding(2);

    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);
    m_map->setTightBoundary(true);
    m_scale = new QCPColorScale(this);
    plotLayout()->addElement(0, 1, m_scale);
    plotLayout()->setColumnSpacing(0);
    // The scale's outer width is the right margin every time view leaves, so frames line up.
    m_scale->setSizeConstraintRect(QCPLayoutElement::scrOuterRect);
    m_scale->setMinimumSize(TimeAxis::RightMarginPx, 10);
    m_scale->setMaximumSize(TimeAxis::RightMarginPx, QWIDGETSIZE_MAX);
    m_scale->setBarWidth(10);
    m_scale->setLabel(tr("dB"));
    m_scale->axis()->setTickLabelColor(QColor(190, 190, 200));
    m_scale->axis()->setLabelColor(QColor(190, 190, 200));
    m_scale->axis()->setBasePen(QPen(QColor(120, 120, 130)));
    m_scale->axis()->setTickPen(QPen(QColor(120, 120, 130)));
    m_scale->axis()->setSubTickPen(Qt::NoPen);
    auto* group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    m_map->setGradient(gradient);
    m_map->setColorScale(m_scale);

    connect(clock, &FrameClock::tick, this, [this] {
        if (m_dirty) {
            m_dirty = false;
            refresh();
        }
    });
    const auto dirty = [this] { m_dirty = true; };
    const auto rebuildNeeded = [this] {
        m_needsRebuild = true;
        m_dirty = true;
    };
    connect(axis, &TimeAxis::rangeChanged, this, [this] {
        m_dirty = true;
        refreshReadout();
    });
    connect(axis, &TimeAxis::selectionChanged, this, dirty);
    connect(axis, &TimeAxis::playheadChanged, this, dirty);
    connect(document, &TakeDocument::framesAppended, this, dirty);
    connect(document, &TakeDocument::reset, this, rebuildNeeded);
    connect(document, &TakeDocument::melChanged, this, rebuildNeeded);
}

QRect MelView::plotRect() const
{
    return axisRect()->rect();
}

const Mel& MelView::mel() const
{
    return m_layer == Layer::Take ? m_document->mel() : m_document->reconstructionMel();
}

void MelView::rebuild()
{
    m_needsRebuild = false;
    const int S = std::max(1, m_document->subframes()), bins = std::max(1, m_document->melBins());
    const Mel& mel = this->mel();
    const FrameIndex cells = std::max<FrameIndex>({1, mel.frames(), m_document->plannedFrames() * S});
    // Cell i is mel frame i; its centre sits at (i + 0.5) / S frames on the shared axis.
    m_map->data()->setSize(int(cells), bins);
    m_map->data()->setRange(QCPRange(0.5 / S, (double(cells) - 0.5) / S), QCPRange(0, bins - 1));
    m_map->data()->fill(std::numeric_limits<double>::quiet_NaN());
    m_melFramesFilled = 0;
    m_minDb = std::numeric_limits<double>::infinity();
    m_maxDb = -std::numeric_limits<double>::infinity();

    // Hz labels at the bins nearest to round frequencies.
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const auto& hz = m_document->binCentresHz();
    for (double target : {0.0, 250.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0}) {
        if (hz.empty() || target > hz.back() + 1.0)
            continue;
        std::size_t best = 0;
        for (std::size_t b = 0; b < hz.size(); ++b)
            if (std::abs(hz[b] - target) < std::abs(hz[best] - target))
                best = b;
        ticker->addTick(double(best), target >= 1000 ? tr("%1 kHz").arg(target / 1000) : tr("%1 Hz").arg(target));
    }
    yAxis->setTicker(ticker);
    yAxis->setRange(-0.5, bins - 0.5);
}

void MelView::fillNewFrames()
{
    const Mel& mel = this->mel();
    if (mel.bins != m_map->data()->valueSize() || mel.frames() > m_map->data()->keySize()) {
        rebuild();
    }
    const FrameIndex frames = mel.frames();
    for (FrameIndex m = m_melFramesFilled; m < frames; ++m) {
        const float* row = mel.frame(m);
        for (int b = 0; b < mel.bins; ++b) {
            const double db = double(row[b]) * DbPerNeper;
            m_map->data()->setCell(int(m), b, db);
            m_minDb = std::min(m_minDb, db);
            m_maxDb = std::max(m_maxDb, db);
        }
    }
    m_melFramesFilled = frames;
    double lowest = m_minDb, highest = m_maxDb;
    if (m_layer == Layer::Reconstruction && m_document->source() == TakeDocument::Source::Recording &&
        !m_document->mel().values.empty()) {
        // The original's range: side by side, one colour is one level in both.
        const auto [low, high] = std::minmax_element(m_document->mel().values.begin(), m_document->mel().values.end());
        lowest = double(*low) * DbPerNeper;
        highest = double(*high) * DbPerNeper;
    }
    if (std::isfinite(lowest) && highest > lowest)
        m_map->setDataRange(QCPRange(std::max(lowest, highest - DynamicRangeDb), highest));
}

QCPRange MelView::colourRange() const
{
    return m_map->dataRange();
}

void MelView::refresh()
{
    if (m_needsRebuild)
        rebuild();
    fillNewFrames();
    xAxis->setRange(m_axis->startFrame(), m_axis->endFrame());
    // The plot's right edge must sit where the other time views' plots end; the colour scale's
    // own width varies with its labels, so correct the axis rect's right margin by the difference.
    const int wantedRight = width() - 1 - TimeAxis::RightMarginPx;
    for (int attempt = 0; attempt < 2; ++attempt) {
        replot(QCustomPlot::rpImmediateRefresh);
        const int excess = axisRect()->rect().right() - wantedRight;
        QMargins margins = axisRect()->margins();
        if (excess == 0 || margins.right() + excess < 0)
            break;
        margins.setRight(margins.right() + excess);
        axisRect()->setMargins(margins);
    }
}

void MelView::paintEvent(QPaintEvent* event)
{
    QCustomPlot::paintEvent(event);
    QPainter painter(this);
    const QRect plot = plotRect();
    painter.setClipRect(plot);
    if (m_axis->hasSelection()) {
        const double x0 = m_interaction.xOf(double(m_axis->selectionStart()), plot);
        const double x1 = m_interaction.xOf(double(m_axis->selectionEnd()), plot);
        painter.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), QColor(255, 255, 255, 40));
        painter.setPen(QPen(QColor(255, 255, 255, 170), 1));
        painter.drawLine(QPointF(x0, plot.top()), QPointF(x0, plot.bottom()));
        painter.drawLine(QPointF(x1, plot.top()), QPointF(x1, plot.bottom()));
    }
    if (m_axis->playheadFrame() >= 0) {
        const double x = m_interaction.xOf(m_axis->playheadFrame(), plot);
        painter.setPen(QPen(QColor(255, 70, 70), 2));
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    m_paintedFrames = m_melFramesFilled / std::max(1, m_document->subframes());
    emit painted(m_paintedFrames);
}

QString MelView::describeAt(const QPoint& position) const
{
    const QRect plot = plotRect();
    if (!plot.contains(position))
        return {};
    const int S = std::max(1, m_document->subframes());
    const double frame = m_interaction.frameAt(position.x(), plot);
    const auto melFrame = FrameIndex(std::floor(frame * S));
    const int bin = int(std::lround(yAxis->pixelToCoord(position.y())));
    const Mel& mel = this->mel();
    const auto& hz = m_document->binCentresHz();
    if (melFrame < 0 || melFrame >= mel.frames() || bin < 0 || bin >= mel.bins || bin >= int(hz.size()))
        return {};
    const double db = double(mel.frame(melFrame)[bin]) * DbPerNeper;
    return tr("%1 s (frame %2), %3 Hz, %4 dB")
        .arg(frame / m_document->frameRateHz(), 0, 'f', 2)
        .arg(FrameIndex(std::floor(frame)))
        .arg(hz[std::size_t(bin)], 0, 'f', 0)
        .arg(db, 0, 'f', 1);
}

void MelView::mousePressEvent(QMouseEvent* event)
{
    m_interaction.press(event, plotRect());
}
void MelView::mouseReleaseEvent(QMouseEvent* event)
{
    m_interaction.release(event, plotRect());
}
void MelView::wheelEvent(QWheelEvent* event)
{
    m_interaction.wheel(event, plotRect());
}

void MelView::leaveEvent(QEvent* event)
{
    m_hover.reset();
    QCustomPlot::leaveEvent(event);
}

void MelView::refreshReadout()
{
    if (!m_hover)
        return;
    const QString text = describeAt(*m_hover);
    emit readout(text);
    if (text.isEmpty())
        QToolTip::hideText();
    else if (QToolTip::isVisible())
        QToolTip::showText(mapToGlobal(*m_hover), text, this);
}

void MelView::mouseMoveEvent(QMouseEvent* event)
{
    m_interaction.move(event, plotRect());
    m_hover = event->position().toPoint();
    const QString text = describeAt(event->position().toPoint());
    emit readout(text);
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace talker::ui
