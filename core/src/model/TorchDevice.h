// talker::Device as a torch::Device. Private to core (it needs a torch header).
#pragma once

#include "talker/Device.h"

#include <torch/types.h>

namespace talker {

/// The torch device for `device`; throws ArgumentError for Device::Cuda when no CUDA device is usable.
torch::Device torchDevice(Device device);

} // namespace talker
