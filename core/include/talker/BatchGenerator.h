// SPDX-License-Identifier: GPL-3.0-or-later
// Batched generation: B independent takes of one bundle (the same parameters, one seed each) in
// one pass, so the Talker's weights are read once per step for all B streams ("generate 10
// variations").
//
//   auto bundle = std::make_shared<const talker::ModelBundle>(talker::ModelBundle::load(dir));
//   talker::BatchGenerator generator(bundle);                   // fused on CPU where it covers the bundle
//   talker::GenerationParams params;  params.frames = 200;
//   std::vector<talker::Take> takes = generator.run(params, {7, 8, 9, 10});
//
// Stream b of a batch gives exactly the take Generator::run gives with seed seeds[b] and the same
// backend: the streams never mix, and the fused kernels sum every output in the same order whatever
// the batch size.
//
// Thread safety: a BatchGenerator is used by one thread at a time (it owns the KV caches). The
// callback runs on the calling thread, between steps. `cancel` may be set from any thread; every
// stream then keeps the frames completed so far.
#pragma once

#include "talker/Device.h"
#include "talker/Generator.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace talker {

/// A frame of stream `stream` (0 .. B-1).
using BatchFrameCallback = std::function<void(int stream, const FrameEvent&)>;

class BatchGenerator {
  public:
    /// On Device::Cuda, Fused and FusedBf16 run the project's CUDA kernels (ArgumentError in a build
    /// without them or without a CUDA device) and Auto picks LibTorch. Device::Cuda without a
    /// CUDA-enabled LibTorch throws ArgumentError.
    explicit BatchGenerator(std::shared_ptr<const ModelBundle> bundle, Backend backend = Backend::Auto,
                            Device device = Device::Cpu);
    ~BatchGenerator();
    BatchGenerator(const BatchGenerator&) = delete;
    BatchGenerator& operator=(const BatchGenerator&) = delete;

    /// One take per seed (params.sampling.seed is replaced by each seed). params.realTime is ignored:
    /// a batch is for making takes, not for watching one.
    std::vector<Take> run(const GenerationParams& params, const std::vector<std::uint64_t>& seeds,
                          const BatchFrameCallback& onFrame = {}, const std::atomic<bool>* cancel = nullptr);

    /// "fused", "fused-bf16", "cuda-fused", "cuda-fused-bf16" or "libtorch".
    std::string backendName() const;
    Device device() const { return m_device; }
    /// Why Auto fell back to LibTorch (empty when it did not).
    const std::string& fallbackReason() const { return m_fallbackReason; }

  private:
    std::shared_ptr<const ModelBundle> m_bundle;
    Device m_device;
    std::unique_ptr<BatchDecoder> m_decoder;
    std::unique_ptr<FrameCodec> m_codec;
    std::string m_fallbackReason;
};

} // namespace talker
