// SPDX-License-Identifier: GPL-3.0-or-later
// Talker decode speed: the LibTorch reference against the fused CPU path, single stream (ms per
// frame; the fused path on one core and on all, with float32 and bfloat16 weights, for every
// instruction set the CPU runs) and batched (frames per second for B = 1, 8, 64), in one run so
// the ratios are meaningful.
//
//   bench_decode [--device cpu|cuda] [--frames 200] [--repeats 7] [--batches 1,8,64] [--bundle DIR]
//                [--isa avx512,avx2,generic]
//
// One JSON line per measurement; each figure is the median of `repeats` runs of a whole
// 200-frame take (reset, BOS, then each step fed the argmax of the previous logits, so the cache
// fills as in generation). Weights are a freshly initialised "chapter" bundle unless --bundle is
// given: speed does not depend on their values. --isa picks the instruction sets of the fused path
// (default: all this CPU runs), so an AVX-512 machine measures the AVX2 path too.
//
// The weight-read floor: a frame must read every Linear weight once, so no decoder can be faster
// than streaming those bytes through the simplest matrix-vector loop (row-major rows, a dot product
// each, no attention, no norms, no synchronisation but one barrier per frame). It is measured in
// the same run, per instruction set and thread count, interleaved with the fused runs it is
// compared with (so a change in the load of a shared machine moves both), and each fused line
// prints its ratio to it. The floor reads float32; bfloat16 lines give their ratio to that too.
//
// attention_capture lines: the fused single-stream take with the studio's attention capture on
// against off (each step's weights copied out per frame, as the take loop keeps them), in turns.
#include "BenchUtil.h"
#include "talker/BatchGenerator.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

// The decoders are private to core; the benchmark times them without sampling or the codec.
#include "../core/src/generate/BatchDecoder.h"
#include "../core/src/generate/FusedDecoder.h"
#include "../core/src/generate/Kernels.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

using namespace talker;
using talker::bench::argmaxCodes;
using talker::bench::median;

namespace {

using Clock = std::chrono::steady_clock;

double timeBatch(BatchDecoder& decoder, const TalkerConfig& c, int batch, int frames)
{
    std::vector<std::int32_t> codes(std::size_t(batch) * c.codebooks, c.bosIndex());
    const auto start = Clock::now();
    decoder.reset(batch, frames);
    for (int t = 0; t < frames; ++t)
        argmaxCodes(decoder.step(codes.data()), batch * c.codebooks, c.codebookSize, codes.data());
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// timeBatch for one stream with attention capture on or off; on, each step's weights are copied
/// out per frame as the take loop keeps them (the studio's attention view).
double timeWithAttention(BatchDecoder& decoder, const TalkerConfig& c, int frames, bool capture)
{
    std::vector<std::int32_t> codes(std::size_t(c.codebooks), c.bosIndex());
    std::vector<std::vector<float>> kept(static_cast<std::size_t>(frames));
    const auto start = Clock::now();
    decoder.reset(1, frames);
    if (!decoder.captureAttention(capture))
        throw ArgumentError(std::string(decoder.name()) + " reports no attention weights");
    for (int t = 0; t < frames; ++t) {
        argmaxCodes(decoder.step(codes.data()), c.codebooks, c.codebookSize, codes.data());
        if (capture)
            decoder.attention().copyTo(kept[std::size_t(t)]);
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    decoder.captureAttention(false);
    return seconds;
}

// ---- The weight-read floor -------------------------------------------------------------------

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define FLOOR_X86 1
#endif
#pragma GCC diagnostic ignored "-Wpsabi" // the vector types stay inside inlined helpers

template <int L> struct FloorLanes {
    typedef float Floats __attribute__((vector_size(4 * L)));
};

/// y (rows) = W (rows, cols) x, W row-major float32: per row four independent L-wide accumulators
/// over the columns in order, then one horizontal sum. The weights are read once, sequentially.
template <int L>
__attribute__((always_inline)) inline void streamRows(const float* w, int rows, int cols, const float* x, float* y)
{
    using Floats = typename FloorLanes<L>::Floats;
    const auto load = [](const float* p) {
        Floats v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    const int vectorEnd = cols / (4 * L) * (4 * L);
    for (int r = 0; r < rows; ++r) {
        const float* row = w + std::size_t(r) * std::size_t(cols);
        Floats a0{}, a1{}, a2{}, a3{};
        for (int c = 0; c < vectorEnd; c += 4 * L) {
            a0 += load(row + c) * load(x + c);
            a1 += load(row + c + L) * load(x + c + L);
            a2 += load(row + c + 2 * L) * load(x + c + 2 * L);
            a3 += load(row + c + 3 * L) * load(x + c + 3 * L);
        }
        const Floats a = (a0 + a1) + (a2 + a3);
        float sum = 0.0f;
        for (int i = 0; i < L; ++i)
            sum += a[i];
        for (int c = vectorEnd; c < cols; ++c)
            sum += row[c] * x[c];
        y[r] = sum;
    }
}

/// One Linear weight as the floor reads it: its rows as stored in the bundle.
struct FloorMatrix {
    int rows = 0, cols = 0;
    std::vector<float> values; // (rows, cols)
};

#define FLOOR_ENTRY(Name, Target, L)                                                                                   \
    Target void Name(const FloorMatrix& m, int firstRow, int rows, const float* x, float* y)                           \
    {                                                                                                                  \
        streamRows<L>(m.values.data() + std::size_t(firstRow) * std::size_t(m.cols), rows, m.cols, x, y + firstRow);   \
    }
FLOOR_ENTRY(floorGeneric, , 4)
#ifdef FLOOR_X86
FLOOR_ENTRY(floorAvx2, __attribute__((target("arch=x86-64-v3"))), 8)
FLOOR_ENTRY(floorAvx512, __attribute__((target("arch=x86-64-v4"))), 16)
#endif

void floorRows(kernels::Isa isa, const FloorMatrix& m, int firstRow, int rows, const float* x, float* y)
{
#ifdef FLOOR_X86
    if (isa == kernels::Isa::Avx512)
        return floorAvx512(m, firstRow, rows, x, y);
    if (isa == kernels::Isa::Avx2)
        return floorAvx2(m, firstRow, rows, x, y);
#endif
    floorGeneric(m, firstRow, rows, x, y);
}

/// Streams every Linear weight of the Talker as float32 (not the embeddings: a frame reads only K
/// rows of those) once per frame, the rows of each matrix split evenly over `threads` threads that meet
/// once per frame. Threads persist between frames and spin: the floor is a bound, not a design.
class WeightFloor {
  public:
    explicit WeightFloor(const TensorMap& weights)
    {
        std::mt19937 rng(1);
        std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
        for (const auto& [name, t] : weights) {
            if (t.shape.size() != 2 || name.rfind("embeddings.", 0) == 0)
                continue;
            FloorMatrix m;
            m.rows = int(t.shape[0]);
            m.cols = int(t.shape[1]);
            m.values = t.values;
            m_widest = std::max(m_widest, std::max(m.rows, m.cols));
            m_matrices.push_back(std::move(m));
        }
        m_x.resize(std::size_t(m_widest));
        for (auto& v : m_x)
            v = uniform(rng);
        m_y.resize(std::size_t(m_widest));
    }

    std::size_t bytes() const
    {
        std::size_t count = 0;
        for (const auto& m : m_matrices)
            count += m.values.size();
        return count * sizeof(float);
    }

    /// Seconds for `frames` frames. Each frame is cut into chunks (every matrix in `threads`
    /// row ranges) that the threads claim in order, as the fused path's helper claims its half:
    /// on a busy machine a descheduled thread costs the chunk it holds, never a whole frame.
    double run(kernels::Isa isa, int threads, int frames)
    {
        const int chunks = int(m_matrices.size()) * threads; // per frame
        std::atomic<long> frame{0}, next{0}, done{0};
        std::atomic<bool> stop{false};
        const auto work = [&](long f) { // claims and runs chunks of frame f (from 1) until none is left
            for (long c = next.load(std::memory_order_acquire); c < f * chunks;) {
                if (!next.compare_exchange_weak(c, c + 1, std::memory_order_acq_rel))
                    continue;
                const int index = int(c % chunks);
                const FloorMatrix& m = m_matrices[std::size_t(index / threads)];
                const int part = index % threads;
                const int first = m.rows * part / threads, last = m.rows * (part + 1) / threads;
                floorRows(isa, m, first, last - first, m_x.data(), m_y.data());
                done.fetch_add(1, std::memory_order_acq_rel);
                c = next.load(std::memory_order_acquire);
            }
        };
        std::vector<std::thread> helpers;
        for (int w = 1; w < threads; ++w)
            helpers.emplace_back([&] {
                for (long seen = 0; !stop.load(std::memory_order_acquire);) {
                    const long f = frame.load(std::memory_order_acquire);
                    if (f == seen) {
                        cpuPause();
                        continue;
                    }
                    seen = f;
                    work(f);
                }
            });
        const auto start = Clock::now();
        for (long f = 1; f <= frames; ++f) {
            next.store((f - 1) * chunks, std::memory_order_release);
            frame.store(f, std::memory_order_release);
            work(f);
            while (done.load(std::memory_order_acquire) < f * chunks)
                cpuPause();
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        stop.store(true, std::memory_order_release);
        for (auto& t : helpers)
            t.join();
        return seconds;
    }

  private:
    static void cpuPause()
    {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
    std::vector<FloorMatrix> m_matrices; // the Linear weights, in the bundle's (name) order
    int m_widest = 0;
    std::vector<float> m_x, m_y;
};

/// The floor for `threads` threads: the faster (by median) of the floor loop on 1 .. threads
/// threads, a bound for any decoder allowed that many (on a busy machine a second thread may not
/// get a core at all). sample() runs each once; call it between the runs it is compared with, so
/// a change in the load of a shared machine moves both.
class FloorSamples {
  public:
    FloorSamples(WeightFloor& floor, kernels::Isa isa, int threads, int frames)
        : m_floor(floor), m_isa(isa), m_frames(frames), m_seconds(std::size_t(threads))
    {
    }
    void sample(bool keep)
    {
        for (std::size_t t = 0; t < m_seconds.size(); ++t)
            if (const double s = m_floor.run(m_isa, int(t) + 1, m_frames); keep)
                m_seconds[t].push_back(s);
    }
    /// (ms per frame, threads) of the fastest.
    std::pair<double, int> best() const
    {
        std::size_t fastest = 0;
        for (std::size_t t = 1; t < m_seconds.size(); ++t)
            if (median(m_seconds[t]) < median(m_seconds[fastest]))
                fastest = t;
        return {median(m_seconds[fastest]) * 1e3 / m_frames, int(fastest) + 1};
    }

  private:
    WeightFloor& m_floor;
    kernels::Isa m_isa;
    int m_frames;
    std::vector<std::vector<double>> m_seconds; // [threads - 1][repeat]
};

} // namespace

int main(int argc, char** argv)
{
    std::string deviceName = "cpu", bundleDir;
    int frames = 200, repeats = 7;
    std::vector<int> batches = {1, 8, 64};
    std::vector<kernels::Isa> isas;
    std::vector<std::string> isaNames;
    CLI::App app{"Times the Talker step (LibTorch, the fused path per instruction set, batches) beside the "
                 "weight-read floor; one JSON line per measurement."};
    app.add_option("--device", deviceName, "cpu or cuda")->check(CLI::IsMember({"cpu", "cuda"}));
    app.add_option("--frames", frames, "frames per take")->check(CLI::Range(1, 4096));
    app.add_option("--repeats", repeats, "timed runs per figure (the median is printed)")->check(CLI::Range(1, 1000));
    app.add_option("--bundle", bundleDir, "model bundle (default: a seeded chapter-sized model)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--isa", isaNames, "instruction sets, e.g. avx512,avx2,generic (default: all this CPU runs)")
        ->delimiter(',');
    app.add_option("--batches", batches, "batch sizes, e.g. 1,8,64")->delimiter(',')->check(CLI::Range(1, 65536));
    CLI11_PARSE(app, argc, argv);
    try {
        for (const std::string& name : isaNames)
            isas.push_back(kernels::parseIsa(name));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: --isa: %s\n", e.what());
        return 2;
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
            // the rows of its products split over all cores (the default); float32 and bfloat16;
            // each beside the weight-read floor of its instruction set, threads and format.
            if (isas.empty())
                isas = kernels::supportedIsas();
            for (const kernels::Isa isa : isas)
                if (!kernels::isaSupported(isa))
                    throw ArgumentError(std::string("--isa ") + kernels::isaName(isa) + ": this CPU cannot run it");
            WeightFloor weightFloor(bundle.talkerWeights);
            std::vector<int> threadCounts = {1};
            if (const int cores = int(std::thread::hardware_concurrency()); cores > 1)
                threadCounts.push_back(cores);

            auto libtorch = makeLibTorchBatchDecoder(bundle, Device::Cpu);
            {
                FloorSamples floorSamples(weightFloor, isas.front(), threadCount(), frames);
                std::vector<double> seconds;
                for (int r = -1; r < repeats; ++r) { // r = -1: warm-up
                    if (const double s = timeBatch(*libtorch, c, 1, frames); r >= 0)
                        seconds.push_back(s);
                    floorSamples.sample(r >= 0);
                }
                const double ms = median(seconds) * 1e3 / frames;
                const auto [floorMs, floorThreads] = floorSamples.best();
                std::printf(
                    "{\"bench\":\"talker_decode\",\"path\":\"libtorch\",\"frames\":%d,\"threads\":%d,"
                    "\"ms_per_frame\":%.4f,\"floor_isa\":\"%s\",\"floor_ms_per_frame\":%.4f,\"floor_threads\":%d,"
                    "\"ratio_to_floor\":%.2f}\n",
                    frames, threadCount(), ms, kernels::isaName(isas.front()), floorMs, floorThreads, ms / floorMs);
                std::fflush(stdout);
            }
            // float32 beside its floor (the same bytes); bfloat16 reads half of them, so its floor
            // would need a loop of its own: its lines give the float32 floor's ratio only.
            for (const kernels::Isa isa : isas)
                for (const int threads : threadCounts) {
                    auto fused = makeFusedBatchDecoder(bundle, threads, kernels::WeightFormat::Float32, isa);
                    auto bf16 = makeFusedBatchDecoder(bundle, threads, kernels::WeightFormat::BFloat16, isa);
                    FloorSamples floorSamples(weightFloor, isa, threads, frames);
                    std::vector<double> fusedSeconds, bf16Seconds;
                    for (int r = -1; r < repeats * 4; ++r) { // r = -1: warm-up
                        const double f = timeBatch(*fused, c, 1, frames);
                        const double b = timeBatch(*bf16, c, 1, frames);
                        if (r >= 0) {
                            fusedSeconds.push_back(f);
                            bf16Seconds.push_back(b);
                        }
                        floorSamples.sample(r >= 0);
                    }
                    const auto [floorMs, floorThreads] = floorSamples.best();
                    for (const auto& [decoder, seconds] :
                         {std::pair{fused.get(), median(fusedSeconds)}, std::pair{bf16.get(), median(bf16Seconds)}}) {
                        const double ms = seconds * 1e3 / frames;
                        std::printf("{\"bench\":\"talker_decode\",\"path\":\"%s\",\"frames\":%d,\"threads\":%d,"
                                    "\"isa\":\"%s\",\"ms_per_frame\":%.4f,\"floor_ms_per_frame\":%.4f,"
                                    "\"floor_threads\":%d,\"floor_format\":\"float32\",\"floor_bytes\":%zu,"
                                    "\"ratio_to_floor\":%.2f}\n",
                                    decoder->name(), frames, threads, kernels::isaName(isa), ms, floorMs, floorThreads,
                                    weightFloor.bytes(), ms / floorMs);
                    }
                    std::fflush(stdout);
                }
            // The attention view's cost: the same decoder with and without capture, in turns.
            for (const kernels::Isa isa : isas) {
                auto fused = makeFusedBatchDecoder(bundle, 0, kernels::WeightFormat::Float32, isa);
                std::vector<double> off, on;
                for (int r = -1; r < repeats * 4; ++r) {
                    const double a = timeWithAttention(*fused, c, frames, false);
                    const double b = timeWithAttention(*fused, c, frames, true);
                    if (r >= 0)
                        off.push_back(a), on.push_back(b);
                }
                std::printf("{\"bench\":\"attention_capture\",\"path\":\"fused\",\"isa\":\"%s\",\"frames\":%d,"
                            "\"ms_per_frame_off\":%.4f,\"ms_per_frame_on\":%.4f,\"ratio\":%.3f}\n",
                            kernels::isaName(isa), frames, median(off) * 1e3 / frames, median(on) * 1e3 / frames,
                            median(on) / median(off));
                std::fflush(stdout);
            }
        }
        for (int batch : batches) {
            struct Path {
                const char* name;
                std::unique_ptr<BatchDecoder> decoder;
                int threads;
                const char* isa;      // fused only
                int torchThreads = 0; // LibTorch's thread count for this path (0: as configured)
            };
            std::vector<Path> paths;
            const int torchThreads = threadCount();
            paths.push_back(
                {"libtorch", makeBatchDecoder(bundle, Backend::LibTorch, device, reason), torchThreads, nullptr});
            if (device == Device::Cpu) {
                // LibTorch on one thread too: beside a busy process its OpenMP barriers can cost
                // more than a second core gives, and the fused path is compared with its best.
                if (batch > 1 && torchThreads > 1)
                    paths.push_back({"libtorch", makeLibTorchBatchDecoder(bundle, Device::Cpu), 1, nullptr, 1});
                for (const kernels::Isa isa : isas)
                    paths.push_back({"fused", makeFusedBatchDecoder(bundle, 0, kernels::WeightFormat::Float32, isa), 0,
                                     kernels::isaName(isa)});
                if (batch > 1) // for the 1 vs N thread ratio
                    paths.push_back({"fused",
                                     makeFusedBatchDecoder(bundle, 1, kernels::WeightFormat::Float32, isas.front()), 1,
                                     kernels::isaName(isas.front())});
            }
            // The paths take turns, repeat by repeat, so that their ratios survive a changing load.
            const int reps = std::max(3, repeats / (batch >= 64 ? 2 : 1));
            std::vector<std::vector<double>> seconds(paths.size());
            for (int r = -1; r < reps; ++r) // r = -1: warm-up
                for (std::size_t p = 0; p < paths.size(); ++p) {
                    if (paths[p].torchThreads > 0)
                        configureThreads(paths[p].torchThreads);
                    const double s = timeBatch(*paths[p].decoder, c, batch, frames);
                    if (paths[p].torchThreads > 0)
                        configureThreads(torchThreads);
                    if (r >= 0)
                        seconds[p].push_back(s);
                }
            for (std::size_t p = 0; p < paths.size(); ++p) {
                const Path& path = paths[p];
                const std::string threads = path.threads > 0 ? std::to_string(path.threads) : "\"auto\"";
                const std::string isa = path.isa ? std::string(",\"isa\":\"") + path.isa + "\"" : "";
                std::printf("{\"bench\":\"talker_batch\",\"path\":\"%s\",\"device\":\"%s\",\"batch\":%d,\"frames\":%d,"
                            "\"threads\":%s%s,\"frames_per_s\":%.1f}\n",
                            path.name, deviceName.c_str(), batch, frames, threads.c_str(), isa.c_str(),
                            batch * frames / median(seconds[p]));
            }
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
