// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker: a decoder-only transformer over frames of K speech codes (docs/model.md "Talker").
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
    KvCache(const TalkerConfig& config, std::int64_t batch, torch::Device device = torch::kCPU,
            std::int64_t capacity = 0);

    std::vector<torch::Tensor> keys;   // layers x (B, kvHeads, capacity, headDim)
    std::vector<torch::Tensor> values; // layers x (B, kvHeads, capacity, headDim)
    std::int64_t length = 0;           // positions filled
    std::int64_t capacity = 0;
    /// When set, each step keeps its attention weights: attention[l] (B, queryHeads, T, S), the
    /// softmax over the S cached positions (the studio's attention view, the parity tests).
    bool keepAttention = false;
    std::vector<torch::Tensor> attention;

    void clear() { length = 0; }
};

/// RMSNorm: x / rms(x) * g. Normalising by the root mean square alone (no mean, no bias) is what
/// keeps pre-norm residual streams stable at this size.
class RmsNormImpl : public torch::nn::Module {
  public:
    RmsNormImpl(std::int64_t dim, double eps);
    /// x (N, dim) -> (N, dim).
    torch::Tensor forward(const torch::Tensor& x);
    torch::Tensor weight;
    double eps;

  private:
    torch::Tensor m_eps;         // (1, 1): eps, so adding it is no scalar-to-tensor conversion
    torch::Tensor m_meanWeights; // (dim, 1): 1 / dim, so the mean of squares is one matrix product
};
TORCH_MODULE(RmsNorm);

class AttentionImpl : public torch::nn::Module {
  public:
    explicit AttentionImpl(const TalkerConfig& config);
    /// RoPE rotation tables for the positions of one call, each (T, 1, headDim); the query's carry
    /// the 1/sqrt(headDim) score scale.
    struct Rope {
        torch::Tensor cos, sin, queryCos, querySin;
    };
    /// x (B*T, d), B streams of T positions; positions start at cacheLength when a cache is given
    /// (x's keys and values are then appended to it), else at 0 with a causal mask over x alone.
    /// Returns (B*T, d).
    torch::Tensor forward(const torch::Tensor& x, std::int64_t B, const Rope& rope, torch::Tensor* cacheKeys,
                          torch::Tensor* cacheValues, std::int64_t cacheLength, torch::Tensor* weights = nullptr);
    /// The attention itself, before the output projection: rotated query (B, T, Hq, D) and key
    /// (B, T, Hkv, D), value (B, T, Hkv, D) -> (B*T, Hq*D). Appends to the cache when one is given.
    /// `weights`, when given, receives the softmax weights (B, Hq, T, S).
    torch::Tensor attend(const torch::Tensor& query, torch::Tensor key, torch::Tensor value, torch::Tensor* cacheKeys,
                         torch::Tensor* cacheValues, std::int64_t cacheLength, torch::Tensor* weights = nullptr);
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

    /// Full-sequence forward for training and reference: codes (B, T, W) int64 with BOS = V ->
    /// logits (B, T, K, V). Position t predicts frame t + 1. W = config.inputColumns(): the K codes,
    /// then, for a text-conditioned Talker, the text columns of the frame position t predicts
    /// (talker/Text.h textColumns).
    torch::Tensor forward(const torch::Tensor& codes);
    /// Appends frames to the cache and returns their logits: codes (B, T, W) -> (B, T, K, V).
    torch::Tensor prefill(const torch::Tensor& codes, KvCache& cache);
    /// One frame per stream: codes (B, W) -> logits (B, K, V) for the next frame.
    torch::Tensor step(const torch::Tensor& codes, KvCache& cache);

    /// Inference only: packs the weights so that a step runs fewer, larger operations (q, k, v and
    /// the RoPE half-swaps of q and k in one matrix, the score scale folded into q; gate and up in
    /// one; all K heads in one). forward/prefill/step then use them while the module is in eval
    /// mode; loadWeights() and train() drop them, so a module being trained never sees stale ones.
    void packForInference();
    bool packed() const { return m_packedHeads.defined(); }
    void train(bool on = true) override;

    void loadWeights(const TensorMap& weights);
    TensorMap weights() const;
    std::int64_t parameterCount() const;
    const TalkerConfig& config() const { return m_config; }

    torch::nn::ModuleList embeddings{nullptr}; // K x Embedding(V + 1, d): row V is BOS
    torch::nn::ModuleList textPhones{nullptr}; // text only: phoneSlots x Embedding(phone classes + 1, d)
    torch::nn::Embedding textVoice{nullptr};   // text only: Embedding(voices, d)
    torch::nn::ModuleList blocks{nullptr};
    RmsNorm norm{nullptr};
    torch::nn::ModuleList heads{nullptr}; // K x Linear(d -> V, bias=false)

  private:
    torch::Tensor run(const torch::Tensor& codes, KvCache* cache);
    torch::Tensor runPacked(torch::Tensor x, std::int64_t B, std::int64_t T, const AttentionImpl::Rope& rope,
                            KvCache* cache);
    TalkerConfig m_config;
    // RoPE tables, (maxFrames, 1, headDim) each: [cos θ, cos θ] and [-sin θ, sin θ] per position,
    // and the same scaled by 1/sqrt(headDim) for queries.
    torch::Tensor m_ropeCos, m_ropeSin, m_ropeQueryCos, m_ropeQuerySin;
    // Packed inference weights, each transposed to (in, out) so a projection is one mm.
    struct PackedLayer {
        torch::Tensor qkv;    // (d, 2 (Hq + Hkv) D + Hkv D): [q k | swapped q k | v]
        torch::Tensor o;      // (Hq D, d)
        torch::Tensor gateUp; // (d, 2 F)
        torch::Tensor down;   // (F, d)
    };
    std::vector<PackedLayer> m_packedLayers;
    torch::Tensor m_packedHeads; // (d, K V)
};
TORCH_MODULE(Talker);

/// A frame of BOS in every codebook, (B, K) int64 (the text columns are the caller's to append).
torch::Tensor bosFrame(const TalkerConfig& config, std::int64_t batch);

} // namespace talker
