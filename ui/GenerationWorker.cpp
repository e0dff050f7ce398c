// SPDX-License-Identifier: GPL-3.0-or-later
#include "GenerationWorker.h"

#include "talker/Audio.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "talker/Runtime.h"
#include "talker/StreamingVocoder.h"

#include <chrono>

namespace talker::ui {

namespace {
/// How often a take that runs as fast as it can hands its new mel to the streaming vocoder.
constexpr int LiveAudioIntervalMs = 250;
} // namespace

void JobControl::requestCancel()
{
    cancel.store(true);
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void JobControl::allowSteps(int frames)
{
    std::lock_guard lock(m_mutex);
    m_stepBudget += frames;
    m_wake.notify_all();
}

void JobControl::setStepping(bool stepping)
{
    std::lock_guard lock(m_mutex);
    m_stepping = stepping;
    m_stepBudget = 0;
    m_wake.notify_all();
}

bool JobControl::isStepping() const
{
    std::lock_guard lock(m_mutex);
    return m_stepping;
}

double JobControl::waitForStep()
{
    std::unique_lock lock(m_mutex);
    if (!m_stepping)
        return 0.0;
    if (m_stepBudget > 0)
        --m_stepBudget; // the frame just made used up one released frame
    const auto released = [this] { return !m_stepping || m_stepBudget > 0 || cancel.load(); };
    if (released())
        return 0.0;
    const auto start = std::chrono::steady_clock::now();
    m_wake.wait(lock, released);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

GenerationWorker::GenerationWorker(std::shared_ptr<std::atomic<int>> pendingGenerations)
    : m_pendingGenerations(std::move(pendingGenerations))
{
}

GenerationWorker::~GenerationWorker() = default;

bool GenerationWorker::requireBundle(quint64 jobId)
{
    if (m_generator && m_rvq && m_vocoder)
        return true;
    emit failed(jobId, tr("no model is loaded"));
    return false;
}

void GenerationWorker::prepare(quint64 jobId, std::shared_ptr<const ModelBundle> bundle)
{
    m_generator.reset();
    m_rvq.reset();
    m_vocoder.reset();
    m_bundle = std::move(bundle);
    if (!m_bundle)
        return;
    try {
        m_generator = std::make_unique<Generator>(m_bundle);
        m_rvq = makeCodec(m_bundle->config, m_bundle->rvqWeights);
        m_vocoder = makeVocoder(m_bundle->config);
        emit prepared(jobId, QString::fromStdString(m_generator->backendName()),
                      QString::fromStdString(m_generator->fallbackReason()));
    } catch (const std::exception& e) {
        m_generator.reset();
        emit failed(jobId, QString::fromStdString(e.what()));
    }
}

void GenerationWorker::generate(quint64 jobId, GenerationParams params, std::shared_ptr<JobControl> control)
{
    m_pendingGenerations->fetch_sub(1);
    if (!requireBundle(jobId))
        return;
    const ModelConfig& config = m_bundle->config;
    try {
        params.validate(config);
        const FrameIndex lastFrame = params.prompt.frames() + params.frames - 1;
        StreamingVocoder stream(*m_vocoder, config.audio, config.vocoder.peakDbfs);
        auto streamed = std::make_shared<std::vector<float>>();
        streamed->reserve(std::size_t(lastFrame + 2) * std::size_t(config.samplesPerFrame()));

        // Live audio: a paced or stepped take hands every frame's mel to the streaming vocoder,
        // which vocodes each chunk as it completes. A take that runs as fast as it can hands it
        // over at most every LiveAudioIntervalMs: a 200-frame take (about 0.1 s) is then vocoded
        // once, by the final render, instead of chunk by chunk with 20 frames of context each
        // (which cost three times the final render and made the studio's take three times the
        // CLI's); a long one still shows its waveform grow.
        std::vector<float> pendingMel; // frames not yet handed to the stream
        auto lastHandover = std::chrono::steady_clock::now();
        const auto handOver = [&] {
            std::vector<float> audio =
                stream.push(pendingMel.data(), int(pendingMel.size() / std::size_t(config.audio.melBins)));
            pendingMel.clear();
            lastHandover = std::chrono::steady_clock::now();
            return audio;
        };
        double pausedMs = 0.0; // waiting for Step is not generation time
        const auto onFrame = [&](const FrameEvent& event) {
            StreamedFrame frame;
            frame.jobId = jobId;
            frame.event = event;
            pendingMel.insert(pendingMel.end(), event.mel.begin(), event.mel.end());
            if (params.realTime || control->isStepping() ||
                std::chrono::steady_clock::now() - lastHandover >= std::chrono::milliseconds(LiveAudioIntervalMs))
                frame.audio = handOver();
            streamed->insert(streamed->end(), frame.audio.begin(), frame.audio.end());
            emit frameReady(frame);
            if (!event.fromPrompt && event.index < lastFrame)
                pausedMs += control->waitForStep();
        };
        FinishedTake finished;
        finished.jobId = jobId;
        finished.take = m_generator->run(params, onFrame, &control->cancel);
        finished.pausedMs = pausedMs;

        // A finished take gets the vocoder's render of the whole mel (it may refine the streamed
        // chunks); a stopped take, or one already replaced by a queued Generate, keeps the stream.
        // Stop (or the next Generate) during that render interrupts it and keeps the stream too.
        if (!finished.take.cancelled && m_pendingGenerations->load() == 0) {
            try {
                finished.audio =
                    std::make_shared<const std::vector<float>>(m_vocoder->render(finished.take.mel, &control->cancel));
                finished.audioIsFinalRender = true;
            } catch (const CancelledError&) {
                finished.audio.reset();
            }
        }
        if (!finished.audio) {
            const std::vector<float> handed = handOver();
            streamed->insert(streamed->end(), handed.begin(), handed.end());
            const std::vector<float> rest = stream.finish();
            streamed->insert(streamed->end(), rest.begin(), rest.end());
            finished.audio = std::move(streamed);
        }
        emit takeFinished(finished);
    } catch (const std::exception& e) {
        emit failed(jobId, QString::fromStdString(e.what()));
    }
}

void GenerationWorker::render(quint64 jobId, Codes codes, int codebooksUsed,
                              std::shared_ptr<const std::atomic<bool>> cancel)
{
    if (!requireBundle(jobId))
        return;
    try {
        if (cancel->load())
            throw CancelledError("render cancelled before it started"); // superseded while queued
        const TorchOnThisThread oneThread; // as the take loop: no oversubscription beside other work
        RenderedAudio result;
        result.jobId = jobId;
        result.codebooksUsed = codebooksUsed;
        result.mel = m_rvq->decode(codes, codebooksUsed);
        result.audio = std::make_shared<const std::vector<float>>(m_vocoder->render(result.mel, cancel.get()));
        emit audioRendered(result);
    } catch (const CancelledError&) {
        emit cancelled(jobId);
    } catch (const std::exception& e) {
        emit failed(jobId, QString::fromStdString(e.what()));
    }
}

void GenerationWorker::analyse(quint64 jobId, QString path, std::shared_ptr<const std::atomic<bool>> cancel)
{
    if (!requireBundle(jobId))
        return;
    try {
        if (cancel->load())
            throw CancelledError("analysis cancelled before it started");
        const TorchOnThisThread oneThread;
        const ModelConfig& config = m_bundle->config;
        RecordingAnalysis result;
        result.jobId = jobId;
        result.path = path;
        auto original = std::make_shared<std::vector<float>>(
            readAudio(std::filesystem::path(path.toStdString()), config.audio.sampleRateHz, &result.source));
        if (original->size() < std::size_t(config.samplesPerFrame()))
            throw AudioFileError("cannot analyse audio file '" + path.toStdString() + "': it holds " +
                                 std::to_string(original->size()) + " samples, less than one frame (" +
                                 std::to_string(config.samplesPerFrame()) + ")");
        MelFrontEnd frontEnd(config.audio);
        result.originalMel = frontEnd.logMel(*original);
        result.codes = m_rvq->encode(result.originalMel);
        result.reconstructionMel = m_rvq->decode(result.codes);
        if (cancel->load())
            throw CancelledError("analysis cancelled before its render");
        result.reconstruction =
            std::make_shared<const std::vector<float>>(m_vocoder->render(result.reconstructionMel, cancel.get()));
        result.original = std::move(original);
        emit recordingAnalysed(result);
    } catch (const CancelledError&) {
        emit cancelled(jobId);
    } catch (const std::exception& e) {
        emit failed(jobId, QString::fromStdString(e.what()));
    }
}

} // namespace talker::ui
