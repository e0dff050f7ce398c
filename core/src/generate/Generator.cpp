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
    // BOS + every frame (+ the delay pattern's tail) must fit the cache.
    const std::int64_t positions = 1 + prompt.frames() + frames + config.talker.maxDelay();
    if (positions > config.talker.maxFrames)
        throw ArgumentError("invalid frame count " + std::to_string(frames) + ": with " +
                            std::to_string(prompt.frames()) + " prompt frames the take needs " +
                            std::to_string(positions) + " positions but model '" + config.name + "' allows " +
                            std::to_string(config.talker.maxFrames));
}

Generator::Generator(std::shared_ptr<const ModelBundle> bundle, Backend backend) : m_bundle(std::move(bundle))
{
    if (!m_bundle)
        throw ArgumentError("Generator needs a model bundle");
    m_decoder = makeBatchDecoder(*m_bundle, backend, Device::Cpu, m_fallbackReason);
    m_codec = makeCpuFrameCodec(*m_bundle);
}

Generator::~Generator() = default;

std::string Generator::backendName() const { return m_decoder->name(); }

Take Generator::run(const GenerationParams& params, const FrameCallback& onFrame, const std::atomic<bool>* cancel)
{
    BatchFrameCallback callback;
    if (onFrame)
        callback = [&onFrame](int, const FrameEvent& event) { onFrame(event); };
    auto takes = runTakeLoop(*m_bundle, *m_decoder, *m_codec, params, {params.sampling.seed}, params.realTime, callback,
                             cancel);
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
