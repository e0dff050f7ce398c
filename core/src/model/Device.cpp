// SPDX-License-Identifier: GPL-3.0-or-later
#include "TorchDevice.h"

#include "talker/Error.h"

#include <torch/cuda.h>

#include <string>

namespace talker {

Device parseDevice(const std::string& name)
{
    if (name == "cpu")
        return Device::Cpu;
    if (name == "cuda")
        return Device::Cuda;
    throw ArgumentError("unknown device '" + name + "': expected cpu or cuda");
}

const char* deviceName(Device device)
{
    return device == Device::Cuda ? "cuda" : "cpu";
}

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

torch::Device torchDevice(Device device)
{
    if (device == Device::Cpu)
        return torch::Device(torch::kCPU);
    if (!cudaAvailable())
        throw ArgumentError("cannot use device 'cuda': this build's LibTorch has no CUDA support or no CUDA device is "
                            "present; use --device cpu");
    return torch::Device(torch::kCUDA, 0);
}

torch::Device trainingDevice(Device device, int localRank)
{
    if (device == Device::Cpu)
        return torch::Device(torch::kCPU);
    if (!cudaAvailable())
        throw ArgumentError("cannot train on device 'cuda': this build's LibTorch has no CUDA support or no CUDA "
                            "device is present; use --device cpu");
    const auto gpus = std::int64_t(torch::cuda::device_count());
    if (localRank >= gpus)
        throw ArgumentError("cannot train on device 'cuda' as LOCAL_RANK " + std::to_string(localRank) +
                            ": this machine has " + std::to_string(gpus) + " CUDA device(s), one per process");
    return torch::Device(torch::kCUDA, torch::DeviceIndex(localRank));
}

} // namespace talker
