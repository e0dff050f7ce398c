// SPDX-License-Identifier: GPL-3.0-or-later
// Where the engine runs: the CPU, or LibTorch's first CUDA device when LibTorch was built with CUDA.
//
//   const talker::Device device = talker::parseDevice("cuda"); // throws ArgumentError for other names
//   if (device == talker::Device::Cuda && !talker::cudaAvailable()) ...
//
// With Device::Cuda the Talker (LibTorch module), the RVQ codec's frame decoding and Griffin-Lim all
// run on the GPU; sampling stays on the CPU (it reads a few hundred logits per frame).
//
// Thread safety: the functions keep no state of their own and may be called from any thread.
#pragma once

#include <string>

namespace talker {

enum class Device {
    Cpu,
    Cuda,
};

/// Parses "cpu" / "cuda"; throws ArgumentError otherwise.
Device parseDevice(const std::string& name);
/// "cpu" or "cuda".
const char* deviceName(Device device);
/// Whether the LibTorch this was built with can run on a CUDA device now.
bool cudaAvailable();

} // namespace talker
