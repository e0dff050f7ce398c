// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's takes: generation, the engine's results, recordings and their continuation,
// and playback.
#include "MainWindow.h"

#include "MainWindowParts.h"
#include "AudioFiles.h"
#include "AudioPlayer.h"
#include "GenerationController.h"
#include "TakeDocument.h"
#include "TimeAxis.h"
#include "panels/GenerationPanel.h"
#include "panels/RecordingPanel.h"
#include "views/ViewFrame.h"

#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "talker/TakeFile.h"

#include <QDragEnterEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QSpinBox>
#include <qcustomplot.h>

#include <cmath>

namespace talker::ui {

// ---- generation ----

void MainWindow::generate()
{
    if (m_controller->state() == GenerationController::State::Running && m_controller->isStepping()) {
        m_controller->generate({}); // resume the paused take
        return;
    }
    m_expectedCodes.reset();
    m_pendingStep.clear();
    startTake(false, {});
}

void MainWindow::step()
{
    if (m_controller->state() == GenerationController::State::Running) {
        m_controller->step({});
        updateActions(); // "Generate" becomes "Run to End" while the take is paused
        return;
    }
    m_expectedCodes.reset();
    m_pendingStep.clear();
    startTake(true, {});
}

void MainWindow::stop()
{
    m_controller->stop();
}

void MainWindow::continueRecording(FrameIndex promptFrames)
{
    if (!m_recording)
        return;
    if (m_bundle && m_bundle->config.talker.text.enabled()) {
        showError(tr("Model '%1' speaks text: it cannot continue a recording, whose words it is not told. "
                     "Continue with a model without text conditioning.")
                      .arg(QString::fromStdString(m_bundle->config.name)));
        return;
    }
    m_expectedCodes.reset();
    m_pendingStep = tr("Continue '%1' after frame %2").arg(QFileInfo(m_recording->path).fileName()).arg(promptFrames);
    startTake(false, m_recording->codes.head(promptFrames));
}

void MainWindow::startTake(bool stepping, const Codes& prompt)
{
    if (!m_bundle) {
        showError(tr("No model is loaded: open one with File > Open Model."));
        return;
    }
    if (!m_generationPanel->seedIsValid()) {
        showError(tr("The seed '%1' is not a whole number from 0 to 18446744073709551615.")
                      .arg(m_generationPanel->seedEdit()->text()));
        return;
    }
    GenerationParams params = m_generationPanel->params();
    params.prompt = prompt;
    params.captureAttention = true; // the attention view
    const ModelConfig& config = m_bundle->config;
    if (config.talker.text.enabled()) {
        // flite times the phones in well under 50 ms: done here, so that an error is shown at once.
        const QString text = m_generationPanel->text().trimmed();
        if (text.isEmpty()) {
            showError(
                tr("Type the text to say first: model '%1' speaks text.").arg(QString::fromStdString(config.name)));
            return;
        }
        try {
            params.text = makeTextPrompt(config, text.toStdString(), m_generationPanel->voice().toStdString());
        } catch (const Error& e) {
            showError(tr("Cannot say the text: %1").arg(toQString(e)));
            return;
        }
        params.frames =
            int(params.text.columns.size() / std::size_t(config.talker.text.columns())) - int(prompt.frames());
    }
    try {
        params.validate(m_bundle->config);
    } catch (const Error& e) {
        showError(tr("Cannot generate: %1").arg(toQString(e)));
        return;
    }
    if (stepping)
        m_controller->step(params);
    else
        m_controller->generate(params);
}

void MainWindow::onTakeStarted(const GenerationParams& params)
{
    if (m_playing)
        togglePlayback();
    m_regenerationMatched.reset();
    m_document->beginTake(params.prompt.frames() + params.frames, params.prompt.frames(), params.text);
    if (!params.text.empty())
        m_generationPanel->showTextFrames(params.frames);
    m_axis->clearSelection();
    m_axis->setExtent(m_document->plannedFrames());
    m_axis->fit();
    m_recordingPanel->setShowing(false);
    m_frameLabel->setText(tr("Generating..."));
    updateActions();
}

void MainWindow::onFrame(const FrameEvent& event, const std::vector<float>& audio)
{
    m_document->appendFrame(event, audio);
    m_frameLabel->setText(tr("Frame %1 / %2, %3 ms")
                              .arg(event.index + 1)
                              .arg(m_document->plannedFrames())
                              .arg(event.elapsedMs, 0, 'f', 0));
}

void MainWindow::onTakeFinished(const FinishedTake& finished)
{
    const Take& take = finished.take;
    m_document->finishTake(take, finished.audio);
    m_axis->setExtent(m_document->frames());
    const FrameIndex generated = take.codes.frames() - take.promptFrames;
    // The time a stepped take stood paused between Steps is not generation time.
    const double workMs = std::max(0.0, take.totalMs - finished.pausedMs);
    const QString summary = tr("%1 frames in %2 ms (first frame %3 ms, %4 ms/frame, %5), seed %6")
                                .arg(generated)
                                .arg(workMs, 0, 'f', 0)
                                .arg(take.firstFrameMs, 0, 'f', 0)
                                .arg(workMs / std::max<double>(1.0, double(generated)), 0, 'f', 1)
                                .arg(QString::fromStdString(take.backend))
                                .arg(take.params.sampling.seed);
    m_frameLabel->setText(take.cancelled ? tr("Stopped: %1").arg(summary) : summary);
    if (m_expectedCodes && !take.cancelled) {
        const bool same = *m_expectedCodes == take.codes;
        m_regenerationMatched = same;
        if (same) {
            showStatus(tr("Regenerated the take: the codes are identical to the take file's."));
        } else {
            FrameIndex t = 0;
            const FrameIndex n = std::min(m_expectedCodes->frames(), take.codes.frames());
            while (t < n && m_expectedCodes->head(t + 1) == take.codes.head(t + 1))
                ++t;
            showError(tr("The regenerated codes differ from the take file's from frame %1 on: the take was made "
                         "with another model or another version of the engine.")
                          .arg(t));
        }
        m_expectedCodes.reset();
    }
    // A step of the take history: what made the take, unless a generate/continue/edit named it.
    QString step =
        m_pendingStep.isEmpty()
            ? tr("Generate %1 frames: %2").arg(generated).arg(QString::fromStdString(take.params.sampling.describe()))
            : m_pendingStep;
    m_pendingStep.clear();
    recordTake(take.cancelled ? tr("%1 (stopped)").arg(step) : step);
    updateActions();
    // The take streamed with every codebook; a smaller "codebooks heard" chosen before or during
    // it applies now.
    if (m_codebooksHeard->value() < m_codebooksHeard->maximum())
        requestRender();
    emit takeCompleted();
}

void MainWindow::requestRender()
{
    if (!m_bundle || m_document->frames() == 0)
        return;
    if (m_document->isStreaming()) {
        showStatus(tr("The take streams with all codebooks; the codebooks you chose are heard when it ends."));
        return;
    }
    m_controller->renderAudio(m_document->codes(), m_codebooksHeard->value());
    showStatus(tr("Decoding with the first %n codebook(s)...", nullptr, m_codebooksHeard->value()));
}

void MainWindow::onAudioRendered(const RenderedAudio& audio)
{
    if (m_document->isStreaming() || audio.codebooksUsed != m_codebooksHeard->value())
        return;
    m_document->setDecoded(audio.mel, audio.audio, audio.codebooksUsed);
    if (m_document->source() == TakeDocument::Source::Generated)
        recordTake(tr("Hear the first %n codebook(s)", nullptr, audio.codebooksUsed));
    showStatus(tr("Now decoding with the first %n codebook(s).", nullptr, audio.codebooksUsed));
}

void MainWindow::onFailed(GenerationController::Job job, const QString& message)
{
    switch (job) {
    case GenerationController::Job::Model:
        showError(tr("Cannot prepare the model: %1").arg(message));
        break;
    case GenerationController::Job::Generation:
        showError(tr("Generation failed: %1").arg(message));
        break;
    case GenerationController::Job::Render:
        showError(tr("Cannot decode the take: %1").arg(message));
        break;
    case GenerationController::Job::Analysis:
        showError(tr("Cannot open the recording: %1").arg(message));
        break;
    }
    updateActions();
}

// ---- recordings ----

void MainWindow::updateMelViews()
{
    const bool recording = m_document->source() == TakeDocument::Source::Recording;
    for (QWidget* widget : std::as_const(m_recordingOnly))
        widget->setVisible(recording);
    m_melFrame->setTitle(recording ? tr("Mel spectrogram: original recording") : tr("Mel spectrogram"));
    m_reconstructionFrame->setTitle(tr("Mel spectrogram: codec reconstruction (decoded with %1 of %2 codebooks)")
                                        .arg(m_document->codebooksUsed())
                                        .arg(m_document->codebooks()));
}

void MainWindow::playRecording(bool reconstruction)
{
    if (m_document->source() != TakeDocument::Source::Recording)
        return;
    if (m_playing) {
        m_player->stop();
        updatePlayhead();
    }
    m_recordingPanel->setReconstructionSelected(reconstruction); // the document switches its audio
    togglePlayback();
}

void MainWindow::openAudio(const QString& path)
{
    if (!m_bundle) {
        showError(
            tr("No model is loaded: a recording is analysed with a model's codec. Open one with File > Open Model."));
        return;
    }
    if (!confirmDiscard(tr("The take on screen was not saved or exported. Open a recording anyway?")))
        return;
    m_controller->stop();
    addRecentFile(path);
    showStatus(tr("Analysing %1...").arg(QFileInfo(path).fileName()));
    m_controller->analyseRecording(path);
}

void MainWindow::onRecordingAnalysed(const RecordingAnalysis& analysis)
{
    if (m_controller->state() != GenerationController::State::Idle)
        return; // a take started since: it owns the views now
    if (m_playing)
        togglePlayback();
    m_recording = analysis;
    const double seconds = double(analysis.original->size()) / m_document->sampleRateHz();
    m_document->setRecording(analysis);
    m_recordingPanel->setRecording(analysis.path, analysis.codes.frames(), seconds, analysis.source,
                                   m_document->sampleRateHz());
    m_recordingPanel->setShowing(true);
    m_axis->clearSelection();
    m_axis->setExtent(m_document->frames());
    m_axis->fit();
    m_frameLabel->setText(tr("%1: %2 frames").arg(QFileInfo(analysis.path).fileName()).arg(analysis.codes.frames()));
    showStatus(
        tr("Opened %1 (%2 s, %3 frames)").arg(analysis.path).arg(seconds, 0, 'f', 2).arg(analysis.codes.frames()));
    updateActions();
    if (m_codebooksHeard->value() < m_codebooksHeard->maximum())
        requestRender(); // the reconstruction with the codebooks the user chose to hear
    emit recordingShown();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (isAudioUrl(url)) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (isAudioUrl(url)) {
            openAudio(url.toLocalFile());
            event->acceptProposedAction();
            return;
        }
}

// ---- playback ----

bool MainWindow::playRange(std::int64_t startSample, std::int64_t endSample, bool loop)
{
    if (!m_player->isAvailable()) {
        showStatus(m_player->unavailableReason());
        return false;
    }
    if (!m_player->play(m_document->audio(), m_document->sampleRateHz(), startSample, endSample, loop))
        return false;
    m_playing = true;
    m_play->setText(tr("Sto&p Playing"));
    m_playheadTimer.start();
    return true;
}

void MainWindow::togglePlayback()
{
    if (m_playing) {
        m_player->stop();
        updatePlayhead();
        return;
    }
    const FrameIndex from = m_axis->selectedFrame() >= 0 ? m_axis->selectedFrame() : 0;
    playRange(from * m_document->samplesPerFrame(), -1, m_loop->isChecked());
}

void MainWindow::playSelection()
{
    if (!m_axis->hasSelection()) {
        showStatus(tr("Select frames first: drag across a view."));
        return;
    }
    if (m_playing)
        m_player->stop();
    const auto spf = std::int64_t(m_document->samplesPerFrame());
    playRange(m_axis->selectionStart() * spf, m_axis->selectionEnd() * spf, m_loop->isChecked());
}

void MainWindow::updatePlayhead()
{
    if (m_player->isPlaying()) {
        m_axis->setPlayheadFrame(double(m_player->positionSamples()) / m_document->samplesPerFrame());
        return;
    }
    m_playing = false;
    m_playheadTimer.stop();
    m_axis->setPlayheadFrame(-1.0);
    m_play->setText(tr("&Play"));
}

} // namespace talker::ui
