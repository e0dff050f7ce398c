// SPDX-License-Identifier: GPL-3.0-or-later
// The fused CPU Talker. Like llama2.c's run.c, three things are kept apart: the configuration
// (TalkerConfig), the weights (FusedWeights, packed once, immutable, shared) and the run-time state
// (FusedState: activations and KV cache of B streams). forward() reads top to bottom like the
// reference module: embed -> per layer (norm -> QKV -> RoPE -> cache -> attention -> residual ->
// norm -> SwiGLU -> residual) -> final norm -> K heads.
#include "FusedDecoder.h"

#include "FusedThreads.h"
#include "Kernels.h"
#include "../io/TensorLookup.h"
#include "talker/Error.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <memory>
#include <thread>
#include <type_traits>
#include <vector>

namespace talker {

using kernels::AlignedFloats;
using kernels::PackedMatrix;

namespace {

/// A Linear weight packed as two matrices: output rows [0, split) and [split, rows), split on a
/// block boundary near the middle. Each output row is computed exactly as from one matrix (a row
/// never depends on another), so the halves can run on two cores (RowHelper) or one after the
/// other with bit-identical results.
struct SplitMatrix {
    PackedMatrix top;    // rows [0, split)
    PackedMatrix bottom; // rows [split, rows); empty (0 rows) for a matrix of one block
    int split = 0;
};

/// A matrix (rows, cols) cut by columns at `split`: y = x[0, split) leftᵀ + x[split, cols) rightᵀ.
/// Each core multiplies the inputs it computed itself (its attention heads, its hidden units) and
/// writes a partial sum; the halves meet once, where the partial sums are added.
struct ColumnSplit {
    PackedMatrix left;  // columns [0, split)
    PackedMatrix right; // columns [split, cols); empty (0 rows) when split = cols
    int split = 0;
};

/// The Talker's parameters in the layout the kernels read.
struct FusedLayer {
    AlignedFloats attnNorm; // (d)
    SplitMatrix qkv;        // (Hq*D + 2*Hkv*D, d): q, k and v stacked, one pass for all three
    ColumnSplit o;          // (d, Hq*D), cut after the heads the first core attends
    AlignedFloats ffnNorm;  // (d)
    SplitMatrix gateUp;     // (2*hidden, d): gate and up rows in one pass, split by hidden unit
                            // (packGateUp), so each core applies SiLU to the units it computed
    ColumnSplit down;       // (d, hidden), cut where gateUp is: each core reads the units it computed
};

struct FusedWeights {
    AlignedFloats embeddings;              // the input tables one after another: K x (V+1, d) (row V is BOS),
                                           // then for a text Talker phoneSlots x (phone classes, d) and (voices, d)
    std::vector<std::size_t> columnOffset; // (W): where input column j's table starts in embeddings
    std::vector<std::int32_t> columnRows;  // (W): rows of input column j's table
    std::vector<FusedLayer> layers;
    AlignedFloats norm; // (d)
    SplitMatrix heads;  // (K*V, d): the K heads stacked, one pass for all codebooks
};

const HostTensor& tensor(const TensorMap& weights, const std::string& name, const std::vector<std::int64_t>& shape)
{
    return requireTensor(weights, name, "fused Talker", &shape);
}

AlignedFloats copyOf(const HostTensor& t)
{
    AlignedFloats out(t.values.size());
    std::copy(t.values.begin(), t.values.end(), out.data());
    return out;
}

/// Packs the rows of several (rows_i, cols) tensors stacked in order into one split matrix.
SplitMatrix packStacked(const std::vector<const HostTensor*>& parts, int cols, kernels::WeightFormat format,
                        kernels::Isa isa)
{
    std::vector<float> stacked;
    for (const auto* part : parts)
        stacked.insert(stacked.end(), part->values.begin(), part->values.end());
    const int rows = int(stacked.size() / std::size_t(cols));
    const int blocks = (rows + kernels::BlockRows - 1) / kernels::BlockRows;
    SplitMatrix m;
    m.split = std::min(rows, (blocks + 1) / 2 * kernels::BlockRows);
    m.top = PackedMatrix::pack(stacked.data(), m.split, cols, format, isa);
    m.bottom = PackedMatrix::pack(stacked.data() + std::size_t(m.split) * std::size_t(cols), rows - m.split, cols,
                                  format, isa);
    return m;
}

/// The SwiGLU's gate and up weights (hidden, cols) each, packed so that a core computes whole hidden
/// units: top = gate[0, h1) then up[0, h1), bottom = gate[h1, hidden) then up[h1, hidden), h1 on a
/// block boundary near the middle. Output rows: gate and up of the top units at [0, h1) and
/// [h1, 2 h1), those of the bottom units at [2 h1, h1 + hidden) and [h1 + hidden, 2 hidden).
SplitMatrix packGateUp(const HostTensor& gate, const HostTensor& up, int hidden, int cols, kernels::WeightFormat format,
                       kernels::Isa isa)
{
    const int blocks = (hidden + kernels::BlockRows - 1) / kernels::BlockRows;
    const int h1 = std::min(hidden, (blocks + 1) / 2 * kernels::BlockRows);
    const std::size_t c = std::size_t(cols);
    const auto rows = [&](const HostTensor& t, int begin, int end) {
        return std::vector<float>(t.values.begin() + std::ptrdiff_t(std::size_t(begin) * c),
                                  t.values.begin() + std::ptrdiff_t(std::size_t(end) * c));
    };
    const auto stack = [&](int begin, int end) {
        std::vector<float> both = rows(gate, begin, end);
        const std::vector<float> second = rows(up, begin, end);
        both.insert(both.end(), second.begin(), second.end());
        return both;
    };
    SplitMatrix m;
    m.split = 2 * h1;
    m.top = PackedMatrix::pack(stack(0, h1).data(), 2 * h1, cols, format, isa);
    m.bottom = PackedMatrix::pack(stack(h1, hidden).data(), 2 * (hidden - h1), cols, format, isa);
    return m;
}

/// Packs `t` (rows, cols) as two column ranges, [0, split) and [split, cols).
ColumnSplit packColumns(const HostTensor& t, int rows, int cols, int split, kernels::WeightFormat format,
                        kernels::Isa isa)
{
    const auto columns = [&](int begin, int end) {
        std::vector<float> part(std::size_t(rows) * std::size_t(end - begin));
        for (int r = 0; r < rows; ++r)
            std::copy(t.values.begin() + std::ptrdiff_t(std::size_t(r) * std::size_t(cols) + std::size_t(begin)),
                      t.values.begin() + std::ptrdiff_t(std::size_t(r) * std::size_t(cols) + std::size_t(end)),
                      part.begin() + std::ptrdiff_t(std::size_t(r) * std::size_t(end - begin)));
        return part;
    };
    ColumnSplit m;
    m.split = split;
    m.left = PackedMatrix::pack(columns(0, split).data(), rows, split, format, isa);
    if (split < cols)
        m.right = PackedMatrix::pack(columns(split, cols).data(), rows, cols - split, format, isa);
    return m;
}

/// y = x W^T for a split matrix on the calling thread (or with a helper core).
void product(const SplitMatrix& w, const float* x, std::size_t xStride, float* y, std::size_t yStride, int batch,
             RowHelper* helper)
{
    if (helper && w.bottom.rows > 0) { // the halves on two cores
        helper->split([&] { kernels::matmul(w.top, x, xStride, y, yStride, batch); },
                      [&] { kernels::matmul(w.bottom, x, xStride, y + w.split, yStride, batch); });
        return;
    }
    kernels::matmul(w.top, x, xStride, y, yStride, batch);
    if (w.bottom.rows > 0)
        kernels::matmul(w.bottom, x, xStride, y + w.split, yStride, batch);
}

/// Query heads the first core attends (the rest go to the second): the larger half.
int firstCoreHeads(const TalkerConfig& c)
{
    return (c.queryHeads + 1) / 2;
}

FusedWeights packWeights(const TalkerConfig& c, const TensorMap& w, kernels::WeightFormat format, kernels::Isa isa)
{
    const std::int64_t d = c.dModel, V = c.codebookSize, K = c.codebooks;
    const std::int64_t qWidth = std::int64_t(c.queryHeads) * c.headDim, kvWidth = std::int64_t(c.kvHeads) * c.headDim;
    FusedWeights out;
    std::vector<const HostTensor*> tables;
    for (int k = 0; k < K; ++k)
        tables.push_back(&tensor(w, "embeddings." + std::to_string(k) + ".weight", {V + 1, d}));
    for (int slot = 0; slot < c.text.phoneSlots; ++slot)
        tables.push_back(&tensor(w, "text_phones." + std::to_string(slot) + ".weight", {c.text.phoneClasses(), d}));
    if (c.text.enabled())
        tables.push_back(&tensor(w, "text_voice.weight", {std::int64_t(c.text.voices.size()), d}));
    std::size_t total = 0;
    for (const HostTensor* table : tables) {
        out.columnOffset.push_back(total);
        out.columnRows.push_back(std::int32_t(table->shape[0]));
        total += table->values.size();
    }
    out.embeddings = AlignedFloats(total);
    for (std::size_t j = 0; j < tables.size(); ++j)
        std::copy(tables[j]->values.begin(), tables[j]->values.end(), out.embeddings.data() + out.columnOffset[j]);
    for (int l = 0; l < c.layers; ++l) {
        const std::string p = "blocks." + std::to_string(l) + ".";
        FusedLayer layer;
        layer.attnNorm = copyOf(tensor(w, p + "attn_norm.weight", {d}));
        layer.qkv =
            packStacked({&tensor(w, p + "attn.q.weight", {qWidth, d}), &tensor(w, p + "attn.k.weight", {kvWidth, d}),
                         &tensor(w, p + "attn.v.weight", {kvWidth, d})},
                        int(d), format, isa);
        layer.o = packColumns(tensor(w, p + "attn.o.weight", {d, qWidth}), int(d), int(qWidth),
                              firstCoreHeads(c) * c.headDim, format, isa);
        layer.ffnNorm = copyOf(tensor(w, p + "ffn_norm.weight", {d}));
        layer.gateUp = packGateUp(tensor(w, p + "ffn.gate.weight", {c.ffnHidden, d}),
                                  tensor(w, p + "ffn.up.weight", {c.ffnHidden, d}), c.ffnHidden, int(d), format, isa);
        layer.down = packColumns(tensor(w, p + "ffn.down.weight", {d, c.ffnHidden}), int(d), c.ffnHidden,
                                 layer.gateUp.split / 2, format, isa);
        out.layers.push_back(std::move(layer));
    }
    out.norm = copyOf(tensor(w, "norm.weight", {d}));
    std::vector<const HostTensor*> heads;
    for (int k = 0; k < K; ++k)
        heads.push_back(&tensor(w, "heads." + std::to_string(k) + ".weight", {V, d}));
    out.heads = packStacked(heads, int(d), format, isa);
    return out;
}

/// Activations and KV cache of B streams. Sized once by resize(); step() allocates nothing.
struct FusedState {
    int batch = 0;
    std::int64_t capacity = 0;  // positions per stream
    std::int64_t length = 0;    // positions filled (the same for every stream)
    std::int64_t keyStride = 0; // capacity rounded up for attend() (kernels::attendRoundUp)
    AlignedFloats x;            // (B, d): the residual stream
    AlignedFloats h;            // (B, d): normed input of a sub-block
    AlignedFloats firstPart;    // (B, d): a sub-block's output, the first core's partial sum
    AlignedFloats secondPart;   // (B, d): the second core's (added to x with the first's)
    AlignedFloats qkv;          // (B, Hq*D + 2*Hkv*D)
    AlignedFloats attention;    // (B, Hq*D): attention output, heads concatenated
    AlignedFloats gateUp;       // (B, 2*hidden)
    AlignedFloats hidden;       // (B, hidden): silu(gate) * up
    AlignedFloats logits;       // (B, K*V)
    AlignedFloats scores;       // (B, keyStride): one head's attention weights
    AlignedFloats helperScores; // (keyStride): the same for the helper core's heads
    AlignedFloats keys;         // (layers, B, Hkv*D, keyStride): by dimension, for attend()
    AlignedFloats values;       // (layers, B, capacity, Hkv*D)
    bool captureAttention = false;
    AlignedFloats attentionWeights; // (layers, Hq, capacity): stream 0's weights of the last step
};

class FusedTalker {
  public:
    FusedTalker(const TalkerConfig& config, const TensorMap& weights, kernels::WeightFormat format, kernels::Isa isa)
        : m_config(config), m_isa(isa), m_weights(packWeights(config, weights, format, isa))
    {
    }

    const TalkerConfig& config() const { return m_config; }

    void resize(FusedState& s, int batch, std::int64_t capacity) const
    {
        const auto& c = m_config;
        s.length = 0;
        if (batch == s.batch && capacity <= s.capacity)
            return;
        const std::size_t B = std::size_t(batch), d = std::size_t(c.dModel),
                          kvWidth = std::size_t(c.kvHeads * c.headDim);
        s.batch = batch;
        s.capacity = capacity;
        s.keyStride = kernels::attendRoundUp(capacity);
        s.x = AlignedFloats(B * d);
        s.h = AlignedFloats(B * d);
        s.firstPart = AlignedFloats(B * d);
        s.secondPart = AlignedFloats(B * d);
        s.qkv = AlignedFloats(B * std::size_t(c.qkvWidth()));
        s.attention = AlignedFloats(B * std::size_t(c.queryHeads * c.headDim));
        s.gateUp = AlignedFloats(B * 2 * std::size_t(c.ffnHidden));
        s.hidden = AlignedFloats(B * std::size_t(c.ffnHidden));
        s.logits = AlignedFloats(B * std::size_t(c.codebooks * c.codebookSize));
        s.scores = AlignedFloats(B * std::size_t(s.keyStride));
        s.helperScores = AlignedFloats(std::size_t(s.keyStride));
        s.keys = AlignedFloats(std::size_t(c.layers) * B * std::size_t(s.keyStride) * kvWidth);
        s.values = AlignedFloats(std::size_t(c.layers) * B * std::size_t(capacity) * kvWidth);
        s.attentionWeights = AlignedFloats(std::size_t(c.layers) * std::size_t(c.queryHeads) * std::size_t(capacity));
        ensureRope(capacity);
    }

    /// Throws ArgumentError when an index of the input (B, W) lies outside its table.
    void checkInput(const std::int32_t* codes, int batch) const
    {
        const int W = m_config.inputColumns();
        for (int b = 0; b < batch; ++b)
            for (int j = 0; j < W; ++j) {
                const std::int32_t row = codes[b * W + j];
                if (row < 0 || row >= m_weights.columnRows[std::size_t(j)])
                    throw ArgumentError("fused Talker: input column " + std::to_string(j) + " of stream " +
                                        std::to_string(b) + " is " + std::to_string(row) + ", outside 0.." +
                                        std::to_string(m_weights.columnRows[std::size_t(j)] - 1));
            }
    }

    /// Appends one frame (codes (B, W): K codes, then any text columns) for streams first .. first + count - 1 at
    /// position s.length and writes their logits. The caller advances s.length once all streams are done. With a helper
    /// the products use a second core.
    void forward(FusedState& s, const std::int32_t* codes, int first, int count, RowHelper* helper = nullptr) const
    {
        const auto& c = m_config;
        const int d = c.dModel, K = c.codebooks, V = c.codebookSize, D = c.headDim, half = D / 2;
        const int qWidth = c.queryHeads * D, kvWidth = c.kvHeads * D, qkvWidth = c.qkvWidth(), hidden = c.ffnHidden;
        const int group = c.queryHeads / c.kvHeads;
        const std::int64_t pos = s.length;
        const float eps = float(c.normEps);
        const float divisor = float(std::sqrt(double(D)));    // scores / sqrt(headDim) (attend())
        const float* cosines = m_ropeCos.data() + pos * half; // (D/2) at this position
        const float* sines = m_ropeSin.data() + pos * half;
        auto stream = [](AlignedFloats& buffer, int b, int width) {
            return buffer.data() + std::size_t(b) * std::size_t(width);
        };

        // A frame's input is the sum of its K code embeddings (row V of each table is BOS) and,
        // for a text Talker, of its text columns' embeddings (checkInput() has seen every index).
        const int W = c.inputColumns();
        for (int b = first; b < first + count; ++b) {
            float* x = stream(s.x, b, d);
            for (int j = 0; j < W; ++j) {
                const std::int32_t row = codes[b * W + j];
                const float* e = m_weights.embeddings.data() + m_weights.columnOffset[std::size_t(j)] +
                                 std::size_t(row) * std::size_t(d);
                for (int i = 0; i < d; ++i)
                    x[i] = j == 0 ? e[i] : x[i] + e[i];
            }
        }

        for (int l = 0; l < c.layers; ++l) {
            const FusedLayer& layer = m_weights.layers[std::size_t(l)];
            // Attention: pre-norm, then q, k and v in one pass over the fused weight.
            for (int b = first; b < first + count; ++b)
                kernels::rmsNorm(m_isa, stream(s.x, b, d), layer.attnNorm.data(), d, eps, stream(s.h, b, d));
            product(layer.qkv, stream(s.h, first, d), d, stream(s.qkv, first, qkvWidth), qkvWidth, count, helper);

            for (int b = first; b < first + count; ++b) {
                float* q = stream(s.qkv, b, qkvWidth); // (Hq, D), then k (Hkv, D), then v (Hkv, D)
                // RoPE rotates the pairs (x[i], x[i + D/2]) of every query and key head by pos * invFreq[i].
                for (int head = 0; head < c.queryHeads + c.kvHeads; ++head) {
                    float* v = q + head * D;
                    for (int i = 0; i < half; ++i) {
                        const float x1 = v[i], x2 = v[i + half];
                        v[i] = x1 * cosines[i] - x2 * sines[i];
                        v[i + half] = x1 * sines[i] + x2 * cosines[i];
                    }
                }
                // Append this position's keys and values to the stream's cache.
                const std::size_t cache = std::size_t(l) * std::size_t(s.batch) + std::size_t(b);
                float* keys = s.keys.data() + cache * std::size_t(s.keyStride) * kvWidth;    // (Hkv*D, keyStride)
                float* values = s.values.data() + cache * std::size_t(s.capacity) * kvWidth; // (capacity, Hkv*D)
                for (int i = 0; i < kvWidth; ++i)
                    keys[std::size_t(i) * std::size_t(s.keyStride) + std::size_t(pos)] = q[qWidth + i];
                std::memcpy(values + pos * kvWidth, q + qWidth + kvWidth, sizeof(float) * std::size_t(kvWidth));
            }
            // Grouped-query attention over positions 0 .. pos: query head h reads K/V head h / group.
            const auto attendHeads = [&](int firstHead, int endHead, AlignedFloats& scratch, int scratchStream) {
                for (int b = first; b < first + count; ++b) {
                    const float* q = stream(s.qkv, b, qkvWidth);
                    const std::size_t cache = std::size_t(l) * std::size_t(s.batch) + std::size_t(b);
                    const float* keys = s.keys.data() + cache * std::size_t(s.keyStride) * kvWidth;
                    const float* values = s.values.data() + cache * std::size_t(s.capacity) * kvWidth;
                    float* scores = stream(scratch, scratchStream < 0 ? b : scratchStream, int(s.keyStride));
                    float* out = stream(s.attention, b, qWidth);
                    for (int head = firstHead; head < endHead; ++head) {
                        const int kvOffset = (head / group) * D;
                        kernels::attend(m_isa, q + head * D, keys + std::size_t(kvOffset) * std::size_t(s.keyStride),
                                        std::size_t(s.keyStride), values + kvOffset, std::size_t(kvWidth), pos + 1, D,
                                        divisor, scores, out + head * D);
                        // attend() leaves the softmax weights in its scratch: kept for stream 0
                        // (each core writes the rows of its own heads).
                        if (s.captureAttention && b == 0)
                            std::copy_n(scores, pos + 1,
                                        s.attentionWeights.data() +
                                            (std::size_t(l) * std::size_t(c.queryHeads) + std::size_t(head)) *
                                                std::size_t(s.capacity));
                    }
                }
            };
            // Each core projects the heads it attended through its columns of o (a partial sum):
            // attention and output projection meet once.
            const int mine = firstCoreHeads(c);
            const auto attendAndProject = [&](bool second) {
                const PackedMatrix& columns = second ? layer.o.right : layer.o.left;
                float* out = stream(second ? s.secondPart : s.firstPart, first, d);
                if (columns.rows == 0) {
                    std::fill(out, out + std::size_t(count) * std::size_t(d), 0.0f);
                    return;
                }
                if (!second)
                    attendHeads(0, mine, s.scores, -1);
                else if (helper) // beside the first core: scratch scores of its own
                    attendHeads(mine, c.queryHeads, s.helperScores, 0);
                else // after it, on the same thread (a worker of a batch: the stream's own scratch)
                    attendHeads(mine, c.queryHeads, s.scores, -1);
                kernels::matmul(columns, stream(s.attention, first, qWidth) + (second ? mine * D : 0), qWidth, out, d,
                                count);
            };
            both(helper, attendAndProject);
            addResiduals(s, first, count);

            // SwiGLU feed-forward: pre-norm, then each core takes the hidden units of its half of
            // gateUp (packGateUp): their gate and up rows, SiLU, and their columns of down (a
            // partial sum). The halves meet once, where the partial sums are added.
            for (int b = first; b < first + count; ++b)
                kernels::rmsNorm(m_isa, stream(s.x, b, d), layer.ffnNorm.data(), d, eps, stream(s.h, b, d));
            const SplitMatrix& gateUp = layer.gateUp;
            const int h1 = gateUp.split / 2;
            const auto feedForward = [&](bool second) {
                const PackedMatrix& rows = second ? gateUp.bottom : gateUp.top;
                const PackedMatrix& columns = second ? layer.down.right : layer.down.left;
                float* out = stream(second ? s.secondPart : s.firstPart, first, d);
                const int offset = second ? gateUp.split : 0, units = second ? hidden - h1 : h1;
                if (units == 0) {
                    std::fill(out, out + std::size_t(count) * std::size_t(d), 0.0f);
                    return;
                }
                kernels::matmul(rows, stream(s.h, first, d), d, stream(s.gateUp, first, 2 * hidden) + offset,
                                2 * hidden, count);
                for (int b = first; b < first + count; ++b) {
                    const float* gate = stream(s.gateUp, b, 2 * hidden) + offset;
                    // ref: torch's silu, x / (1 + exp(-x)), times up
                    kernels::silu(m_isa, gate, gate + units, units, stream(s.hidden, b, hidden) + (second ? h1 : 0));
                }
                kernels::matmul(columns, stream(s.hidden, first, hidden) + (second ? h1 : 0), hidden, out, d, count);
            };
            both(helper, feedForward);
            addResiduals(s, first, count);
        }

        // Final norm, then the K heads read the same state: one distribution per codebook.
        for (int b = first; b < first + count; ++b)
            kernels::rmsNorm(m_isa, stream(s.x, b, d), m_weights.norm.data(), d, eps, stream(s.h, b, d));
        product(m_weights.heads, stream(s.h, first, d), d, stream(s.logits, first, K * V), K * V, count, helper);
    }

  private:
    /// x += firstPart + secondPart (the sub-block's output, summed as one product's would be first).
    void addResiduals(FusedState& s, int first, int count) const
    {
        const std::size_t begin = std::size_t(first) * std::size_t(m_config.dModel);
        const std::size_t end = begin + std::size_t(count) * std::size_t(m_config.dModel);
        for (std::size_t i = begin; i < end; ++i)
            s.x[i] += s.firstPart[i] + s.secondPart[i];
    }

    /// part(false) here and part(true) on the helper core, or both here one after the other.
    template <typename Part> static void both(RowHelper* helper, const Part& part)
    {
        if (helper)
            helper->split([&] { part(false); }, [&] { part(true); });
        else
            part(false), part(true);
    }

    /// cos/sin of pos * invFreq for positions 0 .. capacity - 1 (kernels::ropeTables).
    void ensureRope(std::int64_t capacity) const
    {
        const int half = m_config.headDim / 2;
        if (std::int64_t(m_ropeCos.size()) >= capacity * half)
            return;
        m_ropeCos = AlignedFloats(std::size_t(capacity * half));
        m_ropeSin = AlignedFloats(std::size_t(capacity * half));
        kernels::ropeTables(m_config.headDim, m_config.ropeTheta, capacity, m_ropeCos.data(), m_ropeSin.data());
    }

    TalkerConfig m_config;
    kernels::Isa m_isa;
    FusedWeights m_weights;
    // Grown by resize() only (never during a step); mutable because the table is a cache of pure values.
    mutable AlignedFloats m_ropeCos; // (capacity, D/2)
    mutable AlignedFloats m_ropeSin; // (capacity, D/2)
};

class FusedBatchDecoder final : public BatchDecoder {
  public:
    FusedBatchDecoder(const ModelBundle& bundle, int threads, kernels::WeightFormat format, kernels::Isa isa)
        : m_talker(bundle.config.talker, bundle.talkerWeights, format, isa),
          m_name(format == kernels::WeightFormat::BFloat16 ? "fused-bf16" : "fused"),
          m_threads(threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency())))
    {
    }

    void reset(int batch, std::int64_t positions) override
    {
        if (batch < 1 || positions < 1)
            throw ArgumentError("invalid batch " + std::to_string(batch) + " x " + std::to_string(positions) +
                                " positions: expected at least one of each");
        m_talker.resize(m_state, batch, positions);
    }

    const float* step(const std::int32_t* codes) override
    {
        if (m_state.length >= m_state.capacity)
            throw ArgumentError("KV cache full: " + std::to_string(m_state.length + 1) +
                                " positions exceed its capacity of " + std::to_string(m_state.capacity) + " frames");
        // Streams are independent through the whole frame, so the batch is cut into one contiguous
        // share per worker (an even count, for the two-stream kernel), claimed by the pool's threads;
        // they meet once per frame.
        const int B = m_state.batch;
        m_talker.checkInput(codes, B);
        const int workers = B >= 2 * MinStreamsPerWorker ? std::min(m_threads, B / MinStreamsPerWorker) : 1;
        if (workers == 1) {
            // One small batch: the rows of every product are split over two cores instead.
            if (m_threads >= 2 && !m_helper)
                m_helper = std::make_unique<RowHelper>();
            const auto started = std::chrono::steady_clock::now();
            m_talker.forward(m_state, codes, 0, B, m_helper && m_helper->wanted() ? m_helper.get() : nullptr);
            if (m_helper)
                m_helper->endFrame(std::chrono::steady_clock::now() - started);
        } else {
            const int share = ((B + workers - 1) / workers + 1) & ~1;
            if (!m_pool)
                m_pool = std::make_unique<WorkerPool>(m_threads);
            auto task = [&](int chunk) {
                m_talker.forward(m_state, codes, chunk * share, std::min(share, B - chunk * share));
            };
            m_pool->run(task, (B + share - 1) / share);
        }
        ++m_state.length;
        return m_state.logits.data();
    }

    const char* name() const override { return m_name; }

    bool captureAttention(bool on) override
    {
        m_state.captureAttention = on;
        return true;
    }

    AttentionWeights attention() const override
    {
        if (!m_state.captureAttention || m_state.length == 0)
            return {};
        const TalkerConfig& c = m_talker.config();
        return {m_state.attentionWeights.data(), c.layers, c.queryHeads, m_state.length, m_state.capacity};
    }

  private:
    static constexpr int MinStreamsPerWorker = 4;
    FusedTalker m_talker;
    const char* m_name;
    FusedState m_state;
    int m_threads;
    std::unique_ptr<RowHelper> m_helper; // started by the first single-batch step with threads >= 2
    std::unique_ptr<WorkerPool> m_pool;  // m_threads threads, started by the first step split by streams
};

} // namespace

std::string fusedUnsupportedReason(const TalkerConfig& c)
{
    if (c.kvHeads < 1 || c.queryHeads % c.kvHeads != 0)
        return "the fused path needs the query heads (" + std::to_string(c.queryHeads) +
               ") to be a multiple of the key/value heads (" + std::to_string(c.kvHeads) + ")";
    if (c.headDim % 2 != 0)
        return "the fused path needs an even head dimension for RoPE, not " + std::to_string(c.headDim);
    return {};
}

std::unique_ptr<BatchDecoder> makeFusedBatchDecoder(const ModelBundle& bundle, int threads,
                                                    kernels::WeightFormat format, kernels::Isa isa)
{
    return std::make_unique<FusedBatchDecoder>(bundle, threads, format, isa);
}

} // namespace talker
