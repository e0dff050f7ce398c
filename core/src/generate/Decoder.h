// The Talker step behind a Generator: feed one frame, get the logits for the next. Private to core.
//
// Implementations: LibTorchDecoder (the reference module with a KvCache) and, where it covers the
// configuration, the fused CPU path. Not thread-safe: one decoder belongs to one generation loop.
#pragma once

#include "talker/Generator.h"
#include "talker/ModelBundle.h"

#include <cstdint>
#include <memory>
#include <string>

namespace talker {

class Decoder {
public:
    virtual ~Decoder() = default;
    /// Forget every position (a new take).
    virtual void reset() = 0;
    /// Appends one frame of K codes (BOS = V allowed) and returns the next frame's logits,
    /// (K, V) row-major, valid until the next call.
    virtual const float* step(const std::int32_t* codes) = 0;
    /// Positions the cache holds at most.
    virtual std::int64_t capacity() const = 0;
    virtual const char* name() const = 0;
};

/// The decoder for `backend`; for Auto, `fallbackReason` says why the fused path was not used.
std::unique_ptr<Decoder> makeDecoder(const ModelBundle& bundle, Backend backend, std::string& fallbackReason);

/// The LibTorch reference decoder.
std::unique_ptr<Decoder> makeLibTorchDecoder(const ModelBundle& bundle);

} // namespace talker
