// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Generator.h"

#include "TakeLoop.h"
#include "talker/Error.h"

namespace talker {

void GenerationParams::validate(const ModelConfig& config) const
{
    sampling.validate(config.talker.codebookSize);
    if (frames < 0)
        throw ArgumentError("invalid frame count " + std::to_string(frames) + ": expected 0 or more");
    if (prompt.frames() > 0 && prompt.codebooks != config.talker.codebooks)
        throw ArgumentError("the prompt has " + std::to_string(prompt.codebooks) + " codebooks but model '" +
                            config.name + "' has " + std::to_string(config.talker.codebooks));
    for (auto code : prompt.values)
        if (code < 0 || code >= config.talker.codebookSize)
            throw ArgumentError("prompt code " + std::to_string(code) + " is outside 0.." +
                                std::to_string(config.talker.codebookSize - 1));
    const TextConfig& tc = config.talker.text;
    if (!tc.enabled() && !text.empty())
        throw ArgumentError("model '" + config.name + "' has no text conditioning: it cannot be given text to say");
    if (tc.enabled()) {
        const std::size_t C = std::size_t(tc.columns()), rows = std::size_t(prompt.frames() + frames);
        if (text.empty())
            throw ArgumentError("model '" + config.name + "' speaks text: give it the text to say");
        if (text.columns.size() != rows * C)
            throw ArgumentError("the text prompt has " + std::to_string(text.columns.size() / C) +
                                " frames but the take has " + std::to_string(rows));
        for (std::size_t i = 0; i < text.columns.size(); ++i) {
            const bool voiceColumn = i % C == C - 1;
            const int limit = voiceColumn ? int(tc.voices.size()) : tc.phoneClasses();
            if (text.columns[i] < 0 || text.columns[i] >= limit)
                throw ArgumentError("text column " + std::to_string(i % C) + " of frame " + std::to_string(i / C) +
                                    " is " + std::to_string(text.columns[i]) + ", outside 0.." +
                                    std::to_string(limit - 1));
        }
    }
    // BOS + every frame (+ the delay pattern's tail) must fit the cache.
    const std::int64_t positions = 1 + prompt.frames() + frames + config.talker.maxDelay();
    if (positions > config.talker.maxFrames)
        throw ArgumentError("invalid frame count " + std::to_string(frames) + ": with " +
                            std::to_string(prompt.frames()) + " prompt frames the take needs " +
                            std::to_string(positions) + " positions but model '" + config.name + "' allows " +
                            std::to_string(config.talker.maxFrames));
}

TextPrompt makeTextPrompt(const ModelConfig& config, const std::string& text, const std::string& voice)
{
    const TextConfig& tc = config.talker.text;
    if (!tc.enabled())
        throw ArgumentError("model '" + config.name +
                            "' has no text conditioning: it cannot say text (use a text "
                            "bundle such as 'speak')");
    TextPrompt prompt;
    prompt.text = text;
    prompt.voice = voice.empty() ? tc.voices.front() : voice;
    const int index = tc.voiceIndex(prompt.voice);
    if (index < 0) {
        std::string known;
        for (const auto& v : tc.voices)
            known += (known.empty() ? "" : ", ") + v;
        throw ArgumentError("unknown voice '" + prompt.voice + "' for model '" + config.name + "': expected one of " +
                            known);
    }
    prompt.frontEndVoice = frontEndVoiceFor(prompt.voice);
    prompt.phones = speakText(text, prompt.frontEndVoice);
    const double tokenSeconds = 1.0 / config.frameRateHz();
    prompt.columns = textColumns(tc, prompt.phones, textFrames(prompt.phones, tokenSeconds), tokenSeconds, index);
    return prompt;
}

Generator::Generator(std::shared_ptr<const ModelBundle> bundle, Backend backend) : m_bundle(std::move(bundle))
{
    if (!m_bundle)
        throw ArgumentError("Generator needs a model bundle");
    m_decoder = makeBatchDecoder(*m_bundle, backend, Device::Cpu, m_fallbackReason);
    m_codec = makeCpuFrameCodec(*m_bundle);
}

Generator::~Generator() = default;

std::string Generator::backendName() const
{
    return m_decoder->name();
}

Take Generator::run(const GenerationParams& params, const FrameCallback& onFrame, const std::atomic<bool>* cancel)
{
    BatchFrameCallback callback;
    if (onFrame)
        callback = [&onFrame](int, const FrameEvent& event) { onFrame(event); };
    auto takes =
        runTakeLoop(*m_bundle, *m_decoder, *m_codec, params, {params.sampling.seed}, params.realTime, callback, cancel);
    return std::move(takes.front());
}

Backend parseBackend(const std::string& name)
{
    if (name == "auto")
        return Backend::Auto;
    if (name == "libtorch")
        return Backend::LibTorch;
    if (name == "fused")
        return Backend::Fused;
    if (name == "fused-bf16")
        return Backend::FusedBf16;
    throw ArgumentError("unknown backend '" + name + "': expected auto, libtorch, fused or fused-bf16");
}

} // namespace talker
