// SPDX-License-Identifier: GPL-3.0-or-later
// Draws the code grid: K rows (codebooks) x T columns (frames), each cell coloured by its code.
// A plain class fed by a Parameters struct, so it can draw into a widget or an exported image.
#pragma once

#include "talker/Codes.h"

#include <QColor>
#include <QRect>
#include <QStringList>

class QPainter;

namespace talker::ui {

class CodeGridRenderer {
  public:
    struct Parameters {
        const Codes* codes = nullptr;
        int codebookSize = 128;
        FrameIndex promptFrames = 0;
        FrameIndex plannedFrames = 0; // columns still to come are drawn empty
        double startFrame = 0.0;      // visible range, in frames
        double spanFrames = 1.0;
        FrameIndex selectedFrame = -1;
        QStringList rowLabels; // one per codebook
    };

    /// A code's colour: hues step by the golden ratio so neighbouring codes differ clearly.
    static QColor colourOf(int code, int codebookSize);
    /// The codebook row under y, or -1.
    static int rowAt(int y, const QRect& plot, int codebooks);

    void paint(QPainter& painter, const QRect& widget, const QRect& plot, const Parameters& p) const;
};

} // namespace talker::ui
