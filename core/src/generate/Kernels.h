// CPU kernels of the fused Talker path: packed weights and the products that read them. Private to
// core; no LibTorch here (a torch header would cost ~30 s per file and the fused path needs none).
//
// Why a packed layout: a Linear weight is stored (out, in) row-major. A dot product per output row
// ends in a horizontal sum per row; instead each group of 16 output rows is interleaved column by
// column, so one pass over the inputs keeps 16 outputs in one vector register and a panel of up to
// 8 such blocks (128 outputs) in 8 registers, reading the weights strictly sequentially, once.
//
// Every output is summed over its inputs in order 0 .. in-1 with one accumulator lane, whatever the
// batch size, so a batched run gives bit-identical results to single-stream runs.
//
// Thread safety: packed matrices are immutable after pack(); the functions are reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace talker::kernels {

/// Floats on a 64-byte boundary (one cache line, one AVX-512 register), zero-initialised.
class AlignedFloats {
public:
    AlignedFloats() = default;
    explicit AlignedFloats(std::size_t count);
    float* data() { return m_values.get(); }
    const float* data() const { return m_values.get(); }
    std::size_t size() const { return m_count; }
    float& operator[](std::size_t i) { return m_values[i]; }
    const float& operator[](std::size_t i) const { return m_values[i]; }

private:
    struct Free {
        void operator()(float* p) const;
    };
    std::unique_ptr<float[], Free> m_values;
    std::size_t m_count = 0;
};

/// Output rows per block: one 512-bit vector of floats.
constexpr int BlockRows = 16;
/// Blocks per panel: 8 accumulators, enough independent add chains to hide latency.
constexpr int PanelBlocks = 8;

/// How a packed matrix stores its weights. The products always accumulate in float32.
enum class WeightFormat {
    Float32,
    /// bfloat16: float32's exponent and the top 7 bits of its mantissa (rounded to nearest even),
    /// half the bytes to read per step. Stored as column pairs in 32-bit lanes (column 2j low,
    /// 2j + 1 high), widened to float32 in the kernel by a shift and a mask.
    BFloat16,
};

/// A Linear weight (rows = out, cols = in) in panels: panel p holds blocks 8p .. 8p + nb - 1, laid
/// out (cols, nb, 16), so row r = 16 * block + lane. Rows past `rows` (the last block's padding)
/// are zero.
struct PackedMatrix {
    int rows = 0;
    int cols = 0;
    WeightFormat format = WeightFormat::Float32;
    AlignedFloats values; // (panels, cols, nb, 16) float32, nb <= 8; BFloat16: (panels, cols / 2, nb, 16) pairs

    /// Packs `source` (rows, cols) row-major.
    static PackedMatrix pack(const float* source, int rows, int cols, WeightFormat format = WeightFormat::Float32);
    std::size_t bytes() const;
};

/// float32 -> bfloat16 bits, rounded to nearest even (NaN stays NaN).
std::uint16_t toBFloat16(float value);
/// bfloat16 bits -> float32 (exact).
float fromBFloat16(std::uint16_t bits);

/// y (batch, rows) = x (batch, cols) · Wᵀ. x rows are `xStride` floats apart, y rows `yStride`.
void matmul(const PackedMatrix& w, const float* x, std::size_t xStride, float* y, std::size_t yStride, int batch);

/// out = x * rsqrt(mean(x²) + eps) * gain, rounded as torch rounds (x * r first, then * gain).
void rmsNorm(const float* x, const float* gain, int n, float eps, float* out);

/// One query head attending over `positions` cached keys/values (rows `stride` floats apart):
/// out (headDim) = softmax(q · kᵀ / divisor) · v, with `scores` (positions) as scratch.
void attend(const float* query, const float* keys, const float* values, std::size_t stride, std::int64_t positions,
            int headDim, float divisor, float* scores, float* out);

/// The instruction set the kernels run with on this CPU: "avx512", "avx2" or "generic".
const char* instructionSet();

} // namespace talker::kernels
