// SPDX-License-Identifier: GPL-3.0-or-later
// The phone row of a text take, above the code grid on the shared time axis: each phone the front
// end timed is a labelled span from its start to its end (seconds; 12.5 frames a second), vowels,
// consonants and pauses in their own colours. While the take streams, the phones up to the newest
// frame are drawn bright and the ones still to come dim. Hover shows the phone and its frames.
// Shown only for text-conditioned models (the window hides it otherwise).
//
// Thread safety: GUI thread only.
#pragma once

#include "views/TimeView.h"

namespace talker::ui {

class PhoneRowView : public TimeView {
    Q_OBJECT

  public:
    PhoneRowView(TakeDocument* document, TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    /// The phones shown (the document's text take), and the frames each covers.
    int phoneCount() const;
    /// The phone's name ("sil" for a pause) and its frames [first, last].
    QString phoneName(int index) const;
    FrameIndex firstFrame(int index) const;
    FrameIndex lastFrame(int index) const;
    /// The index of the phone under a widget position, or -1.
    int phoneAt(const QPoint& position) const;
    /// What the tooltip says at a widget position (empty outside a phone).
    QString describeAt(const QPoint& position) const override;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    int topMarginPx() const override { return 2; }
    int bottomMarginPx() const override { return 2; }

  private:
    /// The phone's span in (fractional) frames.
    double startFrameOf(int index) const;
    double endFrameOf(int index) const;
};

} // namespace talker::ui
