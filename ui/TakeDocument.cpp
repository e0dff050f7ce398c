// SPDX-License-Identifier: GPL-3.0-or-later
#include "TakeDocument.h"

namespace talker::ui {

namespace {
const AudioBuffer EmptyAudio = std::make_shared<const std::vector<float>>();
}

TakeDocument::TakeDocument(QObject* parent) : QObject(parent)
{
    clear();
}

void TakeDocument::clear()
{
    m_source = Source::Empty;
    m_streaming = false;
    m_showReconstruction = false;
    m_plannedFrames = 0;
    m_promptFrames = 0;
    m_codes = Codes{};
    m_codes.codebooks = m_config.codec.codebooks;
    m_attention.clear();
    m_probabilities.clear();
    m_sampled.clear();
    m_mel = Mel{};
    m_mel.bins = m_config.audio.melBins;
    m_reconstructionMel = m_mel;
    m_audio = EmptyAudio;
    m_reconstruction = EmptyAudio;
    m_recordingAudio = EmptyAudio;
    m_recordingPath.clear();
    m_codebooksUsed = m_config.codec.codebooks;
    m_params = GenerationParams{};
    m_take = Take{};
    m_text = TextPrompt{};
}

void TakeDocument::setModel(const ModelConfig& config, std::vector<double> binCentresHz)
{
    m_config = config;
    m_binCentresHz = std::move(binCentresHz);
    m_comparison.reset();
    clear();
    emit reset();
}

void TakeDocument::beginTake(FrameIndex plannedFrames, FrameIndex promptFrames, const TextPrompt& text)
{
    clear();
    m_text = text;
    m_source = Source::Generated;
    m_streaming = true;
    m_plannedFrames = plannedFrames;
    m_promptFrames = promptFrames;
    const auto K = std::size_t(codebooks()), V = std::size_t(codebookSize());
    m_codes.values.reserve(std::size_t(plannedFrames) * K);
    m_probabilities.reserve(std::size_t(plannedFrames) * K * V);
    m_mel.values.reserve(std::size_t(plannedFrames) * std::size_t(subframes() * melBins()));
    emit reset();
}

void TakeDocument::appendFrame(const FrameEvent& event, const std::vector<float>& audio)
{
    if (event.index != frames() || int(event.codes.size()) != codebooks())
        return; // not the next frame of this take (the controller already drops late frames)
    const auto KV = std::size_t(codebooks() * codebookSize());
    m_codes.values.insert(m_codes.values.end(), event.codes.begin(), event.codes.end());
    if (event.probabilities.size() == KV)
        m_probabilities.insert(m_probabilities.end(), event.probabilities.begin(), event.probabilities.end());
    else
        m_probabilities.resize(m_probabilities.size() + KV, 0.0f);
    m_sampled.push_back(!event.fromPrompt && event.probabilities.size() == KV);
    m_attention.push_back(event.attention);
    m_mel.values.insert(m_mel.values.end(), event.mel.begin(), event.mel.end());
    m_plannedFrames = std::max(m_plannedFrames, frames());
    emit framesAppended(frames());
    if (!audio.empty()) {
        // A new immutable buffer: the player may still be reading the previous one.
        auto grown = std::make_shared<std::vector<float>>();
        grown->reserve(m_audio->size() + audio.size());
        grown->insert(grown->end(), m_audio->begin(), m_audio->end());
        grown->insert(grown->end(), audio.begin(), audio.end());
        m_audio = std::move(grown);
        emit audioChanged();
    }
}

void TakeDocument::finishTake(const Take& take, AudioBuffer audio)
{
    m_streaming = false;
    m_take = take;
    m_params = take.params;
    m_text = take.params.text;
    m_codes = take.codes;
    m_mel = take.mel;
    m_probabilities = take.probabilities;
    m_attention = take.attention;
    m_attention.resize(std::size_t(take.codes.frames()));
    m_sampled.assign(std::size_t(m_codes.frames()), false);
    for (FrameIndex t = take.promptFrames; t < m_codes.frames(); ++t)
        m_sampled[std::size_t(t)] = true;
    m_promptFrames = take.promptFrames;
    m_plannedFrames = m_codes.frames();
    m_audio = audio ? std::move(audio) : EmptyAudio;
    m_codebooksUsed = codebooks();
    emit melChanged();
    emit audioChanged();
    emit takeFinished();
}

void TakeDocument::showTake(const Take& take, const Mel& heardMel, AudioBuffer audio, int codebooksUsed)
{
    beginTake(take.codes.frames(), take.promptFrames, take.params.text);
    finishTake(take, std::move(audio));
    if (codebooksUsed != codebooks()) {
        m_mel = heardMel;
        m_codebooksUsed = codebooksUsed;
        emit melChanged();
    }
}

void TakeDocument::setComparisonAudio(AudioBuffer audio)
{
    m_comparison = std::move(audio);
    emit audioChanged();
}

void TakeDocument::setRecording(const RecordingAnalysis& analysis)
{
    clear();
    m_source = Source::Recording;
    m_recordingPath = analysis.path;
    m_codes = analysis.codes;
    m_plannedFrames = m_codes.frames();
    m_probabilities.assign(std::size_t(m_codes.frames() * codebooks() * codebookSize()), 0.0f);
    m_sampled.assign(std::size_t(m_codes.frames()), false);
    m_mel = analysis.originalMel;
    m_reconstructionMel = analysis.reconstructionMel;
    m_audio = analysis.original;
    m_recordingAudio = analysis.original;
    m_reconstruction = analysis.reconstruction;
    emit reset();
    emit framesAppended(frames());
    emit audioChanged();
}

void TakeDocument::setShowReconstruction(bool reconstruction)
{
    if (m_source != Source::Recording || m_showReconstruction == reconstruction)
        return;
    m_showReconstruction = reconstruction;
    emit audioChanged();
}

void TakeDocument::setDecoded(const Mel& mel, AudioBuffer audio, int codebooksUsed)
{
    m_codebooksUsed = codebooksUsed;
    if (m_source == Source::Recording) {
        m_reconstructionMel = mel;
        m_reconstruction = audio ? std::move(audio) : EmptyAudio;
    } else {
        m_mel = mel;
        m_audio = audio ? std::move(audio) : EmptyAudio;
    }
    emit melChanged();
    emit audioChanged();
}

const float* TakeDocument::probabilities(FrameIndex frame) const
{
    if (frame < 0 || frame >= frames() || !m_sampled[std::size_t(frame)])
        return nullptr;
    return m_probabilities.data() + std::size_t(frame) * std::size_t(codebooks() * codebookSize());
}

const std::vector<float>* TakeDocument::attention(FrameIndex frame) const
{
    if (frame < 0 || frame >= FrameIndex(m_attention.size()) || m_attention[std::size_t(frame)].empty())
        return nullptr;
    return &m_attention[std::size_t(frame)];
}

} // namespace talker::ui
