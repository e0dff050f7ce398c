// SPDX-License-Identifier: GPL-3.0-or-later
#include "TakeLoop.h"

#include "talker/Error.h"
#include "talker/Runtime.h"
#include "talker/Rvq.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace talker {

namespace {

/// Frames the context codec decodes per pass when a take runs as fast as it can (see runTakeLoop).
/// A pass re-reads the decoder's 18 frames of context around its chunk: with 8 frames a pass, a
/// 200-frame take of `chapter` spent 0.11-0.14 s generating, with 32 0.06-0.07 s (bench_take, 2
/// cores); the views then get the frames in bursts of 32 (2.6 s of audio, a few milliseconds apart).
constexpr int FastCodecChunk = 32;

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

class CpuFrameCodec final : public FrameCodec {
  public:
    explicit CpuFrameCodec(const ModelBundle& bundle)
        : m_rvq(bundle.config, bundle.rvqWeights), m_width(std::size_t(m_rvq.subframes() * m_rvq.melBins()))
    {
    }

    bool decode(const std::int32_t* codes, int batch, float* mel) override
    {
        for (int b = 0; b < batch; ++b)
            m_rvq.decodeFrame(codes + std::size_t(b) * std::size_t(m_rvq.codebooks()), m_rvq.codebooks(),
                              mel + std::size_t(b) * m_width);
        return true;
    }

  private:
    Rvq m_rvq;
    std::size_t m_width;
};

} // namespace

std::unique_ptr<FrameCodec> makeCpuFrameCodec(const ModelBundle& bundle)
{
    if (bundle.config.codec.contextual())
        return makeContextFrameCodec(bundle, Device::Cpu);
    return std::make_unique<CpuFrameCodec>(bundle);
}

std::vector<Take> runTakeLoop(const ModelBundle& bundle, BatchDecoder& decoder, FrameCodec& codec,
                              const GenerationParams& params, const std::vector<std::uint64_t>& seeds, bool pace,
                              const BatchFrameCallback& onFrame, const std::atomic<bool>* cancel)
{
    const auto start = Clock::now();
    const ModelConfig& config = bundle.config;
    params.validate(config);
    if (seeds.empty())
        throw ArgumentError("invalid batch: expected at least one seed");
    const TalkerConfig& tc = config.talker;
    const int B = int(seeds.size());
    const int K = tc.codebooks, V = tc.codebookSize, S = config.codec.subframes, bins = config.audio.melBins;
    const std::size_t melWidth = std::size_t(S) * std::size_t(bins);
    const std::int32_t bos = tc.bosIndex();
    const FrameIndex P = params.prompt.frames(), T = P + params.frames;
    const int maxDelay = tc.maxDelay();
    auto cancelled = [cancel] { return cancel && cancel->load(std::memory_order_relaxed); };

    std::vector<Sampler> samplers;
    std::vector<Take> takes(static_cast<std::size_t>(B));
    for (int b = 0; b < B; ++b) {
        GenerationParams streamParams = params;
        streamParams.sampling.seed = seeds[std::size_t(b)];
        streamParams.realTime = pace;
        samplers.emplace_back(streamParams.sampling);
        samplers.back().skipDraws(std::uint64_t(params.sampling.streamOffsetFrames) * std::uint64_t(K));
        Take& take = takes[std::size_t(b)];
        take.bundleName = config.name;
        take.params = streamParams;
        take.promptFrames = P;
        take.backend = decoder.name();
        take.codes.codebooks = K;
        take.codes.values.assign(std::size_t(T * K), 0);
        take.probabilities.assign(std::size_t(T * K * V), 0.0f);
        take.mel.bins = bins;
        take.mel.values.reserve(std::size_t(T) * melWidth);
    }
    // Positions: one per step of the loop below (BOS, then every frame and the delay tail).
    decoder.reset(B, std::max<std::int64_t>(1, T + maxDelay));
    const bool attention = params.captureAttention && decoder.captureAttention(true);
    if (!params.captureAttention)
        decoder.captureAttention(false);
    if (attention) { // stream 0's (BatchDecoder::attention())
        takes[0].attentionReported = true;
        takes[0].attention.resize(std::size_t(T));
    }

    // The sequence the Talker reads, per stream: position 0 is BOS; position p + 1 holds, for
    // codebook k, the code of frame p - delay(k) (BOS while that frame does not exist yet). Without
    // a delay pattern this is simply [BOS, frame 0, frame 1, ...].
    // A text-conditioned Talker also reads, at position p, the text columns of frame p (the frame
    // it predicts there); past the last row (the delay tail) the phone slots say "none".
    const int W = tc.inputColumns(), C = tc.text.columns();
    std::vector<std::int32_t> input(std::size_t(B) * std::size_t(W), bos); // (B, W)
    auto setText = [&](FrameIndex frame) {
        for (int b = 0; b < B && C > 0; ++b) {
            std::int32_t* row = input.data() + std::size_t(b) * std::size_t(W) + std::size_t(K);
            if (frame < T) {
                std::copy_n(params.text.columns.begin() + std::ptrdiff_t(frame) * C, C, row);
            } else {
                std::fill_n(row, C - 1, tc.text.noPhone());
                row[C - 1] = params.text.columns[std::size_t(C - 1)];
            }
        }
    };
    setText(0);
    std::vector<std::int32_t> frameCodes(std::size_t(B) * K); // (B, K): the frame just completed
    std::vector<float> frameMel(std::size_t(B) * melWidth);   // (B, S * bins)
    const double frameMs = 1000.0 / config.frameRateHz();
    FrameIndex completed = 0, generated = 0, emitted = 0;
    // Watched in real time, each frame's mel as soon as it can be; as fast as possible, the context
    // codec decodes FastCodecChunk frames per pass (a pass costs little more for 32 frames than for 1).
    codec.setChunk(pace ? 1 : FastCodecChunk);
    codec.reset(B);
    const TorchOnThisThread oneThread; // the fused Talker has the other core (talker/Runtime.h)
    // The event of the next frame whose mel the codec has given (frames come out in order, the
    // codec's lookahead frames after they were generated).
    auto emit = [&](const float* melOfFrame) {
        const FrameIndex f = emitted++;
        const bool fromPrompt = f < P;
        const double readyMs = msSince(start);
        for (int b = 0; b < B; ++b) {
            Take& take = takes[std::size_t(b)];
            const float* mel = melOfFrame + std::size_t(b) * melWidth;
            take.mel.values.insert(take.mel.values.end(), mel, mel + melWidth);
            if (f == P)
                take.firstFrameMs = readyMs;
            if (!onFrame)
                continue;
            FrameEvent event;
            event.index = f;
            event.fromPrompt = fromPrompt;
            event.codes.assign(take.codes.values.begin() + f * K, take.codes.values.begin() + (f + 1) * K);
            event.mel.assign(mel, mel + melWidth);
            if (!fromPrompt)
                event.probabilities.assign(take.probabilities.begin() + f * K * V,
                                           take.probabilities.begin() + (f + 1) * K * V);
            if (attention && b == 0)
                event.attention = take.attention[std::size_t(f)];
            event.elapsedMs = msSince(start);
            onFrame(b, event);
        }
    };
    for (FrameIndex p = 0; p < T + maxDelay; ++p) {
        if (cancelled()) {
            for (auto& take : takes)
                take.cancelled = true;
            break;
        }
        const float* logits = decoder.step(input.data()); // (B, K, V) for position p + 1
        // The step at position p predicts frame p - delay(0) (the base codebook's frame) from
        // positions 0 .. p: its weights are that frame's attention.
        if (const FrameIndex f = p - tc.delay(0); attention && f >= 0 && f < T)
            decoder.attention().copyTo(takes[0].attention[std::size_t(f)]);
        for (int b = 0; b < B; ++b) {
            Take& take = takes[std::size_t(b)];
            for (int k = 0; k < K; ++k) {
                const FrameIndex f = p - tc.delay(k);
                std::int32_t code = bos;
                if (f >= 0 && f < P) {
                    code = params.prompt.at(f, k); // the prompt is given, not sampled
                } else if (f >= P && f < T) {
                    float* probs = take.probabilities.data() + (f * K + k) * V;
                    code =
                        samplers[std::size_t(b)].sample(logits + (std::size_t(b) * K + std::size_t(k)) * V, V, probs);
                }
                if (f >= 0 && f < T)
                    take.codes.values[std::size_t(f * K + k)] = code;
                input[std::size_t(b) * std::size_t(W) + std::size_t(k)] = code;
            }
        }
        setText(p + 1);

        const FrameIndex done = p - maxDelay; // the frame whose last codebook was just decided
        if (done < 0)
            continue;
        completed = done + 1;
        if (done >= P)
            ++generated;
        for (int b = 0; b < B; ++b)
            std::copy_n(takes[std::size_t(b)].codes.values.begin() + done * K, K,
                        frameCodes.begin() + std::size_t(b) * K);
        const bool ready = codec.decode(frameCodes.data(), B, frameMel.data());
        if (pace && done >= P) {
            // Hold the frame until its time at the model's frame rate; wake often enough to honour
            // a cancel within ~10 ms.
            const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double, std::milli>(double(generated) * frameMs));
            while (Clock::now() < due && !cancelled())
                std::this_thread::sleep_for(
                    std::min<Clock::duration>(std::chrono::milliseconds(10), due - Clock::now()));
        }
        if (ready) {
            emit(frameMel.data());
            while (codec.next(B, frameMel.data()))
                emit(frameMel.data());
        }
    }
    // The frames the codec still holds back (its lookahead), also of a cancelled take.
    while (emitted < completed && codec.flush(B, frameMel.data()))
        emit(frameMel.data());
    if (emitted != completed)
        throw Error("internal error: the codec gave the mel of " + std::to_string(emitted) + " of " +
                    std::to_string(completed) + " frames");
    // A cancelled take keeps the frames that were completed, in every stream.
    const double totalMs = msSince(start);
    for (auto& take : takes) {
        take.codes.values.resize(std::size_t(completed * K));
        take.probabilities.resize(std::size_t(completed * K * V));
        if (take.attentionReported)
            take.attention.resize(std::size_t(completed));
        take.totalMs = totalMs;
    }
    return takes;
}

} // namespace talker
