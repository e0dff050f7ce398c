// SPDX-License-Identifier: GPL-3.0-or-later
// The sampling row, under the code grid on the shared time axis: for every sampled frame, the
// entropy of the distribution each codebook's code was drawn from (one thin stripe per codebook;
// dark: one code was all but certain, bright: many were about equally likely), and a red mark
// over every frame whose codes all repeat the frame before it. With argmax the marks show at a
// glance where greedy decoding falls into a loop. Prompt and recorded frames were not sampled and
// stay blank. Hover reads out the frame's entropies and its repeat run.
//
// Thread safety: GUI thread only.
#pragma once

#include "views/TimeView.h"

namespace talker::ui {

class SamplingRowView : public TimeView {
    Q_OBJECT

  public:
    SamplingRowView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    /// The entropy in bits of codebook k's distribution at frame t; NaN for a frame that was not
    /// sampled (a prompt or recorded frame, or one not generated yet).
    double entropyAt(FrameIndex frame, int codebook) const;
    /// The largest entropy a codebook can have: log2 of the codebook size.
    double maxEntropy() const;
    /// How many frames in a row, ending at `frame`, hold the same K codes as the frame before
    /// them (0: the frame differs from the previous one, or is the first).
    int repeatRunAt(FrameIndex frame) const;
    /// The longest such run in the take so far.
    int longestRepeatRun() const;
    QString describeAt(const QPoint& position) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    int topMarginPx() const override { return 2; }
    int bottomMarginPx() const override { return 2; }

  private:
    int stripePx() const;
    /// Recomputes the repeat runs of frames from `first` on (frames arrive one by one).
    void updateRuns(FrameIndex first);

    std::vector<int> m_runs; // (T): repeatRunAt(t)
};

} // namespace talker::ui
