// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingWindow.h"

#include "AudioFiles.h"
#include "training/LossCurves.h"

#include "talker/Error.h"
#include "talker/TrainLog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryFile>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <vector>

namespace talker::ui {

namespace {

constexpr int MaxLogLines = 2000; // the log view keeps the last lines only

QString duration(double seconds)
{
    const long s = long(seconds + 0.5);
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

// A line edit with a "Browse..." button that picks a folder.
QWidget* folderRow(QLineEdit* edit, QWidget* parent, const QString& caption)
{
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(TrainingWindow::tr("Browse..."));
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, parent, caption] {
        const QString dir = QFileDialog::getExistingDirectory(parent, caption, edit->text());
        if (!dir.isEmpty())
            edit->setText(dir);
    });
    return row;
}

} // namespace

TrainingWindow::TrainingWindow(QWidget* parent)
    : QWidget(parent, Qt::Window), m_controller(new TrainingController(this))
{
    setObjectName(QStringLiteral("trainingWindow"));
    setWindowTitle(tr("Train a Model - Talker Studio"));

    // ---- the form ----
    m_corpus = new QLineEdit;
    m_corpus->setObjectName(QStringLiteral("corpusEdit"));
    m_corpus->setPlaceholderText(tr("a corpus, or a folder of recordings"));
    m_corpus->setToolTip(tr("A corpus made by scripts/make-dataset (train.tsv and valid.tsv list its WAV files), or a "
                            "folder of WAV, FLAC or OGG files, one subfolder per voice: the studio writes its "
                            "train.tsv and valid.tsv first (as talker make-corpus does)"));
    m_bundle = new QLineEdit;
    m_bundle->setObjectName(QStringLiteral("bundleEdit"));
    m_bundle->setPlaceholderText(tr("model bundle folder"));
    m_bundle->setToolTip(tr("The bundle whose Talker is trained (in place); with \"Fit a new codec first\", a new "
                            "folder that receives a new bundle"));
    for (QLineEdit* edit : {m_corpus, m_bundle})
        edit->setMinimumWidth(300); // a path, and the placeholder in full
    auto* data = new QGroupBox(tr("Data and model"));
    auto* dataForm = new QFormLayout(data);
    dataForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    dataForm->addRow(tr("Corpus:"), folderRow(m_corpus, this, tr("Corpus Folder")));
    dataForm->addRow(tr("Bundle:"), folderRow(m_bundle, this, tr("Bundle Folder")));

    auto* codec = new QGroupBox(tr("Codec"));
    auto* codecForm = new QFormLayout(codec);
    codecForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_fitCodec = new QCheckBox(tr("Fit a new codec first (writes a new bundle)"));
    m_fitCodec->setObjectName(QStringLiteral("fitCodecBox"));
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("presetBox"));
    m_preset->addItem(tr("chapter (2 codebooks)"), QStringLiteral("chapter"));
    m_preset->addItem(tr("clear (8 codebooks)"), QStringLiteral("clear"));
    m_kmeans = new QSpinBox;
    m_kmeans->setObjectName(QStringLiteral("kmeansBox"));
    m_kmeans->setRange(1, 1000);
    m_kmeans->setValue(20);
    codecForm->addRow(m_fitCodec);
    codecForm->addRow(tr("Configuration:"), m_preset);
    codecForm->addRow(tr("k-means iterations:"), m_kmeans);

    auto* talker = new QGroupBox(tr("Talker"));
    auto* talkerForm = new QFormLayout(talker);
    talkerForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    const auto spin = [](const QString& name, int low, int high, int value) {
        auto* box = new QSpinBox;
        box->setObjectName(name);
        box->setRange(low, high);
        box->setValue(value);
        return box;
    };
    const TrainOptions defaults;
    m_steps = spin(QStringLiteral("stepsBox"), 1, 10000000, defaults.steps);
    m_batch = spin(QStringLiteral("batchBox"), 1, 4096, defaults.batch);
    m_windowFrames = spin(QStringLiteral("windowFramesBox"), 2, 100000, defaults.seqFrames);
    m_windowFrames->setToolTip(tr("Frames per training window (12.5 frames per second)"));
    m_validEvery = spin(QStringLiteral("validEveryBox"), 1, 10000000, defaults.validEvery);
    m_checkpointEvery = spin(QStringLiteral("checkpointEveryBox"), 1, 10000000, defaults.checkpointEvery);
    m_seed = spin(QStringLiteral("trainSeedBox"), 0, 2147483647, int(defaults.seed));
    m_learningRate = new QDoubleSpinBox;
    m_learningRate->setObjectName(QStringLiteral("learningRateBox"));
    m_learningRate->setDecimals(5);
    m_learningRate->setRange(0.00001, 1.0);
    m_learningRate->setSingleStep(0.0005);
    m_learningRate->setValue(defaults.learningRate);
    m_resume = new QCheckBox(tr("Resume from the bundle's checkpoint"));
    m_resume->setObjectName(QStringLiteral("resumeBox"));
    talkerForm->addRow(tr("Steps:"), m_steps);
    talkerForm->addRow(tr("Batch (windows per step):"), m_batch);
    talkerForm->addRow(tr("Window (frames):"), m_windowFrames);
    talkerForm->addRow(tr("Peak learning rate:"), m_learningRate);
    talkerForm->addRow(tr("Validate every (steps):"), m_validEvery);
    talkerForm->addRow(tr("Checkpoint every (steps):"), m_checkpointEvery);
    talkerForm->addRow(tr("Seed:"), m_seed);
    talkerForm->addRow(m_resume);
    const auto syncCodec = [this] {
        const bool fit = m_fitCodec->isChecked();
        m_preset->setEnabled(fit && state() == State::Idle);
        m_kmeans->setEnabled(fit && state() == State::Idle);
        if (fit)
            m_resume->setChecked(false);
        m_resume->setEnabled(!fit && state() == State::Idle);
    };
    connect(m_fitCodec, &QCheckBox::toggled, this, syncCodec);

    m_start = new QPushButton(tr("&Start Training"));
    m_start->setObjectName(QStringLiteral("startTrainingButton"));
    m_stop = new QPushButton(tr("Sto&p"));
    m_stop->setObjectName(QStringLiteral("stopTrainingButton"));
    m_openLog = new QPushButton(tr("Open &Loss Log..."));
    m_openLog->setObjectName(QStringLiteral("openLossLogButton"));
    m_openTrained = new QPushButton(tr("Open the Trained &Model"));
    m_openTrained->setObjectName(QStringLiteral("openTrainedButton"));
    m_openTrained->setEnabled(false);
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_start, 0, 0);
    buttons->addWidget(m_stop, 0, 1);
    buttons->addWidget(m_openLog, 1, 0);
    buttons->addWidget(m_openTrained, 1, 1);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status = new QLabel(tr("Choose a corpus and a bundle, then Start. Or open the loss log of a trained bundle."));
    m_status->setObjectName(QStringLiteral("trainingStatus"));
    m_status->setWordWrap(true);

    auto* left = new QVBoxLayout;
    left->addWidget(data);
    left->addWidget(codec);
    left->addWidget(talker);
    left->addLayout(buttons);
    left->addWidget(m_progress);
    left->addWidget(m_status);
    left->addStretch(1);

    m_curves = new LossCurves;
    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("trainingLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(MaxLogLines);
    m_log->setPlaceholderText(tr("Progress of the codec fit and the training"));
    auto* right = new QVBoxLayout;
    right->addWidget(m_curves, 3);
    right->addWidget(m_log, 1);

    auto* columns = new QHBoxLayout(this);
    columns->addLayout(left, 0);
    columns->addLayout(right, 1);
    resize(1150, 700);

    connect(m_start, &QPushButton::clicked, this, &TrainingWindow::start);
    connect(m_stop, &QPushButton::clicked, this, &TrainingWindow::stop);
    connect(m_openLog, &QPushButton::clicked, this, [this] {
        const QString start = m_bundle->text().isEmpty() ? QDir::homePath() : m_bundle->text();
        const QString file = QFileDialog::getOpenFileName(this, tr("Open Loss Log"), start,
                                                          tr("Loss logs (train-log.jsonl *.jsonl);;All files (*)"));
        if (!file.isEmpty())
            openLossLog(file);
    });
    connect(m_openTrained, &QPushButton::clicked, this, [this] { emit openBundleRequested(m_trainedBundle); });

    // ---- the worker ----
    connect(m_controller, &TrainingController::stateChanged, this, &TrainingWindow::showState);
    connect(m_controller, &TrainingController::message, this, &TrainingWindow::appendLog);
    connect(m_controller, &TrainingController::codecFitted, this, [this](const QString& bundle) {
        m_trainedBundle = bundle;
        m_openTrained->setEnabled(true);
    });
    connect(m_controller, &TrainingController::progress, this, &TrainingWindow::onProgress);
    connect(m_controller, &TrainingController::finished, this,
            [this](const QString& bundle) { onEnded(tr("Finished: the trained model is in %1.").arg(bundle), true); });
    connect(m_controller, &TrainingController::cancelled, this,
            [this](const QString& message) { onEnded(tr("Stopped: %1").arg(message), true); });
    connect(m_controller, &TrainingController::failed, this,
            [this](const QString& message) { onEnded(tr("Training failed: %1").arg(message), false); });
    showState(State::Idle);
    syncCodec();
}

bool TrainingWindow::start()
{
    if (state() != State::Idle)
        return false;
    const QString corpus = QDir::cleanPath(m_corpus->text().trimmed());
    const QString bundle = QDir::cleanPath(m_bundle->text().trimmed());
    if (m_corpus->text().trimmed().isEmpty()) {
        showError(tr("Choose a corpus folder, or a folder of recordings, first."));
        return false;
    }
    if (!QFileInfo(corpus).isDir()) {
        showError(tr("The corpus folder '%1' does not exist.").arg(corpus));
        return false;
    }
    const bool haveTrain = QFileInfo::exists(corpus + QStringLiteral("/train.tsv"));
    const bool haveValid = QFileInfo::exists(corpus + QStringLiteral("/valid.tsv"));
    bool indexAudio = false;
    if (!haveTrain && !haveValid) {
        // A folder of recordings: the worker lists them into train.tsv and valid.tsv first.
        QDirIterator audio(corpus, audioNameFilters(), QDir::Files, QDirIterator::Subdirectories);
        if (!audio.hasNext()) {
            showError(tr("The folder '%1' is neither a corpus (it has no train.tsv) nor a folder of audio files (WAV, "
                         "FLAC, OGG). Make a corpus with scripts/make-dataset, or choose a folder of recordings.")
                          .arg(corpus));
            return false;
        }
        indexAudio = true;
    } else if (!haveTrain || !haveValid) {
        showError(tr("The folder '%1' is not a corpus: it has no %2. Make one with scripts/make-dataset.")
                      .arg(corpus, haveTrain ? QStringLiteral("valid.tsv") : QStringLiteral("train.tsv")));
        return false;
    }
    if (m_bundle->text().trimmed().isEmpty()) {
        showError(tr("Choose a bundle folder first."));
        return false;
    }
    const bool haveBundle = QFileInfo::exists(bundle + QStringLiteral("/model.json"));
    if (m_fitCodec->isChecked()) {
        if (haveBundle) {
            showError(tr("The folder '%1' already holds a model bundle: a new codec needs a new (or empty) folder, "
                         "so that no trained model is overwritten.")
                          .arg(bundle));
            return false;
        }
        if (!QDir().mkpath(bundle)) {
            showError(tr("Cannot create the bundle folder '%1'.").arg(bundle));
            return false;
        }
    } else if (!haveBundle) {
        showError(tr("'%1' is not a model bundle (it has no model.json). Tick \"Fit a new codec first\" to make a "
                     "new one there.")
                      .arg(bundle));
        return false;
    }
    QTemporaryFile probe(bundle + QStringLiteral("/.write-test-XXXXXX"));
    if (!probe.open()) {
        showError(tr("Cannot write to the bundle folder '%1': %2").arg(bundle, probe.errorString()));
        return false;
    }
    probe.close();

    TrainingJob job;
    job.corpusDir = corpus;
    job.indexAudioFolder = indexAudio;
    job.bundleDir = bundle;
    job.fitCodec = m_fitCodec->isChecked();
    job.preset = m_preset->currentData().toString();
    job.codecSeed = std::uint64_t(m_seed->value());
    job.kmeansIterations = m_kmeans->value();
    TrainOptions& o = job.talker;
    o.steps = m_steps->value();
    o.batch = m_batch->value();
    o.seqFrames = m_windowFrames->value();
    o.learningRate = m_learningRate->value();
    o.warmupSteps = std::min(TrainOptions{}.warmupSteps, o.steps / 10);
    o.validEvery = m_validEvery->value();
    o.checkpointEvery = m_checkpointEvery->value();
    o.logEvery = std::clamp(o.steps / 200, 1, TrainOptions{}.logEvery); // enough points for a smooth curve
    o.seed = std::uint64_t(m_seed->value());
    o.resume = m_resume->isChecked();
    o.recipe = QStringLiteral("talker train %1 --bundle %2 --steps %3 --batch %4 --seq-frames %5 --lr %6 --warmup %7 "
                              "--seed %8 (Talker Studio)")
                   .arg(corpus, bundle)
                   .arg(o.steps)
                   .arg(o.batch)
                   .arg(o.seqFrames)
                   .arg(o.learningRate)
                   .arg(o.warmupSteps)
                   .arg(o.seed)
                   .toStdString();
    try {
        o.validate();
    } catch (const Error& e) {
        showError(tr("Cannot train: %1").arg(QString::fromStdString(e.what())));
        return false;
    }

    m_curves->clear();
    m_log->clear();
    m_progress->setRange(0, o.steps);
    m_progress->setValue(0);
    m_trainedBundle = job.fitCodec ? QString() : bundle;
    m_openTrained->setEnabled(false);
    m_lastError.clear();
    m_controller->start(job);
    m_status->setText(indexAudio     ? tr("Reading the audio files...")
                      : job.fitCodec ? tr("Fitting the codec...")
                                     : tr("Reading the corpus..."));
    return true;
}

void TrainingWindow::stop()
{
    if (state() != State::Running)
        return;
    m_controller->stop();
    m_status->setText(tr("Stopping after the step in hand..."));
}

bool TrainingWindow::openLossLog(const QString& path)
{
    std::optional<std::vector<TrainProgress>> steps;
    try {
        steps = readTrainLog(QFile::encodeName(path).toStdString());
    } catch (const Error& e) {
        QString message = QString::fromStdString(e.what()); // "cannot read the loss log '...': ..."
        message[0] = message[0].toUpper();
        showError(message);
        return false;
    }
    if (state() != State::Idle) {
        showError(tr("A training is running: its curves are on screen. Stop it to look at another loss log."));
        return false;
    }
    m_curves->setSteps(*steps);
    const TrainProgress& last = steps->back();
    m_progress->setRange(0, last.step);
    m_progress->setValue(last.step);
    m_status->setText(tr("%1: %2 logged steps, the last at step %3 (loss %4, %5 of training)")
                          .arg(path)
                          .arg(steps->size())
                          .arg(last.step)
                          .arg(last.trainLoss, 0, 'f', 3)
                          .arg(duration(last.elapsedS)));
    return true;
}

void TrainingWindow::onProgress(const TrainProgress& p)
{
    m_curves->add(p);
    m_progress->setRange(0, p.steps);
    m_progress->setValue(p.step);
    if (state() == State::Running)
        m_status->setText(tr("Step %1 of %2: loss %3, elapsed %4, about %5 left")
                              .arg(p.step)
                              .arg(p.steps)
                              .arg(p.trainLoss, 0, 'f', 3)
                              .arg(duration(p.elapsedS), duration(p.etaS)));
    if (p.validLossByCodebook) {
        QStringList values;
        for (double v : *p.validLossByCodebook)
            values << QString::number(v, 'f', 3);
        appendLog(tr("step %1: validation loss per codebook %2").arg(p.step).arg(values.join(QStringLiteral(", "))));
    }
}

void TrainingWindow::onEnded(const QString& message, bool success)
{
    m_status->setText(message);
    appendLog(message);
    m_openTrained->setEnabled(success && !m_trainedBundle.isEmpty() &&
                              QFileInfo::exists(m_trainedBundle + QStringLiteral("/model.json")));
    if (!success)
        showError(message);
    emit jobEnded(message);
}

TrainingWindow::State TrainingWindow::state() const
{
    return m_controller->state();
}

void TrainingWindow::showState(State state)
{
    const bool idle = state == State::Idle;
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_corpus, m_bundle, m_fitCodec, m_steps, m_batch, m_windowFrames,
                                         m_learningRate, m_validEvery, m_checkpointEvery, m_seed, m_start, m_openLog})
        w->setEnabled(idle);
    m_preset->setEnabled(idle && m_fitCodec->isChecked());
    m_kmeans->setEnabled(idle && m_fitCodec->isChecked());
    m_resume->setEnabled(idle && !m_fitCodec->isChecked());
    m_stop->setEnabled(state == State::Running);
    emit stateChanged(state);
}

void TrainingWindow::showError(const QString& message)
{
    m_lastError = message;
    m_status->setText(message);
    auto* box = findChild<QMessageBox*>(QStringLiteral("trainingError"));
    if (!box) {
        box = new QMessageBox(QMessageBox::Warning, tr("Train a Model"), QString(), QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("trainingError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
    }
    box->setText(message);
    box->show();
    emit errorShown(message);
}

void TrainingWindow::appendLog(const QString& text)
{
    m_log->appendPlainText(text);
}

} // namespace talker::ui
