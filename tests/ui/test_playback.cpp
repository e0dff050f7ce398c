// SPDX-License-Identifier: GPL-3.0-or-later
// Playback through the real path — Play in the window, AudioPlayer, PortAudio, ALSA — into ALSA's
// file plugin (HOME points at an .asoundrc whose default device writes raw samples to a file and
// plays them to the null device), so a machine without a sound card can check that what plays is
// the take, sample for sample. Its own executable: ALSA reads its configuration once per process.
#include "../support/Fixtures.h"
#include "AudioPlayer.h"
#include "MainWindow.h"
#include "TakeDocument.h"
#include "panels/GenerationPanel.h"

#include "talker/ModelBundle.h"

#include <QtTest>

#include <QSpinBox>

#include <filesystem>

using namespace talker;
using namespace talker::ui;

class TestPlayback : public QObject {
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString m_capture;

  private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        test::isolateStudioSettings(m_dir.path());
        m_capture = m_dir.filePath("captured.raw");
        QFile asoundrc(m_dir.filePath(".asoundrc"));
        QVERIFY(asoundrc.open(QIODevice::WriteOnly));
        asoundrc.write(
            QString("pcm.!default {\n  type file\n  slave.pcm \"null\"\n  file \"%1\"\n  format \"raw\"\n}\n")
                .arg(m_capture)
                .toUtf8());
        asoundrc.close();
        qputenv("HOME", m_dir.path().toUtf8()); // before PortAudio (and ALSA) start
    }

    void playsTheTakeSampleForSample()
    {
        const QString bundle = m_dir.filePath("chapter");
        ModelBundle::initialise(ModelConfig::chapter(), 1).save(bundle.toStdString());
        MainWindow::Options options;
        options.bundlePath = bundle;
        options.useSettings = false;
        options.askBeforeDiscarding = false;
        MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        if (!window.player()->isAvailable())
            QSKIP(qPrintable("PortAudio found no device through ALSA's file plugin: " +
                             window.player()->unavailableReason()));
        window.generationPanel()->framesBox()->setValue(12); // ~1 s
        QSignalSpy completed(&window, &MainWindow::takeCompleted);
        window.generate();
        QVERIFY(completed.wait(120000));
        const AudioBuffer take = window.document()->audio();
        QVERIFY(take && take->size() > 10000);

        QSignalSpy failed(window.player(), &AudioPlayer::failed);
        window.action("play")->trigger();
        // The null device takes samples as fast as they come: the take may be played already.
        QTRY_VERIFY_WITH_TIMEOUT(!window.player()->isPlaying(), 20000);
        QCOMPARE(failed.size(), 0);
        window.player()->stop(); // closes the stream: ALSA flushes the file

        QFile captured(m_capture);
        QVERIFY2(captured.open(QIODevice::ReadOnly), qPrintable(m_capture));
        // 32-bit float mono, as the player opens the stream; the device may add silence after it.
        QVERIFY2(captured.size() >= qint64(take->size() * sizeof(float)),
                 qPrintable(QString("captured %1 bytes for %2 samples").arg(captured.size()).arg(take->size())));
        std::vector<float> samples(std::size_t(captured.size()) / sizeof(float));
        const qint64 wanted = qint64(samples.size() * sizeof(float));
        QCOMPARE(captured.read(reinterpret_cast<char*>(samples.data()), wanted), wanted);
        // Where the take begins in the capture (a device may start with a few zero frames).
        std::size_t offset = 0;
        while (offset < samples.size() && samples[offset] == 0.0f && (*take)[0] != 0.0f)
            ++offset;
        QVERIFY(offset + take->size() <= samples.size());
        for (std::size_t i = 0; i < take->size(); ++i)
            if (samples[offset + i] != (*take)[i])
                QFAIL(qPrintable(
                    QString("sample %1: played %2, the take has %3").arg(i).arg(samples[offset + i]).arg((*take)[i])));
    }
};

QTEST_MAIN(TestPlayback)
#include "test_playback.moc"
