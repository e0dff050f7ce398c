// The waveform of the take's audio: it grows while the streaming vocoder delivers chunks, and is
// replaced by the full render when the take ends. Shows the playhead. Drawn by WaveformRenderer.
//
// Thread safety: GUI thread only.
#pragma once

#include "views/TimeView.h"
#include "views/WaveformRenderer.h"

namespace talker::ui {

class WaveformView : public TimeView {
    Q_OBJECT

public:
    WaveformView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);
    QSize sizeHint() const override { return {800, 120}; }
    QSize minimumSizeHint() const override { return {300, 70}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    int bottomMarginPx() const override { return 18; }

private:
    WaveformRenderer m_renderer;
};

} // namespace talker::ui
