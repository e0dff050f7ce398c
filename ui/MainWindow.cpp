#include "MainWindow.h"

#include "AudioFiles.h"
#include "AudioPlayer.h"
#include "FrameClock.h"
#include "LanguageMenu.h"
#include "Learn.h"
#include "TakeDocument.h"
#include "TakeHistory.h"
#include "TimeAxis.h"
#include "ViewExport.h"
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
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QUndoStack>
#include <QUndoView>
#include <QInputDialog>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

namespace talker::ui {

namespace {

constexpr int PlayheadIntervalMs = 30;        // ~33 Hz: smooth enough for a moving line
constexpr int ScrollUnitsPerFrame = 10;       // the scroll bar moves in tenths of a frame
constexpr int StatusMessageMs = 8000;
constexpr double MinExportScale = 0.25; // PNG export: a thumbnail ...
constexpr double MaxExportScale = 8.0;  // ... to poster size (a 1000 px view: 8000 px)

QString toQString(const std::exception& e) { return QString::fromStdString(e.what()); }
std::filesystem::path toPath(const QString& path) { return std::filesystem::path(path.toStdString()); }

} // namespace

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

QAction* MainWindow::action(const QString& objectName) const { return findChild<QAction*>(objectName); }

void MainWindow::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QKeySequence& key = {}) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        if (!key.isEmpty())
            action->setShortcut(key);
        addAction(action); // shortcuts work wherever the focus is in the window
        return action;
    };
    m_openModel = make(QStringLiteral("openModel"), tr("Open &Model..."));
    m_openAudio = make(QStringLiteral("openAudio"), tr("&Open Audio..."), QKeySequence::Open);
    m_openTake = make(QStringLiteral("openTake"), tr("Open &Take..."));
    m_saveTake = make(QStringLiteral("saveTake"), tr("&Save Take..."), QKeySequence::Save);
    m_exportAudio = make(QStringLiteral("exportAudio"), tr("Export &Audio..."), QKeySequence(tr("Ctrl+Shift+E")));
    m_exportSelection = make(QStringLiteral("exportSelection"), tr("Export Audio of the Se&lection..."));
    m_exportCodes = make(QStringLiteral("exportCodes"), tr("Export &Codes..."));
    m_quit = make(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit);
    m_train = make(QStringLiteral("train"), tr("&Train a Model..."));
    m_train->setToolTip(tr("Fit a codec and train a Talker on a corpus, with live loss curves"));
    connect(m_train, &QAction::triggered, this, &MainWindow::showTraining);

    m_generate = make(QStringLiteral("generate"), tr("&Generate"), QKeySequence(tr("Ctrl+Return")));
    m_generate->setToolTip(tr("Generate a take (Ctrl+Return)"));
    m_step = make(QStringLiteral("step"), tr("S&tep"), QKeySequence(Qt::Key_F10));
    m_step->setToolTip(tr("Generate one frame (F10)"));
    m_stop = make(QStringLiteral("stop"), tr("Sto&p"), QKeySequence(Qt::Key_Escape));
    m_stop->setToolTip(tr("Stop generating or decoding (Esc)"));
    m_newSeed = make(QStringLiteral("newSeed"), tr("&New Seed"));

    m_play = make(QStringLiteral("play"), tr("&Play"), QKeySequence(Qt::Key_Space));
    m_play->setToolTip(tr("Play or stop (Space)"));
    m_playSelection = make(QStringLiteral("playSelection"), tr("Play &Selection"), QKeySequence(tr("Shift+Space")));
    m_loop = make(QStringLiteral("loop"), tr("&Loop"), QKeySequence(tr("Ctrl+L")));
    m_loop->setCheckable(true);

    m_zoomIn = make(QStringLiteral("zoomIn"), tr("Zoom &In"), QKeySequence(tr("Ctrl+1")));
    m_zoomNormal = make(QStringLiteral("zoomNormal"), tr("&Normal Size"), QKeySequence(tr("Ctrl+2")));
    m_zoomOut = make(QStringLiteral("zoomOut"), tr("Zoom &Out"), QKeySequence(tr("Ctrl+3")));
    m_fit = make(QStringLiteral("fit"), tr("&Fit the Take"), QKeySequence(tr("Ctrl+F")));

    connect(m_openModel, &QAction::triggered, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model Bundle"), dialogDirectory(QStringLiteral("model")));
        if (!dir.isEmpty() && openBundle(dir))
            rememberDirectory(QStringLiteral("model"), dir + QStringLiteral("/model.json"));
    });
    connect(m_openAudio, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open Audio"), dialogDirectory(QStringLiteral("audio")),
                                                          tr("Audio files (%1);;All files (*)").arg(audioNameFilters().join(QLatin1Char(' '))));
        if (!file.isEmpty()) {
            rememberDirectory(QStringLiteral("audio"), file);
            openAudio(file);
        }
    });
    connect(m_openTake, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open Take"), dialogDirectory(QStringLiteral("take")),
                                                          tr("Takes (*.json);;All files (*)"));
        if (!file.isEmpty()) {
            rememberDirectory(QStringLiteral("take"), file);
            openTake(file);
        }
    });
    connect(m_saveTake, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save Take"),
                                                          dialogDirectory(QStringLiteral("take")) + tr("/take.json"),
                                                          tr("Takes (*.json)"));
        if (!file.isEmpty() && saveTake(file))
            rememberDirectory(QStringLiteral("take"), file);
    });
    const auto exportAudioDialog = [this](bool selection) {
        const QString pcm = tr("WAV, 16-bit PCM (*.wav)"), flt = tr("WAV, 32-bit float (*.wav)");
        QString filter = pcm;
        const QString file = QFileDialog::getSaveFileName(this, selection ? tr("Export Audio of the Selection") : tr("Export Audio"),
                                                          dialogDirectory(QStringLiteral("export")) + tr("/take.wav"),
                                                          pcm + QStringLiteral(";;") + flt, &filter);
        if (!file.isEmpty() && exportAudio(file, filter == flt ? SampleFormat::Float32 : SampleFormat::Pcm16, selection))
            rememberDirectory(QStringLiteral("export"), file);
    };
    connect(m_exportAudio, &QAction::triggered, this, [exportAudioDialog] { exportAudioDialog(false); });
    connect(m_exportSelection, &QAction::triggered, this, [exportAudioDialog] { exportAudioDialog(true); });
    connect(m_exportCodes, &QAction::triggered, this, [this] {
        const QString csv = tr("Codes CSV (*.csv)"), json = tr("Codes JSON (*.json)");
        QString filter = csv;
        QString file = QFileDialog::getSaveFileName(this, tr("Export Codes"), dialogDirectory(QStringLiteral("export")) + tr("/codes.csv"),
                                                    csv + QStringLiteral(";;") + json, &filter);
        if (file.isEmpty())
            return;
        if (QFileInfo(file).suffix().isEmpty())
            file += filter == json ? QStringLiteral(".json") : QStringLiteral(".csv");
        if (exportCodes(file))
            rememberDirectory(QStringLiteral("export"), file);
    });
    const QList<QPair<View, QString>> views = {{View::CodeGrid, tr("&Code Grid as PNG...")},
                                                {View::Mel, tr("&Mel Spectrogram as PNG...")},
                                                {View::ReconstructionMel, tr("Codec &Reconstruction as PNG...")},
                                                {View::Waveform, tr("&Waveform as PNG...")},
                                                {View::Probabilities, tr("&Probabilities as PNG...")}};
    for (const auto& [view, text] : views) {
        auto* action = new QAction(text, this);
        action->setObjectName(QStringLiteral("exportView%1").arg(int(view)));
        connect(action, &QAction::triggered, this, [this, view = view] {
            const QString file = QFileDialog::getSaveFileName(this, tr("Export View"), dialogDirectory(QStringLiteral("export")) + tr("/view.png"),
                                                              tr("PNG images (*.png)"));
            if (file.isEmpty())
                return;
            const double scale = askExportScale(view);
            if (scale > 0 && exportViewImage(view, file, scale))
                rememberDirectory(QStringLiteral("export"), file);
        });
        m_exportViewActions << action;
    }
    connect(m_quit, &QAction::triggered, this, &MainWindow::close);
    connect(m_generate, &QAction::triggered, this, &MainWindow::generate);
    connect(m_step, &QAction::triggered, this, &MainWindow::step);
    connect(m_stop, &QAction::triggered, this, &MainWindow::stop);
    connect(m_play, &QAction::triggered, this, &MainWindow::togglePlayback);
    connect(m_playSelection, &QAction::triggered, this, &MainWindow::playSelection);
    connect(m_loop, &QAction::toggled, m_player, &AudioPlayer::setLooping);
    connect(m_zoomIn, &QAction::triggered, m_axis, &TimeAxis::zoomIn);
    connect(m_zoomNormal, &QAction::triggered, m_axis, &TimeAxis::zoomNormal);
    connect(m_zoomOut, &QAction::triggered, m_axis, &TimeAxis::zoomOut);
    connect(m_fit, &QAction::triggered, m_axis, &TimeAxis::fit);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_openModel, m_openAudio, m_openTake});
    file->addSeparator();
    file->addActions({m_saveTake, m_exportAudio, m_exportSelection, m_exportCodes});
    QMenu* views = file->addMenu(tr("Export &View"));
    views->addActions(m_exportViewActions);
    file->addSeparator();
    m_recentMenu = file->addMenu(tr("&Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    file->addAction(m_quit);

    m_editMenu = menuBar()->addMenu(tr("&Edit")); // filled by createHistory()

    QMenu* generate = menuBar()->addMenu(tr("&Generate"));
    generate->addActions({m_generate, m_step, m_stop});
    generate->addSeparator();
    generate->addAction(m_newSeed);

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    model->addAction(m_openModel);
    model->addSeparator();
    model->addAction(m_train);

    QMenu* playback = menuBar()->addMenu(tr("&Playback"));
    playback->addActions({m_play, m_playSelection, m_loop});

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_zoomIn, m_zoomNormal, m_zoomOut, m_fit});
    view->addSeparator();
    view->addMenu(new LanguageMenu(this));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    auto* learn = help->addAction(tr("&What Am I Looking At?"));
    learn->setObjectName(QStringLiteral("learn"));
    learn->setShortcut(QKeySequence::HelpContents);
    connect(learn, &QAction::triggered, this, [this] {
        // A scrolling page, not a message box: the German text alone was 1365 px tall.
        auto* dialog = new QDialog(this);
        dialog->setObjectName(QStringLiteral("learnDialog"));
        dialog->setWindowTitle(tr("What am I looking at?"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        auto* layout = new QVBoxLayout(dialog);
        auto* text = new QTextBrowser;
        text->setObjectName(QStringLiteral("learnText"));
        text->setHtml(Learn::all(m_bundle && m_bundle->config.talker.text.enabled()));
        layout->addWidget(text);
        auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
        layout->addWidget(buttons);
        const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1024, 768);
        dialog->resize(std::min(640, screen.width() * 9 / 10), std::min(600, screen.height() * 8 / 10));
        dialog->setModal(false);
        dialog->show();
    });
    auto* about = help->addAction(tr("&About Talker Studio"));
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Talker Studio"),
                           tr("<h3>Talker Studio %1</h3><p>Watch a tiny autoregressive speech-code generator write "
                              "speech one frame at a time.</p>")
                               .arg(QStringLiteral(TALKER_VERSION)));
    });
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
    m_phoneFrame = new ViewFrame(tr("Phones (what the text says, as timed by the front end)"), Learn::textConditioning(),
                                 m_phoneRow);
    m_phoneFrame->setObjectName(QStringLiteral("phoneRowFrame"));
    m_phoneFrame->hide(); // text models only (setBundle)
    auto* gridFrame = new ViewFrame(tr("Codes"), Learn::codeGrid(), m_codeGrid);
    m_samplingFrame = new ViewFrame(tr("Sampling: entropy per codebook; red marks a repeat"),
                                    Learn::sampling(), m_samplingRow);
    m_samplingFrame->setObjectName(QStringLiteral("samplingRowFrame"));
    m_attentionFrame = new ViewFrame(tr("Attention of the selected frame, per layer and head"),
                                     Learn::attention(), m_attentionView);
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
    connect(m_scrollBar, &QScrollBar::valueChanged, this, [this](int value) {
        m_axis->setRange(double(value) / ScrollUnitsPerFrame, m_axis->spanFrames());
    });
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
    connect(m_recordingPanel, &RecordingPanel::showReconstructionChanged, m_document, &TakeDocument::setShowReconstruction);
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
            showStatus(tr("Stopped decoding: still hearing the first %n codebook(s).", nullptr, m_document->codebooksUsed()));
        } else {
            showStatus(tr("Stopped opening the recording."));
        }
    });
    connect(m_controller, &GenerationController::bundleReady, this, [this](const QString& backend, const QString& fallback) {
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

void MainWindow::showStatus(const QString& message) { statusBar()->showMessage(message, StatusMessageMs); }

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
    m_frameLabel->clear();        // the previous model's take summary
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

void MainWindow::stop() { m_controller->stop(); }

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
        showError(tr("The seed '%1' is not a whole number from 0 to 18446744073709551615.").arg(m_generationPanel->seedEdit()->text()));
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
            showError(tr("Type the text to say first: model '%1' speaks text.").arg(QString::fromStdString(config.name)));
            return;
        }
        try {
            params.text = makeTextPrompt(config, text.toStdString(), m_generationPanel->voice().toStdString());
        } catch (const Error& e) {
            showError(tr("Cannot say the text: %1").arg(toQString(e)));
            return;
        }
        params.frames = int(params.text.columns.size() / std::size_t(config.talker.text.columns())) - int(prompt.frames());
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
    m_frameLabel->setText(tr("Frame %1 / %2, %3 ms").arg(event.index + 1).arg(m_document->plannedFrames()).arg(event.elapsedMs, 0, 'f', 0));
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
                         "with another model or another version of the engine.").arg(t));
        }
        m_expectedCodes.reset();
    }
    // A step of the take history: what made the take, unless a generate/continue/edit named it.
    QString step = m_pendingStep.isEmpty() ? tr("Generate %1 frames: %2")
                                                 .arg(generated)
                                                 .arg(QString::fromStdString(take.params.sampling.describe()))
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
        showError(tr("No model is loaded: a recording is analysed with a model's codec. Open one with File > Open Model."));
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
    m_recordingPanel->setRecording(analysis.path, analysis.codes.frames(), seconds, analysis.source, m_document->sampleRateHz());
    m_recordingPanel->setShowing(true);
    m_axis->clearSelection();
    m_axis->setExtent(m_document->frames());
    m_axis->fit();
    m_frameLabel->setText(tr("%1: %2 frames").arg(QFileInfo(analysis.path).fileName()).arg(analysis.codes.frames()));
    showStatus(tr("Opened %1 (%2 s, %3 frames)").arg(analysis.path).arg(seconds, 0, 'f', 2).arg(analysis.codes.frames()));
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

// ---- takes and exports ----

bool MainWindow::openTake(const QString& path)
{
    if (!m_bundle) {
        showError(tr("No model is loaded: open the take's model first with File > Open Model."));
        return false;
    }
    TakeFile file;
    try {
        file = readTakeFile(toPath(path));
    } catch (const std::exception& e) {
        showError(tr("Cannot open the take: %1").arg(toQString(e)));
        return false;
    }
    const ModelConfig& config = m_bundle->config;
    if (file.codes.codebooks != config.talker.codebooks || file.codebookSize != config.talker.codebookSize) {
        showError(tr("Cannot open the take '%1': it has %2 x %3 codes but model '%4' makes %5 x %6.")
                      .arg(path)
                      .arg(file.codes.codebooks)
                      .arg(file.codebookSize)
                      .arg(QString::fromStdString(config.name))
                      .arg(config.talker.codebooks)
                      .arg(config.talker.codebookSize));
        return false;
    }
    if (file.bundleFingerprint != bundleFingerprint(*m_bundle))
        showStatus(tr("The take '%1' was made with model '%2' (%3), not the open one: its codes may come out different.")
                       .arg(QFileInfo(path).fileName(), QString::fromStdString(file.bundleName),
                            QString::fromStdString(file.bundleFingerprint)));
    GenerationParams params = file.params;
    m_generationPanel->setParams(params);
    try {
        params.validate(config);
    } catch (const Error& e) {
        showError(tr("Cannot regenerate the take '%1': %2").arg(path, toQString(e)));
        return false;
    }
    m_expectedCodes = file.codes;
    params.captureAttention = true;
    m_pendingStep = tr("Open take '%1'").arg(QFileInfo(path).fileName());
    m_controller->generate(params);
    addRecentFile(path);
    return true;
}

bool MainWindow::saveTake(const QString& path)
{
    if (!m_bundle || m_document->source() != TakeDocument::Source::Generated || m_document->isStreaming() ||
        m_document->finishedTake().codes.frames() == 0) {
        showError(tr("There is no finished take to save."));
        return false;
    }
    try {
        writeTakeFile(toPath(path), TakeFile::fromTake(m_document->finishedTake(), *m_bundle));
    } catch (const std::exception& e) {
        showError(tr("Cannot save the take: %1").arg(toQString(e)));
        return false;
    }
    m_history->markSaved();
    addRecentFile(path);
    showStatus(tr("Saved the take to %1").arg(path));
    return true;
}

bool MainWindow::exportAudio(const QString& path, SampleFormat format, bool selectionOnly)
{
    const AudioBuffer audio = m_document->audio();
    if (audio->empty()) {
        showError(tr("There is no audio to export."));
        return false;
    }
    std::vector<float> samples;
    if (selectionOnly) {
        if (!m_axis->hasSelection()) {
            showError(tr("Select frames first (drag across a view) to export the selection."));
            return false;
        }
        const auto spf = std::int64_t(m_document->samplesPerFrame());
        const auto a = std::min<std::int64_t>(std::int64_t(audio->size()), m_axis->selectionStart() * spf);
        const auto b = std::min<std::int64_t>(std::int64_t(audio->size()), m_axis->selectionEnd() * spf);
        samples.assign(audio->begin() + a, audio->begin() + b);
    } else {
        samples = *audio;
    }
    try {
        writeWav(toPath(path), samples, m_document->sampleRateHz(), format);
    } catch (const std::exception& e) {
        showError(tr("Cannot export the audio: %1").arg(toQString(e)));
        return false;
    }
    if (!selectionOnly)
        m_history->markSaved();
    showStatus(tr("Exported %1 s of audio to %2").arg(double(samples.size()) / m_document->sampleRateHz(), 0, 'f', 2).arg(path));
    return true;
}

bool MainWindow::exportCodes(const QString& path)
{
    if (!m_bundle || m_document->frames() == 0) {
        showError(tr("There are no codes to export."));
        return false;
    }
    try {
        if (QFileInfo(path).suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0)
            writeCodesJson(toPath(path), m_document->codes(), m_bundle->config);
        else
            writeCodesCsv(toPath(path), m_document->codes(), m_document->frameRateHz());
    } catch (const std::exception& e) {
        showError(tr("Cannot export the codes: %1").arg(toQString(e)));
        return false;
    }
    showStatus(tr("Exported %1 frames of codes to %2").arg(m_document->frames()).arg(path));
    return true;
}

double MainWindow::askExportScale(View view)
{
    const QWidget* widget = viewWidget(view);
    QStringList items;
    const QList<double> scales = {1.0, 2.0, 3.0, 4.0};
    for (double scale : scales)
        items << tr("%1x: %2 x %3 pixels").arg(scale).arg(int(widget->width() * scale)).arg(int(widget->height() * scale));
    const int remembered = std::max(0, int(scales.indexOf(QSettings().value(QStringLiteral("export/viewScale"), 2.0).toDouble())));
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Export View"), tr("Size of the image (2x or more for print):"),
                                                 items, remembered, /*editable=*/false, &ok);
    if (!ok)
        return 0.0;
    const double scale = scales[int(items.indexOf(chosen))];
    if (m_options.useSettings)
        QSettings().setValue(QStringLiteral("export/viewScale"), scale);
    return scale;
}

QWidget* MainWindow::viewWidget(View view) const
{
    switch (view) {
    case View::CodeGrid: return m_codeGrid;
    case View::Mel: return m_melView;
    case View::ReconstructionMel: return m_reconstructionView;
    case View::Waveform: return m_waveformView;
    case View::Probabilities: return m_probabilityView;
    }
    return m_melView;
}

QImage MainWindow::renderView(View view, double scale) const
{
    QWidget* widget = viewWidget(view);
    // Painted views draw with QPainter in logical coordinates, so an image with a device pixel
    // ratio of `scale` gets them drawn at that resolution. QCustomPlot draws from its own buffers:
    // they are redrawn at the same ratio first, and put back afterwards.
    QImage image((QSizeF(widget->size()) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::transparent);
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        const double screenRatio = plot->bufferDevicePixelRatio();
        plot->setBufferDevicePixelRatio(scale);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        widget->render(&image);
        plot->setBufferDevicePixelRatio(screenRatio);
        plot->replot(QCustomPlot::rpQueuedReplot);
    } else {
        widget->render(&image);
    }
    return image;
}

ViewExport::Labels MainWindow::exportLabels(View view) const
{
    ViewExport::Labels labels;
    QString what;
    switch (view) {
    case View::CodeGrid:
        what = m_viewFrames[0]->title();
        labels.axes = tr("x: time (s); rows: codebooks; each cell: the code of that frame (0 to %1)").arg(m_document->codebookSize() - 1);
        break;
    case View::Mel:
    case View::ReconstructionMel:
        what = (view == View::Mel ? m_melFrame : m_reconstructionFrame)->title();
        labels.axes = tr("x: time (s); y: frequency (mel scale); colour: level (dB)");
        break;
    case View::Waveform:
        what = m_viewFrames[3]->title();
        labels.axes = tr("x: time (s); y: amplitude (full scale = 1)");
        break;
    case View::Probabilities:
        what = tr("Probabilities");
        labels.axes = tr("bars: the probability of each candidate code of the shown frame, per codebook");
        break;
    }
    QString source;
    if (m_document->source() == TakeDocument::Source::Recording && m_recording)
        source = QFileInfo(m_recording->path).fileName();
    else if (m_document->frames() > 0)
        source = tr("seed %1, %2 frames").arg(m_document->params().sampling.seed).arg(m_document->frames());
    const QString model = m_bundle ? QString::fromStdString(m_bundle->config.name) : QString();
    labels.title = source.isEmpty() ? tr("%1 - model '%2'").arg(what, model) : tr("%1 - model '%2', %3").arg(what, model, source);
    // The code grid and the mels have no time labels of their own (the waveform has).
    QRect plot;
    if (view == View::CodeGrid)
        plot = m_codeGrid->plotRect();
    else if (view == View::Mel || view == View::ReconstructionMel)
        plot = static_cast<MelView*>(viewWidget(view))->plotRect();
    if (!plot.isEmpty() && m_document->frameRateHz() > 0) {
        labels.timeRuler = true;
        labels.plotLeft = plot.left();
        labels.plotRight = plot.right() + 1;
        labels.startSeconds = m_axis->startFrame() / m_document->frameRateHz();
        labels.endSeconds = m_axis->endFrame() / m_document->frameRateHz();
    }
    return labels;
}

bool MainWindow::exportViewImage(View view, const QString& path, double scale)
{
    if (!(scale >= MinExportScale && scale <= MaxExportScale)) {
        showError(tr("Cannot export the view at %1 times its size: choose from %2 to %3.")
                      .arg(scale)
                      .arg(MinExportScale)
                      .arg(MaxExportScale));
        return false;
    }
    const QImage image = ViewExport::compose(renderView(view, scale), exportLabels(view), scale);
    if (const QString error = ViewExport::savePng(image, path); !error.isEmpty()) {
        showError(tr("Cannot export the view: %1").arg(error));
        return false;
    }
    showStatus(tr("Exported the view to %1 (%2 x %3 pixels)").arg(path).arg(image.width()).arg(image.height()));
    return true;
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
    m_compare->setEnabled(idle && m_document->source() == TakeDocument::Source::Generated && m_history->previous() != nullptr);
}

} // namespace talker::ui
