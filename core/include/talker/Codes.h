// SPDX-License-Identifier: GPL-3.0-or-later
// Discrete speech codes: T frames of K codebook indices, and the mel spectrograms they decode to,
// with their file formats (codes JSON and CSV, mel CSV).
//
//   talker::Codes codes = talker::readCodesJson("take.codes.json"); // FileError names the file and cause
//   talker::writeCodesCsv("take.csv", codes, bundle.config.frameRateHz());
//
// Thread safety: plain values; the readers and writers keep no state and may run on any thread
// (two writers of one path race as two programs would).
#pragma once

#include "talker/Config.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace talker {

/// The most frames a codes or take file may hold: 1 000 000 frames, 22 hours at 12.5 Hz. More is a
/// damaged or hostile file, and decoding it would run for hours.
constexpr FrameIndex MaxCodeFrames = 1'000'000;

/// Codes of T frames x K codebooks, row-major: values[t * codebooks + k].
struct Codes {
    int codebooks = 0;
    std::vector<std::int32_t> values; // (T, K)

    FrameIndex frames() const { return codebooks ? FrameIndex(values.size()) / codebooks : 0; }
    std::int32_t at(FrameIndex t, int k) const { return values[std::size_t(t * codebooks + k)]; }
    /// The first n frames (n is clamped to frames()).
    Codes head(FrameIndex n) const;
    bool operator==(const Codes&) const = default;
};

/// A log-mel spectrogram: frames x bins, row-major: values[frame * bins + bin].
struct Mel {
    int bins = 0;
    std::vector<float> values; // (frames, bins)

    FrameIndex frames() const { return bins ? FrameIndex(values.size()) / bins : 0; }
    const float* frame(FrameIndex i) const { return values.data() + i * bins; }
};

/// codes.json: {"format":"talker-codes","version":1,"bundle":..,"codebooks":K,"codebook_size":V,
/// "frame_rate_hz":..,"codes":[[c0..cK-1], ...]}. Written atomically.
void writeCodesJson(const std::filesystem::path& path, const Codes& codes, const ModelConfig& config);
/// Reads codes.json; checks K is in 1..MaxCodebooks, V in 2..MaxCodebookSize, every row has K
/// integers in [0, V) and there are at most MaxCodeFrames rows. Throws FileError naming the file.
Codes readCodesJson(const std::filesystem::path& path);
/// codes.csv: a header "frame,time_s,cb0,...,cbK-1" then one row per frame. Written atomically.
void writeCodesCsv(const std::filesystem::path& path, const Codes& codes, double frameRateHz);
/// Reads codes.csv with the same limits as readCodesJson. Throws FileError naming the file and line.
Codes readCodesCsv(const std::filesystem::path& path);
/// mel.csv: one row per mel frame, `bins` comma-separated natural-log values. Written atomically.
void writeMelCsv(const std::filesystem::path& path, const Mel& mel);

} // namespace talker
