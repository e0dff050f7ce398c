#include "talker/Generator.h"

#include "Decoder.h"
#include "talker/Error.h"
#include "talker/Rvq.h"

#include <chrono>
#include <thread>

namespace talker {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

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
    m_decoder = makeDecoder(*m_bundle, backend, m_fallbackReason);
}

Generator::~Generator() = default;

std::string Generator::backendName() const { return m_decoder->name(); }

Take Generator::run(const GenerationParams& params, const FrameCallback& onFrame, const std::atomic<bool>* cancel)
{
    const auto start = Clock::now();
    const ModelConfig& config = m_bundle->config;
    params.validate(config);
    const TalkerConfig& tc = config.talker;
    const int K = tc.codebooks, V = tc.codebookSize, S = config.codec.subframes, bins = config.audio.melBins;
    const std::int32_t bos = tc.bosIndex();
    const FrameIndex P = params.prompt.frames(), T = P + params.frames;
    const int maxDelay = tc.maxDelay();
    auto delayOf = [&](int k) { return tc.delays.empty() ? 0 : tc.delays[std::size_t(k)]; };

    Rvq rvq(config, m_bundle->rvqWeights);
    Sampler sampler(params.sampling);
    m_decoder->reset();

    Take take;
    take.bundleName = config.name;
    take.params = params;
    take.promptFrames = P;
    take.backend = m_decoder->name();
    take.codes.codebooks = K;
    take.codes.values.assign(std::size_t(T * K), 0);
    take.probabilities.assign(std::size_t(T * K * V), 0.0f);
    take.mel.bins = bins;

    // The sequence the Talker reads: position 0 is BOS; position p + 1 holds, for codebook k, the
    // code of frame p - delay(k) (BOS while that frame does not exist yet). Without a delay pattern
    // this is simply [BOS, frame 0, frame 1, ...].
    std::vector<std::int32_t> input(static_cast<std::size_t>(K), bos);
    std::vector<std::int32_t> next(static_cast<std::size_t>(K), bos);
    FrameIndex generated = 0;
    const double frameMs = 1000.0 / config.frameRateHz();

    for (FrameIndex p = 0; p < T + maxDelay; ++p) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            take.cancelled = true;
            break;
        }
        const float* logits = m_decoder->step(input.data()); // (K, V) for position p + 1
        for (int k = 0; k < K; ++k) {
            const FrameIndex f = p - delayOf(k);
            if (f < 0 || f >= T) {
                next[std::size_t(k)] = bos;
            } else if (f < P) {
                next[std::size_t(k)] = params.prompt.at(f, k); // the prompt is given, not sampled
            } else {
                float* probs = take.probabilities.data() + (f * K + k) * V;
                next[std::size_t(k)] = sampler.sample(logits + std::size_t(k) * V, V, probs);
            }
            if (f >= 0 && f < T)
                take.codes.values[std::size_t(f * K + k)] = next[std::size_t(k)];
        }
        input = next;

        const FrameIndex done = p - maxDelay; // the frame whose last codebook was just decided
        if (done < 0)
            continue;
        FrameEvent event;
        event.index = done;
        event.fromPrompt = done < P;
        event.codes.assign(take.codes.values.begin() + done * K, take.codes.values.begin() + (done + 1) * K);
        event.mel.resize(std::size_t(S) * bins);
        rvq.decodeFrame(event.codes.data(), K, event.mel.data());
        take.mel.values.insert(take.mel.values.end(), event.mel.begin(), event.mel.end());
        if (!event.fromPrompt) {
            event.probabilities.assign(take.probabilities.begin() + done * K * V,
                                       take.probabilities.begin() + (done + 1) * K * V);
            if (generated == 0)
                take.firstFrameMs = msSince(start);
            ++generated;
        }
        if (params.realTime && !event.fromPrompt) {
            // Pace at the model's frame rate; wake often enough to honour a cancel within ~10 ms.
            const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double, std::milli>(double(generated) * frameMs));
            while (Clock::now() < due && !(cancel && cancel->load(std::memory_order_relaxed)))
                std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(10), due - Clock::now()));
        }
        event.elapsedMs = msSince(start);
        if (onFrame)
            onFrame(event);
    }
    // A cancelled take keeps the frames that were completed.
    const FrameIndex completed = FrameIndex(take.mel.values.size()) / (FrameIndex(S) * bins);
    take.codes.values.resize(std::size_t(completed * K));
    take.probabilities.resize(std::size_t(completed * K * V));
    take.totalMs = msSince(start);
    return take;
}

Backend parseBackend(const std::string& name)
{
    if (name == "auto")
        return Backend::Auto;
    if (name == "libtorch")
        return Backend::LibTorch;
    if (name == "fused")
        return Backend::Fused;
    throw ArgumentError("unknown backend '" + name + "': expected auto, libtorch or fused");
}

} // namespace talker
