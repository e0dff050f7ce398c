// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker step for B independent streams at once (batched generation). Private to core.
//
// All streams advance together: step() appends one frame per stream at the same position, so the
// streams share RoPE angles and the weights are read once per step for all of them.
// Implementations: the fused CPU path (FusedDecoder.cpp) and LibTorch on CPU or CUDA
// (LibTorchBatchDecoder.cpp). Not thread-safe: one decoder belongs to one generation loop.
#pragma once

#include "talker/BatchGenerator.h"
#include "talker/ModelBundle.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace talker {

/// Stream 0's attention weights of a decoder's last step: for every layer and query head, the
/// softmax over positions 0 .. positions - 1 (BOS first) with which the appended position read
/// the cache. values[(layer * heads + head) * stride + position].
struct AttentionWeights {
    const float* values = nullptr;
    int layers = 0, heads = 0;
    std::int64_t positions = 0, stride = 0;

    /// The weights without the stride: out (layers, heads, positions), as FrameEvent::attention.
    void copyTo(std::vector<float>& out) const
    {
        out.resize(std::size_t(layers) * std::size_t(heads) * std::size_t(positions));
        for (int row = 0; row < layers * heads; ++row)
            std::copy_n(values + std::size_t(row) * std::size_t(stride), positions,
                        out.begin() + std::ptrdiff_t(row) * positions);
    }
};

class BatchDecoder {
  public:
    virtual ~BatchDecoder() = default;
    /// Forgets every position and sizes the state for `batch` streams of at most `positions`
    /// positions (BOS included). Allocates only when that is more than the last reset held.
    virtual void reset(int batch, std::int64_t positions) = 0;
    /// Appends one frame per stream, codes (B, W) with BOS = V allowed, and returns the next
    /// frame's logits (B, K, V) row-major, valid until the next call. W = inputColumns(): K codes,
    /// then for a text-conditioned Talker the text columns of the frame the step predicts.
    virtual const float* step(const std::int32_t* codes) = 0;
    virtual const char* name() const = 0;
    /// Asks the following steps to keep stream 0's attention weights (attention()). Returns false
    /// when this decoder cannot report them (it then keeps none); off after construction.
    virtual bool captureAttention(bool on) { return !on; }
    /// The last step's weights while capture is on; values is null before the first such step.
    virtual AttentionWeights attention() const { return {}; }
};

/// The batch decoder for `backend` on `device`; `fallbackReason` says why Auto did not pick fused.
std::unique_ptr<BatchDecoder> makeBatchDecoder(const ModelBundle& bundle, Backend backend, Device device,
                                               std::string& fallbackReason);

/// LibTorch's module with a batch-B KvCache on `device` (throws ArgumentError for CUDA without it).
std::unique_ptr<BatchDecoder> makeLibTorchBatchDecoder(const ModelBundle& bundle, Device device);

} // namespace talker
