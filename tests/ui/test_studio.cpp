// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's main window, driven on the offscreen platform: generation fills every view, Stop,
// rapid Generate/Stop, step mode, exports that read back equal, a reopened take regenerating the
// same codes, recordings, and the messages for a missing audio device, a broken WAV and a broken
// model. Also measures (and prints as JSON lines) the start-up time, the time from Generate to the
// first frame on screen, and the GUI thread's worst event-loop latency during a 200-frame take.
#include "../support/FileSizeLimit.h"
#include "../support/Fixtures.h"
#include "../support/StudioFixtures.h"
#include "AudioPlayer.h"
#include "GenerationController.h"
#include "MainWindow.h"
#include "TakeDocument.h"
#include "TakeHistory.h"
#include "TimeAxis.h"
#include "ViewExport.h"
#include "panels/GenerationPanel.h"
#include "panels/ModelPanel.h"
#include "panels/RecordingPanel.h"
#include "views/AttentionView.h"
#include "views/CodeGridView.h"
#include "views/MelView.h"
#include "views/ProbabilityRenderer.h"
#include "views/ProbabilityView.h"
#include "views/SamplingRowView.h"
#include "views/ViewFrame.h"
#include "views/WaveformView.h"

#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Generator.h"
#include "talker/ModelBundle.h"
#include "talker/Sampler.h"
#include "talker/TakeFile.h"
#include "talker/Vocoder.h"

#include <QtTest>

#include <QComboBox>
#include <QDialog>
#include <QScrollBar>
#include <QTextBrowser>
#include <QRegularExpression>
#include <QLineEdit>
#include <QMenu>
#include <QUndoStack>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolButton>

#include <cmath>
#include <filesystem>
#include <functional>

using namespace talker;
using namespace talker::ui;
using talker::test::makeWindow;

namespace {

constexpr int TakeTimeoutMs = 120000; // a 200-frame take on a loaded 2-core machine, with margin

bool waitForTake(MainWindow& window, int timeoutMs = TakeTimeoutMs)
{
    QSignalSpy spy(&window, &MainWindow::takeCompleted);
    return spy.wait(timeoutMs);
}

void setFrames(MainWindow& window, int frames, bool realTime = false, quint64 seed = 1)
{
    window.generationPanel()->framesBox()->setValue(frames);
    window.generationPanel()->paceBox()->setCurrentIndex(realTime ? 1 : 0);
    window.generationPanel()->seedEdit()->setText(QString::number(seed));
}

// A shown window on the shipped default model (as a user starts it), settings off, with `frames`
// in the generation panel and the model prepared.
std::unique_ptr<MainWindow> shippedModelWindow(int frames)
{
    MainWindow::Options options;
    options.useSettings = false;
    options.askBeforeDiscarding = false;
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    setFrames(*window, frames);
    QTest::qWait(300);
    return window;
}

// Distinct colours in a widget's picture: an empty view has a handful (background, axes, labels).
int distinctColours(QWidget* widget, const QRect& area)
{
    const QImage image = widget->grab().toImage();
    QSet<QRgb> colours;
    for (int y = area.top(); y <= area.bottom(); y += 2)
        for (int x = area.left(); x <= area.right(); x += 2)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

// Pixels (every second one) in the waveform's green: an empty waveform view has none. (Counting
// colours is not enough there: a column-per-pixel waveform over the background may be only two,
// depending on the view's width.)
int wavePixels(QWidget* widget, const QRect& area)
{
    const QImage image = widget->grab().toImage();
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); y += 2)
        for (int x = area.left(); x <= area.right(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            n += c.green() > c.red() + 50 && c.green() > c.blue() + 20;
        }
    return n;
}

// A window showing a finished take of `frames` frames, the whole take in view; null when the take
// did not finish.
std::unique_ptr<MainWindow> windowWithFittedTake(const QString& bundle, int frames)
{
    auto window = makeWindow(bundle);
    setFrames(*window, frames);
    window->generate();
    if (!waitForTake(*window))
        return nullptr;
    window->timeAxis()->fit();
    QTest::qWait(50);
    return window;
}

} // namespace

class TestStudio : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString m_bundle;

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateStudioSettings(m_dir.path());
        m_bundle = m_dir.path() + "/chapter";
        ModelBundle::initialise(ModelConfig::chapter(), 1).save(m_bundle.toStdString());
    }

    void startsWithTheBundleWithinTwoSeconds()
    {
        QElapsedTimer timer;
        timer.start();
        auto window = makeWindow(m_bundle);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const qint64 ms = timer.elapsed();
        qInfo().noquote() << QString(R"({"metric":"window_shown_ms","value":%1,"limit":2000})").arg(ms);
        QVERIFY(window->bundle());
        QCOMPARE(window->document()->codebooks(), 2);
        QVERIFY(window->action("generate")->isEnabled());
        // The 2 s target is reported above (and by its JSON line); the assertion only catches a
        // start-up that blocks outright, so a loaded CI machine cannot make it flaky.
        QVERIFY2(ms <= 20000, qPrintable(QString("window shown after %1 ms").arg(ms)));
    }

    void startsWithTheShippedBundleWithinTwoSeconds()
    {
        // As a user starts it: no --bundle, so the shipped default model (resources/models/chapter).
        QElapsedTimer timer;
        timer.start();
        MainWindow::Options options;
        options.useSettings = false;
        options.askBeforeDiscarding = false;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const qint64 ms = timer.elapsed();
        qInfo().noquote()
            << QString(R"({"metric":"window_shown_with_shipped_bundle_ms","value":%1,"limit":2000})").arg(ms);
        QVERIFY(window.bundle());
        QVERIFY(window.bundle()->config.provenance.value("trained", false)); // the trained model, not a stand-in
        QVERIFY2(ms <= 20000, qPrintable(QString("window shown after %1 ms").arg(ms)));
        // The model panel lists provenance and metrics readably: word error rates as percentages,
        // numbers to three significant digits (issue 19: raw JSON with 16-digit floats before).
        const QString panel = window.modelPanel()->text();
        QVERIFY2(QRegularExpression(R"(overall\s+\d+\.\d % \[\d+\.\d, \d+\.\d\])").match(panel).hasMatch(),
                 qPrintable(panel));
        QVERIFY2(!QRegularExpression(R"(\d\.\d{5,})").match(panel).hasMatch(), qPrintable(panel));
        QVERIFY2(!panel.contains(QLatin1Char('{')), qPrintable(panel));
    }

    void generateFillsEveryView()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 50);
        window->action("generate")->trigger();
        QVERIFY(waitForTake(*window));
        QTest::qWait(100); // a few repaint ticks
        QCOMPARE(window->document()->frames(), FrameIndex(50));
        QCOMPARE(window->codeGridView()->paintedFrames(), FrameIndex(50));
        QCOMPARE(window->melView()->paintedFrames(), FrameIndex(50));
        // The full render of T frames is (T * S - 1) hops long: a frame's worth less than T frames.
        QVERIFY(window->waveformView()->paintedFrames() >= 49);
        QCOMPARE(window->probabilityView()->shownFrame(), FrameIndex(49));
        QVERIFY(window->document()->probabilities(49) != nullptr);
        // And the pictures hold the take (many colours, not an empty background).
        QVERIFY(distinctColours(window->codeGridView(), window->codeGridView()->plotRect()) > 20);
        QVERIFY(distinctColours(window->melView(), window->melView()->plotRect()) > 20);
        QVERIFY(wavePixels(window->waveformView(), window->waveformView()->plotRect()) > 100);
        QVERIFY(distinctColours(window->probabilityView(), window->probabilityView()->rect()) > 5);
        // Clicking a frame in one view selects it everywhere and shows its probabilities.
        CodeGridView* grid = window->codeGridView();
        window->timeAxis()->fit();
        QTest::qWait(50);
        const QRect plot = grid->plotRect();
        const int x = plot.left() + int((10.5 / window->timeAxis()->spanFrames()) * plot.width());
        QTest::mouseClick(grid, Qt::LeftButton, {}, QPoint(x, plot.center().y()));
        QCOMPARE(window->timeAxis()->selectedFrame(), FrameIndex(10));
        QCOMPARE(window->probabilityView()->shownFrame(), FrameIndex(10));
        QVERIFY(grid->describeAt(QPoint(x, plot.top() + 2)).startsWith("Frame 10 (0.80 s), base: code "));
        // Zoom moves every view together.
        const double span = window->timeAxis()->spanFrames();
        window->action("zoomIn")->trigger();
        QCOMPARE(window->timeAxis()->spanFrames(), span / 2);
        window->action("fit")->trigger();
        QCOMPARE(window->timeAxis()->spanFrames(), 50.0);
    }

    void codebooksHeardChosenDuringATakeApplyWhenItEnds()
    {
        auto window = makeWindow(m_bundle);
        auto* heard = window->findChild<QSpinBox*>(QStringLiteral("codebooksHeardBox"));
        QVERIFY(heard);
        setFrames(*window, 40);
        window->action("generate")->trigger();
        QVERIFY(heard->isEnabled()); // may be changed while the take runs
        heard->setValue(1);
        QVERIFY(waitForTake(*window));
        // The take streamed with both codebooks; the base-only decode follows it.
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->codebooksUsed(), 1, 20000);
        QCOMPARE(heard->value(), 1);
        // And the choice stays for the next take.
        window->action("generate")->trigger();
        QVERIFY(waitForTake(*window));
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->codebooksUsed(), 1, 20000);
    }

    void firstFrameAndEventLoopLatency()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 200);
        QTest::qWait(500); // the worker prepares the model
        QElapsedTimer sinceGenerate;
        qint64 firstFrameMs = -1;
        connect(window->codeGridView(), &TimeView::painted, this, [&](FrameIndex frames) {
            if (frames > 0 && firstFrameMs < 0)
                firstFrameMs = sinceGenerate.elapsed();
        });
        // The probe: a 5 ms timer; how late it fires is how long the GUI thread was busy.
        QElapsedTimer probeClock;
        qint64 last = 0, worstLatenessMs = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = probeClock.elapsed();
            worstLatenessMs = std::max(worstLatenessMs, now - last - 5);
            last = now;
        });
        sinceGenerate.start();
        probeClock.start();
        probe.start();
        window->generate();
        QVERIFY(waitForTake(*window));
        probe.stop();
        QCOMPARE(window->document()->frames(), FrameIndex(200));
        qInfo().noquote()
            << QString(R"({"metric":"first_frame_on_screen_ms","value":%1,"limit":100})").arg(firstFrameMs);
        qInfo().noquote() << QString(R"({"metric":"gui_event_loop_max_latency_ms","value":%1,"limit":50,"frames":200})")
                                 .arg(worstLatenessMs);
        // Targets (100 ms, 50 ms) are reported by the JSON lines above; the assertions use ten times
        // the target so that only a real regression (the GUI thread waiting on the model) fails,
        // not a CI machine whose other test executables share the two cores.
        QVERIFY2(firstFrameMs >= 0 && firstFrameMs <= 1000,
                 qPrintable(QString("first frame after %1 ms").arg(firstFrameMs)));
        QVERIFY2(worstLatenessMs < 500,
                 qPrintable(QString("the GUI thread was blocked for %1 ms").arg(worstLatenessMs)));
    }

    // Issue 19: "Continue from a recording: first frame 1.5-3.1 s after Continue, 114-136 ms/frame
    // (CLI: 2.8 s for the whole take)". With the shipped model, a 6 s recording continued from
    // frame 25 for 200 frames, against a plain 200-frame take in the same window; and with
    // "codebooks heard" below all, whose background re-render of the recording was queued ahead
    // of the continuation.
    void continuingARecordingIsAsFastAsATake()
    {
        const int rate = 16000;
        std::vector<float> sound(std::size_t(rate * 6));
        for (std::size_t i = 0; i < sound.size(); ++i) {
            const double t = double(i) / rate;
            sound[i] = float(0.3 * std::sin(2 * M_PI * (180.0 + 40.0 * std::sin(2 * M_PI * 0.7 * t)) * t) *
                             (0.6 + 0.4 * std::sin(2 * M_PI * 2.5 * t)));
        }
        const QString path = m_dir.path() + "/continue.wav";
        writeWav(path.toStdString(), sound, rate);
        const auto window = shippedModelWindow(200);
        QVERIFY(window && window->bundle());
        const auto timeTake = [&](const std::function<void()>& start, qint64* firstFrameMs) {
            QElapsedTimer clock;
            *firstFrameMs = -1;
            auto connection = connect(window->document(), &TakeDocument::framesAppended, this, [&](FrameIndex) {
                if (*firstFrameMs < 0 && !window->document()->finishedTake().codes.frames() &&
                    window->document()->frames() > window->document()->promptFrames())
                    *firstFrameMs = clock.elapsed();
            });
            QSignalSpy done(window.get(), &MainWindow::takeCompleted);
            clock.start();
            start();
            const bool finished = done.wait(TakeTimeoutMs);
            disconnect(connection);
            return finished ? clock.elapsed() : qint64(-1);
        };
        qint64 plainFirst = 0, continueFirst = 0, lowFirst = 0;
        const qint64 plainMs = timeTake([&] { window->generate(); }, &plainFirst);
        QSignalSpy shown(window.get(), &MainWindow::recordingShown);
        window->openAudio(path);
        QVERIFY(shown.wait(60000));
        window->recordingPanel()->promptFramesBox()->setValue(25);
        const qint64 continueMs =
            timeTake([&] { window->recordingPanel()->continueButton()->click(); }, &continueFirst);
        // Fewer codebooks heard: the recording's reconstruction is decoded again in the background.
        window->codebooksHeardBox()->setValue(1);
        window->openAudio(path);
        QVERIFY(shown.wait(60000));
        window->recordingPanel()->promptFramesBox()->setValue(25);
        const qint64 lowMs = timeTake([&] { window->recordingPanel()->continueButton()->click(); }, &lowFirst);
        qInfo().noquote()
            << QString(
                   R"({"metric":"continue_take_ms","plain":%1,"continue":%2,"continue_fewer_codebooks":%3,)"
                   R"("first_frame_ms_plain":%4,"first_frame_ms_continue":%5,"first_frame_ms_continue_fewer":%6,"frames":200})")
                   .arg(plainMs)
                   .arg(continueMs)
                   .arg(lowMs)
                   .arg(plainFirst)
                   .arg(continueFirst)
                   .arg(lowFirst);
        QVERIFY(plainMs > 0 && continueMs > 0 && lowMs > 0);
        // The issue saw the first frame 1.5-3.1 s after Continue and the take ~30 times slower
        // than the CLI's; the bounds leave room for a loaded CI machine, not for that.
        for (const qint64 first : {continueFirst, lowFirst})
            QVERIFY2(first >= 0 && first <= 1000, qPrintable(QString("first continued frame after %1 ms").arg(first)));
        for (const qint64 ms : {continueMs, lowMs})
            QVERIFY2(ms <= 3 * plainMs + 500,
                     qPrintable(QString("continued take %1 ms, plain take %2 ms").arg(ms).arg(plainMs)));
    }

    // Issue 19: "with any other process using the CPU, GUI generation is ~10x slower than the CLI
    // (14.9 s against 1.8 s for 200 frames)": threads oversubscribed. With one core kept busy by
    // another process, a studio take of the shipped model (Generate to its final audio) against
    // what the CLI does for one (the engine's take, then the vocoder's render), in turns.
    void aTakeBesideABusyCoreIsAsFastAsTheEngines()
    {
        const auto window = shippedModelWindow(200);
        QVERIFY(window && window->bundle());
        const auto bundle = window->bundle();
        Generator generator(bundle);
        const auto vocoder = makeVocoder(bundle->config);
        QProcess busy; // one core kept busy, as another program would
        busy.start("awk", {"BEGIN { while (1) x++ }"});
        QVERIFY(busy.waitForStarted());
        std::vector<double> studio, engine;
        for (int round = 0; round < 3; ++round) {
            QElapsedTimer clock;
            clock.start();
            GenerationParams params;
            params.frames = 200;
            params.sampling.seed = std::uint64_t(round + 1);
            const Take take = generator.run(params);
            vocoder->render(take.mel);
            engine.push_back(double(clock.elapsed()));
            QSignalSpy done(window.get(), &MainWindow::takeCompleted);
            clock.restart();
            window->generate();
            QVERIFY(done.wait(TakeTimeoutMs));
            studio.push_back(double(clock.elapsed()));
        }
        busy.kill();
        busy.waitForFinished();
        std::sort(studio.begin(), studio.end());
        std::sort(engine.begin(), engine.end());
        qInfo().noquote()
            << QString(R"({"metric":"take_beside_a_busy_core_ms","studio":%1,"engine":%2,"ratio":%3,"frames":200})")
                   .arg(studio[1])
                   .arg(engine[1])
                   .arg(studio[1] / engine[1], 0, 'f', 2);
        // The issue saw 8x; the bound leaves room for a loaded CI machine, not for that.
        QVERIFY2(studio[1] <= 2.5 * engine[1] + 500.0,
                 qPrintable(QString("studio %1 ms, engine %2 ms (medians of 3)").arg(studio[1]).arg(engine[1])));
    }

    void stopEndsWithinOneFrame()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 200, /*realTime=*/true);
        QSignalSpy finished(window->controller(), &GenerationController::takeFinished);
        window->generate();
        QTRY_VERIFY_WITH_TIMEOUT(window->document()->frames() >= 10, 30000);
        const FrameIndex seen = window->document()->frames();
        QElapsedTimer timer;
        timer.start();
        window->action("stop")->trigger();
        QCOMPARE(window->controller()->state(), GenerationController::State::Cancelling);
        QVERIFY(finished.wait(5000));
        const qint64 stopMs = timer.elapsed();
        const auto take = finished.first().first().value<FinishedTake>();
        QVERIFY(take.take.cancelled);
        qInfo().noquote() << QString(R"({"metric":"stop_to_idle_ms","value":%1,"frames_seen":%2,"frames_in_take":%3})")
                                 .arg(stopMs)
                                 .arg(seen)
                                 .arg(take.take.codes.frames());
        // The worker finishes the frame in hand: at most one frame beyond what was on screen
        // (plus one already queued to the GUI thread when Stop was pressed).
        QVERIFY(take.take.codes.frames() <= seen + 2);
        QCOMPARE(window->controller()->state(), GenerationController::State::Idle);
        QVERIFY(stopMs < 500);
        // Responsive: the window still generates.
        setFrames(*window, 5);
        window->generate();
        QVERIFY(waitForTake(*window));
        QCOMPARE(window->document()->frames(), FrameIndex(5));
    }

    void rapidGenerateStopCycles()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 100);
        for (int i = 0; i < 100; ++i) {
            window->generate();
            QCoreApplication::processEvents();
            window->stop();
            QCoreApplication::processEvents();
        }
        QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), GenerationController::State::Idle, 60000);
        setFrames(*window, 10);
        window->generate();
        QVERIFY(waitForTake(*window));
        QCOMPARE(window->document()->frames(), FrameIndex(10));
    }

    void stepModeMakesOneFrameAtATime()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 20);
        QElapsedTimer wall;
        wall.start();
        window->action("step")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->frames(), FrameIndex(1), 10000);
        QTest::qWait(200);
        QCOMPARE(window->document()->frames(), FrameIndex(1)); // paused
        window->action("step")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->frames(), FrameIndex(2), 10000);
        QTest::qWait(1500);
        QCOMPARE(window->document()->frames(), FrameIndex(2));
        QCOMPARE(window->action("generate")->text(), tr("&Run to End"));
        window->action("generate")->trigger(); // runs to the end
        QVERIFY(waitForTake(*window));
        QCOMPARE(window->document()->frames(), FrameIndex(20));
        // The summary counts generation time, not the 1.7 s the take stood paused between Steps
        // (issue 19: "2358.0 ms/frame" after a stepped take).
        const QString summary = window->findChild<QLabel*>("frameLabel")->text();
        const auto match = QRegularExpression(R"(20 frames in (\d+) ms)").match(summary);
        QVERIFY2(match.hasMatch(), qPrintable(summary));
        QVERIFY2(match.captured(1).toLongLong() < wall.elapsed() - 1700,
                 qPrintable(QString("%1 (%2 ms from the first Step to the end)").arg(summary).arg(wall.elapsed())));
    }

    void exportsReadBackEqual()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 30, false, 42);
        window->generate();
        QVERIFY(waitForTake(*window));
        const QString dir = m_dir.path();
        const AudioBuffer audio = window->document()->audio();
        QVERIFY(!audio->empty());

        QVERIFY(window->exportAudio(dir + "/take.wav", SampleFormat::Float32, false));
        const std::vector<float> floats = readAudio((dir + "/take.wav").toStdString());
        QCOMPARE(floats.size(), audio->size());
        for (std::size_t i = 0; i < floats.size(); ++i)
            QCOMPARE(floats[i], (*audio)[i]); // float WAV at the same rate: bit-exact

        QVERIFY(window->exportAudio(dir + "/take16.wav", SampleFormat::Pcm16, false));
        const std::vector<float> pcm = readAudio((dir + "/take16.wav").toStdString());
        QCOMPARE(pcm.size(), audio->size());
        for (std::size_t i = 0; i < pcm.size(); ++i)
            QVERIFY(std::abs(pcm[i] - (*audio)[i]) <= 1.0f / 32768.0f); // one 16-bit step

        window->timeAxis()->setSelection(5, 15, 5);
        QVERIFY(window->exportAudio(dir + "/selection.wav", SampleFormat::Float32, true));
        QCOMPARE(readAudio((dir + "/selection.wav").toStdString()).size(), std::size_t(10 * 1280));

        QVERIFY(window->exportCodes(dir + "/codes.csv"));
        QVERIFY(readCodesCsv((dir + "/codes.csv").toStdString()) == window->document()->codes());
        QVERIFY(window->exportCodes(dir + "/codes.json"));
        QVERIFY(readCodesJson((dir + "/codes.json").toStdString()) == window->document()->codes());

        for (auto view : {MainWindow::View::CodeGrid, MainWindow::View::Mel, MainWindow::View::Waveform,
                          MainWindow::View::Probabilities}) {
            const QString png = dir + QString("/view%1.png").arg(int(view));
            QVERIFY(window->exportViewImage(view, png));
            QVERIFY(!QImage(png).isNull());
        }

        QVERIFY(window->saveTake(dir + "/take.json"));
        const TakeFile file = readTakeFile((dir + "/take.json").toStdString());
        QVERIFY(file.codes == window->document()->codes());
        QCOMPARE(file.params.sampling.seed, std::uint64_t(42));
        QCOMPARE(file.params.frames, 30);
        QCOMPARE(file.bundleFingerprint, bundleFingerprint(*window->bundle()));
        // Failures name the file and the cause.
        QVERIFY(!window->exportCodes("/nonexistent-dir/codes.csv"));
        QVERIFY2(window->lastError().contains("/nonexistent-dir/codes.csv"), qPrintable(window->lastError()));
    }

    void reopenedTakeRegeneratesIdenticalCodes()
    {
        const QString path = m_dir.path() + "/reopen.json";
        Codes original;
        {
            auto window = makeWindow(m_bundle);
            setFrames(*window, 25, false, 7);
            window->generationPanel()->temperatureBox()->setValue(0.8);
            window->generationPanel()->topKBox()->setValue(20);
            window->generate();
            QVERIFY(waitForTake(*window));
            original = window->document()->codes();
            QVERIFY(window->saveTake(path));
        }
        auto window = makeWindow(m_bundle);
        setFrames(*window, 3, false, 99); // different settings: the take file's replace them
        QVERIFY(window->openTake(path));
        QVERIFY(waitForTake(*window));
        QVERIFY(window->lastRegenerationMatched().has_value());
        QVERIFY(*window->lastRegenerationMatched());
        QVERIFY(window->document()->codes() == original);
        QCOMPARE(window->generationPanel()->seedEdit()->text(), QString("7"));
        QCOMPARE(window->generationPanel()->topKBox()->value(), 20);
    }

    void rendersAndAnalysesCanBeCancelled()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 200);
        window->generate();
        QVERIFY(waitForTake(*window));
        GenerationController* controller = window->controller();
        QSignalSpy cancelled(controller, &GenerationController::backgroundWorkCancelled);
        QSignalSpy rendered(controller, &GenerationController::audioRendered);

        // Stop cancels a re-render in flight; the views keep the decode they had.
        window->codebooksHeardBox()->setValue(1);
        QVERIFY(controller->hasBackgroundWork());
        QVERIFY(window->action("stop")->isEnabled());
        QElapsedTimer stopping;
        stopping.start();
        window->stop();
        QVERIFY(cancelled.wait(10000));
        qInfo().noquote() << QString(R"({"metric":"render_stop_ms","value":%1})").arg(stopping.elapsed());
        QCOMPARE(cancelled.first().first().value<GenerationController::Job>(), GenerationController::Job::Render);
        QCOMPARE(rendered.size(), 0);
        QCOMPARE(window->document()->codebooksUsed(), 2);
        QCOMPARE(window->codebooksHeardBox()->value(), 2); // says what is heard again
        QVERIFY(!controller->hasBackgroundWork());
        QVERIFY(!window->action("stop")->isEnabled());

        // A newer request cancels the older one (not reported: it was replaced); only the newer renders.
        window->codebooksHeardBox()->setValue(1);
        controller->renderAudio(window->document()->codes(), 1);
        QVERIFY(rendered.wait(60000));
        QTest::qWait(50);
        QCOMPARE(rendered.size(), 1);
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(window->document()->codebooksUsed(), 1);

        // Stop cancels the analysis of a recording too.
        std::vector<float> tone(16000 * 4);
        for (std::size_t i = 0; i < tone.size(); ++i)
            tone[i] = 0.5f * float(std::sin(2 * M_PI * 220.0 * double(i) / 16000));
        const QString path = m_dir.path() + "/long-tone.wav";
        writeWav(path.toStdString(), tone, 16000);
        QSignalSpy shown(window.get(), &MainWindow::recordingShown);
        window->openAudio(path);
        window->stop();
        QVERIFY(cancelled.wait(10000));
        QCOMPARE(cancelled.last().first().value<GenerationController::Job>(), GenerationController::Job::Analysis);
        QCOMPARE(window->statusBar()->currentMessage(), QString("Stopped opening the recording."));
        QTest::qWait(50);
        QCOMPARE(shown.size(), 0);
        QCOMPARE(window->document()->source(), TakeDocument::Source::Generated);
    }

    void exportsViewsAtAChosenScale()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 20);
        window->generate();
        QVERIFY(waitForTake(*window));
        QTest::qWait(100);
        const QList<QPair<MainWindow::View, QWidget*>> views = {
            {MainWindow::View::CodeGrid, window->codeGridView()},
            {MainWindow::View::Mel, window->melView()},
            {MainWindow::View::Waveform, window->waveformView()},
            {MainWindow::View::Probabilities, window->probabilityView()}};
        for (const auto& [view, widget] : views) {
            for (double scale : {1.0, 2.0}) {
                const QString path = m_dir.path() + QString("/view-%1-%2.png").arg(int(view)).arg(scale);
                QVERIFY(window->exportViewImage(view, path, scale));
                const QImage image(path);
                // The view, with a title band above it and, for the code grid and the mel, a time
                // ruler below (issue 19: exported pictures had no title or axis labels).
                const bool ruler = view == MainWindow::View::CodeGrid || view == MainWindow::View::Mel;
                const int bands = ViewExport::TitleHeight + (ruler ? ViewExport::RulerHeight : 0);
                QCOMPARE(image.size(), (QSizeF(widget->width(), widget->height() + bands) * scale).toSize());
                const auto textPixels = [&image, scale](int top, int height) {
                    int n = 0;
                    for (int y = int(top * scale); y < int((top + height) * scale); ++y)
                        for (int x = 0; x < image.width(); ++x)
                            n += qGray(image.pixel(x, y)) > 120;
                    return n;
                };
                QVERIFY2(textPixels(2, 30) > 100, "no title");
                if (ruler)
                    QVERIFY2(textPixels(widget->height() + ViewExport::TitleHeight + 4, ViewExport::RulerHeight - 4) >
                                 30,
                             "no time ruler");
                QSet<QRgb> colours;
                for (int y = 0; y < image.height(); y += 2)
                    for (int x = 0; x < image.width(); x += 2)
                        colours.insert(image.pixel(x, y));
                QVERIFY2(colours.size() > 5, qPrintable(QString("view %1 at %2x is blank").arg(int(view)).arg(scale)));
            }
            // Drawn at twice the resolution, not enlarged: it differs from the 1x picture with each
            // pixel doubled (text, lines and cells are drawn anew at the finer grid).
            const QImage one(m_dir.path() + QString("/view-%1-1.png").arg(int(view)));
            const QImage two(m_dir.path() + QString("/view-%1-2.png").arg(int(view)));
            QVERIFY2(two != one.scaled(two.size()), qPrintable(QString("view %1 was only enlarged").arg(int(view))));
        }
        QVERIFY(!window->exportViewImage(MainWindow::View::Mel, m_dir.path() + "/huge.png", 20.0));
        QCOMPARE(window->lastError(), QString("Cannot export the view at 20 times its size: choose from 0.25 to 8."));
        QVERIFY(!QFileInfo::exists(m_dir.path() + "/huge.png"));

        // Issue 14: the PNG writer went through QSaveFile, which renames over what the user named
        // (a symlink, /dev/null as root). Now it writes as the engine does; on a full disk and below
        // a file that is no directory the error names the file, the previous picture stays and no
        // temporary file is left.
        QDir pictures(m_dir.path());
        QVERIFY(pictures.mkpath("pictures") && pictures.cd("pictures"));
        const QString png = pictures.filePath("kept.png");
        QVERIFY(window->exportViewImage(MainWindow::View::Mel, png));
        const auto bytesOf = [](const QString& path) {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        const QByteArray previous = bytesOf(png);
        QVERIFY(previous.size() > 4096);
        {
            test::FileSizeLimit limit(4096);
            QVERIFY(limit.ok());
            QVERIFY(!window->exportViewImage(MainWindow::View::Mel, png, 2.0));
        }
        QCOMPARE(window->lastError(),
                 QString("Cannot export the view: cannot write file '%1': File too large").arg(png));
        QCOMPARE(bytesOf(png), previous);
        const QString below = png + "/inside.png";
        QVERIFY(!window->exportViewImage(MainWindow::View::Mel, below));
        QCOMPARE(window->lastError(),
                 QString("Cannot export the view: cannot write file '%1': Not a directory").arg(below));
        QCOMPARE(pictures.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"kept.png"});
        QVERIFY(QFile::link("kept.png", pictures.filePath("link.png")));
        QVERIFY(window->exportViewImage(MainWindow::View::Mel, pictures.filePath("link.png"), 2.0));
        QVERIFY(QFileInfo(pictures.filePath("link.png")).isSymLink());
        QVERIFY(bytesOf(png) != previous);
        QCOMPARE(QImage(png).size(), QImage(pictures.filePath("link.png")).size());
        QCOMPARE(pictures.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
                 (QStringList{"kept.png", "link.png"}));
    }

    void rowLabelsFitForTwoAndEightCodebooks()
    {
        const QString clear = m_dir.path() + "/clear";
        ModelBundle::initialise(ModelConfig::preset("clear"), 1).save(clear.toStdString());
        for (const QString& bundle : {m_bundle, clear}) {
            auto window = makeWindow(bundle);
            QTest::qWait(50);
            CodeGridView* grid = window->codeGridView();
            const int K = window->document()->codebooks();
            const QImage image = grid->grab().toImage();
            const QRect plot = grid->plotRect();
            // Label text is light grey on the dark margin; none of it may spill over the margin's
            // left edge (clipped by the window), and every row must have some.
            const auto isText = [](QRgb c) { return qGray(c) > 110; };
            for (int y = plot.top(); y <= plot.bottom(); ++y)
                for (int x = 0; x < 3; ++x)
                    QVERIFY2(
                        !isText(image.pixel(x, y)),
                        qPrintable(QString("K = %1: a row label is clipped at x = %2, y = %3").arg(K).arg(x).arg(y)));
            const double rowHeight = double(plot.height()) / K;
            for (int k = 0; k < K; ++k) {
                int textPixels = 0;
                for (int y = int(plot.top() + k * rowHeight); y < int(plot.top() + (k + 1) * rowHeight); ++y)
                    for (int x = 3; x < plot.left(); ++x)
                        textPixels += isText(image.pixel(x, y));
                QVERIFY2(textPixels > 5, qPrintable(QString("K = %1: row %2 has no label").arg(K).arg(k)));
            }
        }
    }

    // Ctrl+1 / Ctrl+3 / Ctrl+2 with a selection centre the view on it (issue 19: they zoomed
    // around the middle of the view, so a marked range at the end slid out of sight).
    void zoomCentresOnTheSelection()
    {
        TimeAxis axis;
        axis.setExtent(400);
        axis.fit();
        QCOMPARE(axis.startFrame(), 0.0);
        axis.zoomIn(); // no selection: around the middle
        QVERIFY(std::abs(0.5 * (axis.startFrame() + axis.endFrame()) - 200.0) < 1e-9);
        axis.fit();
        axis.setSelection(340, 360, 340);
        axis.zoomIn();
        QVERIFY2(std::abs(0.5 * (axis.startFrame() + axis.endFrame()) - 350.0) < 1e-9,
                 qPrintable(QString("view %1 .. %2").arg(axis.startFrame()).arg(axis.endFrame())));
        axis.zoomNormal();
        QVERIFY(std::abs(axis.endFrame() - axis.startFrame() - TimeAxis::NormalSpanFrames) < 1e-9);
        QVERIFY(axis.startFrame() <= 340 && axis.endFrame() >= 360);
        axis.zoomOut();
        QVERIFY(axis.startFrame() <= 340 && axis.endFrame() >= 360);
    }

    // A dragged range is visible in the code grid: the frames outside it are dimmed (issue 19: the
    // light wash did not show on the saturated cells).
    void codeGridShadesADraggedRange()
    {
        auto window = windowWithFittedTake(m_bundle, 40);
        QVERIFY(window);
        CodeGridView* grid = window->codeGridView();
        const QRect plot = grid->plotRect();
        const QImage before = grid->grab().toImage();
        window->timeAxis()->setSelection(10, 20, 10);
        QTest::qWait(50);
        const QImage after = grid->grab().toImage();
        const auto meanGray = [&plot](const QImage& image, double from, double to) {
            double sum = 0;
            int n = 0;
            for (int y = plot.top() + 2; y < plot.bottom() - 2; y += 2)
                for (int x = int(plot.left() + from * plot.width()); x < int(plot.left() + to * plot.width());
                     x += 2, ++n)
                    sum += qGray(image.pixel(x, y));
            return sum / std::max(1, n);
        };
        // Frames 25..35 of 40 are outside the selection: clearly darker than before.
        const double outsideBefore = meanGray(before, 25.0 / 40, 35.0 / 40),
                     outsideAfter = meanGray(after, 25.0 / 40, 35.0 / 40);
        QVERIFY2(outsideAfter < 0.7 * outsideBefore,
                 qPrintable(QString("outside %1 -> %2").arg(outsideBefore).arg(outsideAfter)));
        const double insideBefore = meanGray(before, 12.0 / 40, 18.0 / 40),
                     insideAfter = meanGray(after, 12.0 / 40, 18.0 / 40);
        QVERIFY2(insideAfter >= insideBefore,
                 qPrintable(QString("inside %1 -> %2").arg(insideBefore).arg(insideAfter)));
    }

    // Zooming under a resting mouse updates the mel's readout (issue 19: it went stale).
    void hoverReadoutFollowsAZoom()
    {
        auto window = windowWithFittedTake(m_bundle, 40);
        QVERIFY(window);
        MelView* mel = window->melView();
        const QRect plot = mel->plotRect();
        const QPoint point(plot.left() + plot.width() / 5, plot.center().y());
        QSignalSpy readouts(mel, &MelView::readout);
        QTest::mouseMove(mel, point);
        QTRY_VERIFY(!readouts.isEmpty());
        const QString before = readouts.last().first().toString();
        QVERIFY(before.contains(" Hz, "));
        window->timeAxis()->zoomIn();
        QTRY_VERIFY(readouts.last().first().toString() != before);
        QCOMPARE(readouts.last().first().toString(), mel->describeAt(point));
    }

    // F1 opens the explanations as a scrolling page that fits a laptop screen (issue 19: a message
    // box 1 087 px tall in German).
    void explanationsFitTheScreen()
    {
        auto window = makeWindow(m_bundle);
        window->findChild<QAction*>("learn")->trigger();
        QDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<QDialog*>("learnDialog")) && dialog->isVisible());
        QVERIFY2(dialog->height() <= 700, qPrintable(QString("%1 px").arg(dialog->height())));
        auto* text = dialog->findChild<QTextBrowser*>("learnText");
        QVERIFY(text && text->toPlainText().contains("codebook"));
        QVERIFY(text->verticalScrollBar()->maximum() > 0); // longer than the page: it scrolls
        dialog->close();
    }

    void rulerTicksStepOneTwoFive()
    {
        const auto near = [](const std::vector<double>& a, const std::vector<double>& b) {
            if (a.size() != b.size())
                return false;
            for (std::size_t i = 0; i < a.size(); ++i)
                if (std::abs(a[i] - b[i]) > 1e-9)
                    return false;
            return true;
        };
        QVERIFY(near(ViewExport::ticks(0.0, 16.0, 10), {0, 2, 4, 6, 8, 10, 12, 14, 16}));
        QVERIFY(near(ViewExport::ticks(0.3, 1.0, 5), {0.4, 0.6, 0.8, 1.0}));
        QVERIFY(near(ViewExport::ticks(0.0, 0.72, 8), {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}));
        QVERIFY(ViewExport::ticks(1.0, 1.0, 5).empty());
    }

    // With top-k 5 the bars are the five codes that could be drawn, not five more at 0 %; with
    // argmax the heading says so instead of "128 of 128 codes kept" (issue 19).
    void probabilityBarsShowOnlyDrawableCodes()
    {
        std::vector<float> probs(128, 0.0f);
        const int kept[] = {90, 7, 64, 3, 120};
        const float mass[] = {0.4f, 0.25f, 0.2f, 0.1f, 0.05f};
        for (int i = 0; i < 5; ++i)
            probs[std::size_t(kept[i])] = mass[i];
        QCOMPARE(ProbabilityRenderer::topCodes(probs.data(), 128, ProbabilityRenderer::TopCandidates),
                 (std::vector<int>{90, 7, 64, 3, 120}));
        QCOMPARE(ProbabilityRenderer::topCodes(probs.data(), 128, 2), (std::vector<int>{90, 7}));
        QCOMPARE(ProbabilityRenderer::heading("cb 3", 7, 0.25, 5, 128, false),
                 QString("cb 3: sampled 7 (p = 0.250), 5 of 128 codes kept"));
        QCOMPARE(ProbabilityRenderer::heading("cb 3", 90, 0.4, 128, 128, true), QString("cb 3: argmax 90 (p = 0.400)"));
        // 8 codebooks in two columns of a narrow dock: fewer candidates, each with room for its
        // labels (issue 19: labels overlapped); a wide panel keeps all ten.
        QFont font;
        font.setPixelSize(10);
        const QFontMetrics metrics(font);
        for (double width : {120.0, 158.0, 240.0}) {
            const int n = ProbabilityRenderer::candidateCount(width, metrics);
            QVERIFY2(n < ProbabilityRenderer::TopCandidates &&
                         (n + 1) * ProbabilityRenderer::slotWidth(metrics) <= width,
                     qPrintable(QString("%1 candidates in %2 px").arg(n).arg(width)));
        }
        QCOMPARE(ProbabilityRenderer::candidateCount(340.0, metrics), int(ProbabilityRenderer::TopCandidates));
    }

    // The sampling row (issue 19, "sampling lab"): each sampled frame's entropy per codebook, and a
    // red mark over every frame that repeats the one before it, for 2 and 8 codebooks.
    void samplingRowShowsEntropyAndRepeatedFrames_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("2 codebooks") << QString("chapter");
        QTest::newRow("8 codebooks") << QString("clear");
    }

    void samplingRowShowsEntropyAndRepeatedFrames()
    {
        QFETCH(QString, preset);
        const QString bundle = m_dir.path() + "/sampling-" + preset;
        if (!QFileInfo::exists(bundle))
            ModelBundle::initialise(ModelConfig::preset(preset.toStdString()), 1).save(bundle.toStdString());
        auto window = makeWindow(bundle);
        window->resize(1200, 900);
        TakeDocument* document = window->document();
        const int K = document->codebooks(), V = document->codebookSize();
        // 12 frames: 0-1 a given prompt, then frames whose codes repeat at 5, 6, 7 (a run of
        // three) and at 10; frame t's codebook k is certain when k is even, else spread evenly
        // over 2^(t % 4 + 1) codes.
        const FrameIndex frames = 12;
        document->beginTake(frames, 2);
        for (FrameIndex t = 0; t < frames; ++t) {
            FrameEvent event;
            event.index = t;
            event.fromPrompt = t < 2;
            const bool repeats = (t >= 5 && t <= 7) || t == 10;
            for (int k = 0; k < K; ++k)
                event.codes.push_back(repeats ? document->codes().at(t - 1, k) : std::int32_t((t * 7 + k) % V));
            if (!event.fromPrompt) {
                event.probabilities.assign(std::size_t(K * V), 0.0f);
                for (int k = 0; k < K; ++k) {
                    const int spread = k % 2 == 0 ? 1 : 1 << (t % 4 + 1);
                    for (int c = 0; c < spread; ++c)
                        event.probabilities[std::size_t(k * V + c)] = 1.0f / float(spread);
                }
            }
            event.mel.assign(std::size_t(document->subframes() * document->melBins()), 0.0f);
            document->appendFrame(event, {});
        }
        window->timeAxis()->fit();
        QTest::qWait(100);
        SamplingRowView* row = window->samplingRowView();
        QVERIFY(row->isVisible());
        QVERIFY2(row->height() >= row->minimumSizeHint().height(), qPrintable(QString::number(row->height())));
        QCOMPARE(row->maxEntropy(), 7.0);
        QVERIFY(std::isnan(row->entropyAt(0, 0)) && std::isnan(row->entropyAt(1, K - 1))); // the prompt
        for (FrameIndex t = 2; t < frames; ++t)
            for (int k = 0; k < K; ++k)
                QVERIFY2(std::abs(row->entropyAt(t, k) - (k % 2 == 0 ? 0.0 : double(t % 4 + 1))) < 1e-5,
                         qPrintable(QString("frame %1, codebook %2: %3 bits").arg(t).arg(k).arg(row->entropyAt(t, k))));
        const int runs[frames] = {0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 1, 0};
        for (FrameIndex t = 0; t < frames; ++t)
            QCOMPARE(row->repeatRunAt(t), runs[t]);
        QCOMPARE(row->longestRepeatRun(), 3);

        // On screen: red marks over frames 5-7 and 10 only; the certain stripe of codebook 0 dark,
        // codebook 1 brighter where its entropy is higher.
        const QImage image = row->grab().toImage();
        const QRect plot = row->plotRect();
        const double frameWidth = double(plot.width()) / double(window->timeAxis()->spanFrames());
        const auto centreX = [&](FrameIndex t) {
            return int(plot.left() + (double(t) + 0.5 - window->timeAxis()->startFrame()) * frameWidth);
        };
        for (FrameIndex t = 0; t < frames; ++t) {
            const QColor mark = image.pixelColor(centreX(t), plot.top() + 1);
            const bool red = mark.red() > 180 && mark.green() < 100;
            QVERIFY2(red == (runs[t] > 0), qPrintable(QString("frame %1: mark %2").arg(t).arg(mark.name())));
        }
        const double stripe = double(plot.height() - 5) / K;
        const auto stripeColour = [&](FrameIndex t, int k) {
            return image.pixelColor(centreX(t), int(plot.top() + 5 + (k + 0.5) * stripe));
        };
        QVERIFY(stripeColour(3, 0).lightness() < 60);
        QVERIFY2(stripeColour(3, 1).lightness() > stripeColour(4, 1).lightness() + 40, // 4 bits against 1
                 qPrintable(stripeColour(3, 1).name() + " " + stripeColour(4, 1).name()));
        const QString hover = row->describeAt(QPoint(centreX(6), plot.center().y()));
        QVERIFY2(hover.contains("Frame 6") && hover.contains("Repeats frame 5") && hover.contains("2 repeated frame"),
                 qPrintable(hover));
        QVERIFY2(row->describeAt(QPoint(centreX(1), plot.center().y())).contains("not sampled"),
                 qPrintable(row->describeAt(QPoint(centreX(1), plot.center().y()))));
    }

    // Issue 19, the attention view: the newest frame's weights while a take streams (step by step),
    // the selected frame's afterwards, per layer and query head, as the engine reported them; the
    // brightest cell of a row where its largest weight is; a recording has none.
    void attentionViewShowsTheSelectedFramesWeights()
    {
        auto window = makeWindow(m_bundle);
        setFrames(*window, 30);
        AttentionView* view = window->attentionView();
        TakeDocument* document = window->document();
        QCOMPARE(view->layers(), 4);
        QCOMPARE(view->heads(), 3);
        window->action("step")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(document->frames(), FrameIndex(1), 10000);
        window->action("step")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(document->frames(), FrameIndex(2), 10000);
        QCOMPARE(view->shownFrame(), FrameIndex(1)); // live: the newest
        QVERIFY(document->attention(1) && document->attention(1)->size() == std::size_t(4 * 3 * 2));
        QVERIFY(std::abs(view->weight(0, 0, 0) + view->weight(0, 0, 1) - 1.0) < 1e-4);
        window->action("generate")->trigger(); // run to the end
        QVERIFY(waitForTake(*window));
        window->timeAxis()->fit();
        window->timeAxis()->selectFrame(20);
        QTest::qWait(100);
        QCOMPARE(view->shownFrame(), FrameIndex(20));
        QVERIFY2(view->height() >= view->minimumSizeHint().height(), qPrintable(QString::number(view->height())));
        const std::vector<float>& weights = *document->attention(20);
        QCOMPARE(weights.size(), std::size_t(4 * 3 * 21));
        for (int l = 0; l < 4; ++l)
            for (int h = 0; h < 3; ++h) {
                double sum = 0.0;
                for (int j = 0; j <= 20; ++j) {
                    QCOMPARE(view->weight(l, h, j), double(weights[std::size_t((l * 3 + h) * 21 + j)]));
                    sum += view->weight(l, h, j);
                }
                QVERIFY(std::abs(sum - 1.0) < 1e-4);
            }
        QVERIFY(std::isnan(view->weight(0, 0, 21))); // frame 20 reads positions 0 .. 20 only
        // On screen: in layer 2's first head, the brightest frame column is the largest weight's.
        const QImage image = view->grab().toImage();
        const QRect plot = view->plotRect();
        const double frameWidth = double(plot.width()) / window->timeAxis()->spanFrames();
        int layer = -1, head = -1;
        const int y = plot.top() + (3 * 5 + 1) * 1 + 2; // layer index 1, head 0, mid-row
        QVERIFY(view->rowAt(y, &layer, &head) && layer == 1 && head == 0);
        int brightest = -1, brightestLightness = -1;
        for (int j = 0; j < 20; ++j) {
            const int x = int(plot.left() + (double(j) + 0.5 - window->timeAxis()->startFrame()) * frameWidth);
            const int lightness = image.pixelColor(x, y).lightness();
            if (lightness > brightestLightness)
                brightest = j, brightestLightness = lightness;
        }
        int expected = 0;
        for (int j = 1; j < 20; ++j)
            if (weights[std::size_t((1 * 3 + 0) * 21 + j + 1)] > weights[std::size_t((1 * 3 + 0) * 21 + expected + 1)])
                expected = j;
        QCOMPARE(brightest, expected);
        const QString hover = view->describeAt(QPoint(int(plot.left() + (expected + 0.5) * frameWidth), y));
        QVERIFY2(hover.contains("Frame 20, layer 2, query head 1 (key/value head 1)") &&
                     hover.contains(QString("on frame %1").arg(expected)),
                 qPrintable(hover));
        QVERIFY2(view->describeAt(QPoint(plot.left() - 5, y)).contains("on BOS"),
                 qPrintable(view->describeAt(QPoint(plot.left() - 5, y))));
    }

    // Issue 19: change a code in the grid and regenerate the frames after it (the take's seed
    // and random stream, so the edit alone makes the difference), resample from a frame with a
    // new seed, compare A/B, undo and redo every step, ask before an unsaved take is dropped,
    // and File > Recent.
    void editResampleCompareAndUndoTakes()
    {
        auto window = windowWithFittedTake(m_bundle, 20);
        QVERIFY(window);
        TakeDocument* document = window->document();
        QUndoStack* stack = window->history()->stack();
        QCOMPARE(stack->count(), 1);
        QVERIFY2(stack->text(0).startsWith("Generate 20 frames: temperature"), qPrintable(stack->text(0)));
        QVERIFY(!window->action("compare")->isEnabled()); // nothing to compare with yet
        const Take first = document->finishedTake();
        const AudioBuffer firstAudio = document->audio();

        // The cell's menu lists the codes most probable first, the current one checked.
        const FrameIndex frame = 5;
        std::unique_ptr<QMenu> menu(window->codeGridView()->cellMenu(frame, 1));
        auto* change = menu->findChild<QMenu*>("changeCodeMenu");
        QVERIFY(change && change->isEnabled());
        const float* p = document->probabilities(frame) + 128;
        QList<QAction*> listed;
        for (QAction* action : change->actions())
            if (action->data().isValid())
                listed << action;
        QCOMPARE(int(listed.size()), int(CodeGridView::ListedCodes));
        for (int i = 1; i < listed.size(); ++i)
            QVERIFY(p[listed[i - 1]->data().toInt()] >= p[listed[i]->data().toInt()]);
        const int current = first.codes.at(frame, 1);
        QAction* currentAction = nullptr;
        for (QAction* action : listed)
            if (action->data().toInt() == current)
                currentAction = action;
        QVERIFY(!currentAction || (currentAction->isChecked() && !currentAction->isEnabled()));
        QAction* chosen = listed[0]->data().toInt() == current ? listed[1] : listed[0];
        const int code = chosen->data().toInt();
        QSignalSpy finished(window.get(), &MainWindow::takeCompleted);
        chosen->trigger();
        QVERIFY(finished.wait(TakeTimeoutMs));
        const Take edited = document->finishedTake();
        QCOMPARE(edited.codes.frames(), FrameIndex(20));
        QCOMPARE(edited.codes.head(frame), first.codes.head(frame));
        QCOMPARE(edited.codes.at(frame, 0), first.codes.at(frame, 0));
        QCOMPARE(edited.codes.at(frame, 1), code);
        QVERIFY(edited.codes != first.codes);
        QCOMPARE(edited.params.sampling.seed, first.params.sampling.seed);
        QCOMPARE(edited.params.sampling.streamOffsetFrames, std::int64_t(frame + 1));
        QCOMPARE(stack->count(), 2);
        QCOMPARE(stack->text(1), QString("Edit frame %1, residual: code %2 to %3").arg(frame).arg(current).arg(code));

        // A/B: the previous take and back, the other take's waveform behind.
        QVERIFY(window->action("compare")->isEnabled());
        QCOMPARE(document->comparisonAudio(), firstAudio);
        window->action("compare")->trigger();
        QCOMPARE(document->codes(), first.codes);
        QCOMPARE(document->audio(), firstAudio);
        QVERIFY(document->comparisonAudio() && document->comparisonAudio() != firstAudio);
        window->action("compare")->trigger();
        QCOMPARE(document->codes(), edited.codes);
        QCOMPARE(stack->count(), 2); // comparing is no step

        // Undo and redo bring the takes back as they were, without generating.
        window->action("undo")->trigger();
        QCOMPARE(document->codes(), first.codes);
        QCOMPARE(document->audio(), firstAudio);
        QCOMPARE(document->finishedTake().params.sampling.streamOffsetFrames, std::int64_t(0));
        window->action("redo")->trigger();
        QCOMPARE(document->codes(), edited.codes);

        // Resample from frame 12: the frames before it kept, a new seed for the rest.
        QVERIFY(window->resampleFrom(12));
        QVERIFY(finished.wait(TakeTimeoutMs));
        const Take resampled = document->finishedTake();
        QCOMPARE(resampled.codes.head(12), edited.codes.head(12));
        QVERIFY(resampled.params.sampling.seed != first.params.sampling.seed);
        QCOMPARE(stack->count(), 3);
        QVERIFY2(stack->text(2).startsWith("Resample from frame 12 (seed "), qPrintable(stack->text(2)));

        // The edited take, saved and reopened, regenerates identically: its stream offset is in
        // the take file.
        window->action("undo")->trigger();
        QCOMPARE(document->codes(), edited.codes);
        const QString takePath = m_dir.path() + "/edited-take.json";
        QVERIFY(window->saveTake(takePath));
        QVERIFY(window->openTake(takePath));
        QVERIFY(finished.wait(TakeTimeoutMs));
        QCOMPARE(window->lastRegenerationMatched(), std::optional<bool>(true));
        QCOMPARE(document->codes(), edited.codes);
        QCOMPARE(stack->count(), 3); // the resampled take gave way to the reopened one
        QVERIFY(window->recentFiles().contains(QFileInfo(takePath).absoluteFilePath()));

        // An unsaved take: opening a model asks first; Cancel keeps everything.
        QStringList questions;
        window->setDiscardQuestion([&](const QString& question) {
            questions << question;
            return QMessageBox::Cancel;
        });
        QVERIFY(!window->openBundle(m_bundle));
        QCOMPARE(questions.size(), 1);
        QVERIFY2(questions[0].contains("not saved") && questions[0].contains("Open another model"),
                 qPrintable(questions[0]));
        QCOMPARE(stack->count(), 3);
        // Closing the window and opening a recording ask too; Cancel keeps the window and the take.
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        QVERIFY2(questions.size() == 2 && questions[1].contains("Quit anyway"), qPrintable(questions.join(" | ")));
        QSignalSpy recordingShown(window.get(), &MainWindow::recordingShown);
        window->openAudio(takePath); // not even read: the question comes first
        QCOMPARE(questions.size(), 3);
        QVERIFY(questions[2].contains("Open a recording anyway"));
        QCOMPARE(document->codes(), edited.codes);
        QVERIFY(!recordingShown.wait(300));
        window->setDiscardQuestion([&](const QString& question) {
            questions << question;
            return QMessageBox::Discard;
        });
        QVERIFY(window->openBundle(m_bundle));
        QCOMPARE(questions.size(), 4);
        QCOMPARE(stack->count(), 0); // another model: its takes are gone
        QVERIFY(!window->action("undo")->isEnabled());
        QCOMPARE(window->recentFiles().first(), QFileInfo(m_bundle).absoluteFilePath());
    }

    // Model > Open Model with another codebook count: the code grid lays its rows out anew and the
    // status bar drops the previous take's summary (issue 19: 8 labels ~5 px high, stale summary).
    void openingAnotherModelRelaysTheCodeGrid()
    {
        const QString clear = m_dir.path() + "/clear-open";
        ModelBundle::initialise(ModelConfig::preset("clear"), 1).save(clear.toStdString());
        auto window = makeWindow(m_bundle);
        setFrames(*window, 10);
        window->generate();
        QVERIFY(waitForTake(*window));
        auto* frameLabel = window->findChild<QLabel*>("frameLabel");
        QVERIFY(frameLabel->text().contains("10 frames in"));
        QVERIFY(window->openBundle(clear));
        QTest::qWait(50);
        CodeGridView* grid = window->codeGridView();
        QCOMPARE(window->document()->codebooks(), 8);
        QVERIFY2(grid->height() >= grid->minimumSizeHint().height(),
                 qPrintable(QString("grid %1 px high, at least %2 needed")
                                .arg(grid->height())
                                .arg(grid->minimumSizeHint().height())));
        QVERIFY2(grid->plotRect().height() / 8.0 >= 11.0,
                 qPrintable(QString("rows %1 px").arg(grid->plotRect().height() / 8.0)));
        QVERIFY2(!frameLabel->text().contains("frames in"), qPrintable(frameLabel->text()));
    }

    void recordingAnalysisAndContinuation()
    {
        // A synthetic recording: 1.5 s of a 220 Hz tone with a slow vibrato, at 22.05 kHz.
        const int rate = 22050;
        std::vector<float> tone(std::size_t(rate * 3 / 2));
        for (std::size_t i = 0; i < tone.size(); ++i)
            tone[i] = 0.5f * float(std::sin(2 * M_PI * 220.0 * double(i) / rate +
                                            2.0 * std::sin(2 * M_PI * 3.0 * double(i) / rate)));
        const QString path = m_dir.path() + "/tone.wav";
        writeWav(path.toStdString(), tone, rate);

        auto window = makeWindow(m_bundle);
        QSignalSpy shown(window.get(), &MainWindow::recordingShown);
        window->openAudio(path);
        QVERIFY(shown.wait(60000));
        TakeDocument* document = window->document();
        QCOMPARE(document->source(), TakeDocument::Source::Recording);
        QCOMPARE(document->frames(), FrameIndex(19)); // 1.5 s at 16 kHz -> 94 mel frames -> 19 tokens
        QVERIFY(!document->originalAudio()->empty());
        QCOMPARE(window->probabilityView()->shownFrame(), FrameIndex(18));
        QVERIFY(document->probabilities(18) == nullptr); // encoded, not sampled
        // The original's mel and the codec's reconstruction, one above the other on the same axis.
        MelView* original = window->melView();
        MelView* reconstruction = window->reconstructionMelView();
        QVERIFY(reconstruction->isVisible());
        QCOMPARE(window->melFrame()->title(), QString("Mel spectrogram: original recording"));
        QCOMPARE(window->reconstructionFrame()->title(),
                 QString("Mel spectrogram: codec reconstruction (decoded with 2 of 2 codebooks)"));
        QTRY_COMPARE(reconstruction->paintedFrames(), FrameIndex(19));
        QCOMPARE(original->paintedFrames(), FrameIndex(18)); // 94 mel frames: 18 whole tokens
        // One colour scale for both, the original's (issue 19: each had its own dB range), and
        // the file's own rate and channels beside what the model reads.
        QCOMPARE(reconstruction->colourRange().lower, original->colourRange().lower);
        QCOMPARE(reconstruction->colourRange().upper, original->colourRange().upper);
        QVERIFY(original->colourRange().size() > 20.0);
        const QString described = window->recordingPanel()->description();
        QVERIFY2(described.contains("22050 Hz, 1 channel (resampled to 16000 Hz)"), qPrintable(described));
        QCOMPARE(reconstruction->plotRect().left(), original->plotRect().left());
        QCOMPARE(reconstruction->plotRect().right(), original->plotRect().right());
        QVERIFY(distinctColours(original, original->plotRect()) > 20);
        QVERIFY(distinctColours(reconstruction, reconstruction->plotRect()) > 20);
        const QRect plot = reconstruction->plotRect();
        QVERIFY(original->grab(plot).toImage() != reconstruction->grab(plot).toImage());
        // Hover reads out the reconstruction's own values; a click in it selects a frame everywhere.
        const QPoint inside(plot.left() + plot.width() / 2, plot.center().y());
        QVERIFY(reconstruction->describeAt(inside).contains(" Hz, "));
        QTest::mouseClick(reconstruction, Qt::LeftButton, {}, inside);
        QVERIFY(window->timeAxis()->selectedFrame() >= 8 && window->timeAxis()->selectedFrame() <= 10);
        // Each has a play button; what plays is what the waveform shows.
        auto* playReconstruction = window->findChild<QToolButton*>("playReconstructionButton");
        auto* playOriginal = window->findChild<QToolButton*>("playOriginalButton");
        QVERIFY(playReconstruction && playOriginal && playReconstruction->isVisible());
        playReconstruction->click();
        QVERIFY(document->showsReconstruction());
        QVERIFY(window->recordingPanel()->reconstructionSelected());
        QVERIFY(document->audio() != document->originalAudio());
        playOriginal->click();
        QVERIFY(!document->showsReconstruction());
        QVERIFY(document->audio() == document->originalAudio());
        window->recordingPanel()->reconstructionButton()->setChecked(true);
        QVERIFY(document->showsReconstruction());

        setFrames(*window, 10);
        window->recordingPanel()->promptFramesBox()->setValue(5);
        window->recordingPanel()->continueButton()->click();
        QVERIFY(waitForTake(*window));
        QCOMPARE(document->frames(), FrameIndex(15));
        QCOMPARE(document->promptFrames(), FrameIndex(5));
        QVERIFY(document->codes().head(5) == window->document()->finishedTake().params.prompt);
        QVERIFY(!window->reconstructionMelView()->isVisible()); // a generated take has no reconstruction
        QCOMPARE(window->melFrame()->title(), QString("Mel spectrogram"));
    }

    void noAudioDeviceIsAStatusMessage()
    {
        auto window = makeWindow(m_bundle);
        if (window->player()->isAvailable())
            QSKIP("this machine has an audio output device");
        QVERIFY(window->statusBar()->currentMessage().startsWith("No audio output device: playback is unavailable"));
        QVERIFY(!window->action("play")->isEnabled());
        window->togglePlayback(); // Space: still only the status message, no dialog
        QVERIFY(window->lastError().isEmpty());
        QVERIFY(window->statusBar()->currentMessage().startsWith("No audio output device"));
        setFrames(*window, 5);
        window->generate();
        QVERIFY(waitForTake(*window)); // usable
    }

    void brokenWavNamesTheFile()
    {
        const QString path = m_dir.path() + "/broken.wav";
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("RIFF\x10\x00\x00\x00WAVEjunkjunkjunk", 20);
        file.close();
        auto window = makeWindow(m_bundle);
        QSignalSpy errors(window.get(), &MainWindow::errorShown);
        window->openAudio(path);
        QVERIFY(errors.wait(30000));
        const QString message = errors.first().first().toString();
        QVERIFY2(message.startsWith("Cannot open the recording: "), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(errors.size(), 1); // one message, not a storm
    }

    void brokenBundleNamesTheFile()
    {
        const QString broken = m_dir.path() + "/broken-bundle";
        std::filesystem::create_directories(broken.toStdString());
        for (const char* name : {"model.json", "talker.safetensors", "rvq.safetensors"})
            std::filesystem::copy_file((m_bundle + "/" + name).toStdString(), (broken + "/" + name).toStdString(),
                                       std::filesystem::copy_options::overwrite_existing);
        std::filesystem::resize_file((broken + "/talker.safetensors").toStdString(), 1000);

        auto window = makeWindow(m_bundle);
        QSignalSpy errors(window.get(), &MainWindow::errorShown);
        QVERIFY(!window->openBundle(broken));
        QCOMPARE(errors.size(), 1);
        const QString message = errors.first().first().toString();
        QVERIFY2(message.startsWith("Cannot open the model: "), qPrintable(message));
        QVERIFY2(message.contains(broken + "/talker.safetensors"), qPrintable(message));
        QVERIFY(window->bundle()); // the previous model stays loaded
        setFrames(*window, 3);
        window->generate();
        QVERIFY(waitForTake(*window));

        // A missing bundle at start: the window opens and says which directory is missing.
        MainWindow::Options options;
        options.bundlePath = m_dir.path() + "/no-such-bundle";
        options.useSettings = false;
        options.askBeforeDiscarding = false;
        MainWindow empty(options);
        QVERIFY(!empty.bundle());
        QVERIFY2(empty.lastError().contains(options.bundlePath), qPrintable(empty.lastError()));
        QVERIFY(!empty.action("generate")->isEnabled());
    }

    void settingsPersist()
    {
        MainWindow::Options options;
        options.bundlePath = m_bundle;
        {
            MainWindow window(options);
            window.show();
            setFrames(window, 77, true, 12345);
            window.close();
        }
        MainWindow window(options);
        QCOMPARE(window.generationPanel()->framesBox()->value(), 77);
        QCOMPARE(window.generationPanel()->seedEdit()->text(), QString("12345"));
        QCOMPARE(window.generationPanel()->paceBox()->currentIndex(), 1);
    }
};

QTEST_MAIN(TestStudio)
#include "test_studio.moc"
