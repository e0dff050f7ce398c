// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's actions, shortcuts and menus (the file dialogs behind the File menu's actions).
#include "MainWindow.h"

#include "MainWindowParts.h"
#include "AudioFiles.h"
#include "AudioPlayer.h"
#include "LanguageMenu.h"
#include "Learn.h"
#include "TimeAxis.h"

#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "talker/TakeFile.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace talker::ui {

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
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Open Model Bundle"), dialogDirectory(QStringLiteral("model")));
        if (!dir.isEmpty() && openBundle(dir))
            rememberDirectory(QStringLiteral("model"), dir + QStringLiteral("/model.json"));
    });
    connect(m_openAudio, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Open Audio"), dialogDirectory(QStringLiteral("audio")),
            tr("Audio files (%1);;All files (*)").arg(audioNameFilters().join(QLatin1Char(' '))));
        if (!file.isEmpty()) {
            rememberDirectory(QStringLiteral("audio"), file);
            openAudio(file);
        }
    });
    connect(m_openTake, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Open Take"), dialogDirectory(QStringLiteral("take")), tr("Takes (*.json);;All files (*)"));
        if (!file.isEmpty()) {
            rememberDirectory(QStringLiteral("take"), file);
            openTake(file);
        }
    });
    connect(m_saveTake, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Save Take"), dialogDirectory(QStringLiteral("take")) + tr("/take.json"), tr("Takes (*.json)"));
        if (!file.isEmpty() && saveTake(file))
            rememberDirectory(QStringLiteral("take"), file);
    });
    const auto exportAudioDialog = [this](bool selection) {
        const QString pcm = tr("WAV, 16-bit PCM (*.wav)"), flt = tr("WAV, 32-bit float (*.wav)");
        QString filter = pcm;
        const QString file = QFileDialog::getSaveFileName(
            this, selection ? tr("Export Audio of the Selection") : tr("Export Audio"),
            dialogDirectory(QStringLiteral("export")) + tr("/take.wav"), pcm + QStringLiteral(";;") + flt, &filter);
        if (!file.isEmpty() &&
            exportAudio(file, filter == flt ? SampleFormat::Float32 : SampleFormat::Pcm16, selection))
            rememberDirectory(QStringLiteral("export"), file);
    };
    connect(m_exportAudio, &QAction::triggered, this, [exportAudioDialog] { exportAudioDialog(false); });
    connect(m_exportSelection, &QAction::triggered, this, [exportAudioDialog] { exportAudioDialog(true); });
    connect(m_exportCodes, &QAction::triggered, this, [this] {
        const QString csv = tr("Codes CSV (*.csv)"), json = tr("Codes JSON (*.json)");
        QString filter = csv;
        QString file = QFileDialog::getSaveFileName(this, tr("Export Codes"),
                                                    dialogDirectory(QStringLiteral("export")) + tr("/codes.csv"),
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
            const QString file = QFileDialog::getSaveFileName(
                this, tr("Export View"), dialogDirectory(QStringLiteral("export")) + tr("/view.png"),
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

} // namespace talker::ui
