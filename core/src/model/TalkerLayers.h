// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker's layers (private to core/src/model): RMSNorm, grouped-query attention with RoPE,
// the SwiGLU feed-forward and the pre-norm block that holds them. Talker.cpp stacks them;
// PackedTalker.cpp reads their weights.
#pragma once

#include "talker/Config.h"
#include "talker/Talker.h"

#include <torch/torch.h>

namespace talker {

/// RMSNorm: x / rms(x) * g. Normalising by the root mean square alone (no mean, no bias) is what
/// keeps pre-norm residual streams stable at this size.
class RmsNormImpl : public torch::nn::Module {
  public:
    RmsNormImpl(std::int64_t dim, double eps);
    /// x (N, dim) -> (N, dim).
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight;
    double eps;
};
TORCH_MODULE(RmsNorm);

/// Grouped-query self-attention with rotary positions (Attention.cpp).
class AttentionImpl : public torch::nn::Module {
  public:
    explicit AttentionImpl(const TalkerConfig& config);
    /// RoPE rotation tables for the positions of one call, each (T, 1, headDim).
    struct Rope {
        torch::Tensor cos, sin;
    };
    /// x (B*T, d), B streams of T positions; positions start at cacheLength when a cache is given
    /// (x's keys and values are then appended to it), else at 0 with a causal mask over x alone.
    /// Returns (B*T, d).
    torch::Tensor forward(const torch::Tensor& x, std::int64_t B, const Rope& rope, torch::Tensor* cacheKeys,
                          torch::Tensor* cacheValues, std::int64_t cacheLength, torch::Tensor* weights = nullptr);
    /// The attention itself, before the output projection: rotated query (B, T, Hq, D), already
    /// scaled by 1/sqrt(D), and key (B, T, Hkv, D), value (B, T, Hkv, D) -> (B*T, Hq*D). Appends
    /// to the cache when one is given. `weights`, when given, receives the softmax weights
    /// (B, Hq, T, S).
    torch::Tensor attend(const torch::Tensor& query, torch::Tensor key, torch::Tensor value, torch::Tensor* cacheKeys,
                         torch::Tensor* cacheValues, std::int64_t cacheLength, torch::Tensor* weights = nullptr);
    torch::nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
    int queryHeads, kvHeads, headDim;
};
TORCH_MODULE(Attention);

/// RoPE rotates the pair (x[i], x[i + D/2]) by angle position * invFrequency[i] (the "rotate
/// halves" layout). x (B, T, H, D), cos = [cos θ, cos θ] and sin = [-sin θ, sin θ] (T, 1, D).
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin);

/// SwiGLU feed-forward: down(silu(gate(x)) * up(x)).
class FeedForwardImpl : public torch::nn::Module {
  public:
    explicit FeedForwardImpl(const TalkerConfig& config);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear gate{nullptr}, up{nullptr}, down{nullptr};
};
TORCH_MODULE(FeedForward);

/// One pre-norm block: x + attn(norm(x)), then x + ffn(norm(x)).
class BlockImpl : public torch::nn::Module {
  public:
    explicit BlockImpl(const TalkerConfig& config);
    RmsNorm attnNorm{nullptr}, ffnNorm{nullptr};
    Attention attn{nullptr};
    FeedForward ffn{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(Block);

/// Where layer l's attention weights go: the cache's slot when it keeps them, else nowhere.
inline torch::Tensor* keptAttention(KvCache* cache, int l)
{
    return cache && cache->keepAttention ? &cache->attention[std::size_t(l)] : nullptr;
}

} // namespace talker
