// SPDX-License-Identifier: GPL-3.0-or-later
// The "context" codec (ContextCodecNet.h) and the codec factory.
#include "ContextCodecNet.h"

#include "../generate/TakeLoop.h"
#include "../model/TorchDevice.h"

#include "talker/Codec.h"
#include "../io/TensorLookup.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Rvq.h"

#include <cmath>

namespace talker {

namespace F = torch::nn::functional;

ContextBlockImpl::ContextBlockImpl(int channels, int kernel, int dilation, bool same, bool causal)
{
    const int span = dilation * (kernel - 1);
    auto options = torch::nn::Conv1dOptions(channels, channels, kernel).dilation(dilation);
    if (same)
        options.padding(span / 2);
    else if (causal)
        left = span;
    else
        left = right = span / 2;
    conv = register_module("conv", torch::nn::Conv1d(options));
    pw = register_module("pw", torch::nn::Conv1d(torch::nn::Conv1dOptions(channels, channels, 1)));
}

torch::Tensor ContextBlockImpl::forward(const torch::Tensor& x)
{
    const auto y = pw(F::gelu(conv(F::gelu(x))));
    if (left == 0 && right == 0)
        return x + y;
    return x.slice(2, left, x.size(2) - right) + y;
}

LookupImpl::LookupImpl(int latent, int lookup, int entries)
{
    in = register_module("in", torch::nn::Linear(latent, lookup));
    out = register_module("out", torch::nn::Linear(lookup, latent));
    book = register_parameter("book", torch::randn({entries, lookup}));
}

ContextCodecNetImpl::ContextCodecNetImpl(const ModelConfig& c) : config(c)
{
    const int bins = c.audio.melBins, C = c.codec.channels, D = c.codec.latentDim, S = c.codec.subframes;
    melMean = register_buffer("mel_mean", torch::full({bins}, float(std::log(c.audio.logFloor))));
    melStd = register_buffer("mel_std", torch::ones({bins}));
    encIn = register_module("enc_in", torch::nn::Conv1d(torch::nn::Conv1dOptions(bins, C, 3 * S).stride(S).padding(S)));
    encBlocks = register_module("enc_blocks", torch::nn::ModuleList());
    for (int d : {1, 2, 4})
        encBlocks->push_back(ContextBlock(C, 3, d, true, false));
    encOut = register_module("enc_out", torch::nn::Conv1d(torch::nn::Conv1dOptions(C, D, 1)));
    quantiser = register_module("quantiser", torch::nn::ModuleList());
    for (int k = 0; k < c.codec.codebooks; ++k)
        quantiser->push_back(Lookup(D, c.codec.lookupDim, c.codec.codebookSize));
    decIn = register_module("dec_in", torch::nn::Conv1d(torch::nn::Conv1dOptions(D, C, 3)));
    decBlocks = register_module("dec_blocks", torch::nn::ModuleList());
    for (int d : {1, 2, 4})
        decBlocks->push_back(ContextBlock(C, 3, d, false, true));
    decOut = register_module("dec_out", torch::nn::Conv1d(torch::nn::Conv1dOptions(C, S * bins, 1)));
    const int M = std::max(1, C / 2);
    decUp = register_module("dec_up", torch::nn::ConvTranspose1d(torch::nn::ConvTranspose1dOptions(C, M, S).stride(S)));
    melBlocks = register_module("mel_blocks", torch::nn::ModuleList());
    for (int d : {1, 2, 1})
        melBlocks->push_back(ContextBlock(M, 3, d, false, false));
    melOut = register_module("mel_out", torch::nn::Conv1d(torch::nn::Conv1dOptions(M, bins, 1)));
}

torch::Tensor ContextCodecNetImpl::normalise(const torch::Tensor& logMel) const
{
    return ((logMel - melMean) / melStd).transpose(1, 2);
}

torch::Tensor ContextCodecNetImpl::denormalise(const torch::Tensor& normalised) const
{
    return (normalised * float(config.codec.outputGain)).transpose(1, 2) * melStd + melMean;
}

torch::Tensor ContextCodecNetImpl::encode(const torch::Tensor& normMel)
{
    auto x = F::gelu(encIn(normMel));
    for (const auto& block : *encBlocks)
        x = block->as<ContextBlock>()->forward(x);
    return encOut(F::gelu(x));
}

ContextCodecNetImpl::Quantised ContextCodecNetImpl::quantise(const torch::Tensor& latent, const torch::Tensor& used,
                                                             bool snap)
{
    Quantised q;
    auto residual = latent.transpose(1, 2); // (B, T, D)
    const auto B = residual.size(0), T = residual.size(1);
    auto sum = torch::zeros_like(residual);
    q.commitment = torch::zeros({}, latent.options());
    q.entry = torch::zeros({}, latent.options());
    std::vector<torch::Tensor> codes;
    for (std::size_t k = 0; k < quantiser->size(); ++k) {
        auto stage = quantiser[k]->as<Lookup>();
        const auto e = F::normalize(stage->in(residual), F::NormalizeFuncOptions().dim(-1)); // (B, T, l)
        const auto book = F::normalize(stage->book, F::NormalizeFuncOptions().dim(-1));      // (V, l)
        const auto index = torch::matmul(e, book.t()).argmax(-1);                            // (B, T)
        const auto chosen = book.index_select(0, index.reshape(-1)).view_as(e);
        if (latent.requires_grad()) {
            q.commitment = q.commitment + F::mse_loss(e, chosen.detach());
            q.entry = q.entry + F::mse_loss(chosen, e.detach());
            q.lookups.push_back(e.detach().reshape({B * T, -1}));
        }
        const auto stageLatent = stage->out(snap ? e + (chosen - e).detach() : e); // straight-through when snapped
        if (k == 0)
            q.base = stageLatent.transpose(1, 2);
        if (used.defined())
            sum = sum + stageLatent * (used.view({B, 1, 1}) > std::int64_t(k)).to(stageLatent.dtype());
        else
            sum = sum + stageLatent;
        residual = residual - stageLatent;
        codes.push_back(index);
    }
    q.latent = sum.transpose(1, 2);
    q.codes = torch::stack(codes, -1);
    return q;
}

torch::Tensor ContextCodecNetImpl::entries(int k)
{
    auto stage = quantiser[std::size_t(k)]->as<Lookup>();
    return stage->out(F::normalize(stage->book, F::NormalizeFuncOptions().dim(-1)));
}

torch::Tensor ContextCodecNetImpl::latentOfCodes(const torch::Tensor& codes)
{
    const auto B = codes.size(0), T = codes.size(1);
    auto sum = torch::zeros({B * T, config.codec.latentDim}, melMean.options());
    for (std::int64_t k = 0; k < codes.size(2); ++k)
        sum = sum + entries(int(k)).index_select(0, codes.select(2, k).reshape(-1));
    return sum.view({B, T, -1}).transpose(1, 2);
}

torch::Tensor ContextCodecNetImpl::decodePadded(const torch::Tensor& padded)
{
    // Token rate: T + kContext + kLookahead tokens in, T + 2 out (one beside each end, which the
    // mel-rate convolutions read).
    auto x = decIn(padded);
    for (const auto& block : *decBlocks)
        x = block->as<ContextBlock>()->forward(x);
    const auto h = F::gelu(x);
    const int S = config.codec.subframes, bins = config.audio.melBins;
    // The coarse mel of the T tokens: channel s * bins + b of token t is mel frame t * S + s, bin b.
    const auto coarse = decOut(h.slice(2, 1, h.size(2) - 1)); // (B, S * bins, T)
    const auto B = coarse.size(0), T = coarse.size(2);
    const auto coarseMel = coarse.view({B, S, bins, T}).permute({0, 2, 3, 1}).reshape({B, bins, T * S});
    // Mel rate: (T + 2) * S frames; the centred blocks consume 4 frames on each side, one more
    // frame on each side is dropped, which leaves the T * S frames of the T tokens.
    auto y = decUp(h);
    int consumed = 0;
    for (const auto& block : *melBlocks) {
        auto b = block->as<ContextBlock>();
        y = b->forward(y);
        consumed += b->left;
    }
    const int edge = S - consumed;
    y = y.slice(2, edge, y.size(2) - edge);
    return coarseMel + melOut(F::gelu(y));
}

torch::Tensor ContextCodecNetImpl::decode(const torch::Tensor& latent)
{
    return decodePadded(F::pad(latent, F::PadFuncOptions({kContext, kLookahead})));
}

void loadContextWeights(ContextCodecNet& net, const TensorMap& weights)
{
    torch::NoGradGuard noGrad;
    auto assign = [&](const std::string& name, torch::Tensor& target) {
        const std::vector<std::int64_t> shape = target.sizes().vec();
        const HostTensor& host = requireTensor(weights, name, "context codec", &shape);
        target.copy_(torch::tensor(host.values, torch::kFloat).reshape(host.shape));
    };
    for (auto& p : net->named_parameters())
        assign(p.key(), p.value());
    for (auto& b : net->named_buffers())
        assign(b.key(), b.value());
}

TensorMap contextWeights(ContextCodecNet& net)
{
    TensorMap map;
    auto put = [&](const std::string& name, const torch::Tensor& t) {
        const auto c = t.detach().to(torch::kCPU, torch::kFloat).contiguous();
        HostTensor h;
        h.shape = c.sizes().vec();
        h.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
        map[name] = std::move(h);
    };
    for (const auto& p : net->named_parameters())
        put(p.key(), p.value());
    for (const auto& b : net->named_buffers())
        put(b.key(), b.value());
    return map;
}

TensorMap initialiseContextCodec(const ModelConfig& config, std::uint64_t seed)
{
    torch::manual_seed(seed);
    ContextCodecNet net(config);
    return contextWeights(net);
}

namespace {

class ContextCodec final : public Codec {
  public:
    ContextCodec(const ModelConfig& config, const TensorMap& weights)
        : m_config(config), m_net(config), m_logFloor(float(std::log(config.audio.logFloor)))
    {
        loadContextWeights(m_net, weights);
        m_net->eval();
    }

    Codes encode(const Mel& logMel) const override
    {
        if (logMel.frames() == 0) {
            Codes none;
            none.codebooks = m_config.codec.codebooks;
            return none;
        }
        torch::InferenceMode inference;
        const auto latent = m_net->encode(normalisedInput(logMel));
        const auto codes = m_net->quantise(latent).codes.squeeze(0).to(torch::kInt).contiguous(); // (T, K)
        Codes out;
        out.codebooks = m_config.codec.codebooks;
        out.values.assign(codes.data_ptr<std::int32_t>(), codes.data_ptr<std::int32_t>() + codes.numel());
        return out;
    }

    Mel decode(const Codes& codes, int codebooksUsed) const override
    {
        const int K = m_config.codec.codebooks;
        if (codes.codebooks != K)
            throw ArgumentError("codes have " + std::to_string(codes.codebooks) + " codebooks but the codec has " +
                                std::to_string(K));
        const int used = codebooksUsed < 0 ? K : codebooksUsed;
        if (used < 1 || used > K)
            throw ArgumentError("codebooks used " + std::to_string(codebooksUsed) + " must be in 1.." +
                                std::to_string(K));
        for (std::int32_t v : codes.values)
            if (v < 0 || v >= m_config.codec.codebookSize)
                throw ArgumentError("code " + std::to_string(v) + " is outside 0.." +
                                    std::to_string(m_config.codec.codebookSize - 1));
        Mel mel;
        mel.bins = m_config.audio.melBins;
        const FrameIndex T = codes.frames();
        if (T == 0)
            return mel;
        torch::InferenceMode inference;
        const auto index = torch::from_blob(const_cast<std::int32_t*>(codes.values.data()), {1, T, K}, torch::kInt)
                               .to(torch::kLong)
                               .slice(2, 0, used);
        return toMel(m_net->decode(m_net->latentOfCodes(index)), T * m_config.codec.subframes);
    }

    Mel reconstructUnquantised(const Mel& logMel) const override
    {
        torch::InferenceMode inference;
        return toMel(m_net->decode(m_net->quantise(m_net->encode(normalisedInput(logMel)), {}, false).latent),
                     logMel.frames());
    }

    int codebooks() const override { return m_config.codec.codebooks; }
    int subframes() const override { return m_config.codec.subframes; }
    int melBins() const override { return m_config.audio.melBins; }
    int lookahead() const override { return kLookahead; }

  private:
    // (1, bins, T * S): the log-mel padded with the log floor to whole tokens, normalised.
    torch::Tensor normalisedInput(const Mel& logMel) const
    {
        const int S = m_config.codec.subframes, bins = m_config.audio.melBins;
        if (logMel.bins != bins)
            throw ArgumentError("log-mel has " + std::to_string(logMel.bins) + " bins but the codec expects " +
                                std::to_string(bins));
        const FrameIndex frames = logMel.frames(), tokens = (frames + S - 1) / S;
        auto padded = torch::full({1, std::max<FrameIndex>(tokens, 1) * S, bins}, m_logFloor);
        if (frames > 0)
            padded.slice(1, 0, frames)
                .copy_(torch::from_blob(const_cast<float*>(logMel.values.data()), {1, frames, bins}, torch::kFloat));
        return m_net->normalise(padded);
    }

    Mel toMel(const torch::Tensor& normalised, FrameIndex frames) const
    {
        const auto values = m_net->denormalise(normalised).squeeze(0).slice(0, 0, frames).contiguous();
        Mel mel;
        mel.bins = m_config.audio.melBins;
        mel.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
        return mel;
    }

    ModelConfig m_config;
    mutable ContextCodecNet m_net; // forward passes under InferenceMode change no state
    float m_logFloor;
};

// The streaming decoder: the latents of every pushed frame (zeros before the first and after the
// last, as whole-take decoding pads); once `chunk` frames have their lookahead, one decodePadded
// pass over them and their context gives their mel, which decode() and next() hand out in order.
class ContextFrameCodec final : public FrameCodec {
  public:
    ContextFrameCodec(const ModelBundle& bundle, Device device)
        : m_device(torchDevice(device)), m_net(bundle.config), m_codebooks(bundle.config.codec.codebooks),
          m_codebookSize(bundle.config.codec.codebookSize)
    {
        torch::InferenceMode inference;
        loadContextWeights(m_net, bundle.rvqWeights);
        m_net->eval();
        m_net->to(m_device);
        std::vector<torch::Tensor> entries;
        for (int k = 0; k < m_codebooks; ++k)
            entries.push_back(m_net->entries(k));
        m_entries = torch::cat(entries, 0);                                                   // (K * V, D)
        m_offsets = (torch::arange(m_codebooks, torch::kLong) * m_codebookSize).to(m_device); // (K)
    }

    int lookahead() const override { return kLookahead; }

    void setChunk(int frames) override
    {
        if (frames < 1)
            throw ArgumentError("a codec chunk of " + std::to_string(frames) + " frames: expected 1 or more");
        m_chunk = frames;
    }

    void reset(int batch) override
    {
        torch::InferenceMode inference;
        m_batch = batch;
        m_latents.clear();
        m_zero = torch::zeros({batch, m_entries.size(1)}, torch::TensorOptions().device(m_device));
        m_decoded = m_emitted = m_outFirst = 0;
        m_out = torch::Tensor();
    }

    bool decode(const std::int32_t* codes, int batch, float* mel) override
    {
        torch::InferenceMode inference;
        requireBatch(batch);
        if (m_emitted < m_decoded)
            throw Error("internal error: the codec was pushed a frame before every decoded one was taken (next())");
        m_latents.push_back(summedEntries(codes, batch, m_codebookSize, m_entries, m_offsets)); // (B, D)
        const auto complete = std::int64_t(m_latents.size()) - kLookahead; // frames whose lookahead is in
        if (complete - m_decoded >= m_chunk)
            decodeUpTo(complete);
        return next(batch, mel);
    }

    bool next(int batch, float* mel) override
    {
        requireBatch(batch);
        if (m_emitted >= m_decoded)
            return false;
        const std::int64_t width = m_out.size(2) * m_net->config.codec.subframes, frames = m_out.size(1);
        const float* out = m_out.data_ptr<float>();
        for (int b = 0; b < batch; ++b) // (B, frames * S, bins): this frame's S rows of stream b
            std::copy_n(out + (std::int64_t(b) * frames + (m_emitted - m_outFirst) * m_net->config.codec.subframes) *
                                  m_out.size(2),
                        width, mel + std::int64_t(b) * width);
        ++m_emitted;
        return true;
    }

    bool flush(int batch, float* mel) override
    {
        if (next(batch, mel))
            return true;
        if (m_decoded >= std::int64_t(m_latents.size()))
            return false;
        torch::InferenceMode inference;
        decodeUpTo(std::int64_t(m_latents.size())); // the tokens after the end read as padding
        return next(batch, mel);
    }

  private:
    void requireBatch(int batch) const
    {
        if (m_batch == 0 || m_batch != batch)
            throw ArgumentError("the codec's streams were reset for " + std::to_string(m_batch) + " streams, not " +
                                std::to_string(batch));
    }

    /// The mel of frames m_decoded .. end - 1, in one pass over them and their context.
    void decodeUpTo(std::int64_t end)
    {
        std::vector<torch::Tensor> window;
        const auto pushed = std::int64_t(m_latents.size());
        for (std::int64_t t = m_decoded - kContext; t < end + kLookahead; ++t)
            window.push_back(t >= 0 && t < pushed ? m_latents[std::size_t(t)] : m_zero);
        // (B, D, tokens) -> (B, (end - m_decoded) * S, bins)
        m_out = m_net->denormalise(m_net->decodePadded(torch::stack(window, 2))).to(torch::kCPU).contiguous();
        m_outFirst = m_decoded;
        m_decoded = end;
    }

    torch::Device m_device;
    ContextCodecNet m_net;
    int m_codebooks, m_codebookSize;
    int m_chunk = 1, m_batch = 0;
    torch::Tensor m_entries, m_offsets, m_zero;
    std::vector<torch::Tensor> m_latents; // (B, D) of every pushed frame
    torch::Tensor m_out;                  // (B, frames * S, bins) of the last pass, from frame m_outFirst
    std::int64_t m_decoded = 0, m_emitted = 0, m_outFirst = 0; // frames decoded, handed out, first of m_out
};

} // namespace

std::unique_ptr<FrameCodec> makeContextFrameCodec(const ModelBundle& bundle, Device device)
{
    return std::make_unique<ContextFrameCodec>(bundle, device);
}

std::unique_ptr<Codec> makeCodec(const ModelConfig& config, const TensorMap& weights)
{
    if (config.codec.contextual())
        return std::make_unique<ContextCodec>(config, weights);
    return std::make_unique<Rvq>(config, weights);
}

} // namespace talker
