// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/LossCurves.h"

#include <QHBoxLayout>

#include <qcustomplot.h>

namespace talker::ui {

namespace {

// One colour per codebook (base first), distinct on a light background.
QColor codebookColour(int k)
{
    static const QColor colours[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                                     QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127)};
    return colours[k % 8];
}

void setUp(QCustomPlot* plot, const QString& title, const QString& yLabel)
{
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot, title, QFont(plot->font().family(), -1, QFont::Bold)));
    plot->xAxis->setLabel(LossCurves::tr("step"));
    plot->yAxis->setLabel(yLabel);
    // The legend goes under the plot, three entries a row: with 8 codebooks it would cover the curves.
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->legend->setBorderPen(Qt::NoPen);
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(2, 0.001); // as high as its entries need
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(3);
    plot->legend->setMargins(QMargins(4, 0, 4, 4));
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setMinimumSize(280, 200);
}

} // namespace

LossCurves::LossCurves(QWidget* parent) : QWidget(parent), m_train(new QCustomPlot), m_valid(new QCustomPlot)
{
    setObjectName(QStringLiteral("lossCurves"));
    m_train->setObjectName(QStringLiteral("trainLossPlot"));
    m_valid->setObjectName(QStringLiteral("validLossPlot"));
    setUp(m_train, tr("Training loss"), tr("cross entropy (nats)"));
    setUp(m_valid, tr("Validation loss per codebook"), tr("cross entropy (nats)"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_train, 1);
    row->addWidget(m_valid, 1);
    clear();
}

void LossCurves::clear()
{
    m_train->clearGraphs();
    m_valid->clearGraphs();
    m_codebooks = 0;
    auto* sum = m_train->addGraph();
    sum->setName(tr("sum")); // train_loss: the sum of the codebooks' losses
    sum->setPen(QPen(Qt::black, 2));
    for (QCustomPlot* plot : {m_train, m_valid}) {
        plot->xAxis->setRange(0, 10);
        plot->yAxis->setRange(0, 10);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void LossCurves::ensureCodebooks(int codebooks)
{
    while (m_codebooks < codebooks) {
        const int k = m_codebooks++;
        // The code grid's row names, so that a codebook is called the same everywhere.
        const QString name = codebooks == 2
                                 ? (k == 0 ? QCoreApplication::translate("talker::ui::CodeGridView", "base")
                                           : QCoreApplication::translate("talker::ui::CodeGridView", "residual"))
                             : k == 0 ? QCoreApplication::translate("talker::ui::CodeGridView", "cb 0 (base)")
                                      : QCoreApplication::translate("talker::ui::CodeGridView", "cb %1").arg(k);
        auto* train = m_train->addGraph();
        train->setName(name);
        train->setPen(QPen(codebookColour(k), 1));
        auto* valid = m_valid->addGraph();
        valid->setName(name);
        valid->setPen(QPen(codebookColour(k), 1.5));
        valid->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }
}

void LossCurves::add(const TrainProgress& p)
{
    ensureCodebooks(int(p.trainLossByCodebook.size()));
    m_train->graph(0)->addData(p.step, p.trainLoss);
    for (std::size_t k = 0; k < p.trainLossByCodebook.size(); ++k)
        m_train->graph(int(k) + 1)->addData(p.step, p.trainLossByCodebook[k]);
    if (p.validLossByCodebook) {
        ensureCodebooks(int(p.validLossByCodebook->size()));
        for (std::size_t k = 0; k < p.validLossByCodebook->size(); ++k)
            m_valid->graph(int(k))->addData(p.step, (*p.validLossByCodebook)[k]);
    }
    for (QCustomPlot* plot : {m_train, m_valid}) {
        if (plot->graphCount() == 0 || plot->graph(0)->dataCount() == 0)
            continue;
        plot->rescaleAxes();
        plot->yAxis->setRange(0, plot->yAxis->range().upper * 1.05); // the first point not on the frame
        plot->xAxis->setRangeLower(0);
        plot->replot(QCustomPlot::rpQueuedReplot); // many points in one event-loop turn: one replot
    }
}

void LossCurves::setSteps(const std::vector<TrainProgress>& steps)
{
    clear();
    for (const auto& p : steps)
        add(p);
}

int LossCurves::trainPoints() const
{
    return m_train->graph(0)->dataCount();
}
int LossCurves::validPoints() const
{
    return m_valid->graphCount() ? m_valid->graph(0)->dataCount() : 0;
}

} // namespace talker::ui
