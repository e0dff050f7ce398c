// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Rvq.h"

#include "../io/TensorLookup.h"
#include "talker/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace talker {

namespace {

const std::vector<float>& valuesOf(const TensorMap& weights, const std::string& name)
{
    return requireTensor(weights, name, "RVQ").values;
}

} // namespace

Rvq::Rvq(const ModelConfig& config, const TensorMap& weights)
    : m_codec(config.codec), m_melBins(config.audio.melBins), m_logFloor(float(std::log(config.audio.logFloor)))
{
    m_projInWeight = valuesOf(weights, "proj_in.weight");
    m_projInBias = valuesOf(weights, "proj_in.bias");
    m_projOutWeight = valuesOf(weights, "proj_out.weight");
    m_projOutBias = valuesOf(weights, "proj_out.bias");
    const std::size_t stacked = std::size_t(m_codec.subframes) * m_melBins, latent = m_codec.latentDim;
    if (m_projInWeight.size() != stacked * latent || m_projOutWeight.size() != stacked * latent ||
        m_projInBias.size() != latent || m_projOutBias.size() != stacked)
        throw BundleError("RVQ projections do not match the configuration's " + std::to_string(stacked) + " -> " +
                          std::to_string(latent));
    for (int k = 0; k < m_codec.codebooks; ++k) {
        const auto& book = valuesOf(weights, "codebooks." + std::to_string(k));
        if (book.size() != std::size_t(m_codec.codebookSize) * latent)
            throw BundleError("RVQ codebook " + std::to_string(k) + " does not hold " +
                              std::to_string(m_codec.codebookSize) + " x " + std::to_string(latent) + " values");
        m_codebooks.push_back(book);
        std::vector<float> norms(std::size_t(m_codec.codebookSize));
        for (int e = 0; e < m_codec.codebookSize; ++e) {
            double n = 0;
            for (std::size_t j = 0; j < latent; ++j)
                n += double(book[e * latent + j]) * book[e * latent + j];
            norms[std::size_t(e)] = float(n);
        }
        m_codebookNorms.push_back(std::move(norms));
    }
}

void Rvq::project(const float* stacked, float* latent) const
{
    const int inputs = m_codec.subframes * m_melBins;
    for (int i = 0; i < m_codec.latentDim; ++i) {
        const float* row = m_projInWeight.data() + std::size_t(i) * inputs;
        float sum = m_projInBias[std::size_t(i)];
        for (int j = 0; j < inputs; ++j)
            sum += row[j] * stacked[j];
        latent[i] = sum;
    }
}

void Rvq::stackToken(const Mel& logMel, FrameIndex t, float* stacked) const
{
    // S mel frames side by side; frames past the end are silence (the log floor).
    const int S = m_codec.subframes;
    for (int s = 0; s < S; ++s) {
        const FrameIndex f = t * S + s;
        float* dst = stacked + std::size_t(s) * m_melBins;
        if (f < logMel.frames())
            std::copy_n(logMel.frame(f), m_melBins, dst);
        else
            std::fill_n(dst, m_melBins, m_logFloor);
    }
}

Codes Rvq::encode(const Mel& logMel) const
{
    if (logMel.bins != m_melBins)
        throw ArgumentError("cannot encode a mel of " + std::to_string(logMel.bins) + " bins with a codec for " +
                            std::to_string(m_melBins));
    const int S = m_codec.subframes, D = m_codec.latentDim, V = m_codec.codebookSize, K = m_codec.codebooks;
    const FrameIndex tokens = (logMel.frames() + S - 1) / S;
    Codes codes;
    codes.codebooks = K;
    codes.values.resize(std::size_t(tokens * K));
    std::vector<float> stacked(std::size_t(S) * m_melBins);
    std::vector<float> residual(static_cast<std::size_t>(D));
    for (FrameIndex t = 0; t < tokens; ++t) {
        stackToken(logMel, t, stacked.data());
        project(stacked.data(), residual.data());
        // Greedy residual quantisation: each codebook explains part of what the previous left.
        for (int k = 0; k < K; ++k) {
            const auto& book = m_codebooks[std::size_t(k)];
            const auto& norms = m_codebookNorms[std::size_t(k)];
            int best = 0;
            float bestDistance = std::numeric_limits<float>::infinity();
            for (int e = 0; e < V; ++e) {
                // |r - e|^2 = |r|^2 - 2 r.e + |e|^2; |r|^2 is the same for every entry.
                const float* entry = book.data() + std::size_t(e) * D;
                float dot = 0;
                for (int j = 0; j < D; ++j)
                    dot += residual[std::size_t(j)] * entry[j];
                const float distance = norms[std::size_t(e)] - 2 * dot;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = e;
                }
            }
            codes.values[std::size_t(t * K + k)] = best;
            const float* entry = book.data() + std::size_t(best) * D;
            for (int j = 0; j < D; ++j)
                residual[std::size_t(j)] -= entry[j];
        }
    }
    return codes;
}

void Rvq::decodeFrame(const std::int32_t* frameCodes, int codebooksUsed, float* out) const
{
    const int D = m_codec.latentDim, outputs = m_codec.subframes * m_melBins;
    std::vector<float> latent(std::size_t(D), 0.0f);
    for (int k = 0; k < codebooksUsed; ++k) {
        const std::int32_t code = frameCodes[k];
        if (code < 0 || code >= m_codec.codebookSize)
            throw ArgumentError("code " + std::to_string(code) + " of codebook " + std::to_string(k) +
                                " is outside 0.." + std::to_string(m_codec.codebookSize - 1));
        const float* entry = m_codebooks[std::size_t(k)].data() + std::size_t(code) * D;
        for (int j = 0; j < D; ++j)
            latent[std::size_t(j)] += entry[j];
    }
    for (int i = 0; i < outputs; ++i) {
        const float* row = m_projOutWeight.data() + std::size_t(i) * D;
        float sum = m_projOutBias[std::size_t(i)];
        for (int j = 0; j < D; ++j)
            sum += row[j] * latent[std::size_t(j)];
        out[i] = sum;
    }
}

Mel Rvq::decode(const Codes& codes, int codebooksUsed) const
{
    if (codes.codebooks != m_codec.codebooks)
        throw ArgumentError("codes have " + std::to_string(codes.codebooks) + " codebooks but the codec has " +
                            std::to_string(m_codec.codebooks));
    if (codebooksUsed < 0)
        codebooksUsed = m_codec.codebooks;
    if (codebooksUsed < 1 || codebooksUsed > m_codec.codebooks)
        throw ArgumentError("cannot decode with " + std::to_string(codebooksUsed) + " codebooks: the codec has 1.." +
                            std::to_string(m_codec.codebooks));
    const int perToken = m_codec.subframes * m_melBins;
    Mel mel;
    mel.bins = m_melBins;
    mel.values.resize(std::size_t(codes.frames() * perToken));
    for (FrameIndex t = 0; t < codes.frames(); ++t)
        decodeFrame(codes.values.data() + t * codes.codebooks, codebooksUsed, mel.values.data() + t * perToken);
    return mel;
}

Mel Rvq::reconstructUnquantised(const Mel& logMel) const
{
    if (logMel.bins != m_melBins)
        throw ArgumentError("cannot encode a mel of " + std::to_string(logMel.bins) + " bins with a codec for " +
                            std::to_string(m_melBins));
    const int S = m_codec.subframes, D = m_codec.latentDim, width = S * m_melBins;
    const FrameIndex tokens = (logMel.frames() + S - 1) / S;
    Mel out;
    out.bins = m_melBins;
    out.values.resize(std::size_t(tokens * width));
    std::vector<float> stacked(static_cast<std::size_t>(width)), latent(static_cast<std::size_t>(D));
    for (FrameIndex t = 0; t < tokens; ++t) {
        stackToken(logMel, t, stacked.data());
        project(stacked.data(), latent.data());
        float* dst = out.values.data() + t * width;
        for (int i = 0; i < width; ++i) {
            const float* row = m_projOutWeight.data() + std::size_t(i) * D;
            float sum = m_projOutBias[std::size_t(i)];
            for (int j = 0; j < D; ++j)
                sum += row[j] * latent[std::size_t(j)];
            dst[i] = sum;
        }
    }
    out.values.resize(logMel.values.size());
    return out;
}

} // namespace talker
