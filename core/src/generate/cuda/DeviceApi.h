// SPDX-License-Identifier: GPL-3.0-or-later
// The line between the host side of the CUDA Talker (CudaTalker.cpp, compiled by the C++ compiler,
// which reads the bundle) and the CUDA side (TalkerKernels.cu, compiled by nvcc). Plain types only:
// no CUDA, LibTorch or JSON header on either side of it. A build without TALKER_WITH_CUDA
// implements it in NoCuda.cpp, where every entry point says that this build has no CUDA kernels.
// Private to core.
#pragma once

#include "DeviceSampling.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace talker::cuda::detail {

/// The Talker's shape, as the kernels read it.
struct Dims {
    int dModel = 0, layers = 0, queryHeads = 0, kvHeads = 0, headDim = 0, ffnHidden = 0, codebooks = 0,
        codebookSize = 0;
    float normEps = 0;
    float scoreDivisor = 0; // sqrt(headDim), rounded to float as the CPU path rounds it
    int qkvWidth() const { return (queryHeads + 2 * kvHeads) * headDim; }
};

/// The weights in the layout the kernels read (CudaTalker.cpp builds it from the bundle).
///   embeddings (K, V + 1, d) float32, row V of each table is BOS;
///   norms      per layer attn_norm (d) then ffn_norm (d), then the final norm (d), float32;
///   linear     per layer qkv (Hq D + 2 Hkv D, d) [q; k; v], o (d, Hq D), gate_up (2 F, d) [gate; up],
///              down (d, F), then the K heads stacked (K V, d); row-major (out, in), float32 or
///              bfloat16 bits (`bfloat16`).
struct HostWeights {
    const float* embeddings = nullptr;
    std::size_t embeddingCount = 0;
    const float* norms = nullptr;
    std::size_t normCount = 0;
    const void* linear = nullptr;
    std::size_t linearCount = 0; // elements (4 bytes each for float32, 2 for bfloat16)
    bool bfloat16 = false;
};

struct DeviceProperties {
    std::string name;
    int major = 0, minor = 0;
    int multiprocessors = 0;
    std::size_t memoryBytes = 0;
    std::size_t l2Bytes = 0;
    double bandwidthGBs = 0; // theoretical: 2 x memory clock x bus width
};

/// Whether the CUDA side is compiled in (TalkerKernels.cu) or not (NoCuda.cpp).
bool built();
/// CUDA devices present; 0 with `reason` filled when there are none (or no CUDA in this build).
int deviceCount(std::string& reason);
/// Throws talker::Error when `device` does not exist.
DeviceProperties deviceProperties(int device);

/// The weights on a device, the state of B streams and the launch configuration. Not thread-safe.
class DeviceTalker;

/// Uploads `weights` to `device` (throws talker::Error naming the CUDA error on failure).
DeviceTalker* createTalker(int device, const Dims& dims, const HostWeights& weights);
void destroyTalker(DeviceTalker* talker);
/// Sizes the state for `batch` streams of `capacity` positions (allocating only when that is more
/// than before) and forgets every position. `ropeCos`/`ropeSin` are (capacity, headDim / 2).
void resetTalker(DeviceTalker* talker, int batch, std::int64_t capacity, const float* ropeCos, const float* ropeSin);
/// One frame: host codes (B, K) at position `position`, host logits (B, K, V) back.
void stepTalker(DeviceTalker* talker, std::int64_t position, const std::int32_t* codes, float* logits);
/// `frames` frames of every stream generated on the device from BOS: one launch per position,
/// sampled on the device with `rule` and one Mt64 per stream seeded with seeds[b]; `delays` (K) is
/// the delay pattern (or null). Writes codes (B, frames, K) and returns the seconds the launches
/// took on the device (CUDA events). The caller has reset the talker for frames + max delay positions.
double generateOnDevice(DeviceTalker* talker, int frames, const int* delays, const SamplingRule& rule,
                        const std::uint64_t* seeds, std::int32_t* codes);
/// Bytes of Linear weights one step reads (every matrix once; not the embeddings).
std::size_t linearBytes(const DeviceTalker* talker);

/// The device sampler alone: rows (B, K, V) of fixed logits sampled `frames` times per stream, in
/// the order of a take (frame by frame, codebook by codebook), stream b with seed seeds[b]. Writes
/// codes (B, frames, K) and, when `probabilities` is not null, the distribution (B, K, V) drawn from.
void sampleOnDevice(int device, const float* logits, int batch, int codebooks, int vocabulary, int frames,
                    const SamplingRule& rule, const std::uint64_t* seeds, std::int32_t* codes, float* probabilities);

} // namespace talker::cuda::detail
