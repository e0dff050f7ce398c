#include "talker/Talker.h"

#include "talker/Error.h"

namespace talker {

namespace {

// RoPE rotates the pair (x[i], x[i + D/2]) by angle position * invFrequency[i] (the "rotate
// halves" layout); the fused path follows the same convention.
// x (B, H, T, D), cos/sin (T, D/2).
torch::Tensor applyRope(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin)
{
    const auto half = x.size(-1) / 2;
    auto x1 = x.narrow(-1, 0, half);
    auto x2 = x.narrow(-1, half, half);
    return torch::cat({x1 * cos - x2 * sin, x1 * sin + x2 * cos}, -1);
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
}

RmsNormImpl::RmsNormImpl(std::int64_t dim, double epsilon) : eps(epsilon)
{
    weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RmsNormImpl::forward(const torch::Tensor& x)
{
    return x * torch::rsqrt(x.pow(2).mean(-1, /*keepdim=*/true) + eps) * weight;
}

AttentionImpl::AttentionImpl(const TalkerConfig& c)
    : queryHeads(c.queryHeads), kvHeads(c.kvHeads), headDim(c.headDim)
{
    using torch::nn::LinearOptions;
    q = register_module("q", torch::nn::Linear(LinearOptions(c.dModel, c.queryHeads * c.headDim).bias(false)));
    k = register_module("k", torch::nn::Linear(LinearOptions(c.dModel, c.kvHeads * c.headDim).bias(false)));
    v = register_module("v", torch::nn::Linear(LinearOptions(c.dModel, c.kvHeads * c.headDim).bias(false)));
    o = register_module("o", torch::nn::Linear(LinearOptions(c.queryHeads * c.headDim, c.dModel).bias(false)));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin,
                                     torch::Tensor* cacheKeys, torch::Tensor* cacheValues, std::int64_t cacheLength)
{
    const auto B = x.size(0), T = x.size(1);
    auto query = q(x).view({B, T, queryHeads, headDim}).transpose(1, 2);  // (B, Hq, T, D)
    auto key = k(x).view({B, T, kvHeads, headDim}).transpose(1, 2);      // (B, Hkv, T, D)
    auto value = v(x).view({B, T, kvHeads, headDim}).transpose(1, 2);    // (B, Hkv, T, D)
    query = applyRope(query, cos, sin);
    key = applyRope(key, cos, sin);

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
    // Grouped-query attention: each group of Hq / Hkv query heads reads one K/V head.
    const auto group = queryHeads / kvHeads;
    query = query.reshape({B, kvHeads, group * T, headDim});                     // (B, Hkv, G*T, D)
    auto scores = torch::matmul(query, key.transpose(-2, -1)) / std::sqrt(double(headDim)); // (B, Hkv, G*T, S)
    scores = scores.view({B, kvHeads, group, T, S});
    if (T > 1) {
        // Query i (absolute position past + i) may see keys 0 .. past + i: causal.
        auto rows = torch::arange(T, x.options().dtype(torch::kLong)).unsqueeze(1) + past;
        auto cols = torch::arange(S, x.options().dtype(torch::kLong)).unsqueeze(0);
        scores = scores.masked_fill(cols > rows, -std::numeric_limits<float>::infinity());
    }
    auto weights = torch::softmax(scores, -1).view({B, kvHeads, group * T, S});
    auto out = torch::matmul(weights, value)                   // (B, Hkv, G*T, D)
                   .view({B, queryHeads, T, headDim})          // (B, Hq, T, D)
                   .transpose(1, 2)
                   .reshape({B, T, queryHeads * headDim});
    return o(out);
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
    blocks = register_module("blocks", torch::nn::ModuleList());
    for (int l = 0; l < c.layers; ++l)
        blocks->push_back(Block(c));
    norm = register_module("norm", RmsNorm(c.dModel, c.normEps));
    auto exponents = torch::arange(0, c.headDim / 2, torch::kFloat64) * 2.0 / double(c.headDim);
    m_invFrequencies = register_buffer("inv_freq", torch::pow(c.ropeTheta, -exponents).to(torch::kFloat32));
}

torch::Tensor TalkerImpl::run(const torch::Tensor& codes, KvCache* cache)
{
    const int K = m_config.codebooks;
    if (codes.dim() != 3 || codes.size(2) != K)
        throw ArgumentError("Talker input must have shape (B, T, " + std::to_string(K) + "), not " +
                            std::to_string(codes.dim()) + "-d");
    const auto T = codes.size(1);
    const std::int64_t start = cache ? cache->length : 0;
    if (cache && start + T > cache->capacity)
        throw ArgumentError("KV cache full: " + std::to_string(start + T) + " positions exceed its capacity of " +
                            std::to_string(cache->capacity) + " frames");

    // A frame's input is the sum of its K code embeddings: one vector per time step, K codes in it.
    torch::Tensor x;
    for (int k = 0; k < K; ++k) {
        auto e = embeddings[k]->as<torch::nn::Embedding>()->forward(codes.select(2, k)); // (B, T, d)
        x = k == 0 ? e : x + e;
    }
    // RoPE angles for absolute positions start .. start + T - 1.
    auto positions = torch::arange(start, start + T, m_invFrequencies.options());
    auto angles = torch::outer(positions, m_invFrequencies); // (T, D/2)
    auto cos = angles.cos(), sin = angles.sin();

    for (int l = 0; l < m_config.layers; ++l) {
        auto& block = *blocks[l]->as<Block>();
        auto h = block.attn->forward(block.attnNorm(x), cos, sin, cache ? &cache->keys[l] : nullptr,
                                     cache ? &cache->values[l] : nullptr, start);
        x = x + block.dropout(h);
        x = x + block.dropout(block.ffn(block.ffnNorm(x)));
    }
    if (cache)
        cache->length += T;
    x = norm(x);
    // K independent heads read the same final state: one distribution per codebook.
    std::vector<torch::Tensor> logits;
    for (int k = 0; k < K; ++k)
        logits.push_back(heads[k]->as<torch::nn::Linear>()->forward(x)); // (B, T, V)
    return torch::stack(logits, 2); // (B, T, K, V)
}

torch::Tensor TalkerImpl::forward(const torch::Tensor& codes) { return run(codes, nullptr); }

torch::Tensor TalkerImpl::prefill(const torch::Tensor& codes, KvCache& cache) { return run(codes, &cache); }

torch::Tensor TalkerImpl::step(const torch::Tensor& codes, KvCache& cache)
{
    return run(codes.unsqueeze(1), &cache).squeeze(1);
}

void TalkerImpl::loadWeights(const TensorMap& weights)
{
    torch::NoGradGuard noGrad;
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
