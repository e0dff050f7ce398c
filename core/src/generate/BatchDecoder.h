// The Talker step for B independent streams at once (batched generation). Private to core.
//
// All streams advance together: step() appends one frame per stream at the same position, so the
// streams share RoPE angles and the weights are read once per step for all of them.
// Implementations: the fused CPU path (FusedDecoder.cpp) and LibTorch on CPU or CUDA
// (LibTorchBatchDecoder.cpp). Not thread-safe: one decoder belongs to one generation loop.
#pragma once

#include "talker/BatchGenerator.h"
#include "talker/ModelBundle.h"

#include <cstdint>
#include <memory>
#include <string>

namespace talker {

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
};

/// The batch decoder for `backend` on `device`; `fallbackReason` says why Auto did not pick fused.
std::unique_ptr<BatchDecoder> makeBatchDecoder(const ModelBundle& bundle, Backend backend, Device device,
                                               std::string& fallbackReason);

/// LibTorch's module with a batch-B KvCache on `device` (throws ArgumentError for CUDA without it).
std::unique_ptr<BatchDecoder> makeLibTorchBatchDecoder(const ModelBundle& bundle, Device device);

} // namespace talker
