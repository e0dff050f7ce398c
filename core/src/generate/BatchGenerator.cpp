#include "talker/BatchGenerator.h"

#include "BatchDecoder.h"
#include "talker/Error.h"
#include "talker/Rvq.h"

#include <chrono>

namespace talker {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

Device parseDevice(const std::string& name)
{
    if (name == "cpu")
        return Device::Cpu;
    if (name == "cuda")
        return Device::Cuda;
    throw ArgumentError("unknown device '" + name + "': expected cpu or cuda");
}

BatchGenerator::BatchGenerator(std::shared_ptr<const ModelBundle> bundle, Backend backend, Device device)
    : m_bundle(std::move(bundle)), m_device(device)
{
    if (!m_bundle)
        throw ArgumentError("BatchGenerator needs a model bundle");
    m_decoder = makeBatchDecoder(*m_bundle, backend, device, m_fallbackReason);
}

BatchGenerator::~BatchGenerator() = default;

std::string BatchGenerator::backendName() const { return m_decoder->name(); }

std::vector<Take> BatchGenerator::run(const GenerationParams& params, const std::vector<std::uint64_t>& seeds,
                                      const BatchFrameCallback& onFrame, const std::atomic<bool>* cancel)
{
    const auto start = Clock::now();
    const ModelConfig& config = m_bundle->config;
    params.validate(config);
    if (seeds.empty())
        throw ArgumentError("invalid batch: expected at least one seed");
    const TalkerConfig& tc = config.talker;
    const int B = int(seeds.size());
    const int K = tc.codebooks, V = tc.codebookSize, S = config.codec.subframes, bins = config.audio.melBins;
    const std::int32_t bos = tc.bosIndex();
    const FrameIndex P = params.prompt.frames(), T = P + params.frames;
    const int maxDelay = tc.maxDelay();
    auto delayOf = [&](int k) { return tc.delays.empty() ? 0 : tc.delays[std::size_t(k)]; };

    Rvq rvq(config, m_bundle->rvqWeights);
    std::vector<Sampler> samplers;
    std::vector<Take> takes(static_cast<std::size_t>(B));
    for (int b = 0; b < B; ++b) {
        GenerationParams streamParams = params;
        streamParams.sampling.seed = seeds[std::size_t(b)];
        streamParams.realTime = false;
        samplers.emplace_back(streamParams.sampling);
        Take& take = takes[std::size_t(b)];
        take.bundleName = config.name;
        take.params = streamParams;
        take.promptFrames = P;
        take.backend = m_decoder->name();
        take.codes.codebooks = K;
        take.codes.values.assign(std::size_t(T * K), 0);
        take.probabilities.assign(std::size_t(T * K * V), 0.0f);
        take.mel.bins = bins;
    }
    // Positions: one per step of the loop below (BOS, then every frame and the delay tail).
    m_decoder->reset(B, std::max<std::int64_t>(1, T + maxDelay));

    // The same sequence as Generator::run, per stream: position p + 1 holds, for codebook k, the
    // code of frame p - delay(k), BOS while that frame does not exist.
    std::vector<std::int32_t> input(std::size_t(B) * K, bos); // (B, K)
    FrameIndex completed = 0;
    for (FrameIndex p = 0; p < T + maxDelay; ++p) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            for (auto& take : takes)
                take.cancelled = true;
            break;
        }
        const float* logits = m_decoder->step(input.data()); // (B, K, V) for position p + 1
        for (int b = 0; b < B; ++b) {
            Take& take = takes[std::size_t(b)];
            for (int k = 0; k < K; ++k) {
                const FrameIndex f = p - delayOf(k);
                std::int32_t code = bos;
                if (f >= 0 && f < P) {
                    code = params.prompt.at(f, k); // the prompt is given, not sampled
                } else if (f >= P && f < T) {
                    float* probs = take.probabilities.data() + (f * K + k) * V;
                    code = samplers[std::size_t(b)].sample(logits + (std::size_t(b) * K + std::size_t(k)) * V, V, probs);
                }
                if (f >= 0 && f < T)
                    take.codes.values[std::size_t(f * K + k)] = code;
                input[std::size_t(b) * K + std::size_t(k)] = code;
            }
        }

        const FrameIndex done = p - maxDelay; // the frame whose last codebook was just decided
        if (done < 0)
            continue;
        completed = done + 1;
        for (int b = 0; b < B; ++b) {
            Take& take = takes[std::size_t(b)];
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
                if (done == P)
                    take.firstFrameMs = msSince(start);
            }
            event.elapsedMs = msSince(start);
            if (onFrame)
                onFrame(b, event);
        }
    }
    // A cancelled batch keeps the frames that were completed, in every stream.
    const double totalMs = msSince(start);
    for (auto& take : takes) {
        take.codes.values.resize(std::size_t(completed * K));
        take.probabilities.resize(std::size_t(completed * K * V));
        take.totalMs = totalMs;
    }
    return takes;
}

} // namespace talker
