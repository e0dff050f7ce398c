// SPDX-License-Identifier: GPL-3.0-or-later
// Audio files: read anything libsndfile opens (WAV, FLAC, OGG, ...) as 16 kHz mono float, write WAV.
//
// Thread safety: free functions without shared state.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace talker {

enum class SampleFormat { Pcm16, Float32 };

/// The extensions (lower case, without the dot) of the audio files the programs offer to open
/// and a folder of recordings is listed by: wav, flac, ogg, oga. readAudio() itself reads whatever
/// libsndfile recognises by content.
inline const std::vector<std::string>& audioFileExtensions()
{
    static const std::vector<std::string> extensions = {"wav", "flac", "ogg", "oga"};
    return extensions;
}

/// Whether `path` ends in one of audioFileExtensions(), in any case.
inline bool hasAudioFileExtension(const std::filesystem::path& path)
{
    std::string extension = path.extension().string();
    if (extension.empty())
        return false;
    extension.erase(0, 1);
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    const auto& known = audioFileExtensions();
    return std::find(known.begin(), known.end(), extension) != known.end();
}

/// Sample rates read and written: 1 kHz is below any speech recording (the bundle's 16 kHz needs a
/// 16x upsampling from there), 768 kHz the highest rate audio interfaces offer. Outside, a header
/// is damaged, and resampling from it would allocate gigabytes or give nothing.
constexpr int MinSampleRateHz = 1000;
constexpr int MaxSampleRateHz = 768000;
/// The most samples held at either rate: 2^28 floats (1 GiB), 4.6 hours at 16 kHz. A header that
/// claims more is refused before anything is allocated.
constexpr std::int64_t MaxAudioSamples = std::int64_t(1) << 28;

/// What an audio file held before readAudio mixed it to mono and resampled it.
struct AudioSourceInfo {
    int sampleRateHz = 0;
    int channels = 0;
    std::int64_t frames = 0; // samples per channel
};

/// Reads an audio file, mixes all channels to mono and resamples (soxr, high quality) to
/// `targetRateHz`. Throws AudioFileError naming the file and the cause: libsndfile's reason, a
/// sample rate outside MinSampleRateHz..MaxSampleRateHz, more than MaxAudioSamples, a NaN or
/// infinite sample, or a file too short to give one sample at `targetRateHz`. Throws
/// ArgumentError for a `targetRateHz` outside the range. `source`, when given, receives the file's
/// own rate, channel count and length.
std::vector<float> readAudio(const std::filesystem::path& path, int targetRateHz = 16000,
                             AudioSourceInfo* source = nullptr);

/// Writes mono samples (nominal range [-1, 1]) as WAV, to a temporary file renamed over `path`.
/// Pcm16 clips to range; Float32 keeps values as they are. Throws AudioFileError on failure.
void writeWav(const std::filesystem::path& path, const std::vector<float>& samples, int sampleRateHz,
              SampleFormat format = SampleFormat::Pcm16);

} // namespace talker
