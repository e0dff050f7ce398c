// Audio files: read anything libsndfile opens (WAV, FLAC, OGG, ...) as 16 kHz mono float, write WAV.
//
// Thread safety: free functions without shared state.
#pragma once

#include <filesystem>
#include <vector>

namespace talker {

enum class SampleFormat { Pcm16, Float32 };

/// Reads an audio file, mixes all channels to mono and resamples (soxr, high quality) to
/// `targetRateHz`. Throws AudioFileError naming the file and libsndfile's reason.
std::vector<float> readAudio(const std::filesystem::path& path, int targetRateHz = 16000);

/// Writes mono samples (nominal range [-1, 1]) as WAV, to a temporary file renamed over `path`.
/// Pcm16 clips to range; Float32 keeps values as they are. Throws AudioFileError on failure.
void writeWav(const std::filesystem::path& path, const std::vector<float>& samples, int sampleRateHz,
              SampleFormat format = SampleFormat::Pcm16);

} // namespace talker
