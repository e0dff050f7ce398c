// SPDX-License-Identifier: GPL-3.0-or-later
// talker::Device as a torch::Device. Private to core (it needs a torch header).
#pragma once

#include "talker/Device.h"

#include <torch/types.h>

#include <cstdint>

namespace talker {

/// The torch device for `device`; throws ArgumentError for Device::Cuda when no CUDA device is usable.
torch::Device torchDevice(Device device);
/// The device one rank of a training run works on: the CPU, or the GPU its LOCAL_RANK names (one
/// GPU per process). Throws ArgumentError when CUDA is unusable or there are too few GPUs.
torch::Device trainingDevice(Device device, int localRank);

/// The sum over codebooks of each stream's chosen entries: codes (B, K) on the host, entries
/// (K * V, D) with entry v of codebook k at row k * V + v, offsets (K) = k * V, both on one device.
/// Throws ArgumentError naming a code outside 0..V-1. (B, D) on the entries' device. (RvqDevice.cpp)
torch::Tensor summedEntries(const std::int32_t* codes, int batch, int codebookSize, const torch::Tensor& entries,
                            const torch::Tensor& offsets);

} // namespace talker
