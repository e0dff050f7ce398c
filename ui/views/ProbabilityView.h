// SPDX-License-Identifier: GPL-3.0-or-later
// The probability bars of the selected frame (or, while nothing is selected, the newest frame):
// what the sampler drew each codebook's code from, after temperature, top-k and top-p. Prompt and
// recorded frames were given, not sampled, and have no distribution. Drawn by ProbabilityRenderer.
//
// Thread safety: GUI thread only.
#pragma once

#include "FrameClock.h"
#include "TakeDocument.h"
#include "TimeAxis.h"
#include "views/ProbabilityRenderer.h"

#include <QWidget>

namespace talker::ui {

class ProbabilityView : public QWidget {
    Q_OBJECT

  public:
    ProbabilityView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    /// The frame shown: the selected one, else the newest; -1 when there are no frames.
    FrameIndex shownFrame() const;
    QSize sizeHint() const override { return {380, 300}; }
    QSize minimumSizeHint() const override { return {240, 160}; }
    /// Renders into an image of the widget's size (PNG export).
    void render(QPainter& painter, const QRect& area) const;

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    TakeDocument* m_document;
    TimeAxis* m_axis;
    ProbabilityRenderer m_renderer;
    bool m_dirty = true;
};

} // namespace talker::ui
