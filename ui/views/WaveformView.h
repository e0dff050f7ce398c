// SPDX-License-Identifier: GPL-3.0-or-later
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
    /// The sample under a widget position: its time, frame and value (empty outside the audio).
    QString describeAt(const QPoint& position) const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    int bottomMarginPx() const override { return 18; }

  private:
    WaveformRenderer m_renderer;
};

} // namespace talker::ui
