#include "talker/Audio.h"

#include "talker/Codes.h"
#include "talker/Error.h"

#if TALKER_WITHOUT_AUDIO_FILES
// Only a core built with TALKER_BUILD_UI=OFF on a machine without libsndfile/soxr (scripts/gpu-bench,
// see cmake/TalkerDependencies.cmake) takes this branch: audio files are refused, never faked.
namespace talker {

std::vector<float> readAudio(const std::filesystem::path& path, int)
{
    throw AudioFileError("cannot read audio file '" + path.string() + "': built without libsndfile");
}

void writeWav(const std::filesystem::path& path, const std::vector<float>&, int, SampleFormat)
{
    throw AudioFileError("cannot write audio file '" + path.string() + "': built without libsndfile");
}

} // namespace talker
#else

#include <sndfile.h>
#include <soxr.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>

namespace talker {

namespace {

struct SndfileCloser {
    void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfileHandle = std::unique_ptr<SNDFILE, SndfileCloser>;

[[noreturn]] void throwReadError(const std::filesystem::path& path, const std::string& why)
{
    throw AudioFileError("cannot read audio file '" + path.string() + "': " + why);
}

[[noreturn]] void throwWriteError(const std::filesystem::path& path, const std::string& why)
{
    throw AudioFileError("cannot write audio file '" + path.string() + "': " + why);
}

// libsndfile virtual I/O on a growable byte buffer, so a WAV is encoded in memory and then
// written with writeFileAtomically (one temp-file-and-rename code path for every file we write).
struct MemoryFile {
    std::string bytes;
    sf_count_t position = 0;
};

sf_count_t memoryLength(void* user) { return sf_count_t(static_cast<MemoryFile*>(user)->bytes.size()); }

sf_count_t memorySeek(sf_count_t offset, int whence, void* user)
{
    auto* file = static_cast<MemoryFile*>(user);
    const sf_count_t base = whence == SEEK_CUR ? file->position
                          : whence == SEEK_END ? sf_count_t(file->bytes.size())
                                               : 0;
    file->position = std::max<sf_count_t>(0, base + offset);
    return file->position;
}

sf_count_t memoryRead(void* destination, sf_count_t count, void* user)
{
    auto* file = static_cast<MemoryFile*>(user);
    const sf_count_t available = std::max<sf_count_t>(0, sf_count_t(file->bytes.size()) - file->position);
    const sf_count_t n = std::min(count, available);
    std::memcpy(destination, file->bytes.data() + file->position, std::size_t(n));
    file->position += n;
    return n;
}

sf_count_t memoryWrite(const void* source, sf_count_t count, void* user)
{
    auto* file = static_cast<MemoryFile*>(user);
    const std::size_t end = std::size_t(file->position + count);
    if (end > file->bytes.size())
        file->bytes.resize(end);
    std::memcpy(file->bytes.data() + file->position, source, std::size_t(count));
    file->position += count;
    return count;
}

sf_count_t memoryTell(void* user) { return static_cast<MemoryFile*>(user)->position; }

} // namespace

std::vector<float> readAudio(const std::filesystem::path& path, int targetRateHz)
{
    if (targetRateHz <= 0)
        throw ArgumentError("invalid target sample rate '" + std::to_string(targetRateHz) + " Hz': must be positive");

    SF_INFO info{};
    SndfileHandle file(sf_open(path.c_str(), SFM_READ, &info));
    if (!file) {
        // libsndfile calls a 0-byte file "Format not recognised"; say what is actually wrong.
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error) && std::filesystem::file_size(path, error) == 0)
            throwReadError(path, "the file is empty (0 bytes)");
        throwReadError(path, sf_strerror(nullptr));
    }
    if (info.frames <= 0 || info.channels <= 0)
        throwReadError(path, "it contains no audio frames");
    if (info.samplerate <= 0)
        throwReadError(path, "its sample rate is " + std::to_string(info.samplerate) + " Hz");

    // libsndfile scales integer formats to [-1, 1) when reading float.
    std::vector<float> interleaved(std::size_t(info.frames) * std::size_t(info.channels));
    const sf_count_t framesRead = sf_readf_float(file.get(), interleaved.data(), info.frames);
    if (framesRead <= 0)
        throwReadError(path, std::string("no audio frames could be decoded (") + sf_strerror(file.get()) + ")");

    // Mono as the mean of the channels (not the sum), so a mono file copied to both channels of
    // a stereo file reads back at the same level.
    std::vector<float> mono(std::size_t(framesRead), 0.0f);
    for (sf_count_t t = 0; t < framesRead; ++t) {
        double sum = 0.0;
        for (int c = 0; c < info.channels; ++c)
            sum += interleaved[std::size_t(t) * std::size_t(info.channels) + std::size_t(c)];
        mono[std::size_t(t)] = float(sum / info.channels);
    }
    if (info.samplerate == targetRateHz)
        return mono;

    // Band-limited resampling; soxr's HQ preset (20-bit precision, 95 % passband) is far beyond
    // what a 16 kHz speech model can tell apart, at a cost of milliseconds per second of audio.
    const double ratio = double(targetRateHz) / double(info.samplerate);
    std::vector<float> resampled(std::size_t(std::llround(double(mono.size()) * ratio)));
    const soxr_io_spec_t ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t qualitySpec = soxr_quality_spec(SOXR_HQ, 0);
    std::size_t inputUsed = 0;
    std::size_t outputDone = 0;
    const soxr_error_t error = soxr_oneshot(double(info.samplerate), double(targetRateHz), 1, mono.data(),
                                            mono.size(), &inputUsed, resampled.data(), resampled.size(),
                                            &outputDone, &ioSpec, &qualitySpec, nullptr);
    if (error)
        throwReadError(path, std::string("resampling from ") + std::to_string(info.samplerate) + " Hz to " +
                                 std::to_string(targetRateHz) + " Hz failed (" + error + ")");
    resampled.resize(outputDone);
    return resampled;
}

void writeWav(const std::filesystem::path& path, const std::vector<float>& samples, int sampleRateHz,
              SampleFormat format)
{
    if (sampleRateHz <= 0)
        throwWriteError(path, "the sample rate " + std::to_string(sampleRateHz) + " Hz is not positive");
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (!std::isfinite(samples[i]))
            throwWriteError(path, "sample " + std::to_string(i) + " is not finite (" + std::to_string(samples[i]) + ")");

    MemoryFile memory;
    SF_VIRTUAL_IO io{memoryLength, memorySeek, memoryRead, memoryWrite, memoryTell};
    SF_INFO info{};
    info.samplerate = sampleRateHz;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | (format == SampleFormat::Pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_FLOAT);
    {
        SndfileHandle file(sf_open_virtual(&io, SFM_WRITE, &info, &memory));
        if (!file)
            throwWriteError(path, sf_strerror(nullptr));
        // Without this libsndfile wraps out-of-range floats around when converting to 16 bits.
        sf_command(file.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);
        const sf_count_t written = sf_writef_float(file.get(), samples.data(), sf_count_t(samples.size()));
        if (written != sf_count_t(samples.size()))
            throwWriteError(path, sf_strerror(file.get()));
    } // sf_close writes the final header sizes into memory.bytes

    try {
        writeFileAtomically(path, memory.bytes);
    } catch (const FileError& error) {
        throw AudioFileError(error.what()); // already "cannot write file '<path>': <reason>"
    }
}

} // namespace talker

#endif // TALKER_WITHOUT_AUDIO_FILES
