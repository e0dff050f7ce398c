// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker's packed inference path (TalkerImpl::packForInference; private to core/src/model):
// the same model as Talker.cpp's layer loop in fewer, larger operations, each weight transposed to
// (in, out) so that a projection is one mm. The LibTorch decoder runs it; the reference and
// training run the layers as written.
#pragma once

#include "TalkerLayers.h"

#include <memory>
#include <vector>

namespace talker {

struct PackedTalker {
    struct Layer {
        torch::Tensor qkv;    // (d, 2 (Hq + Hkv) D + Hkv D): [q k | swapped q k | v], q scaled by 1/sqrt(D)
        torch::Tensor o;      // (Hq D, d)
        torch::Tensor gateUp; // (d, 2 F)
        torch::Tensor down;   // (F, d)
    };
    std::vector<Layer> layers;
    torch::Tensor heads; // (d, K V)

    /// The packed weights of `model` as they are now.
    static std::shared_ptr<const PackedTalker> pack(const TalkerImpl& model);
    /// The blocks, final norm and heads of `model` over the embedded input x (B*T, d) at
    /// positions rope gives -> logits (B, T, K, V); appends to the cache and advances it.
    torch::Tensor run(const TalkerImpl& model, torch::Tensor x, std::int64_t B, std::int64_t T,
                      const AttentionImpl::Rope& rope, KvCache* cache) const;
};

} // namespace talker
