// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers shared by the benchmarks in bench/ (header-only; each bench is one executable).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace talker::bench {

/// The middle value of `v` (the upper middle for an even count).
inline double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The most probable code of each (stream, codebook) row of `logits` (rows x V): a cheap stand-in
/// for sampling.
inline void argmaxCodes(const float* logits, int rows, int V, std::int32_t* codes)
{
    for (int r = 0; r < rows; ++r)
        codes[r] = std::int32_t(std::max_element(logits + r * V, logits + (r + 1) * V) - (logits + r * V));
}

} // namespace talker::bench
