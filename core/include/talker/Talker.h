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

#include <memory>
#include <vector>

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

class RmsNormImpl;   // the layers: core/src/model/TalkerLayers.h
struct PackedTalker; // the packed inference path: core/src/model/PackedTalker.h

/// The model: embed a frame's K codes (and text columns), run the pre-norm blocks, normalise, and
/// read one distribution per codebook from K heads (Talker.cpp).
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
    bool packed() const { return m_packed != nullptr; }
    void train(bool on = true) override;

    void loadWeights(const TensorMap& weights);
    TensorMap weights() const;
    std::int64_t parameterCount() const;
    const TalkerConfig& config() const { return m_config; }

  private:
    friend struct PackedTalker;
    torch::Tensor run(const torch::Tensor& codes, KvCache* cache);

    TalkerConfig m_config;
    torch::nn::ModuleList m_embeddings{nullptr}; // K x Embedding(V + 1, d): row V is BOS
    torch::nn::ModuleList m_textPhones{nullptr}; // text only: phoneSlots x Embedding(phone classes + 1, d)
    torch::nn::Embedding m_textVoice{nullptr};   // text only: Embedding(voices, d)
    torch::nn::ModuleList m_blocks{nullptr};     // layers x Block
    std::shared_ptr<RmsNormImpl> m_norm;
    torch::nn::ModuleList m_heads{nullptr}; // K x Linear(d -> V, bias=false)
    // RoPE tables, (maxFrames, 1, headDim) each: [cos θ, cos θ] and [-sin θ, sin θ] per position.
    torch::Tensor m_ropeCos, m_ropeSin;
    std::shared_ptr<const PackedTalker> m_packed; // set by packForInference
};
TORCH_MODULE(Talker);

/// A frame of BOS in every codebook, (B, K) int64 (the text columns are the caller's to append).
torch::Tensor bosFrame(const TalkerConfig& config, std::int64_t batch);

} // namespace talker
