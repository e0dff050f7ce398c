// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the fuzz targets: the readers take paths, as a user's files reach them, so each input
// is written to a temporary file first (one per process and target, rewritten for every input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace talker::fuzz {

/// Where this process keeps its input called `name`: /dev/shm when there is one, since libFuzzer
/// runs millions of inputs and a disk would be the bottleneck.
inline std::filesystem::path scratchPath(const std::string& name)
{
    const std::filesystem::path directory = std::filesystem::is_directory("/dev/shm")
                                                ? std::filesystem::path("/dev/shm")
                                                : std::filesystem::temp_directory_path();
    return directory / ("talker-fuzz-" + std::to_string(::getpid()) + "-" + name);
}

inline std::filesystem::path inputFile(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    const std::filesystem::path path = scratchPath(name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

inline std::string inputText(const std::uint8_t* data, std::size_t size)
{
    return std::string(reinterpret_cast<const char*>(data), size);
}

} // namespace talker::fuzz
