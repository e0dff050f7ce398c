// SPDX-License-Identifier: GPL-3.0-or-later
// The one time axis every time view shares (code grid, mel spectrogram, waveform): the visible
// range in frames, the selection and the playhead. Zooming or panning one view changes this
// object, and every view follows.
//
// Units: frames (tokens, 80 ms for the chapter's model) as doubles for positions inside a frame.
// Every time view leaves the same margins, so one frame sits at the same x in every view.
//
// Thread safety: GUI thread only.
#pragma once

#include "talker/Config.h"

#include <QObject>

namespace talker::ui {

class TimeAxis : public QObject {
    Q_OBJECT

  public:
    static constexpr int LeftMarginPx = 72;           // row labels, the mel's Hz axis, the waveform scale
    static constexpr int RightMarginPx = 88;          // the mel's colour scale
    static constexpr double NormalSpanFrames = 200.0; // "normal" zoom: the default take (16 s)
    static constexpr double MinSpanFrames = 4.0;
    static constexpr double ZoomStep = 2.0; // Ctrl+1 / Ctrl+3

    explicit TimeAxis(QObject* parent = nullptr);

    double startFrame() const { return m_startFrame; }
    double spanFrames() const { return m_spanFrames; }
    double endFrame() const { return m_startFrame + m_spanFrames; }
    /// The frames there are to show (the planned length of the take): what Fit shows.
    FrameIndex extentFrames() const { return m_extentFrames; }

    void setRange(double startFrame, double spanFrames);
    void setExtent(FrameIndex frames);
    /// Zooms by `factor` (> 1 zooms in) keeping `anchorFrame` where it is.
    void zoomBy(double factor, double anchorFrame);
    /// Zoom In / Out / Normal Size: centred on the selection when there is one, else on the view.
    void zoomIn();
    void zoomOut();
    void zoomNormal();
    void fit();
    void panBy(double frames);

    /// The selected frame (its probabilities are shown), or -1.
    FrameIndex selectedFrame() const { return m_selectedFrame; }
    /// The selected range [start, end) for "play selection" and exports; empty when end <= start.
    FrameIndex selectionStart() const { return m_selectionStart; }
    FrameIndex selectionEnd() const { return m_selectionEnd; }
    bool hasSelection() const { return m_selectionEnd > m_selectionStart; }
    void selectFrame(FrameIndex frame);
    void setSelection(FrameIndex start, FrameIndex end, FrameIndex selected);
    void clearSelection();

    /// Playhead position in frames, or < 0 when nothing plays.
    double playheadFrame() const { return m_playheadFrame; }
    void setPlayheadFrame(double frame);

  signals:
    void rangeChanged();
    void selectionChanged();
    void playheadChanged();

  private:
    void zoomToSpan(double span);

    double m_startFrame = 0.0;
    double m_spanFrames = NormalSpanFrames;
    FrameIndex m_extentFrames = 0;
    FrameIndex m_selectedFrame = -1;
    FrameIndex m_selectionStart = 0, m_selectionEnd = 0;
    double m_playheadFrame = -1.0;
};

} // namespace talker::ui
