// SPDX-License-Identifier: GPL-3.0-or-later
// The codec a bundle names in model.json ("codec.type"), behind one interface: log-mel <-> codes.
//
//   std::unique_ptr<talker::Codec> codec = talker::makeCodec(bundle.config, bundle.rvqWeights);
//   talker::Codes codes = codec->encode(mel);        // (T, K), T = ceil(mel frames / S)
//   talker::Mel base = codec->decode(codes, 1);       // the base codebook alone
//   talker::Mel full = codec->decode(codes);          // every codebook
//
// Two types: "rvq" (talker/Rvq.h, the chapter-literal linear codec, no context) and "context"
// (ContextCodec.cpp: convolutional encoder and decoder with temporal context, a gradient-trained
// RVQ). A contextual decoder reads `lookahead()` tokens after the one it decodes, so a stream of
// frames yields each frame's mel that many frames late (StreamingCodecDecoder).
//
// Thread safety: immutable after construction; const methods are reentrant.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Safetensors.h"

#include <cstdint>
#include <memory>

namespace talker {

class Codec {
  public:
    virtual ~Codec() = default;

    /// Codes of a log-mel; the last token is padded with the log floor (silence) when the mel's
    /// frame count is not a multiple of S.
    virtual Codes encode(const Mel& logMel) const = 0;
    /// Log-mel of codes using the first `codebooksUsed` codebooks (-1 = all). (T * S, bins).
    virtual Mel decode(const Codes& codes, int codebooksUsed = -1) const = 0;
    /// The log-mel through the encoder and the decoder without quantising (the latent's own loss),
    /// cropped to the input's frames.
    virtual Mel reconstructUnquantised(const Mel& logMel) const = 0;

    virtual int codebooks() const = 0;
    virtual int subframes() const = 0;
    virtual int melBins() const = 0;
    /// Tokens after a frame that its decoding reads (0: a frame decodes alone).
    virtual int lookahead() const = 0;
};

/// The codec `config.codec.type` names, with weights validated by ModelBundle. Throws BundleError.
std::unique_ptr<Codec> makeCodec(const ModelConfig& config, const TensorMap& weights);

/// Names and shapes of the "context" codec's tensors for a configuration (ModelBundle validates
/// against them; ContextCodecShapes.cpp writes out the module tree of ContextCodec.cpp, without
/// LibTorch).
std::map<std::string, std::vector<std::int64_t>> contextCodecShapes(const ModelConfig& config);

/// A freshly initialised "context" codec (seeded), as the trainer starts it.
TensorMap initialiseContextCodec(const ModelConfig& config, std::uint64_t seed);

} // namespace talker
