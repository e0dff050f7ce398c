// Talker decode speed: the LibTorch reference against the fused CPU path, single stream (ms per
// frame; the fused path on one core and on all, with float32 and bfloat16 weights) and batched
// (frames per second for B = 1, 8, 64), in one run so the ratios are meaningful.
//
//   bench_decode [--device cpu|cuda] [--frames 200] [--repeats 7] [--batches 1,8,64] [--bundle DIR]
//
// One JSON line per measurement; each figure is the median of `repeats` runs of a whole
// 200-frame take (reset, BOS, then each step fed the argmax of the previous logits, so the cache
// fills as in generation). Weights are a freshly initialised "chapter" bundle unless --bundle is
// given: speed does not depend on their values.
#include "talker/BatchGenerator.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

// The decoders are private to core; the benchmark times them without sampling or the codec.
#include "../core/src/generate/BatchDecoder.h"
#include "../core/src/generate/FusedDecoder.h"
#include "../core/src/generate/Kernels.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace talker;

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The most probable code of each (stream, codebook): a cheap stand-in for sampling.
void argmaxCodes(const float* logits, int rows, int V, std::int32_t* codes)
{
    for (int r = 0; r < rows; ++r)
        codes[r] = std::int32_t(std::max_element(logits + r * V, logits + (r + 1) * V) - (logits + r * V));
}

double timeBatch(BatchDecoder& decoder, const TalkerConfig& c, int batch, int frames)
{
    std::vector<std::int32_t> codes(std::size_t(batch) * c.codebooks, c.bosIndex());
    const auto start = Clock::now();
    decoder.reset(batch, frames);
    for (int t = 0; t < frames; ++t)
        argmaxCodes(decoder.step(codes.data()), batch * c.codebooks, c.codebookSize, codes.data());
    return std::chrono::duration<double>(Clock::now() - start).count();
}

template <typename F>
double medianSeconds(int repeats, F&& run)
{
    run(); // warm-up: first-touch of the cache pages, weights into cache
    std::vector<double> seconds;
    for (int r = 0; r < repeats; ++r)
        seconds.push_back(run());
    return median(seconds);
}

} // namespace

int main(int argc, char** argv)
{
    std::string deviceName = "cpu", bundleDir;
    int frames = 200, repeats = 7;
    std::vector<int> batches = {1, 8, 64};
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--device"))
            deviceName = argv[i + 1];
        else if (!std::strcmp(argv[i], "--frames"))
            frames = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeats"))
            repeats = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--bundle"))
            bundleDir = argv[i + 1];
        else if (!std::strcmp(argv[i], "--batches")) {
            batches.clear();
            for (const char* p = argv[i + 1]; *p;) {
                char* end = nullptr;
                batches.push_back(int(std::strtol(p, &end, 10)));
                p = *end == ',' ? end + 1 : end;
                if (end == p && *p)
                    break;
            }
        }
    }
    try {
        configureThreads();
        const Device device = parseDevice(deviceName);
        const ModelBundle bundle =
            bundleDir.empty() ? ModelBundle::initialise(ModelConfig::chapter(), 1) : ModelBundle::load(bundleDir);
        const TalkerConfig& c = bundle.config.talker;
        std::string reason;
        if (device == Device::Cpu) {
            // Single stream, as Generator runs it: LibTorch; the fused path on one core and with
            // the rows of its products split over all cores (the default); float32 and bfloat16.
            auto libtorch = makeLibTorchBatchDecoder(bundle, Device::Cpu);
            const double torchSeconds = medianSeconds(repeats, [&] { return timeBatch(*libtorch, c, 1, frames); });
            std::printf("{\"bench\":\"talker_decode\",\"path\":\"libtorch\",\"frames\":%d,\"threads\":%d,\"ms_per_frame\":%.4f}\n",
                        frames, threadCount(), torchSeconds * 1e3 / frames);
            std::vector<int> threadCounts = {1};
            if (const int cores = int(std::thread::hardware_concurrency()); cores > 1)
                threadCounts.push_back(cores);
            for (const auto format : {kernels::WeightFormat::Float32, kernels::WeightFormat::BFloat16})
                for (const int threads : threadCounts) {
                    auto fused = makeFusedBatchDecoder(bundle, threads, format);
                    const double seconds = medianSeconds(repeats * 4, [&] { return timeBatch(*fused, c, 1, frames); });
                    std::printf("{\"bench\":\"talker_decode\",\"path\":\"%s\",\"frames\":%d,\"threads\":%d,\"isa\":\"%s\","
                                "\"ms_per_frame\":%.4f}\n",
                                fused->name(), frames, threads, kernels::instructionSet(), seconds * 1e3 / frames);
                    std::fflush(stdout);
                }
            std::fflush(stdout);
        }
        for (int batch : batches) {
            struct Path {
                const char* name;
                std::unique_ptr<BatchDecoder> decoder;
                int threads;
            };
            std::vector<Path> paths;
            paths.push_back({"libtorch", makeBatchDecoder(bundle, Backend::LibTorch, device, reason), threadCount()});
            if (device == Device::Cpu) {
                paths.push_back({"fused", makeFusedBatchDecoder(bundle, 0), 0});
                if (batch > 1)
                    paths.push_back({"fused", makeFusedBatchDecoder(bundle, 1), 1}); // for the 1 vs N thread ratio
            }
            for (auto& path : paths) {
                const int reps = std::max(3, repeats / (batch >= 64 ? 2 : 1));
                const double seconds = medianSeconds(reps, [&] { return timeBatch(*path.decoder, c, batch, frames); });
                const std::string threads = path.threads > 0 ? std::to_string(path.threads) : "\"auto\"";
                std::printf("{\"bench\":\"talker_batch\",\"path\":\"%s\",\"device\":\"%s\",\"batch\":%d,\"frames\":%d,"
                            "\"threads\":%s,\"frames_per_s\":%.1f}\n",
                            path.name, deviceName.c_str(), batch, frames, threads.c_str(), batch * frames / seconds);
                std::fflush(stdout);
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
