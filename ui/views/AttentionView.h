// SPDX-License-Identifier: GPL-3.0-or-later
// The attention view, under the sampling row on the shared time axis: for the selected frame (or
// the newest while a take streams), how much each layer's query heads attended to every frame
// before it, one thin row per layer and query head (the 3 query heads of a layer share one
// key/value head: grouped-query attention). A brighter cell is a larger weight, each row scaled
// by its own largest weight (the square root, so that small weights still show); the weight on
// the BOS position is the small box left of the plot. The frame whose prediction is shown is
// outlined. Hover reads out the weight.
//
// Thread safety: GUI thread only.
#pragma once

#include "views/TimeView.h"

namespace talker::ui {

class AttentionView : public TimeView {
    Q_OBJECT

  public:
    AttentionView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    /// The frame whose attention is shown: the selected one, else the newest; -1 when none.
    FrameIndex shownFrame() const;
    /// Weight of position `position` (0 = BOS, j + 1 = frame j) in layer `layer`, query head
    /// `head`, for the shown frame; NaN when there is none.
    double weight(int layer, int head, std::int64_t position) const;
    int layers() const;
    int heads() const;
    /// The row (layer, head) under a widget y; false outside the rows.
    bool rowAt(int y, int* layer, int* head) const;
    QString describeAt(const QPoint& position) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    int topMarginPx() const override { return 2; }
    int bottomMarginPx() const override { return 2; }

  private:
    const std::vector<float>* shownWeights() const;
};

} // namespace talker::ui
