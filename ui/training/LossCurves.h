// SPDX-License-Identifier: GPL-3.0-or-later
// The loss curves of a training run, drawn with QCustomPlot: on the left the training loss per
// logged step (the sum over codebooks, bold, and each codebook's share, thin); on the right the
// validation loss per codebook at each validation step. Fed live by the training window, or all at
// once from a loss log. Cross entropy in nats (ln 128 = 4.85 per codebook is a uniform guess).
//
// Thread safety: GUI thread only.
#pragma once

#include "talker/TalkerTrainer.h"

#include <QWidget>

class QCustomPlot;

namespace talker::ui {

class LossCurves : public QWidget {
    Q_OBJECT

  public:
    explicit LossCurves(QWidget* parent = nullptr);

    void clear();
    /// Appends one logged step (replotted at the next event-loop turn, coalesced).
    void add(const TrainProgress& progress);
    void setSteps(const std::vector<TrainProgress>& steps);

    /// Points on the training curve (the sum) and validation points of codebook 0.
    int trainPoints() const;
    int validPoints() const;
    QCustomPlot* trainPlot() const { return m_train; }
    QCustomPlot* validPlot() const { return m_valid; }

  private:
    void ensureCodebooks(int codebooks);

    QCustomPlot* m_train;
    QCustomPlot* m_valid;
    int m_codebooks = 0;
};

} // namespace talker::ui
