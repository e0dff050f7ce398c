// The Talker: a decoder-only transformer over frames of K speech codes (docs/MODEL.md "Talker").
// This is the LibTorch reference; the fused CPU path must match its logits.
//
//   talker::Talker model(bundle.config.talker);
//   model->loadWeights(bundle.talkerWeights);  model->eval();
//   torch::InferenceMode guard;
//   talker::KvCache cache(bundle.config.talker, /*batch=*/1);
//   auto logits = model->step(bosFrame, cache);   // (B, K, V)
//
// Includes LibTorch: include it only from translation units that need the module.
// Thread safety: a module may be shared read-only by several threads, each with its own KvCache.
#pragma once

#include "talker/Config.h"
#include "talker/Safetensors.h"

#include <torch/torch.h>

namespace talker {

/// Keys and values of every layer for the positions seen so far. State, not weights: it lives
/// outside the module so several streams can share one model.
struct KvCache {
    KvCache(const TalkerConfig& config, std::int64_t batch,
            torch::Device device = torch::kCPU, std::int64_t capacity = 0);

    std::vector<torch::Tensor> keys;   // layers x (B, kvHeads, capacity, headDim)
    std::vector<torch::Tensor> values; // layers x (B, kvHeads, capacity, headDim)
    std::int64_t length = 0;           // positions filled
    std::int64_t capacity = 0;

    void clear() { length = 0; }
};

/// RMSNorm: x / rms(x) * g. Normalising by the root mean square alone (no mean, no bias) is what
/// keeps pre-norm residual streams stable at this size.
class RmsNormImpl : public torch::nn::Module {
public:
    RmsNormImpl(std::int64_t dim, double eps);
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight;
    double eps;
};
TORCH_MODULE(RmsNorm);

class AttentionImpl : public torch::nn::Module {
public:
    explicit AttentionImpl(const TalkerConfig& config);
    /// x (B, T, d); positions start at cache->length when a cache is given (then appended to it),
    /// else at 0 with a causal mask over x alone. `cos`/`sin` (T, headDim/2).
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                          torch::Tensor* cacheKeys, torch::Tensor* cacheValues, std::int64_t cacheLength);
    torch::nn::Linear q{nullptr}, k{nullptr}, v{nullptr}, o{nullptr};
    int queryHeads, kvHeads, headDim;
};
TORCH_MODULE(Attention);

/// SwiGLU feed-forward: down(silu(gate(x)) * up(x)).
class FeedForwardImpl : public torch::nn::Module {
public:
    explicit FeedForwardImpl(const TalkerConfig& config);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Linear gate{nullptr}, up{nullptr}, down{nullptr};
};
TORCH_MODULE(FeedForward);

class BlockImpl : public torch::nn::Module {
public:
    explicit BlockImpl(const TalkerConfig& config);
    RmsNorm attnNorm{nullptr}, ffnNorm{nullptr};
    Attention attn{nullptr};
    FeedForward ffn{nullptr};
    torch::nn::Dropout dropout{nullptr};
};
TORCH_MODULE(Block);

class TalkerImpl : public torch::nn::Module {
public:
    explicit TalkerImpl(const TalkerConfig& config);

    /// Full-sequence forward for training and reference: codes (B, T, K) int64 with BOS = V ->
    /// logits (B, T, K, V). Position t predicts frame t + 1.
    torch::Tensor forward(const torch::Tensor& codes);
    /// Appends frames to the cache and returns their logits: codes (B, T, K) -> (B, T, K, V).
    torch::Tensor prefill(const torch::Tensor& codes, KvCache& cache);
    /// One frame per stream: codes (B, K) -> logits (B, K, V) for the next frame.
    torch::Tensor step(const torch::Tensor& codes, KvCache& cache);

    void loadWeights(const TensorMap& weights);
    TensorMap weights() const;
    std::int64_t parameterCount() const;
    const TalkerConfig& config() const { return m_config; }

    torch::nn::ModuleList embeddings{nullptr}; // K x Embedding(V + 1, d): row V is BOS
    torch::nn::ModuleList blocks{nullptr};
    RmsNorm norm{nullptr};
    torch::nn::ModuleList heads{nullptr};      // K x Linear(d -> V, bias=false)

private:
    torch::Tensor run(const torch::Tensor& codes, KvCache* cache);
    TalkerConfig m_config;
    torch::Tensor m_invFrequencies; // (headDim / 2): RoPE's rotation speeds
};
TORCH_MODULE(Talker);

/// A frame of BOS in every codebook, (B, K) int64.
torch::Tensor bosFrame(const TalkerConfig& config, std::int64_t batch);

} // namespace talker
