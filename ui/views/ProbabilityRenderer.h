// SPDX-License-Identifier: GPL-3.0-or-later
// Draws one frame's sampling distributions: per codebook, the most probable codes as bars sorted
// by probability, the sampled code highlighted, each bar labelled with its code and percentage.
// A plain class fed by a Parameters struct.
#pragma once

#include <QRect>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class QFontMetrics;
class QPainter;

namespace talker::ui {

class ProbabilityRenderer {
  public:
    static constexpr int TopCandidates = 10;

    struct Parameters {
        const float* probabilities = nullptr; // (K, V), or null: nothing was sampled
        std::vector<std::int32_t> sampled;    // (K) the codes drawn
        int codebooks = 0;
        int codebookSize = 0;
        QStringList rowLabels; // one per codebook
        QString title;         // "Frame 12 (0.96 s)"
        QString emptyText;     // shown when probabilities is null
        bool argmax = false;   // the codes were the most probable, not drawn
    };

    /// The codes of one codebook that sampling could draw (probability above 0: top-k and top-p
    /// remove the rest), most probable first (ties: lower code first), at most `count`.
    static std::vector<int> topCodes(const float* probabilities, int codebookSize, int count);
    /// The narrowest slot that holds a candidate's labels ("4.3%", a three-digit code).
    static int slotWidth(const QFontMetrics& metrics);
    /// How many top candidates fit `barsWidth` pixels beside a slot for the sampled code: narrow
    /// panels (8 codebooks in two columns) show fewer candidates rather than overlapping labels.
    static int candidateCount(double barsWidth, const QFontMetrics& metrics);
    /// A codebook's heading: "cb 3: sampled 17 (p = 0.412), 5 of 128 codes kept", or with argmax
    /// "cb 3: argmax 17 (p = 0.412)".
    static QString heading(const QString& label, int sampled, double probability, int kept, int codebookSize,
                           bool argmax);

    void paint(QPainter& painter, const QRect& area, const Parameters& p) const;
};

} // namespace talker::ui
