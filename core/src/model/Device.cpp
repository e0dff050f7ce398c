#include "TorchDevice.h"

#include "talker/Error.h"

#include <torch/cuda.h>

namespace talker {

Device parseDevice(const std::string& name)
{
    if (name == "cpu")
        return Device::Cpu;
    if (name == "cuda")
        return Device::Cuda;
    throw ArgumentError("unknown device '" + name + "': expected cpu or cuda");
}

const char* deviceName(Device device) { return device == Device::Cuda ? "cuda" : "cpu"; }

bool cudaAvailable() { return torch::cuda::is_available(); }

torch::Device torchDevice(Device device)
{
    if (device == Device::Cpu)
        return torch::Device(torch::kCPU);
    if (!cudaAvailable())
        throw ArgumentError("cannot use device 'cuda': this build's LibTorch has no CUDA support or no CUDA device is "
                            "present; use --device cpu");
    return torch::Device(torch::kCUDA, 0);
}

} // namespace talker
