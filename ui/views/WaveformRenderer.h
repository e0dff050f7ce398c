// SPDX-License-Identifier: GPL-3.0-or-later
// Draws a waveform (min/max per pixel column, or the samples themselves when zoomed in far) on the
// shared frame axis, with a seconds ruler underneath. A plain class fed by a Parameters struct.
#pragma once

#include "talker/Config.h"

#include <QRect>

#include <vector>

class QPainter;

namespace talker::ui {

class WaveformRenderer {
  public:
    struct Parameters {
        const std::vector<float>* samples = nullptr;
        /// Another take's audio, drawn faintly behind (the take it is compared with); may be null.
        const std::vector<float>* comparison = nullptr;
        int samplesPerFrame = 1280;
        double frameRateHz = 12.5;
        FrameIndex plannedFrames = 0; // drawn as a lighter band: audio still to come
        double startFrame = 0.0;
        double spanFrames = 1.0;
    };

    void paint(QPainter& painter, const QRect& widget, const QRect& plot, const Parameters& p) const;
    /// The seconds ruler along the bottom edge of `plot` (also used by other views' exports).
    static void paintRuler(QPainter& painter, const QRect& plot, double startFrame, double spanFrames,
                           double frameRateHz);
};

} // namespace talker::ui
