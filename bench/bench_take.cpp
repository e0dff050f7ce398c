// SPDX-License-Identifier: GPL-3.0-or-later
// End to end: one 200-frame take of the "chapter" bundle, from BOS to audio. Generation (Talker,
// sampling, RVQ decode of every frame) plus the bundle's vocoder (Griffin-Lim, 32 iterations) on
// the whole mel, as `talker generate` does it.
//
//   bench_take [--frames 200] [--repeats 5] [--bundle DIR] [--backend auto|fused|libtorch] [--device cpu|cuda]
//
// On CUDA the Talker, the codec and Griffin-Lim run on the GPU (BatchGenerator with one seed).
//
// Prints the median of `repeats` takes (after one warm-up) as one JSON line, with its two parts.
#include "BenchUtil.h"
#include "talker/BatchGenerator.h"
#include "talker/Generator.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"
#include "talker/Vocoder.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

using namespace talker;
using talker::bench::median;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    std::string bundleDir, backendName = "auto", deviceName = "cpu";
    int frames = 200, repeats = 5;
    CLI::App app{"Times whole takes (generation, codec, vocoder); one JSON line per figure."};
    app.add_option("--frames", frames, "frames per take")->check(CLI::Range(1, 4096));
    app.add_option("--repeats", repeats, "timed takes (the median is printed)")->check(CLI::Range(1, 1000));
    app.add_option("--bundle", bundleDir, "model bundle (default: a seeded chapter-sized model)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--backend", backendName, "auto, fused, fused-bf16 or libtorch");
    app.add_option("--device", deviceName, "cpu or cuda")->check(CLI::IsMember({"cpu", "cuda"}));
    CLI11_PARSE(app, argc, argv);
    try {
        configureThreads();
        auto bundle = std::make_shared<const ModelBundle>(
            bundleDir.empty() ? ModelBundle::initialise(ModelConfig::chapter(), 1) : ModelBundle::load(bundleDir));
        const Device device = parseDevice(deviceName);
        // The studio's single stream on the CPU; on CUDA a batch of one on the GPU.
        std::unique_ptr<Generator> generator;
        std::unique_ptr<BatchGenerator> batchGenerator;
        if (device == Device::Cpu)
            generator = std::make_unique<Generator>(bundle, parseBackend(backendName));
        else
            batchGenerator = std::make_unique<BatchGenerator>(bundle, parseBackend(backendName), device);
        const auto vocoder = makeVocoder(bundle->config, device);
        GenerationParams params;
        params.frames = frames;

        std::vector<double> takeSeconds, generateSeconds, vocodeSeconds;
        std::size_t samples = 0;
        for (int r = 0; r <= repeats; ++r) { // r = 0 warms up
            params.sampling.seed = std::uint64_t(r + 1);
            const auto start = Clock::now();
            const Take take =
                generator ? generator->run(params) : batchGenerator->run(params, {params.sampling.seed}).front();
            const double generated = secondsSince(start);
            const auto audio = vocoder->render(take.mel);
            const double total = secondsSince(start);
            samples = audio.size();
            if (r > 0) {
                takeSeconds.push_back(total);
                generateSeconds.push_back(generated);
                vocodeSeconds.push_back(total - generated);
            }
        }
        std::printf("{\"bench\":\"take\",\"bundle\":\"%s\",\"device\":\"%s\",\"backend\":\"%s\",\"vocoder\":\"%s\","
                    "\"iterations\":%d,"
                    "\"frames\":%d,\"audio_seconds\":%.2f,\"generate_seconds\":%.4f,\"vocode_seconds\":%.4f,"
                    "\"take_seconds\":%.4f}\n",
                    bundle->config.name.c_str(), deviceName.c_str(),
                    (generator ? generator->backendName() : batchGenerator->backendName()).c_str(), vocoder->name(),
                    bundle->config.vocoder.iterations, frames, double(samples) / bundle->config.audio.sampleRateHz,
                    median(generateSeconds), median(vocodeSeconds), median(takeSeconds));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
