// SPDX-License-Identifier: GPL-3.0-or-later
// "What am I looking at?": a short explanation per view, in the project's own words, tied to the
// concepts of the chapter (autoregression, BOS, summed embeddings, the K heads, RVQ base and
// residual, Griffin-Lim). Rich text; every string is translatable.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace talker::ui {

class Learn {
    Q_DECLARE_TR_FUNCTIONS(Learn)

  public:
    static QString codeGrid();
    static QString melSpectrogram();
    static QString reconstruction();
    static QString waveform();
    static QString probabilities();
    /// The sampling row: entropy per codebook and repeated frames (why greedy decoding loops).
    static QString sampling();
    /// The attention view: grouped-query attention, and why attention falls off with distance.
    static QString attention();
    static QString generation();
    /// A text-conditioned model: the phone row, and how the text reaches each frame.
    static QString textConditioning();
    /// All of the above, for the Help dialog (text conditioning only for a text model).
    static QString all(bool textModel = false);
};

} // namespace talker::ui
