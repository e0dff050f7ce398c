// The code grid: every frame's K codes as coloured cells, filled in as the take streams. Hover
// shows the code, its codebook and the frame's time. Drawn by CodeGridRenderer.
//
// Thread safety: GUI thread only.
#pragma once

#include "views/CodeGridRenderer.h"
#include "views/TimeView.h"

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

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    CodeGridRenderer m_renderer;
};

} // namespace talker::ui
