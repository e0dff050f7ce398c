// SPDX-License-Identifier: GPL-3.0-or-later
// Generation: prefill BOS (and an optional prompt), then one frame per step: Talker step ->
// sample each codebook -> decode the frame with the RVQ codec -> FrameEvent to the callback.
//
//   auto bundle = std::make_shared<const talker::ModelBundle>(talker::ModelBundle::load(dir));
//   talker::Generator generator(bundle);
//   talker::GenerationParams params;  params.frames = 200;  params.sampling.seed = 7;
//   std::atomic<bool> cancel{false};
//   talker::Take take = generator.run(params, [](const talker::FrameEvent& e) { ... }, &cancel);
//
// Thread safety: a Generator is used by one thread at a time (it owns the KV cache). The callback
// runs on the calling thread, between steps; it must return quickly. `cancel` may be set from any
// thread; the loop finishes the frame in hand and returns the partial take (take.cancelled).
#pragma once

#include "talker/Codes.h"
#include "talker/ModelBundle.h"
#include "talker/Sampler.h"
#include "talker/Text.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace talker {

/// What a text-conditioned Talker is to say (talker/Text.h); empty for an unconditional one.
struct TextPrompt {
    std::string text;                  // as given (recorded in take files)
    std::string voice;                 // the Talker voice (TextConfig::voices)
    std::string frontEndVoice;         // the flite voice that timed the phones
    std::vector<TimedPhone> phones;    // what the front end made of the text
    std::vector<std::int32_t> columns; // (frames, TextConfig::columns()): the Talker's text input

    bool empty() const { return columns.empty(); }
};

/// The text prompt of `text` spoken by `voice` (empty: the model's first voice) for a
/// text-conditioned model: flite times the phones (frontEndVoiceFor(voice)), one row of text
/// columns per frame. Throws ArgumentError naming the cause for a model without text
/// conditioning, an unknown voice, or text flite cannot speak.
TextPrompt makeTextPrompt(const ModelConfig& config, const std::string& text, const std::string& voice = {});

struct GenerationParams {
    int frames = 200; // frames to generate after the prompt
    SamplingParams sampling;
    Codes prompt;          // optional: frames fed before generation starts (K must match)
    bool realTime = false; // pace the loop at the model's frame rate (12.5 frames/s) so people can watch
    TextPrompt text;       // a text-conditioned model: what to say, one row per frame (prompt included)
    /// Keep each frame's attention weights (FrameEvent::attention, Take::attention) where the
    /// backend can report them (the fused CPU path and LibTorch; Take::attentionReported says).
    bool captureAttention = false;

    void validate(const ModelConfig& config) const;
};

/// One frame, as the views need it.
struct FrameEvent {
    FrameIndex index = 0;             // 0-based over the whole take, prompt frames first
    bool fromPrompt = false;          // true for prompt frames (codes given, not sampled)
    std::vector<std::int32_t> codes;  // (K)
    std::vector<float> probabilities; // (K, V): what the sampler drew from; empty for prompt frames
    std::vector<float> mel;           // (S, bins): this frame's decoded log-mel sub-frames
    /// With captureAttention: the weights with which the step that predicted this frame read the
    /// positions before it, (layers, queryHeads, index + 1): position 0 is BOS, position j + 1
    /// holds frame j. Empty otherwise.
    std::vector<float> attention;
    double elapsedMs = 0.0; // since run() started
};

/// The result of a run.
struct Take {
    std::string bundleName;
    GenerationParams params;
    FrameIndex promptFrames = 0;
    Codes codes;                      // (T, K), prompt included
    std::vector<float> probabilities; // (T, K, V); zeros for prompt frames
    Mel mel;                          // (T * S, bins)
    bool cancelled = false;
    double firstFrameMs = 0.0; // from run() start to the first generated frame
    double totalMs = 0.0;
    std::string backend; // "fused" or "libtorch"
    /// With captureAttention, per frame (T): FrameEvent::attention; empty vectors where none.
    std::vector<std::vector<float>> attention;
    bool attentionReported = false; // the backend reported attention weights
};

using FrameCallback = std::function<void(const FrameEvent&)>;

/// Which implementation of the Talker step runs.
enum class Backend {
    Auto,      // fused where it covers the configuration, else LibTorch (and say why)
    LibTorch,  // the reference torch::nn::Module
    Fused,     // the packed CPU path; throws if it does not cover the configuration
    FusedBf16, // the packed CPU path with bfloat16 weights (half the bytes per step; logits within
               // ~2e-2 of float32, validation CE unchanged: bench_precision); never chosen by Auto
};

class BatchDecoder; // the Talker step behind a Backend (core/src/generate)
class FrameCodec;   // the codec's frame decoder (core/src/generate)

class Generator {
  public:
    explicit Generator(std::shared_ptr<const ModelBundle> bundle, Backend backend = Backend::Auto);
    ~Generator();
    Generator(const Generator&) = delete;
    Generator& operator=(const Generator&) = delete;

    Take run(const GenerationParams& params, const FrameCallback& onFrame = {},
             const std::atomic<bool>* cancel = nullptr);

    /// "fused", "fused-bf16" or "libtorch".
    std::string backendName() const;
    /// Why Auto fell back to LibTorch (empty when it did not).
    const std::string& fallbackReason() const { return m_fallbackReason; }
    const ModelBundle& bundle() const { return *m_bundle; }

  private:
    std::shared_ptr<const ModelBundle> m_bundle;
    std::unique_ptr<BatchDecoder> m_decoder; // a batch of one
    std::unique_ptr<FrameCodec> m_codec;
    std::string m_fallbackReason;
};

/// Parses "auto" / "libtorch" / "fused" / "fused-bf16"; throws ArgumentError otherwise.
Backend parseBackend(const std::string& name);

} // namespace talker
