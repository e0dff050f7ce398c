// SPDX-License-Identifier: GPL-3.0-or-later
// A take file: everything needed to reproduce a take exactly (docs/guide.md "Exporting").
//
//   talker::TakeFile file = talker::TakeFile::fromTake(take, bundle);
//   talker::writeTakeFile("take.json", file);
//   talker::TakeFile again = talker::readTakeFile("take.json");
//   talker::Take same = generator.run(again.params);     // the same codes, with the same bundle
//
// The JSON: {"format":"talker-take","version":1,
//            "bundle":{"name":..,"fingerprint":"fnv1a64:<16 hex>","codebooks":K,"codebook_size":V,
//                      "frame_rate_hz":..},
//            "params":{"frames":..,"temperature":..,"argmax":..,"top_k":..,"top_p":..,"seed":..,
//                      "real_time":..},
//            "prompt":[[c0..cK-1], ...], "codes":[[c0..cK-1], ...],
//            "text":{"text":..,"voice":..,"front_end_voice":..,
//                    "phones":[{"phone":"hh","start":s,"end":s}, ...],
//                    "columns":[[p0..p5, voice], ...]}}
// "text" is present only for a take of a text-conditioned model (older files have none and load as
// before): the phones are stored as the front end timed them and the columns as the Talker read
// them, so the take regenerates without running the front end again.
// The fingerprint is a hash of the bundle's configuration and weights, so a take opened with a
// different bundle of the same name is noticed (the caller decides what to tell the user).
//
// Thread safety: free functions without shared state.
#pragma once

#include "talker/Codes.h"
#include "talker/Generator.h"
#include "talker/ModelBundle.h"

#include <filesystem>
#include <string>

namespace talker {

struct TakeFile {
    static constexpr const char* Format = "talker-take";
    static constexpr int Version = 1;

    std::string bundleName;
    std::string bundleFingerprint; // bundleFingerprint(bundle) of the bundle that made the take
    int codebookSize = 0;          // V of that bundle
    double frameRateHz = 0.0;
    GenerationParams params; // sampling (seed included), frame count, prompt codes, text
    Codes codes;             // (T, K), prompt included

    static TakeFile fromTake(const Take& take, const ModelBundle& bundle);
};

/// "fnv1a64:<16 hex digits>" over model.json's text and every weight's name, shape and values.
std::string bundleFingerprint(const ModelBundle& bundle);

/// Writes the take as JSON to a temporary file renamed over `path`. Throws FileError.
void writeTakeFile(const std::filesystem::path& path, const TakeFile& take);
/// Reads and validates a take file (format, version, parameter ranges, every code in [0, V), the
/// prompt a prefix of the codes; for a text take: known phone names, ordered finite times, one
/// row of columns per frame). Throws FileError naming the file and what is wrong.
TakeFile readTakeFile(const std::filesystem::path& path);

} // namespace talker
