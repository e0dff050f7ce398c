// SPDX-License-Identifier: GPL-3.0-or-later
// Vocoder micro-benchmarks: the mel front end and Griffin-Lim on 1000 mel frames (16 s, the
// length of a 200-token take), plus streaming. One JSON line per measurement on stdout.
//
//   build/bench/bench_vocoder            # all threads
//   build/bench/bench_vocoder 2          # two threads, as on the reference 2-core machine
#include "talker/Config.h"
#include "talker/GriffinLim.h"
#include "talker/MelFrontEnd.h"
#include "talker/Runtime.h"
#include "talker/StreamingVocoder.h"

#include <torch/torch.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A voiced, speech-like test signal: a gliding 90-200 Hz harmonic source shaped by three slowly
// moving formants, gated into 4 Hz "syllables" with a pause every two seconds. It exercises
// Griffin-Lim the way speech does (harmonics, onsets, silence) without needing a recording.
std::vector<float> speechLikeSignal(int sampleRateHz, std::int64_t sampleCount)
{
    std::vector<float> samples(static_cast<std::size_t>(sampleCount));
    double phase = 0.0;
    for (std::int64_t i = 0; i < sampleCount; ++i) {
        const double t = double(i) / sampleRateHz;
        const double f0Hz = 140.0 + 40.0 * std::sin(2 * M_PI * 0.5 * t) + 15.0 * std::sin(2 * M_PI * 3.1 * t);
        phase += 2 * M_PI * f0Hz / sampleRateHz;
        const double formantsHz[3] = {600.0 + 200.0 * std::sin(2 * M_PI * 1.3 * t),
                                      1500.0 + 400.0 * std::sin(2 * M_PI * 0.9 * t), 2600.0};
        double value = 0.0;
        for (int h = 1; h * f0Hz < 4000.0; ++h) {
            double gain = 0.0;
            for (double formantHz : formantsHz)
                gain += std::exp(-std::pow((h * f0Hz - formantHz) / 150.0, 2));
            value += (0.05 + gain) / h * std::sin(h * phase);
        }
        const double syllable = 0.5 - 0.5 * std::cos(2 * M_PI * 4.0 * t);
        const bool pause = std::fmod(t, 2.0) > 1.75;
        samples[std::size_t(i)] = float(pause ? 0.0 : 0.2 * syllable * value);
    }
    return samples;
}

template <typename F> double medianSeconds(int repeats, F&& run)
{
    run(); // warm-up: first-call allocations and FFT plans
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        run();
        times.push_back(secondsSince(start));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// ||  |STFT(audio)| - target || / || target ||, both (frames, nFft/2+1).
double spectralConvergence(const std::vector<float>& audio, const std::vector<float>& target,
                           const talker::AudioConfig& audioConfig)
{
    torch::InferenceMode inferenceMode;
    const std::int64_t freqBins = audioConfig.nFft / 2 + 1;
    const torch::Tensor signal = torch::from_blob(const_cast<float*>(audio.data()), {std::int64_t(audio.size())});
    const torch::Tensor magnitude =
        torch::stft(signal, audioConfig.nFft, audioConfig.hopSamples, audioConfig.winLength,
                    torch::hann_window(audioConfig.winLength, /*periodic=*/true), /*center=*/true, "constant",
                    /*normalized=*/false, /*onesided=*/true, /*return_complex=*/true)
            .abs()
            .t(); // (frames, nFft/2+1)
    const torch::Tensor expected =
        torch::from_blob(const_cast<float*>(target.data()), {std::int64_t(target.size()) / freqBins, freqBins});
    return ((magnitude - expected).norm() / expected.norm()).item<double>();
}

} // namespace

int main(int argc, char** argv)
{
    int threads = std::max(1, int(std::thread::hardware_concurrency()));
    CLI::App app{"Times the mel front end and Griffin-Lim (whole and streamed) on 16 s of speech-like audio; one "
                 "JSON line per figure."};
    app.add_option("threads", threads, "LibTorch threads (default: every core)")->check(CLI::Range(1, 1024));
    CLI11_PARSE(app, argc, argv);
    at::set_num_threads(threads);

    const talker::ModelConfig config = talker::ModelConfig::chapter();
    const talker::AudioConfig& audio = config.audio;
    const std::int64_t frames = 1000; // a 200-token take: 200 x 5 mel frames
    const std::vector<float> signal = speechLikeSignal(audio.sampleRateHz, (frames - 1) * audio.hopSamples);
    const double audioSeconds = double(signal.size()) / audio.sampleRateHz;

    const talker::MelFrontEnd frontEnd(audio);
    talker::Mel mel;
    const double melSeconds = medianSeconds(5, [&] { mel = frontEnd.logMel(signal); });
    std::printf("{\"bench\":\"mel\",\"threads\":%d,\"frames\":%lld,\"audio_seconds\":%.3f,\"ms\":%.2f}\n", threads,
                (long long)mel.frames(), audioSeconds, melSeconds * 1e3);

    const talker::GriffinLim vocoder(audio, config.vocoder);
    std::vector<float> magnitude;
    const double inverseSeconds = medianSeconds(5, [&] { magnitude = vocoder.melToMagnitude(mel); });
    std::printf("{\"bench\":\"mel_to_magnitude\",\"frames\":%lld,\"ms\":%.2f}\n", (long long)mel.frames(),
                inverseSeconds * 1e3);

    std::vector<float> rendered;
    const std::clock_t cpuStart = std::clock();
    const double renderSeconds = medianSeconds(3, [&] { rendered = vocoder.renderUnnormalised(mel); });
    // Process CPU time per render (all threads): on a shared, oversubscribed machine the wall
    // time mostly measures the neighbours, while one thread's CPU time is what a quiet core takes.
    const double renderCpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC / 4;
    std::printf("{\"bench\":\"griffin_lim\",\"threads\":%d,\"iterations\":%d,\"frames\":%lld,\"audio_seconds\":%.3f,"
                "\"seconds\":%.3f,\"cpu_seconds\":%.3f,\"rtf\":%.4f,\"us_per_iteration\":%.0f,"
                "\"spectral_convergence\":%.4f}\n",
                threads, vocoder.iterations(), (long long)mel.frames(), audioSeconds, renderSeconds, renderCpuSeconds,
                renderSeconds / audioSeconds, renderSeconds / std::max(1, vocoder.iterations()) * 1e6,
                spectralConvergence(rendered, magnitude, audio));

    // The whole-signal render as a take's audio is made: render() on threadCount() threads (its
    // chunks claimed by a WorkerPool), against the one-thread renderUnnormalised above; the audio
    // must be the same.
    std::vector<float> whole;
    const double wholeSeconds = medianSeconds(3, [&] { whole = vocoder.render(mel); });
    std::vector<float> normalised = rendered;
    talker::normalisePeak(normalised, config.vocoder.peakDbfs);
    std::printf("{\"bench\":\"griffin_lim_render\",\"threads\":%d,\"frames\":%lld,\"seconds\":%.3f,"
                "\"speedup_over_one_thread\":%.2f,\"same_audio\":%s}\n",
                talker::threadCount(), (long long)mel.frames(), wholeSeconds, renderSeconds / wholeSeconds,
                whole == normalised ? "true" : "false");

    // Quality against the source signal: the spectral convergence to its true magnitude (mel
    // inversion and phase retrieval together) and the mean log-mel distance (what a listener's
    // ear roughly compares; 0.0 would be a perfect copy).
    {
        torch::InferenceMode inferenceMode;
        const std::vector<float> sourceMagnitude = [&] {
            const torch::Tensor s = torch::from_blob(const_cast<float*>(signal.data()), {std::int64_t(signal.size())});
            const torch::Tensor m = torch::stft(s, audio.nFft, audio.hopSamples, audio.winLength,
                                                torch::hann_window(audio.winLength, /*periodic=*/true),
                                                /*center=*/true, "constant", /*normalized=*/false,
                                                /*onesided=*/true, /*return_complex=*/true)
                                        .abs()
                                        .t()
                                        .contiguous();
            return std::vector<float>(m.data_ptr<float>(), m.data_ptr<float>() + m.numel());
        }();
        const talker::Mel renderedMel = frontEnd.logMel(rendered);
        double distance = 0.0;
        for (std::size_t i = 0; i < mel.values.size(); ++i)
            distance += std::abs(renderedMel.values[i] - mel.values[i]);
        std::printf(
            "{\"bench\":\"griffin_lim_quality\",\"spectral_convergence_to_source\":%.4f,"
            "\"mel_to_magnitude_convergence\":%.4f,\"log_mel_l1\":%.4f}\n",
            spectralConvergence(rendered, sourceMagnitude, audio),
            [&] {
                const torch::Tensor a = torch::from_blob(magnitude.data(), {std::int64_t(magnitude.size())});
                const torch::Tensor b = torch::from_blob(const_cast<float*>(sourceMagnitude.data()),
                                                         {std::int64_t(sourceMagnitude.size())});
                return ((a - b).norm() / b.norm()).item<double>();
            }(),
            distance / double(mel.values.size()));
    }

    // Streaming as the generator feeds it: 5 mel frames (one token) per push.
    double firstChunkSeconds = 0.0;
    std::int64_t firstChunkFrames = 0;
    const auto streamStart = Clock::now();
    talker::StreamingVocoder stream(vocoder, audio, config.vocoder.peakDbfs);
    std::int64_t streamedSamples = 0;
    for (std::int64_t t = 0; t < frames; t += config.codec.subframes) {
        const int count = int(std::min<std::int64_t>(config.codec.subframes, frames - t));
        const std::vector<float> chunk = stream.push(mel.frame(t), count);
        if (!chunk.empty() && streamedSamples == 0) {
            firstChunkSeconds = secondsSince(streamStart);
            firstChunkFrames = t + count;
        }
        streamedSamples += std::int64_t(chunk.size());
    }
    streamedSamples += std::int64_t(stream.finish().size());
    const double streamSeconds = secondsSince(streamStart);
    std::printf("{\"bench\":\"griffin_lim_streaming\",\"threads\":%d,\"frames\":%lld,\"samples\":%lld,"
                "\"first_chunk_after_frames\":%lld,\"first_chunk_ms\":%.1f,\"seconds\":%.3f,\"rtf\":%.4f}\n",
                threads, (long long)frames, (long long)streamedSamples, (long long)firstChunkFrames,
                firstChunkSeconds * 1e3, streamSeconds, streamSeconds / audioSeconds);
    return 0;
}
