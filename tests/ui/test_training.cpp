// SPDX-License-Identifier: GPL-3.0-or-later
// The training window, driven on the offscreen platform: a tiny run on a synthetic corpus puts
// points on the loss curves while it runs; Stop cancels after the step in hand and leaves a
// checkpoint; a codec fit writes a new bundle and trains it; bad input gets a message naming the
// path; a shipped bundle's loss log plots. The GUI thread's longest stall while training is
// printed as a JSON line.
#include "MainWindow.h"
#include "training/LossCurves.h"
#include "training/TrainingWindow.h"

#include "../support/Fixtures.h"
#include "talker/Audio.h"
#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/ModelBundle.h"

#include <QtTest>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

#include <qcustomplot.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace talker;
using namespace talker::ui;
namespace fs = std::filesystem;

namespace {

constexpr int JobTimeoutMs = 120000; // a loaded 2-core machine, with margin

void makeTinyBundle(const fs::path& data, const fs::path& bundleDir)
{
    const ModelConfig config = test::tinyConfig();
    ModelBundle bundle = ModelBundle::initialise(config, 3);
    CodecFitOptions fit;
    fit.kmeansIterations = 3;
    bundle.rvqWeights = fitCodec(config, corpusLogMels(readCorpusSplit(data, "train"), config.audio), fit);
    bundle.save(bundleDir);
}

void setTinyRun(TrainingWindow& window, const QString& corpus, const QString& bundle, int steps)
{
    window.corpusEdit()->setText(corpus);
    window.bundleEdit()->setText(bundle);
    window.stepsBox()->setValue(steps);
    window.batchBox()->setValue(2);
    window.windowFramesBox()->setValue(16);
    window.validEveryBox()->setValue(10);
    window.learningRateBox()->setValue(0.01);
}

int lines(const fs::path& path)
{
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += !line.empty();
    return n;
}

} // namespace

class TestTraining : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString m_corpus, m_tiny;

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateStudioSettings(m_dir.path());
        m_corpus = m_dir.path() + "/corpus";
        m_tiny = m_dir.path() + "/tiny";
        test::writeToneCorpus(m_corpus.toStdString());
        makeTinyBundle(m_corpus.toStdString(), m_tiny.toStdString());
    }

    void tinyRunPlotsEveryStep()
    {
        TrainingWindow window;
        window.show();
        setTinyRun(window, m_corpus, m_tiny, 30);
        QSignalSpy ended(&window, &TrainingWindow::jobEnded);
        window.startButton()->click();
        QCOMPARE(window.state(), TrainingWindow::State::Running);
        QVERIFY(!window.startButton()->isEnabled());
        QVERIFY(window.stopButton()->isEnabled());
        QVERIFY(ended.wait(JobTimeoutMs));
        const QString message = ended.first().first().toString();
        QVERIFY2(message.startsWith("Finished: the trained model is in "), qPrintable(message));
        QCOMPARE(window.state(), TrainingWindow::State::Idle);
        QVERIFY(window.lastError().isEmpty());
        // 30 steps, each logged (a run this short logs every step), validation at 10, 20, 30.
        QCOMPARE(window.curves()->trainPoints(), 30);
        QCOMPARE(window.curves()->validPoints(), 3);
        QCOMPARE(lines(fs::path(m_tiny.toStdString()) / "train-log.jsonl"), 30);
        QVERIFY(ModelBundle::load(m_tiny.toStdString()).config.provenance["trained"].get<bool>());
        // The curve was drawn: the training plot holds more than its background and axes.
        const QImage plot = window.curves()->trainPlot()->toPixmap(400, 300).toImage();
        QSet<QRgb> colours;
        for (int y = 0; y < plot.height(); y += 2)
            for (int x = 0; x < plot.width(); x += 2)
                colours.insert(plot.pixel(x, y));
        QVERIFY(colours.size() > 8);
        auto* open = window.findChild<QPushButton*>("openTrainedButton");
        QVERIFY(open->isEnabled());
        QSignalSpy openRequested(&window, &TrainingWindow::openBundleRequested);
        open->click();
        QCOMPARE(openRequested.first().first().toString(), m_tiny);
    }

    void stopCancelsAndLeavesACheckpoint()
    {
        const QString bundle = m_dir.path() + "/stopped";
        fs::copy(m_tiny.toStdString(), bundle.toStdString(), fs::copy_options::recursive);
        TrainingWindow window;
        window.show();
        setTinyRun(window, m_corpus, bundle, 1000000);
        QSignalSpy ended(&window, &TrainingWindow::jobEnded);

        // An event-loop latency probe: a 5 ms timer notes the longest gap between its ticks.
        QElapsedTimer sinceTick;
        qint64 worstGapMs = 0;
        QTimer probe;
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] { worstGapMs = std::max(worstGapMs, sinceTick.restart()); });
        QVERIFY(window.start());
        sinceTick.start();
        probe.start();
        // Points arrive while the run is going (live, not at its end).
        QTRY_VERIFY_WITH_TIMEOUT(window.curves()->trainPoints() >= 5, JobTimeoutMs);
        QCOMPARE(window.state(), TrainingWindow::State::Running);
        probe.stop();
        qInfo().noquote() << QString(R"({"metric":"training_gui_worst_gap_ms","value":%1,"limit":50})").arg(worstGapMs);
        // The 50 ms target is reported above; the assertion catches a GUI thread that waits on the
        // training outright (a step, or the corpus pass), without making a loaded machine flaky.
        QVERIFY2(worstGapMs < 1000, qPrintable(QString("the GUI thread stalled for %1 ms").arg(worstGapMs)));

        QElapsedTimer stopping;
        stopping.start();
        window.stopButton()->click();
        QCOMPARE(window.state(), TrainingWindow::State::Cancelling);
        QVERIFY(!window.stopButton()->isEnabled());
        QVERIFY(ended.wait(30000));
        qInfo().noquote() << QString(R"({"metric":"training_stop_ms","value":%1})").arg(stopping.elapsed());
        QCOMPARE(window.state(), TrainingWindow::State::Idle);
        const QString message = ended.first().first().toString();
        QVERIFY2(message.startsWith(QString("Stopped: training of '%1' cancelled after step ").arg(bundle)),
                 qPrintable(message));
        QVERIFY2(message.endsWith("; its checkpoint resumes with --resume"), qPrintable(message));
        QVERIFY(QFileInfo::exists(bundle + "/checkpoint/state.json"));
        QVERIFY(window.lastError().isEmpty()); // a stop is not an error
        QVERIFY(window.startButton()->isEnabled());
    }

    void fitsACodecThenTrainsTheTalker()
    {
        const QString bundle = m_dir.path() + "/new-chapter";
        TrainingWindow window;
        window.show();
        setTinyRun(window, m_corpus, bundle, 2);
        window.validEveryBox()->setValue(2);
        window.fitCodecBox()->setChecked(true);
        QVERIFY(!window.resumeBox()->isEnabled());
        QCOMPARE(window.presetBox()->currentData().toString(), QString("chapter"));
        window.kmeansBox()->setValue(2);
        QSignalSpy ended(&window, &TrainingWindow::jobEnded);
        QVERIFY(window.start());
        QVERIFY(ended.wait(JobTimeoutMs));
        QVERIFY2(ended.first().first().toString().startsWith("Finished"), qPrintable(ended.first().first().toString()));
        const ModelBundle trained = ModelBundle::load(bundle.toStdString());
        QCOMPARE(trained.config.talker.codebooks, 2);
        QVERIFY(trained.config.provenance["codec"]["recipe"].get<std::string>().find("--kmeans-iterations 2") !=
                std::string::npos);
        // The recipe names the codec type: `talker train-codec` alone would train a context codec.
        QCOMPARE(trained.config.codec.type, std::string("rvq"));
        QVERIFY2(trained.config.provenance["codec"]["recipe"].get<std::string>().find(" --codec rvq ") !=
                     std::string::npos,
                 trained.config.provenance["codec"]["recipe"].get<std::string>().c_str());
        QCOMPARE(trained.config.metrics["codec"]["valid_logmel_mse_by_codebooks"].size(), std::size_t(2));
        QCOMPARE(window.curves()->trainPoints(), 2);
        QCOMPARE(window.curves()->validPoints(), 1);
        QVERIFY(window.findChild<QPushButton*>("openTrainedButton")->isEnabled());
        // The log shows the codec fit's progress.
        QVERIFY(
            window.findChild<QPlainTextEdit*>("trainingLog")->toPlainText().contains("codebook 2/2: iteration 2/2"));
    }

    void trainsOnAFolderOfRecordings()
    {
        // The corpus's recordings without their lists, one subfolder per voice.
        const fs::path folder = fs::path(m_dir.path().toStdString()) / "recordings";
        for (int voice = 0; voice < 2; ++voice) {
            fs::create_directories(folder / ("voice-" + std::to_string(voice)));
            for (int u = 0; u < 6; ++u) {
                const std::string name = "train-" + std::to_string(voice) + "-" + std::to_string(u) + ".wav";
                fs::copy_file(fs::path(m_corpus.toStdString()) / "wavs" / name,
                              folder / ("voice-" + std::to_string(voice)) / name);
            }
        }
        const QString bundle = m_dir.path() + "/from-recordings";
        fs::copy(m_tiny.toStdString(), bundle.toStdString(), fs::copy_options::recursive);
        TrainingWindow window;
        window.show();
        setTinyRun(window, QString::fromStdString(folder.string()), bundle, 3);
        QSignalSpy ended(&window, &TrainingWindow::jobEnded);
        QVERIFY(window.start());
        QVERIFY(ended.wait(JobTimeoutMs));
        QVERIFY2(ended.first().first().toString().startsWith("Finished"), qPrintable(ended.first().first().toString()));
        QCOMPARE(readCorpusSplit(folder, "train").utterances.size(), std::size_t(11)); // every 10th file validates
        QCOMPARE(readCorpusSplit(folder, "valid").utterances.size(), std::size_t(1));
        QVERIFY(window.findChild<QPlainTextEdit*>("trainingLog")
                    ->toPlainText()
                    .contains("training files: 11, validation files: 1, voices: 2"));
        QCOMPARE(window.curves()->trainPoints(), 3);
    }

    void badInputNamesThePath()
    {
        TrainingWindow window;
        window.show();
        const QString missing = m_dir.path() + "/no-such-corpus";
        setTinyRun(window, missing, m_tiny, 5);
        QVERIFY(!window.start());
        QCOMPARE(window.lastError(), QString("The corpus folder '%1' does not exist.").arg(missing));

        const QString notCorpus = m_dir.path() + "/not-a-corpus";
        QVERIFY(QDir().mkpath(notCorpus));
        window.corpusEdit()->setText(notCorpus);
        QVERIFY(!window.start());
        QCOMPARE(window.lastError(),
                 QString("The folder '%1' is neither a corpus (it has no train.tsv) nor a folder of "
                         "audio files (WAV, FLAC, OGG). Make a corpus with scripts/make-dataset, or "
                         "choose a folder of recordings.")
                     .arg(notCorpus));
        const QString halfCorpus = m_dir.path() + "/half-corpus";
        QVERIFY(QDir().mkpath(halfCorpus));
        QFile::copy(m_corpus + "/train.tsv", halfCorpus + "/train.tsv");
        window.corpusEdit()->setText(halfCorpus);
        QVERIFY(!window.start());
        QCOMPARE(window.lastError(), QString("The folder '%1' is not a corpus: it has no valid.tsv. Make one with "
                                             "scripts/make-dataset.")
                                         .arg(halfCorpus));

        window.corpusEdit()->setText(m_corpus);
        window.bundleEdit()->setText(notCorpus);
        QVERIFY(!window.start());
        QCOMPARE(window.lastError(),
                 QString("'%1' is not a model bundle (it has no model.json). Tick \"Fit a new codec "
                         "first\" to make a new one there.")
                     .arg(notCorpus));

        window.fitCodecBox()->setChecked(true);
        window.bundleEdit()->setText(m_tiny);
        QVERIFY(!window.start());
        QVERIFY2(window.lastError().startsWith(QString("The folder '%1' already holds a model bundle").arg(m_tiny)),
                 qPrintable(window.lastError()));

        // A folder that cannot be made: its parent is a file (root may write anywhere else).
        const QString file = m_dir.path() + "/a-file";
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        window.bundleEdit()->setText(file + "/bundle");
        QVERIFY(!window.start());
        QCOMPARE(window.lastError(), QString("Cannot create the bundle folder '%1/bundle'.").arg(file));

        window.fitCodecBox()->setChecked(false);
        window.bundleEdit()->setText(m_tiny);
        window.windowFramesBox()->setValue(2);
        window.batchBox()->setValue(1);
        window.stepsBox()->setValue(1);
        window.resumeBox()->setChecked(true); // no checkpoint in m_tiny after a finished run
        QSignalSpy ended(&window, &TrainingWindow::jobEnded);
        std::error_code ec;
        fs::remove_all(fs::path(m_tiny.toStdString()) / "checkpoint", ec);
        QVERIFY(window.start());
        QVERIFY(ended.wait(JobTimeoutMs));
        QCOMPARE(window.lastError(), QString("Training failed: cannot resume from '%1/checkpoint/state.json': it does "
                                             "not exist (no checkpoint yet)")
                                         .arg(m_tiny));
        QCOMPARE(window.state(), TrainingWindow::State::Idle);
    }

    void opensAShippedLossLog()
    {
        TrainingWindow window;
        window.show();
        const QString path = QStringLiteral(TALKER_SOURCE_DIR "/resources/models/chapter/train-log.jsonl");
        QVERIFY(window.openLossLog(path));
        int logged = 0, validated = 0;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            logged += !line.isEmpty();
            validated += line.contains("\"valid_loss_by_codebook\"");
        }
        QVERIFY(logged > 10 && validated > 1);
        QCOMPARE(window.curves()->trainPoints(), logged);
        QCOMPARE(window.curves()->validPoints(), validated);

        const QString broken = m_dir.path() + "/broken-log.jsonl";
        QFile out(broken);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("{\"step\":1,\"train_loss\":9.0,\"train_loss_by_codebook\":[4.5,4.5]}\n{\"step\":2,\"train_lo\n");
        out.close();
        QVERIFY(!window.openLossLog(broken));
        QVERIFY2(
            window.lastError().startsWith(QString("Cannot read the loss log '%1', line 2: not valid JSON").arg(broken)),
            qPrintable(window.lastError()));
        QCOMPARE(window.curves()->trainPoints(), logged); // the curves on screen stay

        // A last line without its newline is the one a running training is writing: not read.
        const QString running = m_dir.path() + "/running-log.jsonl";
        QFile live(running);
        QVERIFY(live.open(QIODevice::WriteOnly));
        live.write("{\"step\":1,\"train_loss\":9.0,\"train_loss_by_codebook\":[4.5,4.5]}\n{\"step\":2,\"train_lo");
        live.close();
        QVERIFY(window.openLossLog(running));
        QCOMPARE(window.curves()->trainPoints(), 1);
    }

    void mainWindowOpensTheTrainingWindow()
    {
        MainWindow::Options options;
        options.bundlePath = m_tiny;
        options.useSettings = false;
        options.askBeforeDiscarding = false;
        MainWindow main(options);
        main.show();
        QAction* train = main.action("train");
        QVERIFY(train);
        train->trigger();
        auto* window = main.findChild<TrainingWindow*>();
        QVERIFY(window && window->isVisible());
        train->trigger(); // the same window again, not a second one
        QCOMPARE(main.findChildren<TrainingWindow*>().size(), qsizetype(1));
    }
};

QTEST_MAIN(TestTraining)
#include "test_training.moc"
