// SPDX-License-Identifier: GPL-3.0-or-later
// The codec's cost per frame beside the Talker's: whole-take decode, streaming decode (one frame
// in, the frame `lookahead` back out, as the studio and `talker generate` run it), encode, and a
// whole generation (Talker step + sampling + streaming decode) of the same length.
//
//   bench_codec [--bundle DIR] [--frames 200] [--repeats 5]
//
// Prints one JSON line per measurement (median of `repeats`, after one warm-up), ms per frame.
#include "talker/Codec.h"
#include "talker/Generator.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

#include "../core/src/generate/TakeLoop.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace talker;

namespace {

using Clock = std::chrono::steady_clock;

double medianMs(int repeats, const std::function<void()>& work)
{
    work(); // warm-up
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        const auto start = Clock::now();
        work();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    std::string bundleDir;
    int frames = 200, repeats = 5;
    CLI::App app{"Times the codec's decode and encode per frame beside a whole take; one JSON line each."};
    app.add_option("--bundle", bundleDir, "model bundle (default: the shipped default)")->check(CLI::ExistingDirectory);
    app.add_option("--frames", frames, "frames per take")->check(CLI::Range(1, 4096));
    app.add_option("--repeats", repeats, "timed runs per figure (the median is printed)")->check(CLI::Range(1, 1000));
    CLI11_PARSE(app, argc, argv);
    try {
        configureThreads();
        const auto bundle = std::make_shared<const ModelBundle>(
            ModelBundle::load(bundleDir.empty() ? defaultBundlePath() : std::filesystem::path(bundleDir)));
        const auto& config = bundle->config;
        const auto codec = makeCodec(config, bundle->rvqWeights);

        // The codes of a generated take (what the decoder sees in use).
        GenerationParams params;
        params.frames = frames;
        params.sampling.seed = 1;
        Generator generator(bundle);
        const Take take = generator.run(params);
        const Codes& codes = take.codes;
        const int K = codes.codebooks, width = config.codec.subframes * config.audio.melBins;

        auto line = [&](const char* what, double ms) {
            std::printf("{\"bench\":\"codec\",\"bundle\":\"%s\",\"codec\":\"%s\",\"what\":\"%s\",\"frames\":%d,"
                        "\"lookahead\":%d,\"threads\":%d,\"ms_per_frame\":%.4f}\n",
                        config.name.c_str(), config.codec.type.c_str(), what, frames, codec->lookahead(), threadCount(),
                        ms / frames);
            std::fflush(stdout);
        };
        line("decode_whole_take", medianMs(repeats, [&] { (void)codec->decode(codes); }));
        auto frameCodec = makeCpuFrameCodec(*bundle);
        std::vector<float> mel(static_cast<std::size_t>(width));
        line("decode_streaming", medianMs(repeats, [&] {
                 frameCodec->reset(1);
                 for (FrameIndex t = 0; t < codes.frames(); ++t)
                     frameCodec->decode(codes.values.data() + t * K, 1, mel.data());
                 while (frameCodec->flush(1, mel.data())) {
                 }
             }));
        line("encode", medianMs(repeats, [&] { (void)codec->encode(take.mel); }));
        line("generate_take", medianMs(repeats, [&] { (void)generator.run(params); }));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
