// SPDX-License-Identifier: GPL-3.0-or-later
// The CUDA Talker (core/src/generate/cuda/) on the first CUDA device, in one run: its parity with
// LibTorch, single-stream ms per frame against LibTorch CUDA, and batched frames per second against
// the device's memory-bandwidth floor. scripts/gpu-bench runs it; it needs no Qt.
//
//   bench_cuda [--frames 200] [--repeats 5] [--batches 1,4,16,64,256,1024,2048,4096] [--bundle DIR]
//              [--bandwidth-gbs X]
//
// One JSON line per measurement:
//   cuda_parity   max |cuda - libtorch| of the logits over `frames` frames of random codes (K = 2
//                 and 8, B = 1 and 64; LibTorch on CUDA when it has CUDA, else on the CPU), against
//                 1e-4 for float32 weights and 5e-2 for bfloat16 (fused-bf16 is within ~2e-2).
//   cuda_single   one stream, ms per frame (median of `repeats` 200-frame takes): "libtorch" (its
//                 CUDA module, host argmax), "cuda-fused" stepped from the host (the same host
//                 round trip per frame, host argmax) and "cuda-fused" generating on the device
//                 (argmax on the device, no host round trip).
//   cuda_batch    B streams generating on the device (temperature 1 sampling), frames per second,
//                 with the bandwidth floor: a step must read every Linear weight once and each
//                 stream's KV cache so far, so no step is faster than those bytes at the memory's
//                 bandwidth (theoretical peak from the device's clock and bus width unless
//                 --bandwidth-gbs gives a measured one). The weights (~9 MB) fit the L2 cache of
//                 an A100/H100, so a small batch can beat the DRAM floor; ratio_to_floor < 1 then.
// Weights are a freshly initialised bundle ("chapter" K = 2, "clear" K = 8) unless --bundle is given.
#include "BenchUtil.h"
#include "talker/Device.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"
#include "talker/Talker.h"

#include "../core/src/generate/BatchDecoder.h"
#include "../core/src/generate/cuda/CudaTalker.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace talker;
using talker::bench::argmaxCodes;
using talker::bench::median;

namespace {

using Clock = std::chrono::steady_clock;

/// Seconds for one take of `frames` frames stepped from the host (host argmax).
double timeStepped(BatchDecoder& decoder, const TalkerConfig& c, int frames)
{
    std::vector<std::int32_t> codes(std::size_t(c.codebooks), c.bosIndex());
    const auto start = Clock::now();
    decoder.reset(1, frames);
    for (int t = 0; t < frames; ++t)
        argmaxCodes(decoder.step(codes.data()), c.codebooks, c.codebookSize, codes.data());
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Max |a - b| of the logits of two decoders fed the same random codes for `frames` frames.
double parity(BatchDecoder& a, BatchDecoder& b, const TalkerConfig& c, int batch, int frames)
{
    a.reset(batch, frames);
    b.reset(batch, frames);
    std::mt19937 rng(3);
    std::vector<std::int32_t> codes(std::size_t(batch) * c.codebooks, c.bosIndex());
    const std::size_t count = codes.size() * std::size_t(c.codebookSize);
    double maxDiff = 0;
    for (int t = 0; t < frames; ++t) {
        const float* x = a.step(codes.data());
        const float* y = b.step(codes.data());
        for (std::size_t i = 0; i < count; ++i)
            maxDiff = std::max(maxDiff, double(std::abs(x[i] - y[i])));
        for (auto& code : codes)
            code = std::int32_t(rng() % std::uint32_t(c.codebookSize));
    }
    return maxDiff;
}

} // namespace

int main(int argc, char** argv)
{
    int frames = 200, repeats = 5;
    double bandwidthGBs = 0;
    std::string bundleDir;
    std::vector<int> batches = {1, 4, 16, 64, 256, 1024, 2048, 4096};
    CLI::App app{"The project's CUDA kernels against LibTorch on the GPU; one JSON line per measurement."};
    app.add_option("--frames", frames, "frames per take")->check(CLI::Range(1, 4096));
    app.add_option("--repeats", repeats, "timed runs per figure (the median is printed)")->check(CLI::Range(1, 1000));
    app.add_option("--batches", batches, "batch sizes, e.g. 1,64,4096")->delimiter(',')->check(CLI::Range(1, 1 << 20));
    app.add_option("--bundle", bundleDir, "model bundle (default: a seeded chapter-sized model)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--bandwidth-gbs", bandwidthGBs,
                   "the GPU's measured memory bandwidth (default: its theoretical one)")
        ->check(CLI::Range(1.0, 1e6));
    CLI11_PARSE(app, argc, argv);
    try {
        configureThreads();
        std::string reason;
        if (cuda::deviceCount(&reason) == 0) {
            std::fprintf(stderr, "error: %s\n", reason.c_str());
            return 1;
        }
        const cuda::DeviceInfo info = cuda::deviceInfo(0);
        const bool measuredBandwidth = bandwidthGBs > 0;
        if (!measuredBandwidth)
            bandwidthGBs = info.bandwidthGBs;
        std::printf("{\"bench\":\"cuda_device\",\"name\":\"%s\",\"compute\":\"%d.%d\",\"multiprocessors\":%d,"
                    "\"memory_gib\":%.1f,\"l2_mib\":%.1f,\"bandwidth_gbs\":%.0f,\"bandwidth_source\":\"%s\","
                    "\"libtorch_cuda\":%s}\n",
                    info.name.c_str(), info.computeMajor, info.computeMinor, info.multiprocessors,
                    double(info.memoryBytes) / (1 << 30), double(info.l2Bytes) / (1 << 20), bandwidthGBs,
                    measuredBandwidth ? "given" : "theoretical", cudaAvailable() ? "true" : "false");
        std::fflush(stdout);
        const Device referenceDevice = cudaAvailable() ? Device::Cuda : Device::Cpu;

        // Parity first: the figures below mean nothing if the logits are wrong.
        for (const char* preset : {"chapter", "clear"}) {
            const ModelBundle bundle = ModelBundle::initialise(ModelConfig::preset(preset), 1);
            for (const auto format : {kernels::WeightFormat::Float32, kernels::WeightFormat::BFloat16})
                for (const int batch : {1, 64}) {
                    auto reference = makeLibTorchBatchDecoder(bundle, referenceDevice);
                    auto mine = cuda::makeCudaBatchDecoder(bundle, format);
                    const double diff = parity(*mine, *reference, bundle.config.talker, batch, frames);
                    // float32 must match within 1e-4; bfloat16 weights move logits by ~2e-2 (fused-bf16).
                    const double bound = format == kernels::WeightFormat::Float32 ? 1e-4 : 5e-2;
                    std::printf("{\"bench\":\"cuda_parity\",\"model\":\"%s\",\"path\":\"%s\",\"codebooks\":%d,"
                                "\"batch\":%d,\"frames\":%d,\"reference\":\"libtorch-%s\",\"max_abs_diff\":%.3g,"
                                "\"bound\":%g,\"within_bound\":%s}\n",
                                preset, mine->name(), bundle.config.talker.codebooks, batch, frames,
                                deviceName(referenceDevice), diff, bound, diff < bound ? "true" : "false");
                    std::fflush(stdout);
                }
        }

        const ModelBundle bundle =
            bundleDir.empty() ? ModelBundle::initialise(ModelConfig::chapter(), 1) : ModelBundle::load(bundleDir);
        const TalkerConfig& c = bundle.config.talker;
        const std::size_t kvRowBytes = std::size_t(c.kvHeads) * c.headDim * sizeof(float) * 2; // k and v
        for (const auto format : {kernels::WeightFormat::Float32, kernels::WeightFormat::BFloat16}) {
            cuda::CudaTalker talker(c, bundle.talkerWeights, format);
            const double weightBytes = double(talker.linearBytes());
            // One stream.
            SamplingParams greedy;
            greedy.argmax = true;
            std::vector<double> stepped, device, deviceWall;
            auto decoder = cuda::makeCudaBatchDecoder(bundle, format);
            for (int r = -1; r < repeats; ++r) { // r = -1: warm-up
                const double s = timeStepped(*decoder, c, frames);
                double onDevice = 0;
                const auto start = Clock::now();
                talker.generate(frames, greedy, {1}, &onDevice);
                const double wall = std::chrono::duration<double>(Clock::now() - start).count();
                if (r >= 0) {
                    stepped.push_back(s);
                    device.push_back(onDevice);
                    deviceWall.push_back(wall);
                }
            }
            double libtorchMs = 0;
            if (format == kernels::WeightFormat::Float32 && cudaAvailable()) {
                auto libtorch = makeLibTorchBatchDecoder(bundle, Device::Cuda);
                std::vector<double> seconds;
                for (int r = -1; r < repeats; ++r)
                    if (const double s = timeStepped(*libtorch, c, frames); r >= 0)
                        seconds.push_back(s);
                libtorchMs = median(seconds) * 1e3 / frames;
                std::printf("{\"bench\":\"cuda_single\",\"path\":\"libtorch\",\"device\":\"cuda\",\"frames\":%d,"
                            "\"ms_per_frame\":%.4f}\n",
                            frames, libtorchMs);
            }
            const double floorMs = weightBytes / (bandwidthGBs * 1e9) * 1e3;
            const auto single = [&](const char* mode, double ms) {
                std::printf("{\"bench\":\"cuda_single\",\"path\":\"%s\",\"mode\":\"%s\",\"frames\":%d,"
                            "\"ms_per_frame\":%.4f,\"speedup_vs_libtorch_cuda\":%s,\"weight_bytes\":%.0f,"
                            "\"floor_ms_per_frame\":%.5f,\"ratio_to_floor\":%.1f}\n",
                            talker.name(), mode, frames, ms,
                            libtorchMs > 0 ? std::to_string(libtorchMs / ms).c_str() : "null", weightBytes, floorMs,
                            ms / floorMs);
            };
            single("stepped-from-host", median(stepped) * 1e3 / frames);
            single("on-device-events", median(device) * 1e3 / frames);
            single("on-device-wall", median(deviceWall) * 1e3 / frames);
            std::fflush(stdout);

            // Batches, sampled on the device.
            SamplingParams sampling; // temperature 1, no top-k/top-p
            for (const int batch : batches) {
                std::vector<std::uint64_t> seeds(static_cast<std::size_t>(batch));
                for (int b = 0; b < batch; ++b)
                    seeds[std::size_t(b)] = std::uint64_t(b + 1);
                std::vector<double> seconds;
                for (int r = -1; r < std::max(2, repeats / 2); ++r) {
                    double s = 0;
                    talker.generate(frames, sampling, seeds, &s);
                    if (r >= 0)
                        seconds.push_back(s);
                }
                const double stepSeconds = median(seconds) / frames;
                // Bytes a step must read: the weights once, and on average half a take of KV cache.
                const double kvBytes = double(c.layers) * batch * (frames + 1) / 2.0 * double(kvRowBytes);
                const double floorSeconds = (weightBytes + kvBytes) / (bandwidthGBs * 1e9);
                std::printf("{\"bench\":\"cuda_batch\",\"path\":\"%s\",\"batch\":%d,\"frames\":%d,"
                            "\"frames_per_s\":%.0f,\"ms_per_step\":%.4f,\"floor_ms_per_step\":%.5f,"
                            "\"floor_frames_per_s\":%.0f,\"ratio_to_floor\":%.2f}\n",
                            talker.name(), batch, frames, batch / stepSeconds, stepSeconds * 1e3, floorSeconds * 1e3,
                            batch / floorSeconds, stepSeconds / floorSeconds);
                std::fflush(stdout);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
