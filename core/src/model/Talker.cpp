// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Talker.h"

#include "talker/Error.h"

namespace talker {

namespace {

// RoPE rotates the pair (x[i], x[i + D/2]) by angle position * invFrequency[i] (the "rotate
// halves" layout); the fused path follows the same convention. With the tables built in the
// constructor, cos = [cos θ, cos θ] and sin = [-sin θ, sin θ] over the head dimension, the rotation is
// x * cos + swapHalves(x) * sin: three operations, which matters when a decode step is a few hundred
// small ones. x (B, T, H, D), cos/sin (T, 1, D).
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin)
{
    return torch::addcmul(x * cos, x.roll(x.size(-1) / 2, -1), sin);
}

// Where layer l's attention weights go: the cache's slot when it keeps them, else nowhere.
torch::Tensor* keptAttention(KvCache* cache, int l)
{
    return cache && cache->keepAttention ? &cache->attention[std::size_t(l)] : nullptr;
}

} // namespace

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

RmsNormImpl::RmsNormImpl(std::int64_t dim, double epsilon) : eps(epsilon)
{
    weight = register_parameter("weight", torch::ones({dim}));
    m_eps = register_buffer("eps", torch::full({1, 1}, epsilon));
    m_meanWeights = register_buffer("mean_weights", torch::full({dim, 1}, 1.0 / double(dim)));
}

torch::Tensor RmsNormImpl::forward(const torch::Tensor& x)
{
    // x / sqrt(mean(x^2) + eps) * g, with mean + eps as one addmm.
    return x * torch::rsqrt(torch::addmm(m_eps, x * x, m_meanWeights)) * weight;
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
// product; a decode step is a few hundred small operations and their count, not their arithmetic,
// sets its speed.
torch::Tensor AttentionImpl::forward(const torch::Tensor& x, std::int64_t B, const Rope& rope, torch::Tensor* cacheKeys,
                                     torch::Tensor* cacheValues, std::int64_t cacheLength, torch::Tensor* weights)
{
    const auto T = x.size(0) / B;
    // (B, T, H, D) views of the projections; the rotation tables are (T, 1, D) and broadcast.
    auto query = applyRope(q(x).view({B, T, queryHeads, headDim}), rope.queryCos, rope.querySin);
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
    // queries of a group are stacked as G*T rows against that head's S keys. The 1/sqrt(D) score
    // scale is folded into the query's rotation tables.
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
    embeddings = register_module("embeddings", torch::nn::ModuleList());
    heads = register_module("heads", torch::nn::ModuleList());
    for (int k = 0; k < c.codebooks; ++k) {
        // V + 1 rows: row V is BOS, so "start" never collides with a real code.
        embeddings->push_back(torch::nn::Embedding(c.codebookSize + 1, c.dModel));
        heads->push_back(torch::nn::Linear(torch::nn::LinearOptions(c.dModel, c.codebookSize).bias(false)));
    }
    if (c.text.enabled()) {
        // Text conditioning: one table per phone slot (phone classes + "none") and one of voices,
        // summed into the input like the code embeddings.
        textPhones = register_module("text_phones", torch::nn::ModuleList());
        for (int s = 0; s < c.text.phoneSlots; ++s)
            textPhones->push_back(torch::nn::Embedding(c.text.phoneClasses(), c.dModel));
        textVoice = register_module("text_voice", torch::nn::Embedding(int(c.text.voices.size()), c.dModel));
    }
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int l = 0; l < c.layers; ++l)
        blocks->push_back(Block(c));
    norm = register_module("norm", RmsNorm(c.dModel, c.normEps));
    // RoPE tables for every position the model can see, computed once in double precision.
    auto exponents = torch::arange(0, c.headDim / 2, torch::kFloat64) * 2.0 / double(c.headDim);
    auto invFrequencies = torch::pow(c.ropeTheta, -exponents);
    auto angles = torch::outer(torch::arange(c.maxFrames, torch::kFloat64), invFrequencies); // (maxFrames, D/2)
    auto cos = torch::cat({angles.cos(), angles.cos()}, -1).unsqueeze(1);                    // (maxFrames, 1, D)
    auto sin = torch::cat({-angles.sin(), angles.sin()}, -1).unsqueeze(1);                   // (maxFrames, 1, D)
    const double scale = 1.0 / std::sqrt(double(c.headDim));
    m_ropeCos = register_buffer("rope_cos", cos.to(torch::kFloat32));
    m_ropeSin = register_buffer("rope_sin", sin.to(torch::kFloat32));
    m_ropeQueryCos = register_buffer("rope_query_cos", (cos * scale).to(torch::kFloat32));
    m_ropeQuerySin = register_buffer("rope_query_sin", (sin * scale).to(torch::kFloat32));
}

torch::Tensor TalkerImpl::run(const torch::Tensor& codes, KvCache* cache)
{
    const int K = m_config.codebooks, W = m_config.inputColumns();
    if (codes.dim() != 3 || codes.size(2) != W)
        throw ArgumentError(
            "Talker input must have shape (B, T, " + std::to_string(W) + "), not " +
            (codes.dim() == 3 ? "(B, T, " + std::to_string(codes.size(2)) + ")" : std::to_string(codes.dim()) + "-d"));
    const auto T = codes.size(1);
    const std::int64_t start = cache ? cache->length : 0;
    if (cache && start + T > cache->capacity)
        throw ArgumentError("KV cache full: " + std::to_string(start + T) + " positions exceed its capacity of " +
                            std::to_string(cache->capacity) + " frames");
    if (start + T > m_config.maxFrames)
        throw ArgumentError("position " + std::to_string(start + T - 1) + " is beyond the model's max_frames (" +
                            std::to_string(m_config.maxFrames) + ")");

    const auto B = codes.size(0);
    // A frame's input is the sum of its K code embeddings: one vector per time step, K codes in it.
    const auto flat = codes.reshape({B * T, W});
    torch::Tensor x; // (B*T, d)
    for (int k = 0; k < K; ++k) {
        auto e = embeddings[k]->as<torch::nn::Embedding>()->forward(flat.select(1, k));
        x = k == 0 ? e : x + e;
    }
    // A text-conditioned Talker adds the embeddings of the frame's phone slots and voice.
    for (int s = 0; s < m_config.text.phoneSlots; ++s)
        x = x + textPhones[s]->as<torch::nn::Embedding>()->forward(flat.select(1, K + s));
    if (m_config.text.enabled())
        x = x + textVoice->forward(flat.select(1, K + m_config.text.phoneSlots));
    // RoPE rotations for absolute positions start .. start + T - 1.
    const AttentionImpl::Rope rope{m_ropeCos.narrow(0, start, T), m_ropeSin.narrow(0, start, T),
                                   m_ropeQueryCos.narrow(0, start, T), m_ropeQuerySin.narrow(0, start, T)};
    if (packed() && !is_training())
        return runPacked(x, B, T, rope, cache);
    const bool dropout = is_training() && m_config.dropout > 0;
    for (int l = 0; l < m_config.layers; ++l) {
        auto& block = *blocks[l]->as<Block>();
        auto h = block.attn->forward(block.attnNorm(x), B, rope, cache ? &cache->keys[l] : nullptr,
                                     cache ? &cache->values[l] : nullptr, start, keptAttention(cache, l));
        x = x + (dropout ? block.dropout(h) : h);
        h = block.ffn(block.ffnNorm(x));
        x = x + (dropout ? block.dropout(h) : h);
    }
    if (cache)
        cache->length += T;
    x = norm(x);
    // K independent heads read the same final state: one distribution per codebook.
    std::vector<torch::Tensor> logits;
    for (int k = 0; k < K; ++k)
        logits.push_back(heads[k]->as<torch::nn::Linear>()->forward(x));   // (B*T, V)
    return torch::stack(logits, 1).view({B, T, K, m_config.codebookSize}); // (B, T, K, V)
}

torch::Tensor TalkerImpl::runPacked(torch::Tensor x, std::int64_t B, std::int64_t T, const AttentionImpl::Rope& rope,
                                    KvCache* cache)
{
    const std::int64_t start = cache ? cache->length : 0;
    const int Hq = m_config.queryHeads, Hkv = m_config.kvHeads, D = m_config.headDim, F = m_config.ffnHidden;
    const std::int64_t rotated = std::int64_t(Hq + Hkv) * D; // width of [q k] and of its swapped copy
    for (int l = 0; l < m_config.layers; ++l) {
        auto& block = *blocks[l]->as<Block>();
        const auto& w = m_packedLayers[std::size_t(l)];
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
    return torch::mm(norm(x), m_packedHeads).view({B, T, m_config.codebooks, m_config.codebookSize});
}

void TalkerImpl::packForInference()
{
    torch::NoGradGuard noGrad;
    const int D = m_config.headDim;
    const double scale = 1.0 / std::sqrt(double(D));
    // Rows of a (H*D, d) projection reordered so that each head's two halves swap places: the
    // product with it is the "rotate halves" partner RoPE needs.
    const auto swapHalves = [D](const torch::Tensor& w, int heads) {
        return w.view({heads, 2, D / 2, w.size(1)}).flip(1).reshape({heads * D, w.size(1)});
    };
    m_packedLayers.clear();
    for (int l = 0; l < m_config.layers; ++l) {
        auto& block = *blocks[l]->as<Block>();
        const auto& attn = *block.attn;
        const auto q = attn.q->weight * scale, k = attn.k->weight;
        PackedLayer packed;
        packed.qkv =
            torch::cat({q, k, swapHalves(q, m_config.queryHeads), swapHalves(k, m_config.kvHeads), attn.v->weight})
                .t()
                .contiguous();
        packed.o = attn.o->weight.t().contiguous();
        packed.gateUp = torch::cat({block.ffn->gate->weight, block.ffn->up->weight}).t().contiguous();
        packed.down = block.ffn->down->weight.t().contiguous();
        m_packedLayers.push_back(std::move(packed));
    }
    std::vector<torch::Tensor> headWeights;
    for (int k = 0; k < m_config.codebooks; ++k)
        headWeights.push_back(heads[k]->as<torch::nn::Linear>()->weight);
    m_packedHeads = torch::cat(headWeights).t().contiguous();
}

void TalkerImpl::train(bool on)
{
    if (on) {
        m_packedLayers.clear();
        m_packedHeads = torch::Tensor();
    }
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
    m_packedLayers.clear();
    m_packedHeads = torch::Tensor();
    auto params = named_parameters(/*recurse=*/true);
    for (auto& item : params) {
        auto it = weights.find(item.key());
        if (it == weights.end())
            throw BundleError("Talker weights lack tensor '" + item.key() + "'");
        const auto& host = it->second;
        if (host.shape != item.value().sizes().vec())
            throw BundleError("Talker tensor '" + item.key() + "' has shape " + host.shapeString() +
                              " but the module expects another");
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
