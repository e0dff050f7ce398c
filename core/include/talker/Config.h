// SPDX-License-Identifier: GPL-3.0-or-later
// Configuration of a model bundle, read from and written to model.json (docs/bundle-format.md).
// Plain values; nothing here allocates tensors. Every number has a default equal to the chapter's
// configuration, but code always reads the bundle's values.
//
//   const auto config = talker::ModelConfig::fromJson(json, "model.json"); // refuses what is out of range
//   const int K = config.codec.codebooks;
//
// Thread safety: plain values, copied freely; a const ModelConfig may be read by any thread.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace talker {

using FrameIndex = std::int64_t; // signed on purpose: frame arithmetic goes negative in places

/// Codebooks a model (and a codes or take file) may have, and entries per codebook. The ranges of
/// every other model.json number are in Config.cpp (checkRanges); these two also bound the files.
constexpr int MaxCodebooks = 32;
constexpr int MaxCodebookSize = 16384;

/// Audio front end: STFT and mel filterbank.
struct AudioConfig {
    int sampleRateHz = 16000;
    int nFft = 1024;
    int winLength = 1024;
    int hopSamples = 256; // 16 ms: mel frames at 62.5 Hz
    int melBins = 128;
    double fMinHz = 0.0;
    double fMaxHz = 8000.0;
    double logFloor = 1e-5; // log(max(mel, logFloor))
};

/// The codec: S mel frames per token, encoded to a latent and quantised by K codebooks.
///   "rvq"      the chapter-literal linear codec: S stacked frames -> proj_in -> greedy RVQ -> proj_out;
///   "context"  the contextual codec (ContextCodec.h): convolutions with temporal context in the
///              encoder and the decoder, RVQ trained by gradient with low-dimensional lookups; the
///              decoder sees `contextFrames` tokens before and `lookaheadFrames` after the one it
///              decodes (fixed by the architecture, stored in model.json and checked on load).
struct CodecConfig {
    std::string type = "rvq";
    int codebooks = 2;      // K
    int codebookSize = 128; // entries per codebook
    int subframes = 5;      // S mel frames per token: 5 x 16 ms = 80 ms = 12.5 Hz
    int latentDim = 64;
    int channels = 256;      // "context": convolution width
    int lookupDim = 8;       // "context": dimension in which each codebook's nearest entry is looked up
    int contextFrames = 16;  // "context": past tokens the decoder reads (architecture constant)
    int lookaheadFrames = 2; // "context": future tokens the decoder reads (architecture constant)
    // "context": the decoded log-mel's deviation from the training mean (per bin, in training
    // standard deviations) is multiplied by this: a global-variance post-filter that undoes part
    // of the smoothing a mean-error decoder learns (1 = none; chosen by round-trip WER, model card).
    double outputGain = 1.0;

    bool contextual() const { return type == "context"; }
    /// Tokens a streaming decoder holds back: 0 for "rvq".
    int lookahead() const { return contextual() ? lookaheadFrames : 0; }
};

/// Text conditioning of the Talker (docs/model.md "Text conditioning", talker/Text.h): when
/// `phoneSlots` > 0 every position's input also sums the embeddings of `phoneSlots` phone columns
/// (the phones of the frame it predicts and of the next ones) and one voice column. Off (0) for
/// the chapter's unconditional Talker.
struct TextConfig {
    std::vector<std::string> phones; // phone classes, in index order; index phones.size() is "none"
    int phoneSlots = 0;              // 0: no text conditioning
    std::vector<std::string> voices; // speaker classes, in index order
    std::string frontEnd;            // what turns text into timed phones at generation ("flite")

    bool enabled() const { return phoneSlots > 0; }
    int phoneClasses() const { return int(phones.size()) + 1; } // + "none"
    int noPhone() const { return int(phones.size()); }
    /// Input columns the text adds to each position: the phone slots and the voice.
    int columns() const { return enabled() ? phoneSlots + 1 : 0; }
    /// Index of `voice` in `voices`, or -1.
    int voiceIndex(const std::string& voice) const;
};

/// The Talker transformer.
struct TalkerConfig {
    int dModel = 192;
    int layers = 4;
    int queryHeads = 3;
    int kvHeads = 1; // grouped-query attention: the query heads share this many K/V heads
    int headDim = 64;
    double ropeTheta = 10000.0;
    int ffnHidden = 768; // SwiGLU hidden width
    double normEps = 1e-5;
    int codebooks = 2;      // K, equal to the codec's
    int codebookSize = 128; // V, equal to the codec's; index V is BOS
    double dropout = 0.1;   // training only
    int maxFrames = 4096;   // longest sequence (BOS + prompt + generated) a cache is sized for
    /// Delay pattern: codebook k is shifted right by delays[k] frames (empty = no delay).
    std::vector<int> delays;
    TextConfig text; // off unless the bundle is text-conditioned

    int bosIndex() const { return codebookSize; }
    /// Columns of one input position: K codes, then the text columns (TextConfig::columns).
    int inputColumns() const { return codebooks + text.columns(); }
    int qkvWidth() const { return (queryHeads + 2 * kvHeads) * headDim; }
    bool hasDelays() const;
    int maxDelay() const;
    /// Frames codebook k is shifted by (0 without a delay pattern).
    int delay(int k) const { return delays.empty() ? 0 : delays[std::size_t(k)]; }
};

/// The vocoder that turns mel into audio.
struct VocoderConfig {
    std::string type = "griffin-lim";
    int iterations = 32;
    double momentum = 0.99;
    double peakDbfs = -1.0; // output is peak-normalised to this level
};

/// Everything in model.json.
struct ModelConfig {
    int formatVersion = 1;
    std::string name = "untitled";
    std::string description;
    AudioConfig audio;
    CodecConfig codec;
    TalkerConfig talker;
    VocoderConfig vocoder;
    nlohmann::json provenance = nlohmann::json::object();
    nlohmann::json metrics = nlohmann::json::object();

    /// Tokens per second (12.5 for the chapter: 16000 / (256 * 5)).
    double frameRateHz() const;
    /// Audio samples per token (1280 for the chapter).
    int samplesPerFrame() const { return audio.hopSamples * codec.subframes; }

    /// The chapter's configuration ("chapter"): K = 2 x 128, d 192, 4 layers.
    static ModelConfig chapter();
    /// A named preset: "chapter" or "clear" (K = 8). Throws ArgumentError for an unknown name.
    static ModelConfig preset(const std::string& name);
    /// The same model with the codec of `type` ("rvq" or "context"); throws ArgumentError otherwise.
    ModelConfig withCodecType(const std::string& type) const;

    /// Parse and validate; `source` names the file in error messages.
    static ModelConfig fromJson(const nlohmann::json& json, const std::string& source);
    nlohmann::json toJson() const;
};

} // namespace talker
