// SPDX-License-Identifier: GPL-3.0-or-later
// The device side of the CUDA Talker (included by TalkerKernels.cu only): the launch sizes, the
// model's shapes, the arguments of one launch, the stages of the persistent step kernel and the
// on-device sampling. TalkerKernels.cu holds the host side (buffers, the DeviceTalker, the API).
#pragma once

#include "DeviceApi.h"

#include <cooperative_groups.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace talker::cuda::detail {

namespace cg = cooperative_groups;

namespace {

constexpr int Threads = 256;
constexpr int Warps = Threads / 32;
constexpr int SmallBatch = 4; // streams up to which a product runs a warp per row
constexpr int TileStreams = 64, TileRows = 64, TileCols = 32;
constexpr int MaxHeadLanes = 8; // headDim <= 256: up to 8 elements of a head per lane
constexpr int MaxVocabulary = 256;

/// The shape as the kernels read it (plain ints: Dims has host-only members).
struct Shape {
    int d, layers, Hq, Hkv, D, F, K, V, qW, kvW, qkvW;
    float eps, divisor;
    std::size_t layerSize; // Linear weights per layer (elements)
};

Shape shapeOf(const Dims& dims)
{
    Shape s{};
    s.d = dims.dModel;
    s.layers = dims.layers;
    s.Hq = dims.queryHeads;
    s.Hkv = dims.kvHeads;
    s.D = dims.headDim;
    s.F = dims.ffnHidden;
    s.K = dims.codebooks;
    s.V = dims.codebookSize;
    s.qW = s.Hq * s.D;
    s.kvW = s.Hkv * s.D;
    s.qkvW = s.qW + 2 * s.kvW;
    s.eps = dims.normEps;
    s.divisor = dims.scoreDivisor;
    s.layerSize =
        std::size_t(s.qkvW) * s.d + std::size_t(s.d) * s.qW + 2 * std::size_t(s.F) * s.d + std::size_t(s.d) * s.F;
    return s;
}

/// Everything one launch reads and writes.
template <typename W> struct StepArgs {
    Shape s;
    const float* embeddings; // (K, V + 1, d)
    const float* norms;      // layers x (attn (d), ffn (d)), final (d)
    const W* linear;         // layers x (qkv, o, gateUp, down), heads
    int B;
    long long capacity, position;
    const float* ropeCos; // (capacity, D / 2)
    const float* ropeSin;
    int* codes; // (B, K): this position's input; the sampled codes of the next position when sampling
    float *x, *qkv, *attn, *gateUp, *logits;
    float *keys, *values; // (layers, B, capacity, kvW)
    // Sampling (sample != 0): codebook k at this position takes the code of frame position - delays[k].
    int sample;
    SamplingRule rule;
    int frames;
    const int* delays; // (K) or null
    Mt64* rngs;        // (B)
    int* history;      // (B, frames, K)
};

__device__ __forceinline__ float weightAt(const float* w, std::size_t i)
{
    return __ldg(w + i);
}
__device__ __forceinline__ float weightAt(const unsigned short* w, std::size_t i)
{
    return __uint_as_float(unsigned(__ldg(w + i)) << 16);
}

__device__ __forceinline__ float warpSum(float v)
{
    for (int offset = 16; offset > 0; offset >>= 1)
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    return v;
}

/// 1 / sqrt(mean(x^2) + eps) as the CPU rounds it, computed by a whole warp (every lane gets it).
__device__ float rmsScale(const float* x, int n, float eps)
{
    const int lane = threadIdx.x % 32;
    float sum = 0.0f;
    for (int i = lane; i < n; i += 32)
        sum = fmaf(x[i], x[i], sum);
    sum = warpSum(sum);
    return 1.0f / sqrtf(sum / float(n) + eps);
}

/// What a product reads as its input (b, c): x as stored, RMSNorm(x) (x * r first, then * gain, as
/// torch and the CPU path round it), or silu(gate) * up from the gate/up product.
enum class Input { Plain, Norm, SwiGlu };

template <Input In>
__device__ __forceinline__ float inputAt(const float* X, int ldx, int b, int c, float scale, const float* gain, int F)
{
    const float* row = X + std::size_t(b) * ldx;
    if constexpr (In == Input::Norm) {
        return __fmul_rn(__fmul_rn(row[c], scale), gain[c]);
    } else if constexpr (In == Input::SwiGlu) {
        const float gate = row[c];
        return __fmul_rn(gate / (1.0f + expf(-gate)), row[F + c]);
    } else {
        return row[c];
    }
}

/// Y (B, N) = input (B, C) . W^T (W (N, C) row-major); Add: Y += instead of Y =. Called by every
/// block of the grid.
template <Input In, bool Add, typename W>
__device__ void product(const W* w, int N, int C, const float* X, int ldx, const float* gain, float eps, int F,
                        float* Y, int ldy, int B, float* shared)
{
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    if (B <= SmallBatch) {
        if (blockIdx.x * Warps >= N)
            return;             // no row for this block
        float* inputs = shared; // (B, C)
        float* scales = shared + SmallBatch * C;
        if constexpr (In == Input::Norm) {
            if (warp < B) {
                const float r = rmsScale(X + std::size_t(warp) * ldx, C, eps);
                if (lane == 0)
                    scales[warp] = r;
            }
            __syncthreads();
        }
        for (int i = threadIdx.x; i < B * C; i += Threads) {
            const int b = i / C, c = i % C;
            inputs[i] = inputAt<In>(X, ldx, b, c, In == Input::Norm ? scales[b] : 0.0f, gain, F);
        }
        __syncthreads();
        for (int r = blockIdx.x * Warps + warp; r < N; r += gridDim.x * Warps) {
            float acc[SmallBatch] = {};
            const std::size_t row = std::size_t(r) * C;
#pragma unroll 4
            for (int c = lane; c < C; c += 32) {
                const float weight = weightAt(w, row + c);
#pragma unroll
                for (int s = 0; s < SmallBatch; ++s)
                    if (s < B)
                        acc[s] = fmaf(weight, inputs[s * C + c], acc[s]);
            }
#pragma unroll
            for (int s = 0; s < SmallBatch; ++s)
                if (s < B) {
                    const float v = warpSum(acc[s]);
                    if (lane == 0) {
                        float& y = Y[std::size_t(s) * ldy + r];
                        y = Add ? y + v : v;
                    }
                }
        }
        __syncthreads(); // the staged inputs stay until every warp of the block is done
        return;
    }

    constexpr int Pitch = TileCols + 1;    // a padded row: the warps read columns without bank conflicts
    float* xs = shared;                    // (TileStreams, Pitch)
    float* ws = xs + TileStreams * Pitch;  // (TileRows, Pitch)
    float* scales = ws + TileRows * Pitch; // (TileStreams)
    const int rowTiles = (N + TileRows - 1) / TileRows, streamTiles = (B + TileStreams - 1) / TileStreams;
    // Thread t: rows rg + 16 i and streams sg + 16 j (i, j < 4) of the tile: 16 sums, 8 reads of
    // shared memory per 16 multiply-adds.
    const int rg = threadIdx.x % 16, sg = threadIdx.x / 16;
    for (int unit = blockIdx.x; unit < rowTiles * streamTiles; unit += gridDim.x) {
        const int r0 = (unit % rowTiles) * TileRows, b0 = (unit / rowTiles) * TileStreams;
        if constexpr (In == Input::Norm) {
            for (int s = warp; s < TileStreams; s += Warps) {
                const int b = b0 + s;
                const float r = b < B ? rmsScale(X + std::size_t(b) * ldx, C, eps) : 0.0f;
                if (lane == 0)
                    scales[s] = r;
            }
            __syncthreads();
        }
        float acc[4][4] = {};
        for (int c0 = 0; c0 < C; c0 += TileCols) {
            for (int i = threadIdx.x; i < TileStreams * TileCols; i += Threads) {
                const int s = i / TileCols, cc = i % TileCols, b = b0 + s, c = c0 + cc;
                xs[s * Pitch + cc] =
                    b < B && c < C ? inputAt<In>(X, ldx, b, c, In == Input::Norm ? scales[s] : 0.0f, gain, F) : 0.0f;
            }
            for (int i = threadIdx.x; i < TileRows * TileCols; i += Threads) {
                const int r = i / TileCols, cc = i % TileCols, row = r0 + r, c = c0 + cc;
                ws[r * Pitch + cc] = row < N && c < C ? weightAt(w, std::size_t(row) * C + c) : 0.0f;
            }
            __syncthreads();
#pragma unroll 8
            for (int cc = 0; cc < TileCols; ++cc) {
                float x[4];
#pragma unroll
                for (int j = 0; j < 4; ++j)
                    x[j] = xs[(sg + 16 * j) * Pitch + cc];
#pragma unroll
                for (int i = 0; i < 4; ++i) {
                    const float weight = ws[(rg + 16 * i) * Pitch + cc];
#pragma unroll
                    for (int j = 0; j < 4; ++j)
                        acc[i][j] = fmaf(weight, x[j], acc[i][j]);
                }
            }
            __syncthreads();
        }
#pragma unroll
        for (int i = 0; i < 4; ++i)
#pragma unroll
            for (int j = 0; j < 4; ++j) {
                const int r = r0 + rg + 16 * i, b = b0 + sg + 16 * j;
                if (r < N && b < B) {
                    float& y = Y[std::size_t(b) * ldy + r];
                    y = Add ? y + acc[i][j] : acc[i][j];
                }
            }
    }
}

/// x (B, d) = the sum of each stream's K code embeddings, in codebook order.
template <typename W> __device__ void embed(const StepArgs<W>& a)
{
    const Shape& s = a.s;
    const int total = a.B * s.d;
    for (int i = blockIdx.x * Threads + threadIdx.x; i < total; i += gridDim.x * Threads) {
        const int b = i / s.d, c = i % s.d;
        float v = 0.0f;
        for (int k = 0; k < s.K; ++k) {
            const float e = a.embeddings[(std::size_t(k) * (s.V + 1) + a.codes[b * s.K + k]) * s.d + c];
            v = k == 0 ? e : v + e;
        }
        a.x[i] = v;
    }
}

/// RoPE of one head held as `v[j]` = element lane + 32 j (headDim a multiple of 64, so element i and
/// its partner i + D/2 are in the same lane), at the position whose tables are `cosines`/`sines`.
__device__ __forceinline__ void rotate(float* v, int lanes, const float* cosines, const float* sines)
{
    const int lane = threadIdx.x % 32;
#pragma unroll
    for (int j = 0; j < MaxHeadLanes / 2; ++j)
        if (j < lanes / 2) {
            const int i = lane + 32 * j;
            const float x1 = v[j], x2 = v[j + lanes / 2], c = cosines[i], s = sines[i];
            v[j] = __fsub_rn(__fmul_rn(x1, c), __fmul_rn(x2, s));
            v[j + lanes / 2] = __fadd_rn(__fmul_rn(x1, s), __fmul_rn(x2, c));
        }
}

/// Grouped-query attention of layer `l` for every (stream, query head), and this position's keys
/// and values appended to the cache (by the first query head of each group).
template <typename W> __device__ void attention(const StepArgs<W>& a, int l, float* shared)
{
    const Shape& s = a.s;
    const int lane = threadIdx.x % 32, warp = threadIdx.x / 32;
    const int lanes = s.D / 32, half = s.D / 2, group = s.Hq / s.Hkv;
    const long long pos = a.position;
    const float* cosines = a.ropeCos + pos * half;
    const float* sines = a.ropeSin + pos * half;
    for (int unit = blockIdx.x; unit < a.B * s.Hq; unit += gridDim.x) {
        const int b = unit / s.Hq, h = unit % s.Hq, kvh = h / group;
        const float* row = a.qkv + std::size_t(b) * s.qkvW;
        float q[MaxHeadLanes];
#pragma unroll
        for (int j = 0; j < MaxHeadLanes; ++j)
            q[j] = j < lanes ? row[h * s.D + lane + 32 * j] : 0.0f;
        rotate(q, lanes, cosines, sines);
        const std::size_t cacheBase = ((std::size_t(l) * a.B + b) * std::size_t(a.capacity)) * s.kvW + kvh * s.D;
        float* keys = a.keys + cacheBase;
        float* values = a.values + cacheBase;
        float best = -INFINITY, total = 0.0f, acc[MaxHeadLanes] = {};
        for (long long t = warp; t <= pos; t += Warps) {
            float k[MaxHeadLanes], v[MaxHeadLanes];
            if (t < pos) {
#pragma unroll
                for (int j = 0; j < MaxHeadLanes; ++j) {
                    k[j] = j < lanes ? keys[t * s.kvW + lane + 32 * j] : 0.0f;
                    v[j] = j < lanes ? values[t * s.kvW + lane + 32 * j] : 0.0f;
                }
            } else { // this position: from the product, rotated here; stored for the next positions
#pragma unroll
                for (int j = 0; j < MaxHeadLanes; ++j) {
                    k[j] = j < lanes ? row[s.qW + kvh * s.D + lane + 32 * j] : 0.0f;
                    v[j] = j < lanes ? row[s.qW + s.kvW + kvh * s.D + lane + 32 * j] : 0.0f;
                }
                rotate(k, lanes, cosines, sines);
                if (h % group == 0)
#pragma unroll
                    for (int j = 0; j < MaxHeadLanes; ++j)
                        if (j < lanes) {
                            keys[t * s.kvW + lane + 32 * j] = k[j];
                            values[t * s.kvW + lane + 32 * j] = v[j];
                        }
            }
            float dot = 0.0f;
#pragma unroll
            for (int j = 0; j < MaxHeadLanes; ++j)
                dot = fmaf(q[j], k[j], dot);
            const float score = warpSum(dot) / s.divisor;
            const float next = fmaxf(best, score);
            const float rescale = expf(best - next), weight = expf(score - next);
            total = total * rescale + weight;
#pragma unroll
            for (int j = 0; j < MaxHeadLanes; ++j)
                acc[j] = acc[j] * rescale + weight * v[j];
            best = next;
        }
        // The warps' partial softmaxes, combined by warp 0.
        float* mine = shared + warp * (s.D + 2);
        if (lane == 0) {
            mine[0] = best;
            mine[1] = total;
        }
#pragma unroll
        for (int j = 0; j < MaxHeadLanes; ++j)
            if (j < lanes)
                mine[2 + lane + 32 * j] = acc[j];
        __syncthreads();
        if (warp == 0) {
            float top = -INFINITY;
            for (int w = 0; w < Warps; ++w)
                top = fmaxf(top, shared[w * (s.D + 2)]);
            float sum = 0.0f, out[MaxHeadLanes] = {};
            for (int w = 0; w < Warps; ++w) {
                const float* part = shared + w * (s.D + 2);
                const float scale = expf(part[0] - top); // 0 for a warp that had no position
                sum += part[1] * scale;
#pragma unroll
                for (int j = 0; j < MaxHeadLanes; ++j)
                    if (j < lanes)
                        out[j] += part[2 + lane + 32 * j] * scale;
            }
#pragma unroll
            for (int j = 0; j < MaxHeadLanes; ++j)
                if (j < lanes)
                    a.attn[std::size_t(b) * s.qW + h * s.D + lane + 32 * j] = out[j] / sum;
        }
        __syncthreads();
    }
}

/// Shared memory of one warp's sampling: logits, order, rank, weights and probabilities of V codes.
struct SampleScratch {
    double* p;
    float* logits;
    float* probabilities;
    int* order;
    int* rank;
};

__device__ SampleScratch sampleScratch(void* shared, int warp, int V)
{
    // Per warp: V doubles, then 2 V floats and 2 V ints.
    char* base = static_cast<char*>(shared) + std::size_t(warp) * V * (sizeof(double) + 4 * sizeof(float));
    SampleScratch s;
    s.p = reinterpret_cast<double*>(base);
    s.logits = reinterpret_cast<float*>(base + V * sizeof(double));
    s.probabilities = s.logits + V;
    s.order = reinterpret_cast<int*>(s.probabilities + V);
    s.rank = s.order + V;
    return s;
}

/// sampleRow() (DeviceSampling.h) by one warp: the per-code steps on every lane, the sums in
/// Sampler's order on lane 0. Every lane returns the code.
__device__ int sampleWarp(const float* logits, int V, const SamplingRule& rule, double u, const SampleScratch& m)
{
    const int lane = threadIdx.x % 32;
    for (int i = lane; i < V; i += 32)
        m.logits[i] = logits[i];
    __syncwarp();
    for (int i = lane; i < V; i += 32) {
        const int r = stableRank(m.logits, V, i);
        m.rank[i] = r;
        m.order[r] = i;
    }
    __syncwarp();
    const int best = m.order[0];
    for (int i = lane; i < V; i += 32)
        m.p[i] = softmaxWeight(m.logits, i, best, rule);
    __syncwarp();
    if (rule.temperature != 0) {
        double sum = 0;
        if (lane == 0)
            for (int i = 0; i < V; ++i)
                sum += m.p[i];
        sum = __shfl_sync(0xffffffffu, sum, 0);
        for (int i = lane; i < V; i += 32)
            m.p[i] /= sum;
        __syncwarp();
    }
    int keep = 0;
    double keptMass = 0;
    if (lane == 0) {
        keep = keptCount(m.p, m.order, V, rule);
        for (int n = 0; n < keep; ++n)
            keptMass += m.p[m.order[n]];
    }
    keep = __shfl_sync(0xffffffffu, keep, 0);
    keptMass = __shfl_sync(0xffffffffu, keptMass, 0);
    for (int i = lane; i < V; i += 32)
        m.probabilities[i] = m.rank[i] < keep ? float(m.p[i] / keptMass) : 0.0f;
    __syncwarp();
    int code = 0;
    if (lane == 0)
        code = drawCode(m.probabilities, V, rule, u);
    return __shfl_sync(0xffffffffu, code, 0);
}

/// Samples every codebook of every stream from the logits of this position (a block per stream, a
/// warp per codebook); the uniforms are drawn first, in codebook order, as the CPU loop draws them.
template <typename W> __device__ void sampleCodes(const StepArgs<W>& a, void* shared)
{
    const Shape& s = a.s;
    const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    double* uniforms = static_cast<double*>(shared);                   // (K)
    void* scratch = static_cast<char*>(shared) + sizeof(double) * s.K; // 8-byte aligned
    for (int b = blockIdx.x; b < a.B; b += gridDim.x) {
        if (threadIdx.x == 0)
            for (int k = 0; k < s.K; ++k) {
                const long long f = a.position - (a.delays ? a.delays[k] : 0);
                uniforms[k] = f >= 0 && f < a.frames ? a.rngs[b].uniform() : -1.0;
            }
        __syncthreads();
        const SampleScratch m = sampleScratch(scratch, warp, s.V);
        for (int k = warp; k < s.K; k += Warps) {
            const long long f = a.position - (a.delays ? a.delays[k] : 0);
            int code = s.V; // BOS before a codebook's first frame and after its last
            if (f >= 0 && f < a.frames)
                code = sampleWarp(a.logits + (std::size_t(b) * s.K + k) * s.V, s.V, a.rule, uniforms[k], m);
            if (lane == 0) {
                a.codes[b * s.K + k] = code;
                if (f >= 0 && f < a.frames)
                    a.history[(std::size_t(b) * a.frames + f) * s.K + k] = code;
            }
        }
        __syncthreads();
    }
}

template <typename W> __global__ void __launch_bounds__(Threads) stepKernel(StepArgs<W> a)
{
    extern __shared__ double sharedWords[]; // double: 8-byte alignment for the sampler's scratch
    float* shared = reinterpret_cast<float*>(sharedWords);
    cg::grid_group grid = cg::this_grid();
    const Shape& s = a.s;
    embed(a);
    grid.sync();
    for (int l = 0; l < s.layers; ++l) {
        const W* base = a.linear + std::size_t(l) * s.layerSize;
        const W* qkv = base;
        const W* o = qkv + std::size_t(s.qkvW) * s.d;
        const W* gateUp = o + std::size_t(s.d) * s.qW;
        const W* down = gateUp + 2 * std::size_t(s.F) * s.d;
        const float* attnNorm = a.norms + std::size_t(2 * l) * s.d;
        const float* ffnNorm = attnNorm + s.d;
        product<Input::Norm, false>(qkv, s.qkvW, s.d, a.x, s.d, attnNorm, s.eps, 0, a.qkv, s.qkvW, a.B, shared);
        grid.sync();
        attention(a, l, shared);
        grid.sync();
        product<Input::Plain, true>(o, s.d, s.qW, a.attn, s.qW, nullptr, 0.0f, 0, a.x, s.d, a.B, shared);
        grid.sync();
        product<Input::Norm, false>(gateUp, 2 * s.F, s.d, a.x, s.d, ffnNorm, s.eps, 0, a.gateUp, 2 * s.F, a.B, shared);
        grid.sync();
        product<Input::SwiGlu, true>(down, s.d, s.F, a.gateUp, 2 * s.F, nullptr, 0.0f, s.F, a.x, s.d, a.B, shared);
        grid.sync();
    }
    const W* heads = a.linear + std::size_t(s.layers) * s.layerSize;
    product<Input::Norm, false>(heads, s.K * s.V, s.d, a.x, s.d, a.norms + std::size_t(2 * s.layers) * s.d, s.eps, 0,
                                a.logits, s.K * s.V, a.B, shared);
    if (a.sample) {
        grid.sync();
        sampleCodes(a, sharedWords);
    }
}

/// The sampler alone over fixed logits (B, K, V), `frames` times per stream: a block per stream.
__global__ void __launch_bounds__(Threads) sampleKernel(const float* logits, int K, int V, int frames,
                                                        SamplingRule rule, Mt64* rngs, int* codes, float* probabilities)
{
    extern __shared__ double sharedWords[];
    double* uniforms = sharedWords;
    void* scratch = sharedWords + K;
    const int b = blockIdx.x, warp = threadIdx.x / 32, lane = threadIdx.x % 32;
    const SampleScratch m = sampleScratch(scratch, warp, V);
    for (int f = 0; f < frames; ++f) {
        if (threadIdx.x == 0)
            for (int k = 0; k < K; ++k)
                uniforms[k] = rngs[b].uniform();
        __syncthreads();
        for (int k = warp; k < K; k += Warps) {
            const int code = sampleWarp(logits + (std::size_t(b) * K + k) * V, V, rule, uniforms[k], m);
            if (lane == 0)
                codes[(std::size_t(b) * frames + f) * K + k] = code;
            if (probabilities && f == 0)
                for (int i = lane; i < V; i += 32)
                    probabilities[(std::size_t(b) * K + k) * V + i] = m.probabilities[i];
        }
        __syncthreads();
    }
}

std::size_t sampleSharedBytes(int K, int V)
{
    return sizeof(double) * std::size_t(K) + std::size_t(Warps) * V * (sizeof(double) + 4 * sizeof(float));
}

} // namespace

} // namespace talker::cuda::detail
