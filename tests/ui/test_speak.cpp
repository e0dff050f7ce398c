// SPDX-License-Identifier: GPL-3.0-or-later
// The studio with a text-conditioned model (issue 17): the text box and voices, typing text,
// Generate / Step / Stop, the phone row above the code grid, text take files, and the errors of
// empty or unspeakable text. A random text bundle (the chapter's shape with talker.text) stands in
// for the trained one: what is checked is the studio, not what the model says.
#include "../support/Fixtures.h"
#include "../support/StudioFixtures.h"
#include "GenerationController.h"
#include "Learn.h"
#include "MainWindow.h"
#include "TakeDocument.h"
#include "TimeAxis.h"
#include "panels/GenerationPanel.h"
#include "views/PhoneRowView.h"
#include "views/ViewFrame.h"

#include "talker/Generator.h"
#include "talker/ModelBundle.h"
#include "talker/TakeFile.h"
#include "talker/Text.h"

#include <QtTest>

#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTextBrowser>

using namespace talker;
using namespace talker::ui;
using talker::test::makeWindow;

namespace {

constexpr int TakeTimeoutMs = 120000;

ModelConfig textConfig()
{
    ModelConfig config = ModelConfig::chapter();
    config.name = "speak-test";
    config.talker.text.phones = phoneInventory();
    config.talker.text.phoneSlots = TextPhoneSlots;
    config.talker.text.voices = {"flite_kal", "flite_slt"};
    config.talker.text.frontEnd = "flite";
    return config;
}

bool waitForTake(MainWindow& window)
{
    QSignalSpy spy(&window, &MainWindow::takeCompleted);
    return spy.wait(TakeTimeoutMs);
}

void typeText(MainWindow& window, const QString& text)
{
    QPlainTextEdit* box = window.generationPanel()->textBox();
    box->clear();
    box->setFocus();
    QTest::keyClicks(box, text);
}

// The frames a take of `text` has: as many as the front end's phones last.
int framesOf(const ModelConfig& config, const QString& text, const QString& voice)
{
    const TextPrompt prompt = makeTextPrompt(config, text.toStdString(), voice.toStdString());
    return int(prompt.columns.size() / std::size_t(config.talker.text.columns()));
}

} // namespace

class TestSpeak : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString m_bundle, m_chapter;
    ModelConfig m_config;

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateStudioSettings(m_dir.path());
        m_config = textConfig();
        m_bundle = m_dir.path() + "/speak";
        ModelBundle::initialise(m_config, 3).save(m_bundle.toStdString());
        m_chapter = m_dir.path() + "/chapter";
        ModelBundle::initialise(ModelConfig::chapter(), 1).save(m_chapter.toStdString());
    }

    void textControlsOnlyForTextModels()
    {
        auto window = makeWindow(m_chapter);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        GenerationPanel* panel = window->generationPanel();
        QVERIFY(!panel->textBox()->isVisible());
        QVERIFY(!panel->voiceBox()->isVisible());
        QVERIFY(panel->framesBox()->isEnabled());
        QVERIFY(!window->phoneRowFrame()->isVisible());

        QVERIFY(window->openBundle(m_bundle));
        QVERIFY(panel->textBox()->isVisible());
        QVERIFY(panel->voiceBox()->isVisible());
        QCOMPARE(panel->voiceBox()->count(), 2);
        QCOMPARE(panel->voiceBox()->itemText(1), QString("flite_slt"));
        QVERIFY(!panel->framesBox()->isEnabled()); // the text decides the length
        QVERIFY(panel->findChild<QLabel*>("framesNote")->isVisible());
        QVERIFY(window->phoneRowFrame()->isVisible());

        QVERIFY(window->openBundle(m_chapter)); // and back
        QVERIFY(!panel->textBox()->isVisible());
        QVERIFY(panel->framesBox()->isEnabled());
        QVERIFY(!window->phoneRowFrame()->isVisible());
    }

    void typeGenerateStop()
    {
        auto window = makeWindow(m_bundle);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        GenerationPanel* panel = window->generationPanel();
        panel->paceBox()->setCurrentIndex(1); // real time, so that Stop lands mid-take
        const QString text = "The studio shows every phone it says, one frame at a time.";
        typeText(*window, text);
        QCOMPARE(panel->textBox()->toPlainText(), text);
        const int frames = framesOf(m_config, text, "flite_kal");
        QVERIFY2(frames > 30, qPrintable(QString::number(frames)));
        const TextPrompt expected = makeTextPrompt(m_config, text.toStdString(), "flite_kal");

        window->action("generate")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window->document()->frames() >= 3, 20000);
        // Live: the phones are on screen while the take streams, on the take's planned length.
        PhoneRowView* row = window->phoneRowView();
        QVERIFY(window->document()->isStreaming());
        QCOMPARE(row->phoneCount(), int(expected.phones.size()));
        QCOMPARE(window->document()->plannedFrames(), FrameIndex(frames));
        QCOMPARE(panel->framesBox()->value(), frames);
        for (int i = 0; i < row->phoneCount(); ++i)
            QCOMPARE(row->phoneName(i).toStdString(),
                     phoneInventory()[std::size_t(expected.phones[std::size_t(i)].phone)]);
        QSignalSpy finished(window.get(), &MainWindow::takeCompleted);
        window->action("stop")->trigger();
        QVERIFY(finished.wait(TakeTimeoutMs));
        QVERIFY(window->document()->finishedTake().cancelled);
        QVERIFY(window->document()->frames() < frames);
        QCOMPARE(row->phoneCount(), int(expected.phones.size())); // the stopped take keeps its phones
        QCOMPARE(window->controller()->state(), GenerationController::State::Idle);

        // A whole take has exactly the frames its text lasts; the take records what it said.
        panel->paceBox()->setCurrentIndex(0);
        panel->voiceBox()->setCurrentIndex(1);
        typeText(*window, "Hello there.");
        const int helloFrames = framesOf(m_config, "Hello there.", "flite_slt");
        window->action("generate")->trigger();
        QVERIFY(waitForTake(*window));
        const Take& take = window->document()->finishedTake();
        QVERIFY(!take.cancelled);
        QCOMPARE(take.codes.frames(), FrameIndex(helloFrames));
        QCOMPARE(take.params.text.text, std::string("Hello there."));
        QCOMPARE(take.params.text.voice, std::string("flite_slt"));
        QCOMPARE(take.params.text.frontEndVoice, std::string("slt"));
        QVERIFY(row->phoneCount() > 3);
        QVERIFY(window->lastError().isEmpty());
    }

    void phoneTooltipsNameThePhoneAndItsFrames()
    {
        auto window = makeWindow(m_bundle);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        typeText(*window, "Hello.");
        window->generate();
        QVERIFY(waitForTake(*window));
        window->timeAxis()->fit();
        QTest::qWait(50);
        PhoneRowView* row = window->phoneRowView();
        QVERIFY(row->phoneCount() >= 4); // sil hh ah l ow (sil)
        bool sawPhone = false;
        for (int i = 0; i < row->phoneCount(); ++i) {
            // The middle of phone i, in widget coordinates.
            const QRect plot = row->plotRect();
            const double start = (row->firstFrame(i) + row->lastFrame(i) + 1) / 2.0;
            const double x = plot.left() + (start - window->timeAxis()->startFrame()) /
                                               window->timeAxis()->spanFrames() * plot.width();
            const int at = row->phoneAt(QPoint(int(x), plot.center().y()));
            if (at != i)
                continue; // a phone narrower than a frame may sit beside the frame's middle
            const QString tip = row->describeAt(QPoint(int(x), plot.center().y()));
            QVERIFY2(tip.contains(row->phoneName(i)), qPrintable(tip));
            QVERIFY2(tip.contains(QString("%1 of %2").arg(i + 1).arg(row->phoneCount())), qPrintable(tip));
            QVERIFY2(tip.contains(QString::number(row->firstFrame(i))), qPrintable(tip));
            sawPhone |= row->phoneName(i) == "hh";
        }
        QVERIFY(sawPhone);
        QVERIFY(row->describeAt(QPoint(2, 2)).isEmpty()); // the label margin
    }

    void stepModePassesTheText()
    {
        auto window = makeWindow(m_bundle);
        typeText(*window, "One step at a time.");
        const int frames = framesOf(m_config, "One step at a time.", "flite_kal");
        window->action("step")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->frames(), FrameIndex(1), 20000);
        QTest::qWait(200);
        QCOMPARE(window->document()->frames(), FrameIndex(1));
        QCOMPARE(window->phoneRowView()->phoneCount(), int(window->document()->text().phones.size()));
        QVERIFY(window->phoneRowView()->phoneCount() > 5);
        window->action("step")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(window->document()->frames(), FrameIndex(2), 20000);
        window->action("generate")->trigger(); // run to the end
        QVERIFY(waitForTake(*window));
        QCOMPARE(window->document()->frames(), FrameIndex(frames));
    }

    void samplingSettingsAndSeedStillDecide()
    {
        // The same text, seed and settings make the same codes; another seed, other codes.
        const auto run = [this](quint64 seed, double temperature) {
            auto window = makeWindow(m_bundle);
            typeText(*window, "Same seed, same take.");
            window->generationPanel()->seedEdit()->setText(QString::number(seed));
            window->generationPanel()->temperatureBox()->setValue(temperature);
            window->generationPanel()->topKBox()->setValue(40);
            window->generationPanel()->topPBox()->setValue(0.9);
            window->generate();
            if (!waitForTake(*window))
                return Codes{};
            // Probability bars: every generated frame has what the sampler drew from.
            const FrameIndex last = window->document()->frames() - 1;
            if (!window->document()->probabilities(last))
                return Codes{};
            return window->document()->codes();
        };
        const Codes a = run(5, 0.9), b = run(5, 0.9), c = run(6, 0.9);
        QVERIFY(a.frames() > 0);
        QVERIFY(a == b);
        QVERIFY(!(a == c));
    }

    void textTakeFilesReopenWithTheirPhones()
    {
        const QString path = m_dir.path() + "/spoken.json";
        Codes original;
        std::size_t phones = 0;
        {
            auto window = makeWindow(m_bundle);
            typeText(*window, "Take files keep the text.");
            window->generationPanel()->voiceBox()->setCurrentIndex(1);
            window->generationPanel()->seedEdit()->setText("11");
            window->generate();
            QVERIFY(waitForTake(*window));
            original = window->document()->codes();
            phones = window->document()->text().phones.size();
            QVERIFY(window->saveTake(path));
            // Export works as for any take.
            QVERIFY(window->exportAudio(m_dir.path() + "/spoken.wav", SampleFormat::Pcm16, false));
            QVERIFY(QFileInfo(m_dir.path() + "/spoken.wav").size() > 1000);
        }
        const TakeFile file = readTakeFile(path.toStdString());
        QCOMPARE(file.params.text.text, std::string("Take files keep the text."));
        QCOMPARE(file.params.text.voice, std::string("flite_slt"));
        QCOMPARE(file.params.text.phones.size(), phones);

        auto window = makeWindow(m_bundle);
        typeText(*window, "Something else entirely.");
        QVERIFY(window->openTake(path));
        QVERIFY(waitForTake(*window));
        QVERIFY(window->lastRegenerationMatched().has_value());
        QVERIFY(*window->lastRegenerationMatched());
        QVERIFY(window->document()->codes() == original);
        QCOMPARE(window->phoneRowView()->phoneCount(), int(phones));
        QCOMPARE(window->generationPanel()->textBox()->toPlainText(), QString("Take files keep the text."));
        QCOMPARE(window->generationPanel()->voiceBox()->currentText(), QString("flite_slt"));
    }

    void emptyOrUnspeakableTextIsAnErrorNotACrash()
    {
        auto window = makeWindow(m_bundle);
        QSignalSpy errors(window.get(), &MainWindow::errorShown);
        typeText(*window, "   ");
        window->action("generate")->trigger();
        QCOMPARE(errors.count(), 1);
        QVERIFY2(window->lastError().contains("Type the text to say first"), qPrintable(window->lastError()));
        QCOMPARE(window->controller()->state(), GenerationController::State::Idle);
        window->action("step")->trigger();
        QCOMPARE(errors.count(), 2);

        typeText(*window, "!!! ??? ...");
        window->action("generate")->trigger();
        QCOMPARE(errors.count(), 3);
        QVERIFY2(window->lastError().startsWith("Cannot say the text: "), qPrintable(window->lastError()));
        QCOMPARE(window->controller()->state(), GenerationController::State::Idle);
        QCOMPARE(window->document()->frames(), FrameIndex(0));

        // Afterwards the studio still speaks.
        typeText(*window, "Fine again.");
        window->generate();
        QVERIFY(waitForTake(*window));
        QCOMPARE(window->document()->frames(), FrameIndex(framesOf(m_config, "Fine again.", "flite_kal")));
    }

    void learnExplainsConditioning()
    {
        QVERIFY(Learn::all(true).contains(Learn::textConditioning()));
        QVERIFY(!Learn::all(false).contains(Learn::textConditioning()));
        QVERIFY(Learn::textConditioning().contains("next phones"));
        auto window = makeWindow(m_bundle);
        window->action("learn")->trigger();
        auto* dialog = window->findChild<QDialog*>("learnDialog");
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QTextBrowser*>("learnText")->toPlainText().contains("Speaking text"));
        dialog->close();
    }
};

QTEST_MAIN(TestSpeak)
#include "test_speak.moc"
