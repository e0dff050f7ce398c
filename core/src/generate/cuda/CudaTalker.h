// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker on a CUDA device (TalkerKernels.cu): the host side, with no CUDA or LibTorch
// header, so it compiles in every build. Private to core.
//
//   cuda::CudaTalker talker(bundle.config.talker, bundle.talkerWeights);  // uploads the weights
//   talker.reset(batch, positions);
//   const float* logits = talker.step(codes);                               // (B, K, V) on the host
//   auto generated = talker.generate(200, sampling, seeds);                 // sampled on the device
//
// In a build without TALKER_WITH_CUDA, or on a machine without a CUDA device, the constructor
// throws ArgumentError saying which ("no CUDA device ..."); nothing falls back silently.
// Not thread-safe: one CudaTalker belongs to one thread.
#pragma once

#include "../BatchDecoder.h"
#include "../Kernels.h"

#include "talker/Config.h"
#include "talker/Safetensors.h"
#include "talker/Sampler.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace talker::cuda {

namespace detail {
class DeviceTalker;
}

/// Whether this build compiled the CUDA kernels (TALKER_WITH_CUDA).
bool kernelsBuilt();
/// CUDA devices present now; 0 when none (or no kernels in this build), with `reason` saying why.
int deviceCount(std::string* reason = nullptr);

struct DeviceInfo {
    std::string name;
    int computeMajor = 0, computeMinor = 0;
    int multiprocessors = 0;
    std::size_t memoryBytes = 0;
    std::size_t l2Bytes = 0;
    double bandwidthGBs = 0; // theoretical peak: 2 x memory clock x bus width
};
/// Throws ArgumentError when `device` does not exist.
DeviceInfo deviceInfo(int device = 0);

/// Why the CUDA kernels cannot run `config`, or empty when they can.
std::string unsupportedReason(const TalkerConfig& config);

class CudaTalker {
  public:
    /// Uploads the Talker's weights to `device`; `format` is how the Linear weights are stored
    /// (bfloat16: rounded to nearest even as the CPU path rounds them). Throws ArgumentError for a
    /// configuration the kernels do not cover or when there is no CUDA device, BundleError for
    /// weights that do not match `config`, Error for a CUDA failure.
    CudaTalker(const TalkerConfig& config, const TensorMap& weights,
               kernels::WeightFormat format = kernels::WeightFormat::Float32, int device = 0);
    ~CudaTalker();
    CudaTalker(const CudaTalker&) = delete;
    CudaTalker& operator=(const CudaTalker&) = delete;

    /// Forgets every position and sizes the state for `batch` streams of `positions` positions.
    void reset(int batch, std::int64_t positions);
    /// Appends one frame per stream, codes (B, K) with BOS = V allowed, and returns the next
    /// frame's logits (B, K, V) on the host, valid until the next call.
    const float* step(const std::int32_t* codes);
    /// One take per seed generated on the device: BOS, then `frames` frames, each codebook sampled
    /// on the device with `sampling` (its seed replaced by each seed) and the bundle's delay pattern.
    /// Resets the state. Returns codes (B, frames, K); `deviceSeconds`, when given, gets the time the
    /// launches took on the device.
    std::vector<std::int32_t> generate(int frames, const SamplingParams& sampling,
                                       const std::vector<std::uint64_t>& seeds, double* deviceSeconds = nullptr);

    const TalkerConfig& config() const { return m_config; }
    /// "cuda-fused" or "cuda-fused-bf16".
    const char* name() const;
    /// Bytes of Linear weights one step reads (each matrix once; the embeddings are K rows a step).
    std::size_t linearBytes() const;
    int batch() const { return m_batch; }

  private:
    struct Release {
        void operator()(detail::DeviceTalker* talker) const;
    };
    TalkerConfig m_config;
    kernels::WeightFormat m_format;
    std::unique_ptr<detail::DeviceTalker, Release> m_device;
    int m_batch = 0;
    std::int64_t m_capacity = 0, m_length = 0;
    std::vector<float> m_logits; // (B, K, V)
};

/// The device sampler alone, for tests: fixed logits (B, K, V) sampled `frames` times per stream in
/// a take's order (frame by frame, codebook by codebook), stream b seeded with seeds[b]. Returns
/// codes (B, frames, K); `probabilities` (when given) gets the distribution (B, K, V) drawn from.
std::vector<std::int32_t> sampleOnDevice(const std::vector<float>& logits, int batch, int codebooks, int vocabulary,
                                         int frames, const SamplingParams& sampling,
                                         const std::vector<std::uint64_t>& seeds,
                                         std::vector<float>* probabilities = nullptr, int device = 0);

/// The Talker step on the first CUDA device as a BatchDecoder (host codes in, host logits out;
/// sampling then runs on the CPU, as for the other decoders).
std::unique_ptr<BatchDecoder> makeCudaBatchDecoder(const ModelBundle& bundle,
                                                   kernels::WeightFormat format = kernels::WeightFormat::Float32);

} // namespace talker::cuda
