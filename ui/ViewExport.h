// SPDX-License-Identifier: GPL-3.0-or-later
// File > Export View: the picture of a view with what a reader of a slide or a paper needs beside
// it — a title line (what the view is, which model and take), a line naming the axes, and for the
// views on the shared time axis a time ruler in seconds under the plot.
//
//   ViewExport::Labels labels{title, axes, plotLeft, plotRight, startSeconds, endSeconds};
//   QImage picture = ViewExport::compose(renderedView, labels, scale);
//   QString error = ViewExport::savePng(picture, path); // empty when written
//
// Thread safety: GUI thread (QPainter on QImage; any thread would do, the callers are the GUI's).
#pragma once

#include <QImage>
#include <QString>

#include <vector>

namespace talker::ui {

class ViewExport {
  public:
    struct Labels {
        QString title; // "Mel spectrogram - model 'chapter', seed 7, 200 frames"
        QString axes;  // "x: time (s); y: frequency; colour: level (dB)"
        bool timeRuler = false;
        double plotLeft = 0, plotRight = 0;      // logical x of the plot's edges in the view
        double startSeconds = 0, endSeconds = 0; // the time at those edges
    };

    /// Band heights in logical pixels (the picture is scaled like the view).
    static constexpr int TitleHeight = 34;
    static constexpr int RulerHeight = 22;

    /// `view` rendered at `scale` (its device pixel ratio); returns the labelled picture, as wide as
    /// the view and TitleHeight (+ RulerHeight) logical pixels taller.
    static QImage compose(const QImage& view, const Labels& labels, double scale);

    /// Writes `image` as a PNG to `path` the way the engine writes every file (talker::
    /// writeFileAtomically: a temporary file renamed over the old one, a symlink written through,
    /// /dev/null or a FIFO written to, never replaced). Returns an empty string, or why it failed
    /// (naming the file); a failed write leaves the previous file as it was.
    static QString savePng(const QImage& image, const QString& path);

    /// Tick times for a ruler from `start` to `end` seconds at most `maxTicks` apart, on a 1-2-5 step.
    static std::vector<double> ticks(double start, double end, int maxTicks);
};

} // namespace talker::ui
