// SPDX-License-Identifier: GPL-3.0-or-later
#include "Kernels.h"
#include "KernelTargets.h"

#include "talker/Error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

// The kernels: see KernelTargets.h for how each is compiled three times.
// The vector types are only passed between inlined helpers, never across an ABI boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace talker::kernels {

namespace {

/// L floats (L = 16, 8, 4: one AVX-512, AVX2 or SSE register), and L 32-bit lanes; may_alias:
/// they are read from float arrays.
template <int L> struct Lanes {
    typedef float Floats __attribute__((vector_size(4 * L), may_alias));
    typedef std::uint32_t Bits __attribute__((vector_size(4 * L), may_alias));
};

/// The register tiles of each instruction set. A pass keeps S x NB blocks of accumulators, each
/// block 16 / L registers, and needs a few more: the broadcast input of each stream (two per stream
/// for bfloat16 column pairs), the weight vector, and for bfloat16 its two widened halves and the
/// mask. Counted for the widest tile:
///
///   isa     format    L   panel (1 stream)          pair tile (2 streams)     quad tile (4 streams)
///   avx512  float32   16  8 blocks: 8 + 1 + 1       8 blocks: 16 + 2 + 1      4 blocks: 16 + 4 + 1
///   avx512  bfloat16  16  8 blocks: 8 + 2 + 3 + 1   8 blocks: 16 + 4 + 3 + 1  4 blocks: 16 + 8 + 3 + 1
///   avx2    float32   8   6 blocks: 12 + 1 + 1      3 blocks: 12 + 2 + 1      1 block:  8 + 4 + 1
///   avx2    bfloat16  8   4 blocks: 8 + 2 + 3 + 1   2 blocks: 8 + 4 + 3 + 1   -
///   generic float32   4   2 blocks: 8 + 1 + 2       1 block:  8 + 2 + 2       -
///   generic bfloat16  4   2 blocks: 8 + 2 + 3 + 1   1 block:  8 + 4 + 3 + 1   -
///
/// of 32 registers (AVX-512) or 16 (AVX2, SSE2; generic bfloat16 pairs use all 16 and SSE2 spills
/// a few). At least 8 accumulators per pass (12 for AVX2 float32) keep enough independent add
/// chains in flight to hide the FMA latency. The pair and quad tiles read a strip of the panel;
/// the panel (at most cols x 8 blocks, 400 KB here) stays in L2 while the strips and the groups of
/// streams go by, and a quad does twice a pair's work per weight it reads (batches are bound by
/// how fast L2 delivers the strips, not by the arithmetic).
struct Tiling {
    int lanes;
    int panelBlocks;
    int pairTileBlocks;
    int quadTileBlocks; // 0: no quad tile (it would not fit the registers)
};

constexpr Tiling tilingFor(Isa isa, WeightFormat format)
{
    const bool f32 = format == WeightFormat::Float32;
    switch (isa) {
    case Isa::Avx512:
        return {16, 8, 8, 4};
    case Isa::Avx2:
        return f32 ? Tiling{8, 6, 3, 1} : Tiling{8, 4, 2, 0};
    case Isa::Generic:
        break;
    }
    return {4, 2, 1, 0};
}

/// One tile: S streams times NB blocks starting at `tile` (a panel's block, column step 0), the
/// panel's column steps `stride` weights apart. The loops are unrolled completely, so the
/// accumulator array becomes registers. W = float: float32 weights, one column per step. W =
/// std::uint32_t: bfloat16 weights, a column pair per 32-bit lane (column 2j in the low half, 2j + 1
/// in the high half), so one load brings 2L weights and widening costs one shift and one mask.
/// Every output sums its inputs in order 0 .. cols - 1 in one lane, whatever the tile.
template <int L, typename W, int S, int NB>
__attribute__((always_inline)) inline void tileProduct(const W* tile, std::size_t stride, int cols, const float* x,
                                                       std::size_t xStride, float* y, std::size_t yStride, int rowsLeft)
{
    using Floats = typename Lanes<L>::Floats;
    using Bits = typename Lanes<L>::Bits;
    constexpr int PerBlock = BlockRows / L;
    constexpr int N = NB * PerBlock; // accumulators per stream
    Floats acc[S][N];
#pragma GCC unroll 16
    for (int s = 0; s < S; ++s)
#pragma GCC unroll 32
        for (int n = 0; n < N; ++n)
            acc[s][n] = Floats{};
    if constexpr (std::is_same_v<W, float>) {
        for (int i = 0; i < cols; ++i) {
            const Floats* w = reinterpret_cast<const Floats*>(tile + std::size_t(i) * stride);
            float xi[S];
#pragma GCC unroll 16
            for (int s = 0; s < S; ++s)
                xi[s] = x[std::size_t(s) * xStride + std::size_t(i)];
#pragma GCC unroll 32
            for (int n = 0; n < N; ++n) {
                const Floats weight = w[n];
#pragma GCC unroll 16
                for (int s = 0; s < S; ++s)
                    acc[s][n] += weight * xi[s];
            }
        }
    } else {
        const Bits highHalf = Bits{} + 0xffff0000u;
        const int pairs = cols / 2;
        for (int j = 0; j < pairs; ++j) {
            const Bits* w = reinterpret_cast<const Bits*>(tile + std::size_t(j) * stride);
            float x0[S], x1[S];
#pragma GCC unroll 16
            for (int s = 0; s < S; ++s) {
                x0[s] = x[std::size_t(s) * xStride + std::size_t(2 * j)];
                x1[s] = x[std::size_t(s) * xStride + std::size_t(2 * j + 1)];
            }
#pragma GCC unroll 32
            for (int n = 0; n < N; ++n) {
                const Bits pair = w[n];
                const Floats even = std::bit_cast<Floats>(Bits(pair << 16));
                const Floats odd = std::bit_cast<Floats>(Bits(pair & highHalf));
#pragma GCC unroll 16
                for (int s = 0; s < S; ++s) {
                    acc[s][n] += even * x0[s]; // inputs in order: 2j, then 2j + 1
                    acc[s][n] += odd * x1[s];
                }
            }
        }
        if (cols % 2) { // the last column alone, in the low halves of its pair
            const Bits* w = reinterpret_cast<const Bits*>(tile + std::size_t(pairs) * stride);
            float xi[S];
#pragma GCC unroll 16
            for (int s = 0; s < S; ++s)
                xi[s] = x[std::size_t(s) * xStride + std::size_t(cols - 1)];
#pragma GCC unroll 32
            for (int n = 0; n < N; ++n) {
                const Floats weight = std::bit_cast<Floats>(Bits(w[n] << 16));
#pragma GCC unroll 16
                for (int s = 0; s < S; ++s)
                    acc[s][n] += weight * xi[s];
            }
        }
    }
#pragma GCC unroll 16
    for (int s = 0; s < S; ++s)
#pragma GCC unroll 8
        for (int b = 0; b < NB; ++b) {
            const int count = std::min(BlockRows, rowsLeft - b * BlockRows);
            if (count > 0)
                std::memcpy(y + std::size_t(s) * yStride + std::size_t(b) * BlockRows, &acc[s][b * PerBlock],
                            std::size_t(count) * sizeof(float));
        }
}

/// tileProduct for a run-time block count nb <= Max.
template <int L, typename W, int S, int Max>
__attribute__((always_inline)) inline void tileFor(int nb, const W* tile, std::size_t stride, int cols, const float* x,
                                                   std::size_t xStride, float* y, std::size_t yStride, int rowsLeft)
{
    if constexpr (Max > 1) {
        if (nb < Max) {
            tileFor<L, W, S, Max - 1>(nb, tile, stride, cols, x, xStride, y, yStride, rowsLeft);
            return;
        }
    }
    tileProduct<L, W, S, Max>(tile, stride, cols, x, xStride, y, yStride, rowsLeft);
}

/// y = x Wᵀ panel by panel: groups of four streams strip by strip (each strip of the panel read once
/// per group), then pairs likewise, then a last odd stream over the whole panel at once.
template <int L, typename W, int PanelBlocks, int PairTileBlocks, int QuadTileBlocks>
__attribute__((always_inline)) inline void matmulTiled(const PackedMatrix& w, const W* panel, const float* x,
                                                       std::size_t xStride, float* y, std::size_t yStride, int batch)
{
    const int blocks = (w.rows + BlockRows - 1) / BlockRows;
    // A panel holds cols float32 columns, or (cols + 1) / 2 bfloat16 column pairs.
    const int steps = std::is_same_v<W, float> ? w.cols : (w.cols + 1) / 2;
    for (int first = 0; first < blocks; first += PanelBlocks) {
        const int nb = std::min(PanelBlocks, blocks - first);
        const std::size_t stride = std::size_t(nb) * BlockRows;
        const int row = first * BlockRows;
        const int rowsLeft = w.rows - row;
        int quads = 0;
        if constexpr (QuadTileBlocks > 0) {
            quads = batch / 4 * 4;
            for (int b = 0; b < nb; b += QuadTileBlocks)
                for (int s = 0; s < quads; s += 4)
                    tileFor<L, W, 4, QuadTileBlocks>(std::min(QuadTileBlocks, nb - b),
                                                     panel + std::size_t(b) * BlockRows, stride, w.cols,
                                                     x + std::size_t(s) * xStride, xStride,
                                                     y + std::size_t(s) * yStride + std::size_t(row + b * BlockRows),
                                                     yStride, rowsLeft - b * BlockRows);
        }
        const int pairs = quads + (batch - quads) / 2 * 2;
        for (int b = 0; b < nb; b += PairTileBlocks)
            for (int s = quads; s < pairs; s += 2)
                tileFor<L, W, 2, PairTileBlocks>(std::min(PairTileBlocks, nb - b), panel + std::size_t(b) * BlockRows,
                                                 stride, w.cols, x + std::size_t(s) * xStride, xStride,
                                                 y + std::size_t(s) * yStride + std::size_t(row + b * BlockRows),
                                                 yStride, rowsLeft - b * BlockRows);
        if (pairs < batch)
            tileFor<L, W, 1, PanelBlocks>(nb, panel, stride, w.cols, x + std::size_t(pairs) * xStride, xStride,
                                          y + std::size_t(pairs) * yStride + std::size_t(row), yStride, rowsLeft);
        panel += std::size_t(steps) * stride;
    }
}

template <Isa I>
__attribute__((always_inline)) inline void matmulFor(const PackedMatrix& w, const float* x, std::size_t xStride,
                                                     float* y, std::size_t yStride, int batch)
{
    if (w.format == WeightFormat::BFloat16) {
        constexpr Tiling t = tilingFor(I, WeightFormat::BFloat16);
        matmulTiled<t.lanes, std::uint32_t, t.panelBlocks, t.pairTileBlocks, t.quadTileBlocks>(
            w, reinterpret_cast<const std::uint32_t*>(w.values.data()), x, xStride, y, yStride, batch);
    } else {
        constexpr Tiling t = tilingFor(I, WeightFormat::Float32);
        matmulTiled<t.lanes, float, t.panelBlocks, t.pairTileBlocks, t.quadTileBlocks>(w, w.values.data(), x, xStride,
                                                                                       y, yStride, batch);
    }
}

__attribute__((always_inline)) inline void rmsNormBody(const float* x, const float* gain, int n, float eps, float* out)
{
    float sumSquares = 0.0f;
    for (int i = 0; i < n; ++i)
        sumSquares += x[i] * x[i];
    // ref: RmsNormImpl::forward (core/src/model/TalkerLayers.h), x * rsqrt(mean(x²) + eps) * weight
    // (LibTorch sums in another order: the results differ in rounding, within the parity tests' 1e-4)
    const float r = 1.0f / std::sqrt(sumSquares / float(n) + eps);
    for (int i = 0; i < n; ++i)
        out[i] = x[i] * r * gain[i];
}

/// exp(x) in each of L lanes, the same operations in every lane whatever L, so AVX2 and AVX-512
/// give the same bits (libmvec, glibc's vector maths, has separate AVX2 and AVX-512 versions that
/// need not agree to the last bit, and the kernels promise they do). x = n ln 2 + r with |r| <=
/// ln 2 / 2 (ln 2 in two parts, so r is exact to float precision), exp(r) by its Taylor series to
/// r^7 (truncation error below 1e-8 of the result), 2^n added to the exponent bits. Arguments are
/// held to [-86, 88] first (2^n stays a normal float; exp(88) is 1.7e38): below -86 the result is
/// 4e-38 instead of smaller, above 88 1.7e38 instead of larger or infinite, which the callers (the
/// SiLU's 1 + exp(-x), softmax's exp(s - max) <= 1) do not tell apart. NaN stays NaN.
template <int L> __attribute__((always_inline)) inline typename Lanes<L>::Floats expLanes(typename Lanes<L>::Floats x)
{
    using Floats = typename Lanes<L>::Floats;
    using Bits = typename Lanes<L>::Bits;
    const Floats low = Floats{} - 86.0f, high = Floats{} + 88.0f;
    x = x < low ? low : x; // lanes of NaN compare false and stay NaN
    x = x > high ? high : x;
    // n = round(x / ln 2): adding 1.5 * 2^23 rounds to an integer held in the low mantissa bits.
    const Floats magic = Floats{} + 12582912.0f;
    const Floats shifted = x * 1.44269504f + magic;
    const Floats n = shifted - magic;
    const Floats r = (x - n * 0.693359375f) - n * -2.12194440e-4f;
    Floats p = Floats{} + (1.0f / 5040.0f);
    p = p * r + (1.0f / 720.0f);
    p = p * r + (1.0f / 120.0f);
    p = p * r + (1.0f / 24.0f);
    p = p * r + (1.0f / 6.0f);
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const Bits exponent = (std::bit_cast<Bits>(shifted) - std::bit_cast<Bits>(magic)) << 23;
    return std::bit_cast<Floats>(std::bit_cast<Bits>(p) + exponent);
}

/// exp() of n floats in place: L lanes at a time, the rest one lane at a time by the same steps.
template <int L> __attribute__((always_inline)) inline void expInPlace(float* v, std::int64_t n)
{
    using Floats = typename Lanes<L>::Floats;
    std::int64_t i = 0;
    for (; i + L <= n; i += L) {
        Floats x;
        std::memcpy(&x, v + i, sizeof x);
        x = expLanes<L>(x);
        std::memcpy(v + i, &x, sizeof x);
    }
    for (; i < n; ++i)
        v[i] = expLanes<1>(typename Lanes<1>::Floats{v[i]})[0];
}

/// silu() in L lanes: out = gate / (1 + exp(-gate)) * up, as torch writes SiLU.
template <int L>
__attribute__((always_inline)) inline void siluBody(const float* gate, const float* up, int n, float* out)
{
    using Floats = typename Lanes<L>::Floats;
    const auto one = [](auto g, auto u, auto e) { return g / (1.0f + e) * u; };
    int i = 0;
    for (; i + L <= n; i += L) {
        Floats g, u;
        std::memcpy(&g, gate + i, sizeof g);
        std::memcpy(&u, up + i, sizeof u);
        const Floats a = one(g, u, expLanes<L>(-g));
        std::memcpy(out + i, &a, sizeof a);
    }
    for (; i < n; ++i)
        out[i] = one(gate[i], up[i], expLanes<1>(typename Lanes<1>::Floats{-gate[i]})[0]);
}

/// attend() in L-float registers. Every instruction set computes the same sums in the same order:
/// each score is one chain of multiply-adds over the head's dimensions in order (the keys are
/// stored dimension by dimension, so L neighbouring positions fill a register and eight registers
/// of positions are summed side by side, with no reduction across lanes), and each output element
/// sums its positions in order. Only the register width differs, so AVX2 and AVX-512 give
/// bit-identical scores and outputs.
template <int L>
__attribute__((always_inline)) inline void attendBody(const float* query, const float* keys, std::size_t keyStride,
                                                      const float* values, std::size_t stride, std::int64_t positions,
                                                      int headDim, float divisor, float* scores, float* out)
{
    using Floats = typename Lanes<L>::Floats;
    constexpr int PerBlock = BlockRows / L;
    const auto load = [](const float* p) {
        Floats v;
        std::memcpy(&v, p, sizeof v);
        return v;
    };
    // One call per head, not per position: the loops below inline and vectorise. Whole blocks of
    // AttendBlock positions (the caller's buffers hold them), in chains of 8 registers: enough
    // independent multiply-adds to hide their latency, and no reduction across lanes.
    constexpr int Registers = 8;
    static_assert(AttendBlock % (Registers * L) == 0);
    const std::int64_t blocks = attendRoundUp(positions);
    for (std::int64_t t = 0; t < blocks; t += Registers * L) {
        Floats acc[Registers] = {};
        for (int i = 0; i < headDim; ++i) {
            const Floats q = Floats{} + query[i];
            const float* row = keys + std::size_t(i) * keyStride + std::size_t(t);
#pragma GCC unroll 8
            for (int r = 0; r < Registers; ++r)
                acc[r] += q * load(row + r * L);
        }
#pragma GCC unroll 8
        for (int r = 0; r < Registers; ++r) {
            // Divided after the product; the LibTorch reference scales its query by 1/sqrt(headDim)
            // instead (Attention.cpp; rounding apart within the parity tests' 1e-4).
            const Floats scaled = acc[r] / divisor;
            std::memcpy(scores + t + r * L, &scaled, sizeof scaled);
        }
    }
    float maxScore = -INFINITY;
    for (std::int64_t t = 0; t < positions; ++t)
        maxScore = std::max(maxScore, scores[t]);
    for (std::int64_t t = 0; t < positions; ++t)
        scores[t] -= maxScore;
    expInPlace<L>(scores, positions);
    float total = 0.0f;
    for (std::int64_t t = 0; t < positions; ++t)
        total += scores[t];
    for (std::int64_t t = 0; t < positions; ++t)
        scores[t] /= total;
    // The weighted sum of the values, a chunk of outputs held in registers over all positions (64
    // floats, 8 SSE registers of 4), then 16 at a time, then one.
    constexpr int Chunk = L >= 8 ? 64 / L : 8; // registers
    int i = 0;
    for (; i + Chunk * L <= headDim; i += Chunk * L) {
        Floats sum[Chunk] = {};
        for (std::int64_t t = 0; t < positions; ++t) {
            const float* value = values + std::size_t(t) * stride + i;
#pragma GCC unroll 16
            for (int c = 0; c < Chunk; ++c)
                sum[c] += scores[t] * load(value + c * L);
        }
        std::memcpy(out + i, sum, sizeof sum);
    }
    for (; i + BlockRows <= headDim; i += BlockRows) {
        Floats sum[PerBlock] = {};
        for (std::int64_t t = 0; t < positions; ++t) {
            const float* value = values + std::size_t(t) * stride + i;
#pragma GCC unroll 4
            for (int c = 0; c < PerBlock; ++c)
                sum[c] += scores[t] * load(value + c * L);
        }
        std::memcpy(out + i, sum, sizeof sum);
    }
    for (; i < headDim; ++i) {
        float sum = 0.0f;
        for (std::int64_t t = 0; t < positions; ++t)
            sum += scores[t] * values[std::size_t(t) * stride + std::size_t(i)];
        out[i] = sum;
    }
}

// The three compilations of each kernel. Only these carry a target; everything above is inlined
// into them and compiled for their instruction set.
#define TALKER_KERNEL_ENTRIES(Suffix, Target, I)                                                                       \
    Target void matmul##Suffix(const PackedMatrix& w, const float* x, std::size_t xStride, float* y,                   \
                               std::size_t yStride, int batch)                                                         \
    {                                                                                                                  \
        matmulFor<I>(w, x, xStride, y, yStride, batch);                                                                \
    }                                                                                                                  \
    Target void rmsNorm##Suffix(const float* x, const float* gain, int n, float eps, float* out)                       \
    {                                                                                                                  \
        rmsNormBody(x, gain, n, eps, out);                                                                             \
    }                                                                                                                  \
    Target void attend##Suffix(const float* query, const float* keys, std::size_t keyStride, const float* values,      \
                               std::size_t stride, std::int64_t positions, int headDim, float divisor, float* scores,  \
                               float* out)                                                                             \
    {                                                                                                                  \
        attendBody<tilingFor(I, WeightFormat::Float32).lanes>(query, keys, keyStride, values, stride, positions,       \
                                                              headDim, divisor, scores, out);                          \
    }                                                                                                                  \
    Target void silu##Suffix(const float* gate, const float* up, int n, float* out)                                    \
    {                                                                                                                  \
        siluBody<tilingFor(I, WeightFormat::Float32).lanes>(gate, up, n, out);                                         \
    }

TALKER_KERNEL_ENTRIES(Generic, , Isa::Generic)
#if TALKER_X86_KERNELS
TALKER_KERNEL_ENTRIES(Avx2, TALKER_TARGET_AVX2, Isa::Avx2)
TALKER_KERNEL_ENTRIES(Avx512, TALKER_TARGET_AVX512, Isa::Avx512)
#endif

} // namespace

PackedMatrix PackedMatrix::pack(const float* source, int rows, int cols, WeightFormat format, Isa isa)
{
    if (!isaSupported(isa))
        throw ArgumentError(std::string("cannot pack weights for instruction set '") + isaName(isa) +
                            "': this CPU runs " + supportedIsaNames());
    PackedMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.format = format;
    m.isa = isa;
    m.panelBlocks = tilingFor(isa, format).panelBlocks;
    const int blocks = (rows + BlockRows - 1) / BlockRows;
    const bool halves = format == WeightFormat::BFloat16;
    // bfloat16 weights go in column pairs, one pair per float slot (see tileProduct).
    const int steps = halves ? (cols + 1) / 2 : cols;
    m.values = AlignedFloats(std::size_t(blocks) * BlockRows * std::size_t(steps));
    float* outFloats = m.values.data();
    auto* outPairs = reinterpret_cast<std::uint32_t*>(m.values.data());
    const auto weight = [&](int row, int col) {
        return row < rows && col < cols ? source[std::size_t(row) * std::size_t(cols) + std::size_t(col)] : 0.0f;
    };
    std::size_t next = 0;
    for (int first = 0; first < blocks; first += m.panelBlocks) {
        const int nb = std::min(m.panelBlocks, blocks - first);
        for (int i = 0; i < steps; ++i)
            for (int b = 0; b < nb; ++b)
                for (int lane = 0; lane < BlockRows; ++lane) {
                    const int row = (first + b) * BlockRows + lane;
                    if (halves)
                        outPairs[next++] = std::uint32_t(toBFloat16(weight(row, 2 * i))) |
                                           std::uint32_t(toBFloat16(weight(row, 2 * i + 1))) << 16;
                    else
                        outFloats[next++] = weight(row, i);
                }
    }
    return m;
}

void matmul(const PackedMatrix& w, const float* x, std::size_t xStride, float* y, std::size_t yStride, int batch)
{
    switch (w.isa) {
#if TALKER_X86_KERNELS
    case Isa::Avx512:
        return matmulAvx512(w, x, xStride, y, yStride, batch);
    case Isa::Avx2:
        return matmulAvx2(w, x, xStride, y, yStride, batch);
#else
    case Isa::Avx512:
    case Isa::Avx2:
        break; // pack() refused them
#endif
    case Isa::Generic:
        break;
    }
    matmulGeneric(w, x, xStride, y, yStride, batch);
}

void rmsNorm(Isa isa, const float* x, const float* gain, int n, float eps, float* out)
{
    switch (isa) {
#if TALKER_X86_KERNELS
    case Isa::Avx512:
        return rmsNormAvx512(x, gain, n, eps, out);
    case Isa::Avx2:
        return rmsNormAvx2(x, gain, n, eps, out);
#else
    case Isa::Avx512:
    case Isa::Avx2:
        break;
#endif
    case Isa::Generic:
        break;
    }
    rmsNormGeneric(x, gain, n, eps, out);
}

void attend(Isa isa, const float* query, const float* keys, std::size_t keyStride, const float* values,
            std::size_t stride, std::int64_t positions, int headDim, float divisor, float* scores, float* out)
{
    switch (isa) {
#if TALKER_X86_KERNELS
    case Isa::Avx512:
        return attendAvx512(query, keys, keyStride, values, stride, positions, headDim, divisor, scores, out);
    case Isa::Avx2:
        return attendAvx2(query, keys, keyStride, values, stride, positions, headDim, divisor, scores, out);
#else
    case Isa::Avx512:
    case Isa::Avx2:
        break;
#endif
    case Isa::Generic:
        break;
    }
    attendGeneric(query, keys, keyStride, values, stride, positions, headDim, divisor, scores, out);
}

void silu(Isa isa, const float* gate, const float* up, int n, float* out)
{
    switch (isa) {
#if TALKER_X86_KERNELS
    case Isa::Avx512:
        return siluAvx512(gate, up, n, out);
    case Isa::Avx2:
        return siluAvx2(gate, up, n, out);
#else
    case Isa::Avx512:
    case Isa::Avx2:
        break;
#endif
    case Isa::Generic:
        break;
    }
    siluGeneric(gate, up, n, out);
}

void ropeTables(int headDim, double theta, std::int64_t positions, float* cosines, float* sines)
{
    const int half = headDim / 2;
    std::vector<float> invFrequencies(static_cast<std::size_t>(half)); // (D/2)
    for (int i = 0; i < half; ++i)
        invFrequencies[std::size_t(i)] = float(std::pow(theta, -(double(i) * 2.0 / double(headDim))));
    for (std::int64_t p = 0; p < positions; ++p)
        for (int i = 0; i < half; ++i) {
            const float angle = float(p) * invFrequencies[std::size_t(i)];
            cosines[std::size_t(p * half + i)] = std::cos(angle);
            sines[std::size_t(p * half + i)] = std::sin(angle);
        }
}

} // namespace talker::kernels
