// SPDX-License-Identifier: GPL-3.0-or-later
// The code grid: every frame's K codes as coloured cells, filled in as the take streams. Hover
// shows the code, its codebook and the frame's time. Drawn by CodeGridRenderer.
//
// Thread safety: GUI thread only.
#pragma once

#include "views/CodeGridRenderer.h"
#include "views/TimeView.h"

class QMenu;

namespace talker::ui {

class CodeGridView : public TimeView {
    Q_OBJECT

  public:
    CodeGridView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    /// The row label of codebook k ("base", "residual" for K = 2; else "cb k").
    QString rowLabel(int codebook) const;
    /// What the tooltip says at a widget position (empty outside a filled cell).
    QString describeAt(const QPoint& position) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The cell under a widget position: its frame and codebook; false outside the filled cells.
    bool cellAt(const QPoint& position, FrameIndex* frame, int* codebook) const;
    /// The menu of a cell (right click): change its code to another (sorted by the probability
    /// the sampler gave each) and regenerate the frames after it, or resample from its frame.
    /// Its actions emit the signals below. The caller owns the menu.
    QMenu* cellMenu(FrameIndex frame, int codebook);

    /// How many codes the cell menu lists, most probable first ("Other Code..." reaches the rest).
    static constexpr int ListedCodes = 16;

  signals:
    /// Set the code of (frame, codebook) and regenerate the frames after it.
    void editRequested(talker::FrameIndex frame, int codebook, int code);
    /// Keep the frames before `frame` and draw the rest again with a new seed.
    void resampleRequested(talker::FrameIndex frame);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

  private:
    CodeGridRenderer m_renderer;
};

} // namespace talker::ui
