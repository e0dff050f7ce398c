// SPDX-License-Identifier: GPL-3.0-or-later
// The residual vector-quantisation codec (docs/model.md "Codec").
//
//   talker::Rvq rvq(bundle.config, bundle.rvqWeights);
//   talker::Codes codes = rvq.encode(mel);          // (T, K), T = ceil(mel frames / S)
//   talker::Mel base = rvq.decode(codes, 1);         // base codebook only
//   talker::Mel full = rvq.decode(codes);            // base + residual
//
// Encode: S stacked log-mel frames -> proj_in (640 -> 64) -> greedy residual quantisation: for each
// codebook the nearest entry (squared Euclidean) to what is left, subtracted. Decode: the sum of
// the chosen entries -> proj_out (64 -> 640) -> S mel frames.
//
// Thread safety: immutable after construction; const methods are reentrant.
#pragma once

#include "talker/Codec.h"
#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Safetensors.h"

#include <cstdint>
#include <vector>

namespace talker {

class Rvq final : public Codec {
  public:
    /// Weights: "proj_in.weight" (D, S*bins), "proj_in.bias" (D), "codebooks.<k>" (V, D),
    /// "proj_out.weight" (S*bins, D), "proj_out.bias" (S*bins). Validated by ModelBundle.
    Rvq(const ModelConfig& config, const TensorMap& weights);

    /// Codes of a log-mel; the last token is padded with the log floor (silence) when the mel's
    /// frame count is not a multiple of S.
    Codes encode(const Mel& logMel) const override;
    /// Log-mel of codes using the first `codebooksUsed` codebooks (-1 = all). (T * S, bins).
    Mel decode(const Codes& codes, int codebooksUsed = -1) const override;
    /// proj_in -> proj_out without quantising.
    Mel reconstructUnquantised(const Mel& logMel) const override;
    /// One token's S mel frames into `out` (S * bins floats).
    void decodeFrame(const std::int32_t* codes, int codebooksUsed, float* out) const;

    /// The latent (after proj_in) of one stacked token, for training and analysis.
    void project(const float* stacked, float* latent) const;

    int codebooks() const override { return m_codec.codebooks; }
    int subframes() const override { return m_codec.subframes; }
    int melBins() const override { return m_melBins; }
    int lookahead() const override { return 0; }

  private:
    /// Token t's S mel frames side by side into `stacked` (S * bins floats), padded with the log floor.
    void stackToken(const Mel& logMel, FrameIndex t, float* stacked) const;

    CodecConfig m_codec;
    int m_melBins;
    float m_logFloor;
    std::vector<float> m_projInWeight, m_projInBias;   // (D, S*bins), (D)
    std::vector<std::vector<float>> m_codebooks;       // K x (V, D)
    std::vector<std::vector<float>> m_codebookNorms;   // K x (V): |e|^2, for the nearest search
    std::vector<float> m_projOutWeight, m_projOutBias; // (S*bins, D), (S*bins)
};

} // namespace talker
