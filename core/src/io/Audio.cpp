// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Audio.h"

#include "talker/FileWrite.h"
#include "talker/Error.h"

#if TALKER_WITHOUT_AUDIO_FILES
// Only a core built with TALKER_BUILD_UI=OFF on a machine without libsndfile/soxr (scripts/gpu-bench,
// see cmake/TalkerDependencies.cmake) takes this branch: audio files are refused, never faked.
namespace talker {

std::vector<float> readAudio(const std::filesystem::path& path, int, AudioSourceInfo*)
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

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
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

sf_count_t memoryLength(void* user)
{
    return sf_count_t(static_cast<MemoryFile*>(user)->bytes.size());
}

sf_count_t memorySeek(sf_count_t offset, int whence, void* user)
{
    auto* file = static_cast<MemoryFile*>(user);
    const sf_count_t base = whence == SEEK_CUR   ? file->position
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

sf_count_t memoryTell(void* user)
{
    return static_cast<MemoryFile*>(user)->position;
}

std::uint32_t littleEndian(const unsigned char* bytes, int count)
{
    std::uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i)
        value = (value << 8) | bytes[i];
    return value;
}

// libsndfile takes a WAV's sample width from the fmt chunk's bits per sample alone, so a header
// damaged to say 7 bits in blocks of 2 bytes is read as 8-bit samples: another signal, silently.
// WAV's own rule (block align = channels x bytes per sample) tells such a header apart.
void checkWavHeader(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    unsigned char riff[12];
    if (!in.read(reinterpret_cast<char*>(riff), 12) || std::memcmp(riff, "RIFF", 4) != 0 ||
        std::memcmp(riff + 8, "WAVE", 4) != 0)
        return; // RF64 and others: libsndfile's checks alone
    for (int chunk = 0; chunk < 64; ++chunk) {
        unsigned char header[8];
        if (!in.read(reinterpret_cast<char*>(header), 8))
            return;
        const std::uint32_t size = littleEndian(header + 4, 4);
        if (std::memcmp(header, "fmt ", 4) != 0) {
            in.seekg(std::streamoff(size) + std::streamoff(size & 1), std::ios::cur);
            continue;
        }
        unsigned char fmt[16];
        if (size < 16 || !in.read(reinterpret_cast<char*>(fmt), 16))
            return; // libsndfile refuses a short fmt chunk itself
        const std::uint32_t tag = littleEndian(fmt, 2), channels = littleEndian(fmt + 2, 2);
        const std::uint32_t blockAlign = littleEndian(fmt + 12, 2), bits = littleEndian(fmt + 14, 2);
        constexpr std::uint32_t Pcm = 1, IeeeFloat = 3, Extensible = 0xFFFE;
        if (tag != Pcm && tag != IeeeFloat && tag != Extensible)
            return; // compressed formats: libsndfile's checks alone
        if (bits == 0 || channels == 0)
            throwReadError(path, "its WAV header declares " + std::to_string(bits) + " bits per sample and " +
                                     std::to_string(channels) + " channels");
        if (tag == IeeeFloat && bits != 32 && bits != 64)
            throwReadError(path, "its WAV header declares floating-point samples of " + std::to_string(bits) +
                                     " bits (only 32 and 64 exist)");
        const std::uint32_t expectedAlign = channels * ((bits + 7) / 8);
        if (blockAlign != expectedAlign)
            throwReadError(path, "its WAV header is inconsistent: " + std::to_string(bits) + " bits per sample and " +
                                     std::to_string(channels) + " channels in blocks of " + std::to_string(blockAlign) +
                                     " bytes (expected " + std::to_string(expectedAlign) + ")");
        return;
    }
}

std::string sampleRateRange()
{
    return std::to_string(MinSampleRateHz) + ".." + std::to_string(MaxSampleRateHz) + " Hz";
}

} // namespace

std::vector<float> readAudio(const std::filesystem::path& path, int targetRateHz, AudioSourceInfo* source)
{
    if (targetRateHz < MinSampleRateHz || targetRateHz > MaxSampleRateHz)
        throw ArgumentError("invalid target sample rate '" + std::to_string(targetRateHz) + " Hz': must be in " +
                            sampleRateRange());

    checkWavHeader(path); // before libsndfile, which says "Unspecified internal error." for some
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
    if (info.samplerate < MinSampleRateHz || info.samplerate > MaxSampleRateHz)
        throwReadError(path, "its sample rate " + std::to_string(info.samplerate) + " Hz is outside the " +
                                 sampleRateRange() + " this program reads (a damaged header?)");
    // Both lengths are checked before anything is allocated: the header alone can claim them.
    const double ratio = double(targetRateHz) / double(info.samplerate);
    const double resampledSamples = std::round(double(info.frames) * ratio);
    if (info.frames > MaxAudioSamples || resampledSamples > double(MaxAudioSamples))
        throwReadError(path, "it is too long: " + std::to_string(info.frames) + " frames at " +
                                 std::to_string(info.samplerate) + " Hz (" +
                                 std::to_string(std::int64_t(resampledSamples)) + " samples at " +
                                 std::to_string(targetRateHz) + " Hz), more than the " +
                                 std::to_string(MaxAudioSamples) + " samples this program reads");
    if (resampledSamples < 1)
        throwReadError(path, "it is too short: " + std::to_string(info.frames) + " frames at " +
                                 std::to_string(info.samplerate) + " Hz make no sample at " +
                                 std::to_string(targetRateHz) + " Hz");

    if (source)
        *source = {info.samplerate, info.channels, std::int64_t(info.frames)};

    // Read in blocks and mix to mono as we go (the mean of the channels, not the sum, so a mono
    // file copied to both channels of a stereo file reads back at the same level); only the mono
    // signal is held. libsndfile scales integer formats to [-1, 1) when reading float.
    constexpr sf_count_t BlockFrames = 4096;
    const std::size_t channels = std::size_t(info.channels);
    std::vector<float> block(std::size_t(BlockFrames) * channels);
    std::vector<float> mono;
    mono.reserve(std::size_t(info.frames));
    while (sf_count_t(mono.size()) < info.frames) {
        const sf_count_t wanted = std::min(BlockFrames, info.frames - sf_count_t(mono.size()));
        const sf_count_t got = sf_readf_float(file.get(), block.data(), wanted);
        if (got <= 0)
            break;
        for (sf_count_t t = 0; t < got; ++t) {
            double sum = 0.0;
            for (std::size_t c = 0; c < channels; ++c) {
                const float sample = block[std::size_t(t) * channels + c];
                if (!std::isfinite(sample))
                    throwReadError(path, "frame " + std::to_string(mono.size()) + ", channel " + std::to_string(c) +
                                             " is not finite (" + numberText(sample) + ")");
                sum += sample;
            }
            mono.push_back(float(sum / double(channels)));
        }
    }
    if (mono.empty())
        throwReadError(path, std::string("no audio frames could be decoded (") + sf_strerror(file.get()) + ")");
    if (sf_error(file.get()) != SF_ERR_NO_ERROR)
        throwReadError(path, "decoding stopped after " + std::to_string(mono.size()) + " of " +
                                 std::to_string(info.frames) + " frames (" + sf_strerror(file.get()) + ")");
    if (info.samplerate == targetRateHz)
        return mono;

    // Band-limited resampling; soxr's HQ preset (20-bit precision, 95 % passband) is far beyond
    // what a 16 kHz speech model can tell apart, at a cost of milliseconds per second of audio.
    std::vector<float> resampled(std::size_t(std::max<long long>(1, std::llround(double(mono.size()) * ratio))));
    const soxr_io_spec_t ioSpec = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t qualitySpec = soxr_quality_spec(SOXR_HQ, 0);
    std::size_t inputUsed = 0;
    std::size_t outputDone = 0;
    const soxr_error_t error =
        soxr_oneshot(double(info.samplerate), double(targetRateHz), 1, mono.data(), mono.size(), &inputUsed,
                     resampled.data(), resampled.size(), &outputDone, &ioSpec, &qualitySpec, nullptr);
    if (error)
        throwReadError(path, std::string("resampling from ") + std::to_string(info.samplerate) + " Hz to " +
                                 std::to_string(targetRateHz) + " Hz failed (" + error + ")");
    if (outputDone == 0)
        throwReadError(path, "it is too short: " + std::to_string(mono.size()) + " frames at " +
                                 std::to_string(info.samplerate) + " Hz make no sample at " +
                                 std::to_string(targetRateHz) + " Hz");
    resampled.resize(outputDone);
    return resampled;
}

void writeWav(const std::filesystem::path& path, const std::vector<float>& samples, int sampleRateHz,
              SampleFormat format)
{
    if (sampleRateHz < MinSampleRateHz || sampleRateHz > MaxSampleRateHz)
        throwWriteError(path,
                        "the sample rate " + std::to_string(sampleRateHz) + " Hz is outside " + sampleRateRange());
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (!std::isfinite(samples[i]))
            throwWriteError(path,
                            "sample " + std::to_string(i) + " is not finite (" + std::to_string(samples[i]) + ")");

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
