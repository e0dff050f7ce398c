// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker's KV cache (talker/Talker.h): every layer's keys and values for the positions seen so
// far, preallocated to the capacity so that a step appends in place.
#include "talker/Talker.h"

namespace talker {

KvCache::KvCache(const TalkerConfig& config, std::int64_t batch, torch::Device device, std::int64_t capacityFrames)
    : capacity(capacityFrames > 0 ? capacityFrames : config.maxFrames)
{
    auto options = torch::TensorOptions().dtype(torch::kFloat32).device(device);
    for (int l = 0; l < config.layers; ++l) {
        keys.push_back(torch::zeros({batch, config.kvHeads, capacity, config.headDim}, options));
        values.push_back(torch::zeros({batch, config.kvHeads, capacity, config.headDim}, options));
    }
    attention.resize(std::size_t(config.layers));
}

} // namespace talker
