// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: construction, the layout of its views and docks, the engine wiring, settings,
// messages, the model, and the enabled state of the actions. The other parts of the class:
// MainWindowActions.cpp (actions, menus), MainWindowTakes.cpp (generation, recordings, playback),
// MainWindowFiles.cpp (take files and exports), MainWindowHistory.cpp (the take history).
#include "MainWindow.h"

#include "MainWindowParts.h"
#include "AudioPlayer.h"
#include "FrameClock.h"
#include "GenerationController.h"
#include "Learn.h"
#include "TakeDocument.h"
#include "TakeHistory.h"
#include "TimeAxis.h"
#include "panels/GenerationPanel.h"
#include "panels/ModelPanel.h"
#include "panels/RecordingPanel.h"
#include "training/TrainingWindow.h"
#include "views/AttentionView.h"
#include "views/CodeGridView.h"
#include "views/MelView.h"
#include "views/PhoneRowView.h"
#include "views/ProbabilityView.h"
#include "views/SamplingRowView.h"
#include "views/ViewFrame.h"
#include "views/WaveformView.h"

#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "talker/TakeFile.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace talker::ui {

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent), m_options(options), m_controller(new GenerationController(this)),
      m_document(new TakeDocument(this)), m_axis(new TimeAxis(this)), m_clock(new FrameClock(this)),
      m_player(new AudioPlayer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Talker Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/talker-studio.svg")));
    setAcceptDrops(true);
    createActions();
    createMenus();
    createLayout();
    connectEngine();
    if (m_options.useSettings)
        loadSettings();
    else
        resize(1400, 900);

    QString path = m_options.bundlePath;
    if (path.isEmpty()) {
        try {
            path = QString::fromStdString(defaultBundlePath().string());
        } catch (const Error& e) {
            m_modelPanel->showBundle(nullptr, toQString(e));
            showError(tr("Cannot find the default model: %1. Open a model with File > Open Model.").arg(toQString(e)));
        }
    }
    if (!path.isEmpty())
        openBundle(path);
    if (!m_player->isAvailable())
        showStatus(m_player->unavailableReason());
    updateActions();
}

MainWindow::~MainWindow()
{
    // The stack's clear() on destruction signals indexChanged: not to a window being destroyed.
    disconnect(m_history->stack(), nullptr, this, nullptr);
    m_player->stop();
}

QAction* MainWindow::action(const QString& objectName) const
{
    return findChild<QAction*>(objectName);
}

void MainWindow::createLayout()
{
    auto* toolbar = addToolBar(tr("Transport"));
    toolbar->setObjectName(QStringLiteral("transportToolBar"));
    toolbar->setMovable(false);
    toolbar->addActions({m_generate, m_step, m_stop});
    toolbar->addSeparator();
    toolbar->addActions({m_play, m_playSelection, m_loop});
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Codebooks heard: first ")));
    m_codebooksHeard = new QSpinBox;
    m_codebooksHeard->setObjectName(QStringLiteral("codebooksHeardBox"));
    m_codebooksHeard->setRange(1, 2);
    m_codebooksHeard->setValue(2);
    m_codebooksHeard->setToolTip(tr("Decode the codes with only the first n codebooks: 1 is the base alone, all of "
                                    "them is base + residual"));
    toolbar->addWidget(m_codebooksHeard);
    toolbar->addSeparator();
    toolbar->addActions({m_zoomIn, m_zoomNormal, m_zoomOut, m_fit});
    connect(m_codebooksHeard, &QSpinBox::valueChanged, this, &MainWindow::requestRender);

    m_codeGrid = new CodeGridView(m_document, m_axis, m_clock);
    m_phoneRow = new PhoneRowView(m_document, m_axis, m_clock);
    m_samplingRow = new SamplingRowView(m_document, m_axis, m_clock);
    m_attentionView = new AttentionView(m_document, m_axis, m_clock);
    m_melView = new MelView(m_document, m_axis, m_clock);
    m_reconstructionView = new MelView(m_document, m_axis, m_clock, nullptr, MelView::Layer::Reconstruction);
    m_waveformView = new WaveformView(m_document, m_axis, m_clock);
    m_probabilityView = new ProbabilityView(m_document, m_axis, m_clock);

    auto* central = new QWidget;
    central->setObjectName(QStringLiteral("timeViews")); // the time views and the scroll bar
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    m_phoneFrame = new ViewFrame(tr("Phones (what the text says, as timed by the front end)"),
                                 Learn::textConditioning(), m_phoneRow);
    m_phoneFrame->setObjectName(QStringLiteral("phoneRowFrame"));
    m_phoneFrame->hide(); // text models only (setBundle)
    auto* gridFrame = new ViewFrame(tr("Codes"), Learn::codeGrid(), m_codeGrid);
    m_samplingFrame =
        new ViewFrame(tr("Sampling: entropy per codebook; red marks a repeat"), Learn::sampling(), m_samplingRow);
    m_samplingFrame->setObjectName(QStringLiteral("samplingRowFrame"));
    m_attentionFrame =
        new ViewFrame(tr("Attention of the selected frame, per layer and head"), Learn::attention(), m_attentionView);
    m_attentionFrame->setObjectName(QStringLiteral("attentionFrame"));
    auto* melFrame = m_melFrame = new ViewFrame(tr("Mel spectrogram"), Learn::melSpectrogram(), m_melView);
    // A recording's original and its codec reconstruction, one above the other on the same time
    // axis, each with its own play button.
    m_reconstructionFrame = new ViewFrame(QString(), Learn::reconstruction(), m_reconstructionView);
    const auto playButton = [this](const QString& name, const QString& text, bool reconstruction) {
        auto* button = new QToolButton;
        button->setObjectName(name);
        button->setText(text);
        button->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        connect(button, &QToolButton::clicked, this, [this, reconstruction] { playRecording(reconstruction); });
        m_recordingOnly << button;
        return button;
    };
    melFrame->addHeaderWidget(playButton(QStringLiteral("playOriginalButton"), tr("Play Original"), false));
    m_reconstructionFrame->addHeaderWidget(
        playButton(QStringLiteral("playReconstructionButton"), tr("Play Reconstruction"), true));
    m_recordingOnly << m_reconstructionFrame;
    auto* waveFrame = new ViewFrame(tr("Waveform"), Learn::waveform(), m_waveformView);
    m_viewFrames << gridFrame << melFrame << m_reconstructionFrame << waveFrame;
    column->addWidget(m_phoneFrame, 0);
    column->addWidget(gridFrame, 0);
    column->addWidget(m_samplingFrame, 0);
    column->addWidget(m_attentionFrame, 0);
    column->addWidget(melFrame, 3);
    column->addWidget(m_reconstructionFrame, 3);
    column->addWidget(waveFrame, 1);
    m_scrollBar = new QScrollBar(Qt::Horizontal);
    m_scrollBar->setObjectName(QStringLiteral("timeScrollBar"));
    auto* scrollRow = new QHBoxLayout;
    scrollRow->setContentsMargins(TimeAxis::LeftMarginPx, 0, TimeAxis::RightMarginPx, 2);
    scrollRow->addWidget(m_scrollBar);
    column->addLayout(scrollRow);
    setCentralWidget(central);
    connect(m_scrollBar, &QScrollBar::valueChanged, this,
            [this](int value) { m_axis->setRange(double(value) / ScrollUnitsPerFrame, m_axis->spanFrames()); });
    connect(m_axis, &TimeAxis::rangeChanged, this, &MainWindow::updateScrollBar);

    // Left: the settings; right: the probabilities.
    auto* left = new QWidget;
    auto* leftColumn = new QVBoxLayout(left);
    m_generationPanel = new GenerationPanel(m_generate, m_step, m_stop);
    m_modelPanel = new ModelPanel(m_openModel);
    m_recordingPanel = new RecordingPanel;
    const auto group = [](const QString& title, QWidget* content) {
        auto* frame = new ViewFrame(title, QString(), content);
        frame->helpButton()->hide();
        return frame;
    };
    leftColumn->addWidget(group(tr("Generate"), m_generationPanel));
    leftColumn->addWidget(group(tr("Recording"), m_recordingPanel));
    leftColumn->addWidget(group(tr("Model"), m_modelPanel), 1);
    auto* leftDock = new QDockWidget(tr("Settings"), this);
    leftDock->setObjectName(QStringLiteral("settingsDock"));
    // Scrolls rather than squeezing its rows where the settings are taller than the window (a text
    // model's text box, CJK fonts' taller lines).
    auto* leftScroll = new QScrollArea;
    leftScroll->setObjectName(QStringLiteral("settingsScroll"));
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // As wide as the settings need (the dock does not grow for a scroll area's content by itself).
    leftScroll->setMinimumWidth(left->minimumSizeHint().width() + leftScroll->verticalScrollBar()->sizeHint().width());
    leftDock->setWidget(leftScroll);
    leftDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, leftDock);

    // The dock's title names the view; the frame adds only the explanation button.
    auto* probabilityFrame = new ViewFrame(QString(), Learn::probabilities(), m_probabilityView);
    m_viewFrames << probabilityFrame;
    auto* rightDock = new QDockWidget(tr("Probabilities"), this);
    rightDock->setObjectName(QStringLiteral("probabilityDock"));
    rightDock->setWidget(probabilityFrame);
    rightDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, rightDock);
    resizeDocks({leftDock, rightDock}, {300, 360}, Qt::Horizontal);
    createHistory(leftDock);

    m_frameLabel = new QLabel;
    m_frameLabel->setObjectName(QStringLiteral("frameLabel"));
    statusBar()->addPermanentWidget(m_frameLabel);
    for (MelView* view : {m_melView, m_reconstructionView})
        connect(view, &MelView::readout, this, [this](const QString& text) {
            if (!text.isEmpty())
                statusBar()->showMessage(text, 3000);
        });
    connect(m_document, &TakeDocument::reset, this, &MainWindow::updateMelViews);
    connect(m_document, &TakeDocument::melChanged, this, &MainWindow::updateMelViews);
    updateMelViews();
    connect(m_newSeed, &QAction::triggered, m_generationPanel, &GenerationPanel::newSeed);
    connect(m_recordingPanel, &RecordingPanel::showReconstructionChanged, m_document,
            &TakeDocument::setShowReconstruction);
    connect(m_recordingPanel, &RecordingPanel::continueRequested, this, &MainWindow::continueRecording);
    connect(m_recordingPanel, &RecordingPanel::showRecordingRequested, this, [this] {
        if (m_controller->state() == GenerationController::State::Idle && m_recording)
            onRecordingAnalysed(*m_recording);
    });
}

void MainWindow::connectEngine()
{
    connect(m_controller, &GenerationController::stateChanged, this, &MainWindow::updateActions);
    connect(m_controller, &GenerationController::takeStarted, this, &MainWindow::onTakeStarted);
    connect(m_controller, &GenerationController::frameReady, this, &MainWindow::onFrame);
    connect(m_controller, &GenerationController::takeFinished, this, &MainWindow::onTakeFinished);
    connect(m_controller, &GenerationController::recordingAnalysed, this, &MainWindow::onRecordingAnalysed);
    connect(m_controller, &GenerationController::audioRendered, this, &MainWindow::onAudioRendered);
    connect(m_controller, &GenerationController::failed, this, &MainWindow::onFailed);
    connect(m_controller, &GenerationController::backgroundWorkChanged, this, &MainWindow::updateActions);
    connect(m_controller, &GenerationController::backgroundWorkCancelled, this, [this](GenerationController::Job job) {
        if (job == GenerationController::Job::Render) {
            // The views keep the last decode: "codebooks heard" says what they hold again.
            const QSignalBlocker blocker(m_codebooksHeard);
            m_codebooksHeard->setValue(m_document->codebooksUsed());
            showStatus(
                tr("Stopped decoding: still hearing the first %n codebook(s).", nullptr, m_document->codebooksUsed()));
        } else {
            showStatus(tr("Stopped opening the recording."));
        }
    });
    connect(m_controller, &GenerationController::bundleReady, this,
            [this](const QString& backend, const QString& fallback) {
                m_modelPanel->setBackend(backend, fallback);
                m_modelPanel->showBundle(m_bundle.get());
            });
    connect(m_player, &AudioPlayer::failed, this, [this](const QString& message) { showStatus(message); });
    connect(m_document, &TakeDocument::audioChanged, this, [this] {
        if (m_playing)
            m_player->updateBuffer(m_document->audio());
    });
    m_playheadTimer.setInterval(PlayheadIntervalMs);
    connect(&m_playheadTimer, &QTimer::timeout, this, &MainWindow::updatePlayhead);
}

// ---- settings ----

void MainWindow::loadSettings()
{
    QSettings settings;
    m_generationPanel->load(settings);
    m_loop->setChecked(settings.value(QStringLiteral("playback/loop"), false).toBool());
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    m_generationPanel->save(settings);
    settings.setValue(QStringLiteral("playback/loop"), m_loop->isChecked());
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

QString MainWindow::dialogDirectory(const QString& key) const
{
    return QSettings().value(QStringLiteral("directories/") + key, QDir::homePath()).toString();
}

void MainWindow::rememberDirectory(const QString& key, const QString& file)
{
    if (m_options.useSettings)
        QSettings().setValue(QStringLiteral("directories/") + key, QFileInfo(file).absolutePath());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmDiscard(tr("The take on screen was not saved or exported. Quit anyway?"))) {
        event->ignore();
        return;
    }
    m_controller->stop();
    m_player->stop();
    if (m_options.useSettings)
        saveSettings();
    event->accept();
}

// ---- messages ----

void MainWindow::showError(const QString& message)
{
    m_lastError = message;
    statusBar()->showMessage(message, StatusMessageMs);
    // One non-modal box at a time: a burst of failures updates it instead of stacking dialogs.
    if (!m_errorBox) {
        m_errorBox = new QMessageBox(QMessageBox::Warning, tr("Talker Studio"), QString(), QMessageBox::Close, this);
        m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
        m_errorBox->setModal(false);
    }
    m_errorBox->setText(message);
    m_errorBox->show();
    emit errorShown(message);
}

void MainWindow::showStatus(const QString& message)
{
    statusBar()->showMessage(message, StatusMessageMs);
}

// ---- model ----

bool MainWindow::openBundle(const QString& directory)
{
    if (!confirmDiscard(tr("The take on screen was not saved or exported. Open another model anyway?")))
        return false;
    std::shared_ptr<const ModelBundle> bundle;
    try {
        bundle = std::make_shared<const ModelBundle>(ModelBundle::load(toPath(directory)));
    } catch (const std::exception& e) {
        showError(tr("Cannot open the model: %1").arg(toQString(e)));
        if (!m_bundle)
            m_modelPanel->showBundle(nullptr, toQString(e));
        return false;
    }
    setBundle(std::move(bundle));
    addRecentFile(directory);
    showStatus(tr("Loaded model '%1' from %2").arg(QString::fromStdString(m_bundle->config.name), directory));
    return true;
}

void MainWindow::setBundle(std::shared_ptr<const ModelBundle> bundle)
{
    m_player->stop();
    m_bundle = std::move(bundle);
    m_history->clear(); // the takes of the previous model
    m_recording.reset();
    m_recordingPanel->setRecording({}, 0, 0.0, {}, 0);
    const ModelConfig& config = m_bundle->config;
    m_document->setModel(config, MelFrontEnd(config.audio).binCentresHz());
    m_generationPanel->setModelLimits(config.talker.codebookSize, config.talker.maxFrames - config.talker.maxDelay());
    m_generationPanel->setTextModel(config.talker.text);
    m_phoneFrame->setVisible(config.talker.text.enabled());
    m_codebooksHeard->blockSignals(true);
    m_codebooksHeard->setRange(1, config.codec.codebooks);
    m_codebooksHeard->setValue(config.codec.codebooks);
    m_codebooksHeard->blockSignals(false);
    m_modelPanel->setBackend({}, {});
    m_modelPanel->showBundle(m_bundle.get());
    m_axis->clearSelection();
    m_axis->setExtent(m_generationPanel->params().frames);
    m_axis->fit();
    m_codeGrid->updateGeometry(); // its size hints follow the codebook count
    m_samplingRow->updateGeometry();
    m_attentionView->updateGeometry();
    m_frameLabel->clear(); // the previous model's take summary
    m_controller->setBundle(m_bundle);
    updateActions();
}

TrainingWindow* MainWindow::showTraining()
{
    if (!m_training) {
        m_training = new TrainingWindow(this);
        connect(m_training, &TrainingWindow::openBundleRequested, this, [this](const QString& directory) {
            if (openBundle(directory)) {
                raise();
                activateWindow();
            }
        });
    }
    m_training->show();
    m_training->raise();
    m_training->activateWindow();
    return m_training;
}

// ---- state ----

void MainWindow::updateScrollBar()
{
    const double extent = std::max(double(m_axis->extentFrames()), m_axis->endFrame());
    const QSignalBlocker blocker(m_scrollBar);
    m_scrollBar->setRange(0, int(std::max(0.0, extent - m_axis->spanFrames()) * ScrollUnitsPerFrame));
    m_scrollBar->setPageStep(int(m_axis->spanFrames() * ScrollUnitsPerFrame));
    m_scrollBar->setSingleStep(ScrollUnitsPerFrame);
    m_scrollBar->setValue(int(std::lround(m_axis->startFrame() * ScrollUnitsPerFrame)));
}

void MainWindow::updateActions()
{
    const auto state = m_controller->state();
    const bool idle = state == GenerationController::State::Idle;
    const bool running = state == GenerationController::State::Running;
    const bool haveModel = bool(m_bundle);
    const bool haveFrames = m_document->frames() > 0;
    const bool finishedTake = idle && m_document->source() == TakeDocument::Source::Generated &&
                              m_document->finishedTake().codes.frames() > 0;
    m_generate->setEnabled(haveModel && state != GenerationController::State::Cancelling);
    m_generate->setText(running && m_controller->isStepping() ? tr("&Run to End") : tr("&Generate"));
    m_step->setEnabled(haveModel && state != GenerationController::State::Cancelling);
    m_stop->setEnabled(running || m_controller->hasBackgroundWork()); // a take, a re-render or an analysis
    m_saveTake->setEnabled(finishedTake);
    m_exportAudio->setEnabled(haveFrames);
    m_exportSelection->setEnabled(haveFrames);
    m_exportCodes->setEnabled(haveFrames);
    for (QAction* action : m_exportViewActions)
        action->setEnabled(haveFrames);
    action(QStringLiteral("exportView%1").arg(int(View::ReconstructionMel)))
        ->setEnabled(haveFrames && m_document->source() == TakeDocument::Source::Recording);
    m_openAudio->setEnabled(haveModel);
    m_openTake->setEnabled(haveModel);
    const bool canPlay = m_player->isAvailable() && haveFrames;
    m_play->setEnabled(canPlay);
    m_playSelection->setEnabled(canPlay);
    m_loop->setEnabled(m_player->isAvailable());
    for (QAction* action : {m_play, m_playSelection, m_loop})
        action->setStatusTip(m_player->isAvailable() ? QString() : m_player->unavailableReason());
    m_codebooksHeard->setEnabled(haveModel);
    // The history changes what is on screen: not while a take streams or a job is queued.
    const QUndoStack* stack = m_history->stack();
    m_undo->setEnabled(idle && stack->canUndo());
    m_redo->setEnabled(idle && stack->canRedo());
    m_undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    m_redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
    m_historyView->setEnabled(idle);
    m_compare->setEnabled(idle && m_document->source() == TakeDocument::Source::Generated &&
                          m_history->previous() != nullptr);
}

} // namespace talker::ui
