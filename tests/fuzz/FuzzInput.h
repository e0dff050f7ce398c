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

inline std::filesystem::path inputFile(const std::uint8_t* data, std::size_t size, const std::string& name)
{
    // /dev/shm when there is one: libFuzzer runs millions of inputs, and a disk would be the bottleneck.
    const std::filesystem::path directory = std::filesystem::is_directory("/dev/shm")
                                                ? std::filesystem::path("/dev/shm")
                                                : std::filesystem::temp_directory_path();
    const std::filesystem::path path = directory / ("talker-fuzz-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

inline std::string inputText(const std::uint8_t* data, std::size_t size)
{
    return std::string(reinterpret_cast<const char*>(data), size);
}

} // namespace talker::fuzz
