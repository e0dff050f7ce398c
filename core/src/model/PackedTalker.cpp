// SPDX-License-Identifier: GPL-3.0-or-later
#include "PackedTalker.h"

#include <cmath>

namespace talker {

std::shared_ptr<const PackedTalker> PackedTalker::pack(const TalkerImpl& model)
{
    torch::NoGradGuard noGrad;
    const TalkerConfig& c = model.m_config;
    const int D = c.headDim;
    const double scale = 1.0 / std::sqrt(double(D));
    // Rows of a (H*D, d) projection reordered so that each head's two halves swap places: the
    // product with it is the "rotate halves" partner RoPE needs.
    const auto swapHalves = [D](const torch::Tensor& w, int heads) {
        return w.view({heads, 2, D / 2, w.size(1)}).flip(1).reshape({heads * D, w.size(1)});
    };
    auto packed = std::make_shared<PackedTalker>();
    for (int l = 0; l < c.layers; ++l) {
        const auto& block = *model.m_blocks->ptr(std::size_t(l))->as<Block>();
        const auto& attn = *block.attn;
        const auto q = attn.q->weight * scale, k = attn.k->weight;
        Layer layer;
        layer.qkv =
            torch::cat({q, k, swapHalves(q, c.queryHeads), swapHalves(k, c.kvHeads), attn.v->weight}).t().contiguous();
        layer.o = attn.o->weight.t().contiguous();
        layer.gateUp = torch::cat({block.ffn->gate->weight, block.ffn->up->weight}).t().contiguous();
        layer.down = block.ffn->down->weight.t().contiguous();
        packed->layers.push_back(std::move(layer));
    }
    std::vector<torch::Tensor> headWeights;
    for (int k = 0; k < c.codebooks; ++k)
        headWeights.push_back(model.m_heads->ptr(std::size_t(k))->as<torch::nn::Linear>()->weight);
    packed->heads = torch::cat(headWeights).t().contiguous();
    return packed;
}

torch::Tensor PackedTalker::run(const TalkerImpl& model, torch::Tensor x, std::int64_t B, std::int64_t T,
                                const AttentionImpl::Rope& rope, KvCache* cache) const
{
    const TalkerConfig& c = model.m_config;
    const std::int64_t start = cache ? cache->length : 0;
    const int Hq = c.queryHeads, Hkv = c.kvHeads, D = c.headDim, F = c.ffnHidden;
    const std::int64_t rotated = std::int64_t(Hq + Hkv) * D; // width of [q k] and of its swapped copy
    for (int l = 0; l < c.layers; ++l) {
        auto& block = *model.m_blocks->ptr(std::size_t(l))->as<Block>();
        const Layer& w = layers[std::size_t(l)];
        auto y = torch::mm(block.attnNorm(x), w.qkv);
        // RoPE on q and k at once: [q k] * cos + [swapped q k] * sin (the query's 1/sqrt(D) is in w.qkv).
        auto qk = torch::addcmul(y.narrow(1, 0, rotated).view({B, T, Hq + Hkv, D}) * rope.cos,
                                 y.narrow(1, rotated, rotated).view({B, T, Hq + Hkv, D}), rope.sin);
        auto value = y.narrow(1, 2 * rotated, std::int64_t(Hkv) * D).view({B, T, Hkv, D});
        auto h =
            block.attn->attend(qk.narrow(2, 0, Hq), qk.narrow(2, Hq, Hkv), value, cache ? &cache->keys[l] : nullptr,
                               cache ? &cache->values[l] : nullptr, start, keptAttention(cache, l));
        x = x + torch::mm(h, w.o);
        auto gateUp = torch::mm(block.ffnNorm(x), w.gateUp);
        x = x + torch::mm(torch::silu(gateUp.narrow(1, 0, F)) * gateUp.narrow(1, F, F), w.down);
    }
    if (cache)
        cache->length += T;
    return torch::mm(model.m_norm->forward(x), heads).view({B, T, c.codebooks, c.codebookSize});
}

} // namespace talker
