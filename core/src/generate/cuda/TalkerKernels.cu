// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker step on a CUDA device: one cooperative launch per frame for B streams, the KV cache on
// the device, optionally followed by on-device sampling. Private to core; compiled by nvcc only when
// TALKER_WITH_CUDA is on. It computes what the fused CPU path (FusedDecoder.cpp) computes, stage by
// stage, with the same roundings where they are cheap to keep:
//
//   embed (sum of K code embeddings)                                         grid sync
//   per layer:
//     qkv    = RMSNorm(x) . Wqkv^T      (the norm applied as the inputs are read)  grid sync
//     attn   = softmax(RoPE(q) . RoPE(k)^T / sqrt(D)) . v  per (stream, head),
//              this position's k and v appended to the cache                   grid sync
//     x     += attn . Wo^T                                                      grid sync
//     gateUp = RMSNorm(x) . Wgu^T                                               grid sync
//     x     += (silu(gate) * up) . Wdown^T (the SwiGLU applied as inputs are read) grid sync
//   logits = RMSNorm(x) . Wheads^T                        [grid sync, sampling of every codebook]
//
// One persistent kernel runs all stages; every block loops over the work units of a stage and the
// grid meets at cg::this_grid().sync() between stages, so a frame is one launch however many
// layers. The products: up to SmallBatch streams, a warp per output row reads the row once
// (coalesced) for all streams, with the (normed) inputs staged in shared memory; more streams, a
// block per tile of 64 streams x 64 rows, inputs and weights staged in shared memory by chunks of
// 32 columns. Each output of a tile sums its inputs in column order with one fused multiply-add
// chain, as the CPU kernels do. Attention: a block per (stream, query head), its warps taking the
// positions in turn with an online softmax each, combined at the end.
//
// Where the arithmetic differs from the CPU path (expected to move logits by ~1e-6, as the CPU
// kernels' own order of sums does against LibTorch; not yet measured on a GPU, see test_cuda):
// the warp-per-row products and the norms' sums of squares add in a tree; the online softmax
// rescales as it goes; expf/sqrtf are CUDA's (correctly rounded sqrt, expf within 2 ulp).
#include "DeviceApi.h"
#include "TalkerKernels.cuh"

#include "talker/Error.h"

#include <cooperative_groups.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace talker::cuda::detail {

namespace {

void check(cudaError_t status, const char* what)
{
    if (status != cudaSuccess)
        throw Error(std::string("CUDA Talker: ") + what + ": " + cudaGetErrorString(status));
}

/// Device memory of `count` T, freed with the owner.
template <typename T> class Buffer {
  public:
    Buffer() = default;
    ~Buffer() { release(); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    void allocate(std::size_t count, const char* what)
    {
        release();
        check(cudaMalloc(reinterpret_cast<void**>(&m_data), std::max<std::size_t>(1, count) * sizeof(T)), what);
        m_count = count;
    }
    void upload(const T* source, std::size_t count, const char* what)
    {
        allocate(count, what);
        check(cudaMemcpy(m_data, source, count * sizeof(T), cudaMemcpyHostToDevice), what);
    }
    T* get() const { return m_data; }
    std::size_t count() const { return m_count; }

  private:
    void release()
    {
        if (m_data)
            cudaFree(m_data);
        m_data = nullptr;
        m_count = 0;
    }
    T* m_data = nullptr;
    std::size_t m_count = 0;
};

void useDevice(int device)
{
    check(cudaSetDevice(device), "cudaSetDevice");
}

std::vector<Mt64> seededGenerators(const std::uint64_t* seeds, int count)
{
    std::vector<Mt64> rngs(static_cast<std::size_t>(count));
    for (int b = 0; b < count; ++b)
        rngs[std::size_t(b)].seed(seeds[b]);
    return rngs;
}

} // namespace

class DeviceTalker {
  public:
    int device = 0;
    Shape shape{};
    bool bfloat16 = false;
    int multiprocessors = 0;
    Buffer<float> embeddings, norms;
    Buffer<float> linearFloat;
    Buffer<unsigned short> linearHalf;
    // The state of `batch` streams of `capacity` positions.
    int batch = 0;
    long long capacity = 0;
    Buffer<float> x, qkv, attn, gateUp, logits, keys, values, ropeCos, ropeSin;
    Buffer<int> codes, history, delays;
    Buffer<Mt64> rngs;
    std::size_t sharedBytes = 0;
    int gridBlocks = 0;
    cudaStream_t stream = nullptr;
    cudaEvent_t start = nullptr, stop = nullptr;

    ~DeviceTalker()
    {
        if (start)
            cudaEventDestroy(start);
        if (stop)
            cudaEventDestroy(stop);
        if (stream)
            cudaStreamDestroy(stream);
    }

    /// Launches the step kernel for `position` (sample: then samples on the device).
    void launch(long long position, bool sample, const SamplingRule& rule, int frames, bool hasDelays)
    {
        if (bfloat16)
            launchWith(linearHalf.get(), position, sample, rule, frames, hasDelays);
        else
            launchWith(linearFloat.get(), position, sample, rule, frames, hasDelays);
    }

  private:
    template <typename W>
    void launchWith(const W* linear, long long position, bool sample, const SamplingRule& rule, int frames,
                    bool hasDelays)
    {
        StepArgs<W> a{};
        a.s = shape;
        a.embeddings = embeddings.get();
        a.norms = norms.get();
        a.linear = linear;
        a.B = batch;
        a.capacity = capacity;
        a.position = position;
        a.ropeCos = ropeCos.get();
        a.ropeSin = ropeSin.get();
        a.codes = codes.get();
        a.x = x.get();
        a.qkv = qkv.get();
        a.attn = attn.get();
        a.gateUp = gateUp.get();
        a.logits = logits.get();
        a.keys = keys.get();
        a.values = values.get();
        a.sample = sample ? 1 : 0;
        a.rule = rule;
        a.frames = frames;
        a.delays = hasDelays ? delays.get() : nullptr;
        a.rngs = rngs.get();
        a.history = history.get();
        void* args[] = {&a};
        check(cudaLaunchCooperativeKernel(reinterpret_cast<const void*>(&stepKernel<W>), dim3(unsigned(gridBlocks)),
                                          dim3(Threads), args, sharedBytes, stream),
              "launching the step kernel");
    }
};

bool built()
{
    return true;
}

int deviceCount(std::string& reason)
{
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess) {
        reason = std::string("no CUDA device (cudaGetDeviceCount: ") + cudaGetErrorString(status) +
                 (status == cudaErrorInsufficientDriver ? ": no NVIDIA driver is loaded, or it is older than the CUDA "
                                                          "runtime this build links"
                                                        : "") +
                 ")";
        cudaGetLastError(); // not sticky, but leave no error behind
        return 0;
    }
    if (count == 0)
        reason = "no CUDA device (cudaGetDeviceCount found none)";
    return count;
}

DeviceProperties deviceProperties(int device)
{
    cudaDeviceProp prop{};
    check(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
    int memoryClockKHz = 0, busWidthBits = 0;
    check(cudaDeviceGetAttribute(&memoryClockKHz, cudaDevAttrMemoryClockRate, device), "memory clock");
    check(cudaDeviceGetAttribute(&busWidthBits, cudaDevAttrGlobalMemoryBusWidth, device), "memory bus width");
    DeviceProperties p;
    p.name = prop.name;
    p.major = prop.major;
    p.minor = prop.minor;
    p.multiprocessors = prop.multiProcessorCount;
    p.memoryBytes = prop.totalGlobalMem;
    p.l2Bytes = std::size_t(prop.l2CacheSize);
    p.bandwidthGBs = 2.0 * double(memoryClockKHz) * 1e3 * double(busWidthBits) / 8.0 / 1e9; // double data rate
    return p;
}

DeviceTalker* createTalker(int device, const Dims& dims, const HostWeights& weights)
{
    useDevice(device);
    int cooperative = 0;
    check(cudaDeviceGetAttribute(&cooperative, cudaDevAttrCooperativeLaunch, device), "cooperative launch attribute");
    if (!cooperative)
        throw Error("CUDA Talker: device " + std::to_string(device) + " cannot run cooperative kernels");
    auto talker = std::make_unique<DeviceTalker>();
    talker->device = device;
    talker->shape = shapeOf(dims);
    talker->bfloat16 = weights.bfloat16;
    check(cudaDeviceGetAttribute(&talker->multiprocessors, cudaDevAttrMultiProcessorCount, device), "multiprocessors");
    talker->embeddings.upload(weights.embeddings, weights.embeddingCount, "uploading the embeddings");
    talker->norms.upload(weights.norms, weights.normCount, "uploading the norm gains");
    if (weights.bfloat16)
        talker->linearHalf.upload(static_cast<const unsigned short*>(weights.linear), weights.linearCount,
                                  "uploading the weights");
    else
        talker->linearFloat.upload(static_cast<const float*>(weights.linear), weights.linearCount,
                                   "uploading the weights");
    // A blocking stream: the uploads (cudaMemcpy on the legacy default stream, which from pageable
    // memory may return before the copy has landed) are ordered before the launches on it.
    check(cudaStreamCreateWithFlags(&talker->stream, cudaStreamDefault), "cudaStreamCreate");
    check(cudaEventCreate(&talker->start), "cudaEventCreate");
    check(cudaEventCreate(&talker->stop), "cudaEventCreate");
    return talker.release();
}

void destroyTalker(DeviceTalker* talker)
{
    if (!talker)
        return;
    cudaSetDevice(talker->device);
    delete talker;
}

void resetTalker(DeviceTalker* t, int batch, std::int64_t capacity, const float* ropeCos, const float* ropeSin)
{
    useDevice(t->device);
    const Shape& s = t->shape;
    if (batch != t->batch || capacity > t->capacity) {
        const std::size_t B = std::size_t(batch), cap = std::size_t(capacity);
        t->x.allocate(B * s.d, "allocating the state");
        t->qkv.allocate(B * s.qkvW, "allocating the state");
        t->attn.allocate(B * s.qW, "allocating the state");
        t->gateUp.allocate(B * 2 * s.F, "allocating the state");
        t->logits.allocate(B * s.K * s.V, "allocating the logits");
        t->keys.allocate(std::size_t(s.layers) * B * cap * s.kvW, "allocating the KV cache");
        t->values.allocate(std::size_t(s.layers) * B * cap * s.kvW, "allocating the KV cache");
        t->codes.allocate(B * s.K, "allocating the codes");
        t->rngs.allocate(B, "allocating the random generators");
        t->batch = batch;
        t->capacity = capacity;
    }
    t->ropeCos.upload(ropeCos, std::size_t(capacity) * (s.D / 2), "uploading the RoPE tables");
    t->ropeSin.upload(ropeSin, std::size_t(capacity) * (s.D / 2), "uploading the RoPE tables");

    // Shared memory: the largest stage's; blocks: as many as fit on the device at once (a cooperative
    // launch needs them all resident), no more than the widest stage has units.
    const int maxC = std::max({s.d, s.qW, s.F});
    const std::size_t small = (std::size_t(SmallBatch) * maxC + SmallBatch) * sizeof(float);
    const std::size_t tiled = (std::size_t(TileStreams + TileRows) * (TileCols + 1) + TileStreams) * sizeof(float);
    const std::size_t attention = std::size_t(Warps) * (s.D + 2) * sizeof(float);
    t->sharedBytes = std::max({small, tiled, attention, sampleSharedBytes(s.K, s.V)});
    const void* kernel = t->bfloat16 ? reinterpret_cast<const void*>(&stepKernel<unsigned short>)
                                     : reinterpret_cast<const void*>(&stepKernel<float>);
    check(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(t->sharedBytes)),
          "setting the kernel's shared memory");
    int perSm = 0;
    check(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, kernel, Threads, t->sharedBytes), "occupancy");
    if (perSm < 1)
        throw Error("CUDA Talker: the step kernel does not fit a multiprocessor (" + std::to_string(t->sharedBytes) +
                    " bytes of shared memory)");
    const auto ceilDiv = [](long long a, long long b) { return (a + b - 1) / b; };
    const long long rowsWidest = std::max<long long>({s.qkvW, 2LL * s.F, 1LL * s.K * s.V, s.d});
    long long units = std::max<long long>({ceilDiv(1LL * batch * s.d, Threads), 1LL * batch * s.Hq, batch});
    if (batch <= SmallBatch)
        units = std::max(units, ceilDiv(rowsWidest, Warps));
    else
        units = std::max(units, ceilDiv(rowsWidest, TileRows) * ceilDiv(batch, TileStreams));
    t->gridBlocks = int(std::min<long long>(units, 1LL * perSm * t->multiprocessors));
}

void stepTalker(DeviceTalker* t, std::int64_t position, const std::int32_t* codes, float* logits)
{
    useDevice(t->device);
    const Shape& s = t->shape;
    check(cudaMemcpyAsync(t->codes.get(), codes, sizeof(int) * std::size_t(t->batch) * s.K, cudaMemcpyHostToDevice,
                          t->stream),
          "copying the codes");
    t->launch(position, false, SamplingRule{}, 0, false);
    check(cudaMemcpyAsync(logits, t->logits.get(), sizeof(float) * std::size_t(t->batch) * s.K * s.V,
                          cudaMemcpyDeviceToHost, t->stream),
          "copying the logits");
    check(cudaStreamSynchronize(t->stream), "running the step");
}

double generateOnDevice(DeviceTalker* t, int frames, const int* delays, const SamplingRule& rule,
                        const std::uint64_t* seeds, std::int32_t* codes)
{
    useDevice(t->device);
    const Shape& s = t->shape;
    int maxDelay = 0;
    if (delays)
        for (int k = 0; k < s.K; ++k)
            maxDelay = std::max(maxDelay, delays[k]);
    const long long positions = 1LL * frames + maxDelay;
    if (positions > t->capacity)
        throw Error("CUDA Talker: " + std::to_string(positions) + " positions exceed the cache's " +
                    std::to_string(t->capacity));
    const std::size_t B = std::size_t(t->batch);
    const std::vector<int> bos(B * s.K, s.V);
    check(cudaMemcpyAsync(t->codes.get(), bos.data(), sizeof(int) * bos.size(), cudaMemcpyHostToDevice, t->stream),
          "copying BOS");
    const auto rngs = seededGenerators(seeds, t->batch);
    check(cudaMemcpyAsync(t->rngs.get(), rngs.data(), sizeof(Mt64) * B, cudaMemcpyHostToDevice, t->stream),
          "seeding the random generators");
    if (delays)
        t->delays.upload(delays, std::size_t(s.K), "copying the delay pattern");
    if (t->history.count() < B * std::size_t(frames) * s.K)
        t->history.allocate(B * std::size_t(frames) * s.K, "allocating the generated codes");
    check(cudaEventRecord(t->start, t->stream), "cudaEventRecord");
    for (long long p = 0; p < positions; ++p)
        t->launch(p, true, rule, frames, delays != nullptr);
    check(cudaEventRecord(t->stop, t->stream), "cudaEventRecord");
    check(cudaMemcpyAsync(codes, t->history.get(), sizeof(int) * B * std::size_t(frames) * s.K, cudaMemcpyDeviceToHost,
                          t->stream),
          "copying the generated codes");
    check(cudaStreamSynchronize(t->stream), "generating on the device");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, t->start, t->stop), "cudaEventElapsedTime");
    return double(ms) * 1e-3;
}

std::size_t linearBytes(const DeviceTalker* t)
{
    return t->bfloat16 ? t->linearHalf.count() * sizeof(unsigned short) : t->linearFloat.count() * sizeof(float);
}

void sampleOnDevice(int device, const float* logits, int batch, int codebooks, int vocabulary, int frames,
                    const SamplingRule& rule, const std::uint64_t* seeds, std::int32_t* codes, float* probabilities)
{
    if (vocabulary > MaxVocabulary)
        throw Error("CUDA sampler: codebooks of " + std::to_string(vocabulary) + " entries exceed its " +
                    std::to_string(MaxVocabulary));
    useDevice(device);
    Buffer<float> deviceLogits, deviceProbabilities;
    Buffer<int> deviceCodes;
    Buffer<Mt64> rngs;
    const std::size_t rows = std::size_t(batch) * codebooks;
    deviceLogits.upload(logits, rows * vocabulary, "uploading the logits");
    const auto generators = seededGenerators(seeds, batch);
    rngs.upload(generators.data(), generators.size(), "seeding the random generators");
    deviceCodes.allocate(rows * std::size_t(frames), "allocating the codes");
    if (probabilities)
        deviceProbabilities.allocate(rows * vocabulary, "allocating the probabilities");
    const std::size_t shared = sampleSharedBytes(codebooks, vocabulary);
    check(cudaFuncSetAttribute(reinterpret_cast<const void*>(&sampleKernel),
                               cudaFuncAttributeMaxDynamicSharedMemorySize, int(shared)),
          "setting the sampler's shared memory");
    sampleKernel<<<batch, Threads, shared>>>(deviceLogits.get(), codebooks, vocabulary, frames, rule, rngs.get(),
                                             deviceCodes.get(), probabilities ? deviceProbabilities.get() : nullptr);
    check(cudaGetLastError(), "launching the sampler");
    check(cudaMemcpy(codes, deviceCodes.get(), sizeof(int) * rows * std::size_t(frames), cudaMemcpyDeviceToHost),
          "copying the sampled codes");
    if (probabilities)
        check(cudaMemcpy(probabilities, deviceProbabilities.get(), sizeof(float) * rows * vocabulary,
                         cudaMemcpyDeviceToHost),
              "copying the probabilities");
}

} // namespace talker::cuda::detail
