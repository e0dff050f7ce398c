// SPDX-License-Identifier: GPL-3.0-or-later
// talker generate: sample a take from a bundle and write its audio and codes.
#include "Commands.h"

#include "talker/Audio.h"
#include "talker/BatchGenerator.h"
#include "talker/Error.h"
#include "talker/Generator.h"
#include "talker/Vocoder.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <random>

namespace talker::cli {

namespace {

/// "out.wav" -> "out-3.wav": the file of variation `index` (1-based) of a batch.
std::string variationPath(const std::string& path, int index)
{
    const std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + "-" + std::to_string(index) + p.extension().string())).string();
}

// A batch of B takes holds B KV caches and B audio buffers: 64 is far more than a person listens
// to at once, and bounded memory.
constexpr int MaxVariations = 64;

} // namespace

// CLI11 reads "-1" into a uint64 as 2^64 - 1 and clamps 2^70: a seed is digits that fit 64 bits.
CLI::Validator seedValidator()
{
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::uint64_t value = 0;
            const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
            if (text.empty() || text[0] == '-' || text[0] == '+' || result.ec != std::errc() ||
                result.ptr != text.data() + text.size())
                return "invalid seed '" + text + "': expected an integer in 0..18446744073709551615";
            return {};
        },
        "UINT64");
}

void addGenerateCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("generate", "Generate speech codes, decode them and write a WAV");
    struct Options {
        std::string bundle, output, codes, prompt, backend = "auto", device = "cpu";
        int frames = 200;
        int variations = 1;
        SamplingParams sampling;
        bool haveSeed = false, floatWav = false, realTime = false;
    };
    auto o = std::make_shared<Options>();
    addBundleOption(*command, o->bundle);
    command->add_option("--frames", o->frames, "Frames to generate (12.5 frames = 1 s)")->capture_default_str();
    command->add_option("--temperature", o->sampling.temperature, "Softmax temperature (0 = argmax)")
        ->capture_default_str();
    command->add_flag("--argmax", o->sampling.argmax, "Always take the most probable code");
    command->add_option("--top-k", o->sampling.topK, "Keep only the k most probable codes (0 = off)")
        ->capture_default_str();
    command->add_option("--top-p", o->sampling.topP, "Keep the smallest set of codes whose probability reaches p")
        ->capture_default_str();
    auto* seed = command->add_option("--seed", o->sampling.seed, "Random seed (default: a new one, printed)")
                     ->check(seedValidator());
    command->add_option("-o,--output", o->output, "WAV file to write")->required();
    command->add_option("--codes", o->codes, "Also write the codes as JSON");
    command->add_option("--prompt", o->prompt, "Codes JSON to continue from (its frames are the prompt)");
    command->add_flag("--float", o->floatWav, "Write 32-bit float WAV instead of 16-bit PCM");
    command->add_flag("--real-time", o->realTime, "Pace generation at the model's frame rate");
    command
        ->add_option("--backend", o->backend,
                     "Talker implementation: auto (fused where it covers the model), fused, fused-bf16 (bfloat16 "
                     "weights: faster, logits within ~2e-2) or libtorch")
        ->capture_default_str();
    command
        ->add_option("--variations", o->variations,
                     "Generate B takes in one batched pass, seeds seed .. seed+B-1, written as out-1.wav .. out-B.wav")
        ->capture_default_str();
    command
        ->add_option("--device", o->device,
                     "Where the Talker runs: cpu or cuda (LibTorch on the GPU; with --backend fused or fused-bf16 the "
                     "project's CUDA kernels)")
        ->capture_default_str();
    command->callback([o, seed] {
        if (seed->count() == 0)
            o->sampling.seed = std::random_device{}();
        auto bundle = std::make_shared<const ModelBundle>(ModelBundle::load(bundlePathOrDefault(o->bundle)));
        GenerationParams params;
        params.frames = o->frames;
        params.sampling = o->sampling;
        params.realTime = o->realTime;
        if (!o->prompt.empty())
            params.prompt = readCodesJson(o->prompt);
        params.validate(bundle->config);
        const Device device = parseDevice(o->device);
        if (o->frames < 1)
            throw ArgumentError("invalid frame count " + std::to_string(o->frames) + ": expected 1 or more");
        if (o->variations < 1 || o->variations > MaxVariations)
            throw ArgumentError("invalid variation count " + std::to_string(o->variations) + ": expected 1.." +
                                std::to_string(MaxVariations));
        if (o->variations > 1 && o->realTime)
            throw ArgumentError("cannot combine --real-time with --variations " + std::to_string(o->variations) +
                                ": pacing is for watching one take");
        if (o->variations > 1 || device == Device::Cuda) {
            // Batched: all variations advance together, reading the Talker's weights once per step.
            BatchGenerator generator(bundle, parseBackend(o->backend), device);
            if (!generator.fallbackReason().empty())
                std::cerr << "note: " << generator.fallbackReason() << "\n";
            std::vector<std::uint64_t> seeds;
            for (int b = 0; b < o->variations; ++b)
                seeds.push_back(params.sampling.seed + std::uint64_t(b));
            std::cerr << "generating " << o->variations << " x " << o->frames << " frames with '" << bundle->config.name
                      << "' (" << params.sampling.describe() << " .. " << seeds.back() << ", "
                      << generator.backendName() << " on " << o->device << ")\n";
            const long total = long(params.prompt.frames() + o->frames);
            const auto takes = generator.run(params, seeds, [total](int stream, const FrameEvent& e) {
                if (stream == 0 && ((e.index + 1) % 50 == 0 || e.index + 1 == total))
                    progress("frames", long(e.index + 1), total);
            });
            const auto vocoder = makeVocoder(bundle->config, device); // Griffin-Lim beside the Talker
            for (int b = 0; b < o->variations; ++b) {
                const Take& take = takes[std::size_t(b)];
                const bool single = o->variations == 1;
                const std::string wav = single ? o->output : variationPath(o->output, b + 1);
                const auto audio = vocoder->render(take.mel);
                writeWav(wav, audio, bundle->config.audio.sampleRateHz,
                         o->floatWav ? SampleFormat::Float32 : SampleFormat::Pcm16);
                if (!o->codes.empty())
                    writeCodesJson(single ? o->codes : variationPath(o->codes, b + 1), take.codes, bundle->config);
                std::cerr << "wrote '" << wav << "': " << take.codes.frames() << " frames, seed "
                          << seeds[std::size_t(b)] << "\n";
            }
            std::cerr << "Talker " << takes.front().totalMs / std::max<double>(1, double(o->frames) * o->variations)
                      << " ms/frame over the batch\n";
            return;
        }

        Generator generator(bundle, parseBackend(o->backend));
        if (!generator.fallbackReason().empty())
            std::cerr << "note: " << generator.fallbackReason() << "\n";
        std::cerr << "generating " << o->frames << " frames with '" << bundle->config.name << "' ("
                  << params.sampling.describe() << ", " << generator.backendName() << ")\n";
        const long total = long(params.prompt.frames() + o->frames);
        const auto started = std::chrono::steady_clock::now();
        const Take take = generator.run(params, [total](const FrameEvent& e) {
            if ((e.index + 1) % 50 == 0 || e.index + 1 == total)
                progress("frames", long(e.index + 1), total);
        });
        const auto vocoder = makeVocoder(bundle->config);
        const auto audio = vocoder->render(take.mel);
        // The take's time from the first frame to its audio (not the bundle load, not the write).
        const double takeMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        writeWav(o->output, audio, bundle->config.audio.sampleRateHz,
                 o->floatWav ? SampleFormat::Float32 : SampleFormat::Pcm16);
        if (!o->codes.empty())
            writeCodesJson(o->codes, take.codes, bundle->config);
        std::cerr << "wrote '" << o->output << "': " << take.codes.frames() << " frames, "
                  << double(audio.size()) / bundle->config.audio.sampleRateHz << " s; Talker "
                  << take.totalMs / std::max<double>(1, double(o->frames)) << " ms/frame; take "
                  << long(std::lround(takeMs)) << " ms with the vocoder; seed " << params.sampling.seed << "\n";
    });
}

} // namespace talker::cli
