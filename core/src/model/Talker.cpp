// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker, the LibTorch reference (talker/Talker.h): embed a frame's codes, run the pre-norm
// blocks, normalise, and read K distributions. Attention and RoPE are in Attention.cpp, the KV cache
// in KvCache.cpp, the packed inference path in PackedTalker.cpp.
#include "PackedTalker.h"
#include "TalkerLayers.h"

#include "../io/TensorLookup.h"
#include "talker/Error.h"

namespace talker {

RmsNormImpl::RmsNormImpl(std::int64_t dim, double epsilon) : eps(epsilon)
{
    weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RmsNormImpl::forward(const torch::Tensor& x)
{
    return x * torch::rsqrt(x.square().mean(-1, /*keepdim=*/true) + eps) * weight;
}

FeedForwardImpl::FeedForwardImpl(const TalkerConfig& c)
{
    using torch::nn::LinearOptions;
    gate = register_module("gate", torch::nn::Linear(LinearOptions(c.dModel, c.ffnHidden).bias(false)));
    up = register_module("up", torch::nn::Linear(LinearOptions(c.dModel, c.ffnHidden).bias(false)));
    down = register_module("down", torch::nn::Linear(LinearOptions(c.ffnHidden, c.dModel).bias(false)));
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& x)
{
    return down(torch::silu(gate(x)) * up(x));
}

BlockImpl::BlockImpl(const TalkerConfig& c)
{
    attnNorm = register_module("attn_norm", RmsNorm(c.dModel, c.normEps));
    attn = register_module("attn", Attention(c));
    ffnNorm = register_module("ffn_norm", RmsNorm(c.dModel, c.normEps));
    ffn = register_module("ffn", FeedForward(c));
    dropout = register_module("dropout", torch::nn::Dropout(c.dropout));
}

TalkerImpl::TalkerImpl(const TalkerConfig& c) : m_config(c)
{
    m_embeddings = register_module("embeddings", torch::nn::ModuleList());
    m_heads = register_module("heads", torch::nn::ModuleList());
    for (int k = 0; k < c.codebooks; ++k) {
        // V + 1 rows: row V is BOS, so "start" never collides with a real code.
        m_embeddings->push_back(torch::nn::Embedding(c.codebookSize + 1, c.dModel));
        m_heads->push_back(torch::nn::Linear(torch::nn::LinearOptions(c.dModel, c.codebookSize).bias(false)));
    }
    if (c.text.enabled()) {
        // Text conditioning: one table per phone slot (phone classes + "none") and one of voices,
        // summed into the input like the code embeddings.
        m_textPhones = register_module("text_phones", torch::nn::ModuleList());
        for (int s = 0; s < c.text.phoneSlots; ++s)
            m_textPhones->push_back(torch::nn::Embedding(c.text.phoneClasses(), c.dModel));
        m_textVoice = register_module("text_voice", torch::nn::Embedding(int(c.text.voices.size()), c.dModel));
    }
    m_blocks = register_module("blocks", torch::nn::ModuleList());
    for (int l = 0; l < c.layers; ++l)
        m_blocks->push_back(Block(c));
    m_norm = register_module("norm", std::make_shared<RmsNormImpl>(c.dModel, c.normEps));
    // RoPE tables for every position the model can see, computed once in double precision.
    auto exponents = torch::arange(0, c.headDim / 2, torch::kFloat64) * 2.0 / double(c.headDim);
    auto invFrequencies = torch::pow(c.ropeTheta, -exponents);
    auto angles = torch::outer(torch::arange(c.maxFrames, torch::kFloat64), invFrequencies); // (maxFrames, D/2)
    auto cos = torch::cat({angles.cos(), angles.cos()}, -1).unsqueeze(1);                    // (maxFrames, 1, D)
    auto sin = torch::cat({-angles.sin(), angles.sin()}, -1).unsqueeze(1);                   // (maxFrames, 1, D)
    m_ropeCos = register_buffer("rope_cos", cos.to(torch::kFloat32));
    m_ropeSin = register_buffer("rope_sin", sin.to(torch::kFloat32));
}

torch::Tensor TalkerImpl::run(const torch::Tensor& codes, KvCache* cache)
{
    const int K = m_config.codebooks, W = m_config.inputColumns();
    if (codes.dim() != 3 || codes.size(2) != W)
        throw ArgumentError(
            "Talker input must have shape (B, T, " + std::to_string(W) + "), not " +
            (codes.dim() == 3 ? "(B, T, " + std::to_string(codes.size(2)) + ")" : std::to_string(codes.dim()) + "-d"));
    const auto B = codes.size(0), T = codes.size(1);
    const std::int64_t start = cache ? cache->length : 0;
    if (cache && start + T > cache->capacity)
        throw ArgumentError("KV cache full: " + std::to_string(start + T) + " positions exceed its capacity of " +
                            std::to_string(cache->capacity) + " frames");
    if (start + T > m_config.maxFrames)
        throw ArgumentError("position " + std::to_string(start + T - 1) + " is beyond the model's max_frames (" +
                            std::to_string(m_config.maxFrames) + ")");

    // Embed: a frame's input is the sum of its K code embeddings (and, for a text-conditioned
    // Talker, of its phone slots' and voice's), one vector (B*T, d) per time step.
    const auto flat = codes.reshape({B * T, W});
    torch::Tensor x = m_embeddings[0]->as<torch::nn::Embedding>()->forward(flat.select(1, 0));
    for (int k = 1; k < K; ++k)
        x = x + m_embeddings[k]->as<torch::nn::Embedding>()->forward(flat.select(1, k));
    for (int s = 0; s < m_config.text.phoneSlots; ++s)
        x = x + m_textPhones[s]->as<torch::nn::Embedding>()->forward(flat.select(1, K + s));
    if (m_config.text.enabled())
        x = x + m_textVoice->forward(flat.select(1, K + m_config.text.phoneSlots));
    // RoPE rotations for absolute positions start .. start + T - 1.
    const AttentionImpl::Rope rope{m_ropeCos.narrow(0, start, T), m_ropeSin.narrow(0, start, T)};
    if (m_packed && !is_training())
        return m_packed->run(*this, x, B, T, rope, cache);

    // Blocks: pre-norm attention, then pre-norm feed-forward, each added to the residual stream.
    const bool dropout = is_training() && m_config.dropout > 0;
    for (int l = 0; l < m_config.layers; ++l) {
        auto& block = *m_blocks[l]->as<Block>();
        auto h = block.attn->forward(block.attnNorm(x), B, rope, cache ? &cache->keys[l] : nullptr,
                                     cache ? &cache->values[l] : nullptr, start, keptAttention(cache, l));
        x = x + (dropout ? block.dropout(h) : h);
        h = block.ffn(block.ffnNorm(x));
        x = x + (dropout ? block.dropout(h) : h);
    }
    if (cache)
        cache->length += T;

    // Norm, then heads: K independent heads read the same final state, one distribution per codebook.
    x = m_norm->forward(x);
    std::vector<torch::Tensor> logits;
    for (int k = 0; k < K; ++k)
        logits.push_back(m_heads[k]->as<torch::nn::Linear>()->forward(x)); // (B*T, V)
    return torch::stack(logits, 1).view({B, T, K, m_config.codebookSize}); // (B, T, K, V)
}

void TalkerImpl::packForInference()
{
    m_packed = PackedTalker::pack(*this);
}

void TalkerImpl::train(bool on)
{
    if (on)
        m_packed.reset();
    torch::nn::Module::train(on);
}

torch::Tensor TalkerImpl::forward(const torch::Tensor& codes)
{
    return run(codes, nullptr);
}

torch::Tensor TalkerImpl::prefill(const torch::Tensor& codes, KvCache& cache)
{
    return run(codes, &cache);
}

torch::Tensor TalkerImpl::step(const torch::Tensor& codes, KvCache& cache)
{
    return run(codes.unsqueeze(1), &cache).squeeze(1);
}

void TalkerImpl::loadWeights(const TensorMap& weights)
{
    torch::NoGradGuard noGrad;
    m_packed.reset();
    auto params = named_parameters(/*recurse=*/true);
    for (auto& item : params) {
        const std::vector<std::int64_t> shape = item.value().sizes().vec();
        const HostTensor& host = requireTensor(weights, item.key(), "Talker", &shape);
        auto source = torch::from_blob(const_cast<float*>(host.values.data()), host.shape, torch::kFloat32);
        item.value().copy_(source);
    }
    if (weights.size() != params.size())
        throw BundleError("Talker weights hold " + std::to_string(weights.size()) + " tensors but the module has " +
                          std::to_string(params.size()));
}

TensorMap TalkerImpl::weights() const
{
    TensorMap out;
    for (const auto& item : named_parameters(true)) {
        auto t = item.value().detach().to(torch::kCPU).contiguous();
        HostTensor host;
        host.shape = t.sizes().vec();
        host.values.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
        out.emplace(item.key(), std::move(host));
    }
    return out;
}

std::int64_t TalkerImpl::parameterCount() const
{
    std::int64_t n = 0;
    for (const auto& p : parameters())
        n += p.numel();
    return n;
}

torch::Tensor bosFrame(const TalkerConfig& config, std::int64_t batch)
{
    return torch::full({batch, config.codebooks}, config.bosIndex(), torch::kLong);
}

} // namespace talker
