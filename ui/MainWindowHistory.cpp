// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's take history (issue 19): undo and redo of takes, editing a code and regenerating
// the frames after it, resampling from a frame, A/B against the previous take, the question
// before an unsaved take is dropped, and File > Recent. Kept apart from MainWindow.cpp, which
// wires the views and the engine.
#include "MainWindow.h"

#include "AudioFiles.h"
#include "AudioPlayer.h"
#include "TakeDocument.h"
#include "TakeHistory.h"
#include "TimeAxis.h"
#include "panels/GenerationPanel.h"
#include "views/CodeGridView.h"

#include "talker/Error.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUndoStack>
#include <QUndoView>
#include <QUrl>

#include <algorithm>

namespace talker::ui {

namespace {
constexpr int RecentFiles = 8;
} // namespace

void MainWindow::createHistory(QDockWidget* below)
{
    QMenu* editMenu = m_editMenu;
    m_history = new TakeHistory(this);
    QUndoStack* stack = m_history->stack();
    // Own actions rather than the stack's: they are off while a take streams (updateActions).
    m_undo = new QAction(tr("&Undo"), this);
    m_undo->setObjectName(QStringLiteral("undo"));
    m_undo->setShortcuts(QKeySequence::Undo);
    m_redo = new QAction(tr("&Redo"), this);
    m_redo->setObjectName(QStringLiteral("redo"));
    m_redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    connect(m_undo, &QAction::triggered, stack, &QUndoStack::undo);
    connect(m_redo, &QAction::triggered, stack, &QUndoStack::redo);
    m_compare = new QAction(tr("&Compare with the Previous Take (A/B)"), this);
    m_compare->setObjectName(QStringLiteral("compare"));
    m_compare->setCheckable(true);
    m_compare->setShortcut(QKeySequence(tr("Ctrl+B")));
    m_compare->setToolTip(
        tr("Switch between this take (A) and the one it replaced (B); the waveform shows both (Ctrl+B)"));
    for (QAction* action : {m_undo, m_redo, m_compare})
        addAction(action); // shortcuts work wherever the focus is
    editMenu->addActions({m_undo, m_redo});
    editMenu->addSeparator();
    editMenu->addAction(m_compare);
    connect(m_compare, &QAction::toggled, this, &MainWindow::setComparing);
    connect(m_history, &TakeHistory::showRequested, this, [this](std::shared_ptr<const TakeSnapshot> snapshot) {
        leaveComparison();
        showSnapshot(snapshot);
        updateComparison();
        updateActions();
    });
    connect(stack, &QUndoStack::indexChanged, this, &MainWindow::updateActions);

    // The takes of the session, under the settings; clicking one brings it back.
    auto* dock = new QDockWidget(tr("Take History"), this);
    dock->setObjectName(QStringLiteral("historyDock"));
    m_historyView = new QUndoView(stack);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_historyView->setEmptyLabel(tr("(no take yet)"));
    dock->setWidget(m_historyView);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    splitDockWidget(below, dock, Qt::Vertical);
    resizeDocks({below, dock}, {700, 160}, Qt::Vertical);
    QAction* showHistory = dock->toggleViewAction();
    showHistory->setText(tr("Take &History"));
    editMenu->addSeparator();
    editMenu->addAction(showHistory);

    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    if (m_options.useSettings)
        m_recent = QSettings().value(QStringLiteral("recent/files")).toStringList();
    updateRecentMenu();

    connect(m_codeGrid, &CodeGridView::editRequested, this, &MainWindow::editCode);
    connect(m_codeGrid, &CodeGridView::resampleRequested, this, &MainWindow::resampleFrom);
}

void MainWindow::recordTake(const QString& text)
{
    if (m_document->source() != TakeDocument::Source::Generated || m_document->frames() == 0)
        return;
    auto snapshot = std::make_shared<TakeSnapshot>();
    snapshot->take = m_document->finishedTake();
    snapshot->heardMel = m_document->mel();
    snapshot->audio = m_document->audio();
    snapshot->codebooksUsed = m_document->codebooksUsed();
    leaveComparison();
    m_history->record(std::move(snapshot), text);
    updateComparison();
}

void MainWindow::showSnapshot(const std::shared_ptr<const TakeSnapshot>& snapshot)
{
    if (m_playing)
        togglePlayback();
    if (!snapshot) {
        m_document->setModel(m_bundle->config, m_document->binCentresHz());
        m_frameLabel->clear();
        return;
    }
    m_document->showTake(snapshot->take, snapshot->heardMel, snapshot->audio, snapshot->codebooksUsed);
    m_codebooksHeard->blockSignals(true);
    m_codebooksHeard->setValue(snapshot->codebooksUsed);
    m_codebooksHeard->blockSignals(false);
    m_axis->setExtent(m_document->frames());
    const Take& take = snapshot->take;
    m_frameLabel->setText(tr("%1 frames (%2 from the prompt), %3")
                              .arg(take.codes.frames())
                              .arg(take.promptFrames)
                              .arg(QString::fromStdString(take.params.sampling.describe())));
}

void MainWindow::leaveComparison()
{
    // Unchecked without setComparing(): what is on screen is being replaced anyway.
    const QSignalBlocker blocker(m_compare);
    m_compare->setChecked(false);
}

void MainWindow::updateComparison()
{
    const auto previous = m_history->previous();
    const auto current = m_history->current();
    if (m_compare->isChecked())
        m_document->setComparisonAudio(current ? current->audio : nullptr);
    else
        m_document->setComparisonAudio(previous ? previous->audio : nullptr);
}

void MainWindow::setComparing(bool comparing)
{
    const auto shown = comparing ? m_history->previous() : m_history->current();
    if (!shown || m_document->isStreaming()) {
        leaveComparison();
        return;
    }
    // Playing on from the same place in the other take: an instant switch.
    const bool wasPlaying = m_playing;
    const std::int64_t position = wasPlaying ? m_player->positionSamples() : 0;
    if (wasPlaying)
        m_player->stop();
    m_playing = false;
    const double start = m_axis->startFrame(), span = m_axis->spanFrames();
    showSnapshot(shown);
    m_axis->setRange(start, span); // the same place on screen
    updateComparison();
    if (wasPlaying)
        playRange(position, -1, m_loop->isChecked());
    const QString step = m_history->stack()->text(m_history->stack()->index() - 1);
    showStatus(comparing ? tr("B: the take before \"%1\" (Ctrl+B: back to A)").arg(step)
                         : tr("A: the take after \"%1\"").arg(step));
    updateActions();
}

bool MainWindow::regenerateFrom(FrameIndex firstNew, const Codes& prompt, SamplingParams sampling, const QString& step)
{
    if (m_controller->state() != GenerationController::State::Idle || m_document->isStreaming() ||
        m_document->source() != TakeDocument::Source::Generated || m_document->finishedTake().codes.frames() == 0) {
        showError(tr("Codes can be changed in a finished take only: wait for the take to end, or generate one."));
        return false;
    }
    // The take on screen is edited (B while comparing: the prompt came from it too); the new take
    // follows the current step of the history.
    const Take take = m_document->finishedTake();
    leaveComparison();
    GenerationParams params = take.params;
    params.prompt = prompt;
    params.frames = int(take.codes.frames() - firstNew);
    params.sampling = sampling;
    params.realTime = false;
    params.captureAttention = true;
    try {
        params.validate(m_bundle->config);
    } catch (const Error& e) {
        showError(tr("Cannot regenerate: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    m_expectedCodes.reset();
    m_pendingStep = step;
    m_controller->generate(params);
    return true;
}

bool MainWindow::editCode(FrameIndex frame, int codebook, int code)
{
    const Take& take = m_document->finishedTake();
    if (frame < 0 || frame + 1 >= take.codes.frames() || codebook < 0 || codebook >= take.codes.codebooks || code < 0 ||
        code >= m_document->codebookSize()) {
        showError(
            tr("Cannot change code %1 of frame %2, codebook %3: the take has frames 0 to %4 (the last has nothing "
               "after it to regenerate) and codes 0 to %5.")
                .arg(code)
                .arg(frame)
                .arg(codebook)
                .arg(take.codes.frames() - 1)
                .arg(m_document->codebookSize() - 1));
        return false;
    }
    Codes prompt = take.codes.head(frame + 1);
    const int old = prompt.at(frame, codebook);
    prompt.values[std::size_t(frame * prompt.codebooks + codebook)] = code;
    // The take's seed, with the random stream where the take's stood after `frame`: what changes
    // after the edit is the edit's doing, not other random numbers.
    // (An edit inside the prompt: the take drew nothing before its prompt's end.)
    SamplingParams sampling = take.params.sampling;
    sampling.streamOffsetFrames += std::max<FrameIndex>(0, frame + 1 - take.promptFrames);
    return regenerateFrom(
        frame + 1, prompt, sampling,
        tr("Edit frame %1, %2: code %3 to %4").arg(frame).arg(m_codeGrid->rowLabel(codebook)).arg(old).arg(code));
}

bool MainWindow::resampleFrom(FrameIndex frame)
{
    const Take& take = m_document->finishedTake();
    if (frame < 0 || frame >= take.codes.frames()) {
        showError(
            tr("Cannot resample from frame %1: the take has frames 0 to %2.").arg(frame).arg(take.codes.frames() - 1));
        return false;
    }
    m_generationPanel->newSeed();
    SamplingParams sampling = take.params.sampling;
    sampling.seed = m_generationPanel->params().sampling.seed;
    sampling.streamOffsetFrames = 0;
    return regenerateFrom(frame, take.codes.head(frame), sampling,
                          tr("Resample from frame %1 (seed %2)").arg(frame).arg(sampling.seed));
}

bool MainWindow::confirmDiscard(const QString& question)
{
    if (!m_history->hasUnsavedTake() || (!m_options.askBeforeDiscarding && !m_discardQuestion))
        return true;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    if (m_discardQuestion)
        answer = m_discardQuestion(question);
    else
        answer = QMessageBox::question(this, tr("Unsaved Take"), question, QMessageBox::Discard | QMessageBox::Cancel,
                                       QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void MainWindow::addRecentFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_recent.removeAll(absolute);
    m_recent.prepend(absolute);
    while (m_recent.size() > RecentFiles)
        m_recent.removeLast();
    if (m_options.useSettings)
        QSettings().setValue(QStringLiteral("recent/files"), m_recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString& path : m_recent) {
        const QFileInfo info(path);
        const QString kind = info.isDir()                            ? tr("model")
                             : isAudioUrl(QUrl::fromLocalFile(path)) ? tr("audio")
                                                                     : tr("take");
        QAction* action = m_recentMenu->addAction(tr("%1 (%2)").arg(info.fileName(), kind));
        action->setToolTip(path);
        action->setData(path);
        action->setEnabled(info.exists());
        connect(action, &QAction::triggered, this, [this, path] { openRecent(path); });
    }
    if (m_recent.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::openRecent(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        openBundle(path);
    else if (isAudioUrl(QUrl::fromLocalFile(path)))
        openAudio(path);
    else
        openTake(path);
}

} // namespace talker::ui
