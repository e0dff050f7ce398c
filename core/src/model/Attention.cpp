// SPDX-License-Identifier: GPL-3.0-or-later
// Grouped-query self-attention with rotary positions, the Talker's attention (TalkerLayers.h).
#include "TalkerLayers.h"

#include <cmath>
#include <limits>

namespace talker {

// With cos = [cos θ, cos θ] and sin = [-sin θ, sin θ] the rotation is x * cos + swapHalves(x) * sin:
// three operations, which matters when a decode step is a few hundred small ones. The fused path
// follows the same convention.
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin)
{
    return torch::addcmul(x * cos, x.roll(x.size(-1) / 2, -1), sin);
}

AttentionImpl::AttentionImpl(const TalkerConfig& c) : queryHeads(c.queryHeads), kvHeads(c.kvHeads), headDim(c.headDim)
{
    using torch::nn::LinearOptions;
    q = register_module("q", torch::nn::Linear(LinearOptions(c.dModel, c.queryHeads * c.headDim).bias(false)));
    k = register_module("k", torch::nn::Linear(LinearOptions(c.dModel, c.kvHeads * c.headDim).bias(false)));
    v = register_module("v", torch::nn::Linear(LinearOptions(c.dModel, c.kvHeads * c.headDim).bias(false)));
    o = register_module("o", torch::nn::Linear(LinearOptions(c.queryHeads * c.headDim, c.dModel).bias(false)));
}

// The hidden state travels as a matrix (B*T, d) so that every projection is one plain matrix
// product.
torch::Tensor AttentionImpl::forward(const torch::Tensor& x, std::int64_t B, const Rope& rope, torch::Tensor* cacheKeys,
                                     torch::Tensor* cacheValues, std::int64_t cacheLength, torch::Tensor* weights)
{
    const auto T = x.size(0) / B;
    // (B, T, H, D) views of the projections; the rotation tables are (T, 1, D) and broadcast.
    // The scores' 1/sqrt(D) scale is applied to the query (fewer numbers than the scores).
    const double scale = 1.0 / std::sqrt(double(headDim));
    auto query = applyRope(q(x).view({B, T, queryHeads, headDim}), rope.cos, rope.sin) * scale;
    auto key = applyRope(k(x).view({B, T, kvHeads, headDim}), rope.cos, rope.sin);
    auto value = v(x).view({B, T, kvHeads, headDim});
    return o(attend(query, key, value, cacheKeys, cacheValues, cacheLength, weights));
}

torch::Tensor AttentionImpl::attend(const torch::Tensor& query, torch::Tensor key, torch::Tensor value,
                                    torch::Tensor* cacheKeys, torch::Tensor* cacheValues, std::int64_t cacheLength,
                                    torch::Tensor* weights)
{
    const auto B = query.size(0), T = query.size(1);
    key = key.transpose(1, 2);     // (B, Hkv, T, D)
    value = value.transpose(1, 2); // (B, Hkv, T, D)
    std::int64_t past = 0;
    if (cacheKeys) {
        // Append this block's keys/values, then attend over everything cached so far.
        cacheKeys->narrow(2, cacheLength, T).copy_(key);
        cacheValues->narrow(2, cacheLength, T).copy_(value);
        past = cacheLength;
        key = cacheKeys->narrow(2, 0, cacheLength + T);
        value = cacheValues->narrow(2, 0, cacheLength + T);
    }
    const auto S = past + T;
    // Grouped-query attention: each group of G = Hq / Hkv query heads reads one K/V head, so the
    // queries of a group are stacked as G*T rows against that head's S keys.
    const auto group = queryHeads / kvHeads;
    auto rows = (T == 1 ? query : query.transpose(1, 2)).reshape({B * kvHeads, group * T, headDim});
    auto scores = torch::bmm(rows, key.reshape({B * kvHeads, S, headDim}).transpose(1, 2)); // (B*Hkv, G*T, S)
    if (T > 1) {
        // Query i (absolute position past + i) may see keys 0 .. past + i: causal.
        auto mask = torch::ones({T, S}, query.options().dtype(torch::kBool)).triu(past + 1); // (T, S)
        scores = scores.view({B * kvHeads, group, T, S})
                     .masked_fill(mask, -std::numeric_limits<float>::infinity())
                     .view({B * kvHeads, group * T, S});
    }
    auto probabilities = torch::softmax(scores, -1); // (B*Hkv, G*T, S): rows by (kv head, group member, t)
    if (weights)
        *weights = probabilities.view({B, queryHeads, T, S}); // query head h = kv head * G + member
    auto out = torch::bmm(probabilities, value.reshape({B * kvHeads, S, headDim})); // (B*Hkv, G*T, D)
    if (T > 1)
        out = out.view({B, queryHeads, T, headDim}).transpose(1, 2); // (B, T, Hq, D)
    return out.reshape({B * T, queryHeads * headDim});
}

} // namespace talker
