// SPDX-License-Identifier: GPL-3.0-or-later
// The log-mel spectrogram of the take (QCustomPlot colour map with a colour scale in dB), filled
// in sub-frame by sub-frame as frames arrive. A second instance shows a recording's codec
// reconstruction under its original (Layer::Reconstruction), on the same time axis. Hover reads out the time, the bin's
// centre frequency in Hz and the level in dB. Shares the time axis and mouse handling with the other time views.
//
// Thread safety: GUI thread only.
#pragma once

#include "FrameClock.h"
#include "TakeDocument.h"
#include "TimeAxis.h"
#include "views/TimeInteraction.h"

#include <qcustomplot.h>

#include <optional>

namespace talker::ui {

class MelView : public QCustomPlot {
    Q_OBJECT

  public:
    /// log-mel values are natural logs of magnitudes: dB = 20 log10(e^v) = v * 20 / ln 10.
    static constexpr double DbPerNeper = 8.685889638065035;
    /// The colour scale covers at most this range below the loudest cell.
    static constexpr double DynamicRangeDb = 90.0;

    /// Which of the document's mels the view draws.
    enum class Layer { Take, Reconstruction };

    MelView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr,
            Layer layer = Layer::Take);
    Layer layer() const { return m_layer; }

    /// The readout at a widget position: "1.23 s (frame 15), 1250 Hz, -32.1 dB"; empty outside.
    QString describeAt(const QPoint& position) const;
    FrameIndex paintedFrames() const { return m_paintedFrames; }
    /// The dB range the colours span. A reconstruction uses its original's, so the two compare.
    QCPRange colourRange() const;
    QRect plotRect() const;
    QSize sizeHint() const override { return {800, 260}; }
    QSize minimumSizeHint() const override { return {300, 120}; }

  signals:
    void painted(talker::FrameIndex frames);
    /// The hover readout changed (for the status bar).
    void readout(const QString& text);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    void rebuild();
    void fillNewFrames();
    void refresh();
    const Mel& mel() const;
    /// After a zoom or scroll the cell under a resting mouse is another: say so.
    void refreshReadout();

    TakeDocument* m_document;
    Layer m_layer;
    TimeAxis* m_axis;
    TimeInteraction m_interaction;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    bool m_dirty = true;
    bool m_needsRebuild = true;
    FrameIndex m_melFramesFilled = 0;
    double m_minDb = 0.0, m_maxDb = 0.0;
    FrameIndex m_paintedFrames = 0;
    std::optional<QPoint> m_hover; // the mouse's position while it is over the view
};

} // namespace talker::ui
