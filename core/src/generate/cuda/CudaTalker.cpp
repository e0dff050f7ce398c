// SPDX-License-Identifier: GPL-3.0-or-later
// The host side of the CUDA Talker: checks the configuration and the weights, lays the weights out
// as the kernels read them (DeviceApi.h), and keeps the positions. Compiled in every build; the
// device side is TalkerKernels.cu (TALKER_WITH_CUDA) or NoCuda.cpp.
#include "CudaTalker.h"

#include "DeviceApi.h"

#include "../../io/TensorLookup.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"

#include <algorithm>
#include <cmath>

namespace talker::cuda {

namespace {

/// Kernel limits (TalkerKernels.cu): a head's elements are spread over the 32 lanes of a warp with
/// each RoPE pair in one lane, and the sampler keeps a codebook's candidates in shared memory.
constexpr int MaxHeadDim = 256;
constexpr int MaxVocabulary = 256;

const HostTensor& tensor(const TensorMap& weights, const std::string& name, const std::vector<std::int64_t>& shape)
{
    return requireTensor(weights, name, "CUDA Talker", &shape);
}

void append(std::vector<float>& out, const HostTensor& t)
{
    out.insert(out.end(), t.values.begin(), t.values.end());
}

std::string noDeviceMessage(const std::string& reason)
{
    return "cannot run the Talker on CUDA: " + reason;
}

SamplingRule ruleOf(const SamplingParams& p)
{
    SamplingRule rule;
    rule.temperature = p.temperature;
    rule.argmax = p.argmax;
    rule.topK = p.topK;
    rule.topP = p.topP;
    return rule;
}

/// Throws ArgumentError when no CUDA device can run the kernels.
void requireDevice(int device)
{
    std::string reason;
    const int count = detail::deviceCount(reason);
    if (count == 0)
        throw ArgumentError(noDeviceMessage(reason));
    if (device < 0 || device >= count)
        throw ArgumentError(noDeviceMessage("no CUDA device " + std::to_string(device) + " (this machine has " +
                                            std::to_string(count) + ")"));
}

} // namespace

bool kernelsBuilt()
{
    return detail::built();
}

int deviceCount(std::string* reason)
{
    std::string why;
    const int count = detail::deviceCount(why);
    if (reason)
        *reason = why;
    return count;
}

DeviceInfo deviceInfo(int device)
{
    requireDevice(device);
    const detail::DeviceProperties p = detail::deviceProperties(device);
    DeviceInfo info;
    info.name = p.name;
    info.computeMajor = p.major;
    info.computeMinor = p.minor;
    info.multiprocessors = p.multiprocessors;
    info.memoryBytes = p.memoryBytes;
    info.l2Bytes = p.l2Bytes;
    info.bandwidthGBs = p.bandwidthGBs;
    return info;
}

std::string unsupportedReason(const TalkerConfig& c)
{
    if (c.kvHeads < 1 || c.queryHeads % c.kvHeads != 0)
        return "the CUDA kernels need the query heads (" + std::to_string(c.queryHeads) +
               ") to be a multiple of the key/value heads (" + std::to_string(c.kvHeads) + ")";
    if (c.headDim % 64 != 0 || c.headDim > MaxHeadDim)
        return "the CUDA kernels need a head dimension that is a multiple of 64 up to " + std::to_string(MaxHeadDim) +
               ", not " + std::to_string(c.headDim);
    if (c.codebookSize > MaxVocabulary)
        return "the CUDA kernels sample codebooks of at most " + std::to_string(MaxVocabulary) + " entries, not " +
               std::to_string(c.codebookSize);
    if (c.text.enabled())
        return "the CUDA kernels have no text conditioning (a text-conditioned Talker runs on the CPU, or with "
               "--backend libtorch on CUDA)";
    return {};
}

void CudaTalker::Release::operator()(detail::DeviceTalker* talker) const
{
    detail::destroyTalker(talker);
}

CudaTalker::CudaTalker(const TalkerConfig& config, const TensorMap& weights, kernels::WeightFormat format, int device)
    : m_config(config), m_format(format)
{
    if (const std::string reason = unsupportedReason(config); !reason.empty())
        throw ArgumentError("cannot run the Talker on CUDA: " + reason);
    const TalkerConfig& c = config;
    const std::int64_t d = c.dModel, V = c.codebookSize, K = c.codebooks;
    const std::int64_t qWidth = std::int64_t(c.queryHeads) * c.headDim, kvWidth = std::int64_t(c.kvHeads) * c.headDim;

    std::vector<float> embeddings, norms, linear;
    for (int k = 0; k < K; ++k)
        append(embeddings, tensor(weights, "embeddings." + std::to_string(k) + ".weight", {V + 1, d}));
    for (int l = 0; l < c.layers; ++l) {
        const std::string p = "blocks." + std::to_string(l) + ".";
        append(norms, tensor(weights, p + "attn_norm.weight", {d}));
        append(norms, tensor(weights, p + "ffn_norm.weight", {d}));
        append(linear, tensor(weights, p + "attn.q.weight", {qWidth, d}));
        append(linear, tensor(weights, p + "attn.k.weight", {kvWidth, d}));
        append(linear, tensor(weights, p + "attn.v.weight", {kvWidth, d}));
        append(linear, tensor(weights, p + "attn.o.weight", {d, qWidth}));
        append(linear, tensor(weights, p + "ffn.gate.weight", {c.ffnHidden, d}));
        append(linear, tensor(weights, p + "ffn.up.weight", {c.ffnHidden, d}));
        append(linear, tensor(weights, p + "ffn.down.weight", {d, c.ffnHidden}));
    }
    append(norms, tensor(weights, "norm.weight", {d}));
    for (int k = 0; k < K; ++k)
        append(linear, tensor(weights, "heads." + std::to_string(k) + ".weight", {V, d}));

    detail::Dims dims;
    dims.dModel = c.dModel;
    dims.layers = c.layers;
    dims.queryHeads = c.queryHeads;
    dims.kvHeads = c.kvHeads;
    dims.headDim = c.headDim;
    dims.ffnHidden = c.ffnHidden;
    dims.codebooks = c.codebooks;
    dims.codebookSize = c.codebookSize;
    dims.normEps = float(c.normEps);
    dims.scoreDivisor = float(std::sqrt(double(c.headDim))); // as the CPU path: scores / sqrt(headDim)

    detail::HostWeights host;
    host.embeddings = embeddings.data();
    host.embeddingCount = embeddings.size();
    host.norms = norms.data();
    host.normCount = norms.size();
    std::vector<std::uint16_t> halves;
    if (format == kernels::WeightFormat::BFloat16) {
        halves.resize(linear.size());
        std::transform(linear.begin(), linear.end(), halves.begin(), kernels::toBFloat16);
        host.linear = halves.data();
        host.bfloat16 = true;
    } else {
        host.linear = linear.data();
    }
    host.linearCount = linear.size();
    requireDevice(device); // after the weights are checked, so that a bad bundle is named first
    m_device.reset(detail::createTalker(device, dims, host));
}

CudaTalker::~CudaTalker() = default;

const char* CudaTalker::name() const
{
    return m_format == kernels::WeightFormat::BFloat16 ? "cuda-fused-bf16" : "cuda-fused";
}

std::size_t CudaTalker::linearBytes() const
{
    return detail::linearBytes(m_device.get());
}

void CudaTalker::reset(int batch, std::int64_t positions)
{
    if (batch < 1 || positions < 1)
        throw ArgumentError("invalid batch " + std::to_string(batch) + " x " + std::to_string(positions) +
                            " positions: expected at least one of each");
    const int half = m_config.headDim / 2;
    std::vector<float> cosines(std::size_t(positions) * half), sines(cosines.size());
    kernels::ropeTables(m_config.headDim, m_config.ropeTheta, positions, cosines.data(), sines.data());
    detail::resetTalker(m_device.get(), batch, positions, cosines.data(), sines.data());
    m_batch = batch;
    m_capacity = positions;
    m_length = 0;
    m_logits.resize(std::size_t(batch) * m_config.codebooks * m_config.codebookSize);
}

const float* CudaTalker::step(const std::int32_t* codes)
{
    if (m_batch == 0)
        throw ArgumentError("CUDA Talker: step() before reset()");
    if (m_length >= m_capacity)
        throw ArgumentError("KV cache full: " + std::to_string(m_length + 1) + " positions exceed its capacity of " +
                            std::to_string(m_capacity) + " frames");
    // The kernel indexes the embedding tables with the codes: refuse what is not a code or BOS.
    const std::size_t count = std::size_t(m_batch) * m_config.codebooks;
    for (std::size_t i = 0; i < count; ++i)
        if (codes[i] < 0 || codes[i] > m_config.codebookSize)
            throw ArgumentError("invalid code " + std::to_string(codes[i]) + ": expected 0.." +
                                std::to_string(m_config.codebookSize) + " (BOS)");
    detail::stepTalker(m_device.get(), m_length, codes, m_logits.data());
    ++m_length;
    return m_logits.data();
}

std::vector<std::int32_t> CudaTalker::generate(int frames, const SamplingParams& sampling,
                                               const std::vector<std::uint64_t>& seeds, double* deviceSeconds)
{
    sampling.validate(m_config.codebookSize);
    if (frames < 1)
        throw ArgumentError("invalid frame count " + std::to_string(frames) + ": expected at least 1");
    if (seeds.empty())
        throw ArgumentError("invalid batch: expected at least one seed");
    const bool delayed = m_config.hasDelays();
    if (delayed && int(m_config.delays.size()) != m_config.codebooks)
        throw ArgumentError("the delay pattern has " + std::to_string(m_config.delays.size()) +
                            " entries but the "
                            "Talker has " +
                            std::to_string(m_config.codebooks) + " codebooks");
    reset(int(seeds.size()), std::int64_t(frames) + m_config.maxDelay());
    std::vector<std::int32_t> codes(seeds.size() * std::size_t(frames) * m_config.codebooks);
    const double seconds = detail::generateOnDevice(m_device.get(), frames, delayed ? m_config.delays.data() : nullptr,
                                                    ruleOf(sampling), seeds.data(), codes.data());
    m_length = m_capacity; // the cache holds this take now: reset() before stepping again
    if (deviceSeconds)
        *deviceSeconds = seconds;
    return codes;
}

std::vector<std::int32_t> sampleOnDevice(const std::vector<float>& logits, int batch, int codebooks, int vocabulary,
                                         int frames, const SamplingParams& sampling,
                                         const std::vector<std::uint64_t>& seeds, std::vector<float>* probabilities,
                                         int device)
{
    sampling.validate(vocabulary);
    if (batch < 1 || codebooks < 1 || vocabulary < 1 || frames < 1)
        throw ArgumentError("invalid sampling shape: expected at least one stream, codebook, code and frame");
    if (vocabulary > MaxVocabulary)
        throw ArgumentError("the CUDA sampler takes codebooks of at most " + std::to_string(MaxVocabulary) +
                            " entries, not " + std::to_string(vocabulary));
    if (logits.size() != std::size_t(batch) * codebooks * vocabulary || seeds.size() != std::size_t(batch))
        throw ArgumentError("CUDA sampler: expected logits (B, K, V) and one seed per stream");
    requireDevice(device);
    std::vector<std::int32_t> codes(std::size_t(batch) * frames * codebooks);
    if (probabilities)
        probabilities->assign(logits.size(), 0.0f);
    detail::sampleOnDevice(device, logits.data(), batch, codebooks, vocabulary, frames, ruleOf(sampling), seeds.data(),
                           codes.data(), probabilities ? probabilities->data() : nullptr);
    return codes;
}

namespace {

class CudaBatchDecoder final : public BatchDecoder {
  public:
    CudaBatchDecoder(const ModelBundle& bundle, kernels::WeightFormat format)
        : m_talker(bundle.config.talker, bundle.talkerWeights, format)
    {
    }
    void reset(int batch, std::int64_t positions) override { m_talker.reset(batch, positions); }
    const float* step(const std::int32_t* codes) override { return m_talker.step(codes); }
    const char* name() const override { return m_talker.name(); }

  private:
    CudaTalker m_talker;
};

} // namespace

std::unique_ptr<BatchDecoder> makeCudaBatchDecoder(const ModelBundle& bundle, kernels::WeightFormat format)
{
    return std::make_unique<CudaBatchDecoder>(bundle, format);
}

} // namespace talker::cuda
