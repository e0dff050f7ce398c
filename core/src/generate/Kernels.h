// SPDX-License-Identifier: GPL-3.0-or-later
// CPU kernels of the fused Talker path: packed weights and the products that read them. Private to
// core; no LibTorch here (a torch header would cost ~30 s per file and the fused path needs none).
//
// Why a packed layout: a Linear weight is stored (out, in) row-major. A dot product per output row
// ends in a horizontal sum per row; instead each group of 16 output rows is interleaved column by
// column, so one pass over the inputs keeps a panel of blocks of 16 outputs in vector registers,
// reading the weights strictly sequentially, once.
//
// Why the panel width depends on the instruction set: the accumulators of a pass must all live in
// registers, or every column costs a store and a reload per accumulator (a spill). AVX-512 has 32
// registers of 16 floats, AVX2 16 of 8 floats, SSE (the portable fallback on x86-64) 16 of 4. A
// panel is as wide as one stream's accumulators allow; two or four streams share the weights of a
// narrower tile of it (see the table in Kernels.cpp). A matrix is packed for one instruction set
// and the products run that instruction set's code, so an AVX-512 machine can run the AVX2 path on
// purpose (Isa, TALKER_ISA).
//
// Every output is summed over its inputs in order 0 .. in-1 with one accumulator lane, whatever the
// batch size, so a batched run gives bit-identical results to single-stream runs.
//
// Thread safety: packed matrices are immutable after pack(); the functions are reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

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

/// Output rows per block: one 512-bit vector of floats, two 256-bit, four 128-bit.
constexpr int BlockRows = 16;

/// The instruction sets the kernels are compiled for (GCC on x86-64; elsewhere only Generic).
enum class Isa {
    /// Plain C++ vectors: SSE2 on x86-64, whatever the compiler targets elsewhere.
    Generic,
    /// x86-64-v3: AVX2 and FMA, 16 registers of 8 floats.
    Avx2,
    /// x86-64-v4: AVX-512 F/BW/DQ/VL, 32 registers of 16 floats.
    Avx512,
};

/// "generic", "avx2" or "avx512".
const char* isaName(Isa isa);
/// The Isa named `name` (as isaName writes it); throws ArgumentError for any other name.
Isa parseIsa(const std::string& name);
/// Whether this CPU (and this build) can run `isa`.
bool isaSupported(Isa isa);
/// The instruction sets this CPU runs, best first; Generic always.
std::vector<Isa> supportedIsas();
/// "avx512, avx2, generic": what this CPU runs, for messages.
std::string supportedIsaNames();
/// The instruction set the fused path uses: the environment's TALKER_ISA when set (ArgumentError
/// when it names none or one this CPU cannot run), else the best this CPU runs.
Isa defaultIsa();

/// How a packed matrix stores its weights. The products always accumulate in float32.
enum class WeightFormat {
    Float32,
    /// bfloat16: float32's exponent and the top 7 bits of its mantissa (rounded to nearest even),
    /// half the bytes to read per step. Stored as column pairs in 32-bit lanes (column 2j low,
    /// 2j + 1 high), widened to float32 in the kernel by a shift and a mask.
    BFloat16,
};

/// A Linear weight (rows = out, cols = in) in panels of `panelBlocks` blocks: panel p holds blocks
/// P p .. P p + nb - 1 (P = panelBlocks, nb <= P), laid out (cols, nb, 16), so row r = 16 * block +
/// lane. Rows past `rows` (the last block's padding) are zero.
struct PackedMatrix {
    int rows = 0;
    int cols = 0;
    WeightFormat format = WeightFormat::Float32;
    Isa isa = Isa::Generic;
    int panelBlocks = 1;
    AlignedFloats values; // (panels, cols, nb, 16) float32; BFloat16: (panels, (cols + 1) / 2, nb, 16) pairs

    /// Packs `source` (rows, cols) row-major for the products of `isa` (ArgumentError when this CPU
    /// cannot run it).
    static PackedMatrix pack(const float* source, int rows, int cols, WeightFormat format = WeightFormat::Float32,
                             Isa isa = defaultIsa());
};

/// float32 -> bfloat16 bits, rounded to nearest even (NaN stays NaN).
std::uint16_t toBFloat16(float value);
/// bfloat16 bits -> float32 (exact).
float fromBFloat16(std::uint16_t bits);

/// y (batch, rows) = x (batch, cols) · Wᵀ with w.isa's code. x rows are `xStride` floats apart, y
/// rows `yStride`.
void matmul(const PackedMatrix& w, const float* x, std::size_t xStride, float* y, std::size_t yStride, int batch);

/// out = x * rsqrt(mean(x²) + eps) * gain, rounded as torch rounds (x * r first, then * gain).
void rmsNorm(Isa isa, const float* x, const float* gain, int n, float eps, float* out);

/// attend() scores positions in blocks of this many: its key rows and score scratch must hold
/// `positions` rounded up to a multiple of it (what lies beyond `positions` is read, never used).
constexpr int AttendBlock = 128;
inline std::int64_t attendRoundUp(std::int64_t positions)
{
    return (positions + AttendBlock - 1) / AttendBlock * AttendBlock;
}

/// One query head attending over `positions` cached keys and values: out (headDim) =
/// softmax(q · kᵀ / divisor) · v, with `scores` (attendRoundUp(positions)) as scratch; softmax's
/// exp is silu()'s. The keys are stored by dimension (headDim rows of attendRoundUp(positions)
/// readable floats, `keyStride` apart), the values by position (rows of headDim, `stride` apart).
void attend(Isa isa, const float* query, const float* keys, std::size_t keyStride, const float* values,
            std::size_t stride, std::int64_t positions, int headDim, float divisor, float* scores, float* out);

/// out = gate / (1 + exp(-gate)) * up, elementwise (SwiGLU's activation, as torch writes SiLU), with
/// an exp of the kernels' own that gives the same bits for AVX2 and AVX-512 (within 2e-7 of
/// std::exp relative; see Kernels.cpp).
void silu(Isa isa, const float* gate, const float* up, int n, float* out);

/// RoPE's cos/sin of pos * invFreq[i] for positions 0 .. positions - 1 and i < headDim / 2, each
/// (positions, headDim / 2), rounded exactly as the reference computes them: invFreq in float64 cast
/// to float32, the angle a float32 product. Shared by the fused CPU and CUDA paths.
void ropeTables(int headDim, double theta, std::int64_t positions, float* cosines, float* sines);

} // namespace talker::kernels
