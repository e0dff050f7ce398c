// SPDX-License-Identifier: GPL-3.0-or-later
// A readable rendering of the JSON a bundle carries about itself (model.json's "provenance" and
// "metrics", written by the trainers and `talker eval`), for `talker info` and the studio's model
// panel: one row per value, numbers to three significant digits with the unit their key names,
// word error rates as percentages (one decimal) with their bootstrap interval.
//
//   for (const talker::SummaryRow& row : talker::summariseJson(bundle.config.metrics))
//       std::cout << std::string(2 * row.depth, ' ') << row.label << ": " << row.value << "\n";
//
// Thread safety: free functions without shared state.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace talker {

struct SummaryRow {
    int depth = 0;     // nesting level of the key, 0 for the object's own keys
    std::string label; // the key as model.json spells it
    std::string value; // empty for a heading (an object whose keys follow one level deeper)
};

/// The rows of an object, keys in alphabetical order (as nlohmann::json keeps them); a value that is not an object
/// gives one row with an empty label.
std::vector<SummaryRow> summariseJson(const nlohmann::json& value);

/// `value` to `digits` significant digits without an exponent for ordinary magnitudes: 0.773,
/// 32.3, 1385 (whole numbers of more digits are rounded, not cut), 1.5e-05 for tiny values.
std::string formatSignificant(double value, int digits = 3);

} // namespace talker
