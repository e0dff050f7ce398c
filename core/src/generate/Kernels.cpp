#include "Kernels.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

// The kernels are plain C++ on GCC's vector extension: the compiler lowers a 16-float vector to one
// AVX-512 register, two AVX2 registers or four SSE registers. target_clones compiles each kernel
// for those three instruction sets and picks one at load time from the CPU (an ifunc), so the build
// never requires AVX2 and needs no per-file flags.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define TALKER_KERNEL __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TALKER_KERNEL
#endif

// The 16-float vector type is only passed between inlined helpers, never across an ABI boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace talker::kernels {

namespace {

// may_alias: the vectors are read from float arrays.
typedef float Vec16 __attribute__((vector_size(64), may_alias));

__attribute__((always_inline)) inline Vec16 loadUnaligned(const float* p)
{
    Vec16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

__attribute__((always_inline)) inline float horizontalSum(Vec16 v)
{
    float sum = 0.0f;
    for (int i = 0; i < 16; ++i)
        sum += v[i];
    return sum;
}

typedef std::uint32_t U32x16 __attribute__((vector_size(64), may_alias));

__attribute__((always_inline)) inline Vec16 asFloats(U32x16 bits)
{
    return reinterpret_cast<const Vec16&>(bits);
}

// S streams times NB blocks of one panel: S * NB accumulators live in registers for the whole pass
// over the inputs (the loops are unrolled completely, so the arrays become registers).
// W = float: float32 weights, one column per step. W = std::uint32_t: bfloat16 weights, a column
// pair per 32-bit lane (column 2j in the low half, 2j + 1 in the high half), so one load brings 32
// weights and widening costs one shift and one mask, no shuffle.
template <typename W, int S, int NB>
__attribute__((always_inline)) inline void panelProduct(const W* panel, int cols, const float* x,
                                                        std::size_t xStride, float* y, std::size_t yStride,
                                                        int rowsLeft)
{
    Vec16 acc[S][NB];
#pragma GCC unroll 8
    for (int s = 0; s < S; ++s)
#pragma GCC unroll 8
        for (int b = 0; b < NB; ++b)
            acc[s][b] = Vec16{};
    if constexpr (std::is_same_v<W, float>) {
        for (int i = 0; i < cols; ++i) {
            const Vec16* w = reinterpret_cast<const Vec16*>(panel + std::size_t(i) * NB * BlockRows);
#pragma GCC unroll 8
            for (int s = 0; s < S; ++s) {
                const float xi = x[std::size_t(s) * xStride + std::size_t(i)];
#pragma GCC unroll 8
                for (int b = 0; b < NB; ++b)
                    acc[s][b] += w[b] * xi;
            }
        }
    } else {
        const U32x16 highHalf = U32x16{} + 0xffff0000u;
        const int pairs = cols / 2;
        for (int j = 0; j < pairs; ++j) {
            const U32x16* w = reinterpret_cast<const U32x16*>(panel + std::size_t(j) * NB * BlockRows);
            Vec16 even[NB], odd[NB];
#pragma GCC unroll 8
            for (int b = 0; b < NB; ++b) {
                even[b] = asFloats(w[b] << 16);
                odd[b] = asFloats(w[b] & highHalf);
            }
#pragma GCC unroll 8
            for (int s = 0; s < S; ++s) {
                const float x0 = x[std::size_t(s) * xStride + std::size_t(2 * j)];
                const float x1 = x[std::size_t(s) * xStride + std::size_t(2 * j + 1)];
#pragma GCC unroll 8
                for (int b = 0; b < NB; ++b) {
                    acc[s][b] += even[b] * x0; // inputs in order: 2j, then 2j + 1
                    acc[s][b] += odd[b] * x1;
                }
            }
        }
        if (cols % 2) { // the last column alone, in the low halves of its pair
            const U32x16* w = reinterpret_cast<const U32x16*>(panel + std::size_t(pairs) * NB * BlockRows);
#pragma GCC unroll 8
            for (int s = 0; s < S; ++s) {
                const float xi = x[std::size_t(s) * xStride + std::size_t(cols - 1)];
#pragma GCC unroll 8
                for (int b = 0; b < NB; ++b)
                    acc[s][b] += asFloats(w[b] << 16) * xi;
            }
        }
    }
#pragma GCC unroll 8
    for (int s = 0; s < S; ++s)
#pragma GCC unroll 8
        for (int b = 0; b < NB; ++b) {
            const int count = std::min(BlockRows, rowsLeft - b * BlockRows);
            if (count > 0)
                std::memcpy(y + std::size_t(s) * yStride + std::size_t(b) * BlockRows, &acc[s][b],
                            std::size_t(count) * sizeof(float));
        }
}

template <typename W, int S>
__attribute__((always_inline)) inline void panelProductFor(int nb, const W* panel, int cols, const float* x,
                                                           std::size_t xStride, float* y, std::size_t yStride,
                                                           int rowsLeft)
{
    switch (nb) {
    case 8: panelProduct<W, S, 8>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    case 7: panelProduct<W, S, 7>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    case 6: panelProduct<W, S, 6>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    case 5: panelProduct<W, S, 5>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    case 4: panelProduct<W, S, 4>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    case 3: panelProduct<W, S, 3>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    case 2: panelProduct<W, S, 2>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    default: panelProduct<W, S, 1>(panel, cols, x, xStride, y, yStride, rowsLeft); break;
    }
}

} // namespace

AlignedFloats::AlignedFloats(std::size_t count) : m_count(count)
{
    // aligned_alloc wants a multiple of the alignment.
    const std::size_t bytes = std::max<std::size_t>(64, (count * sizeof(float) + 63) / 64 * 64);
    auto* p = static_cast<float*>(std::aligned_alloc(64, bytes));
    if (!p)
        throw std::bad_alloc();
    std::memset(p, 0, bytes);
    m_values.reset(p);
}

void AlignedFloats::Free::operator()(float* p) const { std::free(p); }

PackedMatrix PackedMatrix::pack(const float* source, int rows, int cols, WeightFormat format)
{
    PackedMatrix m;
    m.rows = rows;
    m.cols = cols;
    m.format = format;
    const int blocks = (rows + BlockRows - 1) / BlockRows;
    const bool halves = format == WeightFormat::BFloat16;
    // bfloat16 weights go in column pairs, one pair per float slot (see panelProduct).
    const int steps = halves ? (cols + 1) / 2 : cols;
    m.values = AlignedFloats(std::size_t(blocks) * BlockRows * std::size_t(steps));
    float* outFloats = m.values.data();
    auto* outPairs = reinterpret_cast<std::uint32_t*>(m.values.data());
    const auto weight = [&](int row, int col) {
        return row < rows && col < cols ? source[std::size_t(row) * std::size_t(cols) + std::size_t(col)] : 0.0f;
    };
    std::size_t next = 0;
    for (int first = 0; first < blocks; first += PanelBlocks) {
        const int nb = std::min(PanelBlocks, blocks - first);
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

std::size_t PackedMatrix::bytes() const { return values.size() * sizeof(float); }

std::uint16_t toBFloat16(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    if ((bits & 0x7fffffffu) > 0x7f800000u)
        return std::uint16_t((bits >> 16) | 0x40u); // NaN: keep it a (quiet) NaN
    bits += 0x7fffu + ((bits >> 16) & 1u);           // round to nearest, ties to even
    return std::uint16_t(bits >> 16);
}

float fromBFloat16(std::uint16_t bits)
{
    const std::uint32_t wide = std::uint32_t(bits) << 16;
    float value;
    std::memcpy(&value, &wide, sizeof value);
    return value;
}

template <typename W>
__attribute__((always_inline)) inline void matmulAs(const PackedMatrix& w, const W* panel, const float* x,
                                                    std::size_t xStride, float* y, std::size_t yStride, int batch)
{
    const int blocks = (w.rows + BlockRows - 1) / BlockRows;
    for (int first = 0; first < blocks; first += PanelBlocks) {
        const int nb = std::min(PanelBlocks, blocks - first);
        const int row = first * BlockRows;
        const int rowsLeft = w.rows - row;
        // Two streams per pass read each weight once for both; the panel (cols x 128 weights, at
        // most 400 KB here) stays in L2 while the pairs of streams go by.
        int s = 0;
        for (; s + 2 <= batch; s += 2)
            panelProductFor<W, 2>(nb, panel, w.cols, x + std::size_t(s) * xStride, xStride,
                                  y + std::size_t(s) * yStride + std::size_t(row), yStride, rowsLeft);
        if (s < batch)
            panelProductFor<W, 1>(nb, panel, w.cols, x + std::size_t(s) * xStride, xStride,
                                  y + std::size_t(s) * yStride + std::size_t(row), yStride, rowsLeft);
        // A panel holds cols float32 columns, or (cols + 1) / 2 bfloat16 column pairs.
        const int steps = std::is_same_v<W, float> ? w.cols : (w.cols + 1) / 2;
        panel += std::size_t(steps) * std::size_t(nb) * BlockRows;
    }
}

TALKER_KERNEL
void matmul(const PackedMatrix& w, const float* x, std::size_t xStride, float* y, std::size_t yStride, int batch)
{
    if (w.format == WeightFormat::BFloat16)
        matmulAs(w, reinterpret_cast<const std::uint32_t*>(w.values.data()), x, xStride, y, yStride, batch);
    else
        matmulAs(w, w.values.data(), x, xStride, y, yStride, batch);
}

TALKER_KERNEL
void rmsNorm(const float* x, const float* gain, int n, float eps, float* out)
{
    float sumSquares = 0.0f;
    for (int i = 0; i < n; ++i)
        sumSquares += x[i] * x[i];
    // ref: RmsNormImpl::forward: x * rsqrt(x.pow(2).mean(-1) + eps) * weight
    const float r = 1.0f / std::sqrt(sumSquares / float(n) + eps);
    for (int i = 0; i < n; ++i)
        out[i] = x[i] * r * gain[i];
}

TALKER_KERNEL
void attend(const float* query, const float* keys, const float* values, std::size_t stride, std::int64_t positions,
            int headDim, float divisor, float* scores, float* out)
{
    // One call per head, not per position: the loops below inline and vectorise (an out-of-line
    // dot per position cost more in calls than in arithmetic).
    const int vectorEnd = headDim / 16 * 16;
    float maxScore = -INFINITY;
    for (std::int64_t t = 0; t < positions; ++t) {
        const float* key = keys + std::size_t(t) * stride;
        Vec16 acc{};
        for (int i = 0; i < vectorEnd; i += 16)
            acc += loadUnaligned(query + i) * loadUnaligned(key + i);
        float sum = horizontalSum(acc);
        for (int i = vectorEnd; i < headDim; ++i)
            sum += query[i] * key[i];
        scores[t] = sum / divisor; // ref: scores / sqrt(headDim), divided after the product
        maxScore = std::max(maxScore, scores[t]);
    }
    float total = 0.0f;
    for (std::int64_t t = 0; t < positions; ++t) {
        scores[t] = std::exp(scores[t] - maxScore);
        total += scores[t];
    }
    std::fill(out, out + headDim, 0.0f);
    for (std::int64_t t = 0; t < positions; ++t) {
        const float w = scores[t] / total;
        const float* value = values + std::size_t(t) * stride;
        for (int i = 0; i < vectorEnd; i += 16) {
            const Vec16 y = loadUnaligned(out + i) + w * loadUnaligned(value + i);
            std::memcpy(out + i, &y, sizeof y);
        }
        for (int i = vectorEnd; i < headDim; ++i)
            out[i] += w * value[i];
    }
}

const char* instructionSet()
{
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
    // The same order the target_clones resolver uses.
    __builtin_cpu_init();
    if (__builtin_cpu_supports("x86-64-v4"))
        return "avx512";
    if (__builtin_cpu_supports("x86-64-v3"))
        return "avx2";
#endif
    return "generic";
}

} // namespace talker::kernels
