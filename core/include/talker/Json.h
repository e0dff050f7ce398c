// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing JSON that comes from outside the program (model.json, codes and take files, safetensors
// headers, training state): one function, so every reader has the same limits.
//
//   try {
//       const nlohmann::json json = talker::parseJson(text);
//   } catch (const talker::JsonTextError& e) {
//       throw FileError("cannot read codes file '" + path + "': " + e.what());
//   }
//
// Thread safety: a free function without shared state.
#pragma once

#include "talker/Error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace talker {

/// The deepest nesting any JSON we read may have. Our own files nest at most 5 levels (model.json's
/// metrics); 64 leaves room for hand-written metadata. nlohmann's copy, dump and comparison recurse
/// once per level, so a value 100 000 levels deep would overflow the stack after parsing.
constexpr int MaxJsonDepth = 64;

/// The largest JSON file we read: 256 MiB. A codes file of MaxCodeFrames frames of 8 codebooks is
/// about 40 MB; model.json a few kB.
constexpr std::uintmax_t MaxJsonFileBytes = std::uintmax_t(256) << 20;

/// Why parseJson or readJsonFile refused a text. The caller rethrows it as its own error type, naming the file.
class JsonTextError : public Error {
  public:
    using Error::Error;
};

/// Parses `text`. Throws JsonTextError "not valid JSON (<parser's reason>)" or "JSON nested deeper
/// than 64 levels (the most this program reads)".
nlohmann::json parseJson(std::string_view text);

/// The bytes of a JSON file, for parseJson. Throws JsonTextError with the system's reason, or for a
/// file larger than MaxJsonFileBytes.
std::string readJsonFile(const std::filesystem::path& path);

} // namespace talker
