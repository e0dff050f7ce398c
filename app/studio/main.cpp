// SPDX-License-Identifier: GPL-3.0-or-later
// talker-studio: the desktop application.
//
//   talker-studio [--bundle DIR] [--language en|de|zh_CN] [--open FILE [--continue N]]
//   talker-studio --screenshot FILE [--generate] [--frames N] [--seed S] [--argmax] [--bundle DIR] [--language L]
//                 [--text TEXT] [--voice V] [--open FILE [--continue N]] [--click NAME]...
//                 [--screenshot-widget NAME]
//   talker-studio --train-log BUNDLE/train-log.jsonl
//
// --screenshot renders the main window into a PNG (after generating a take with --generate, once
// the take has finished and the views have repainted) and exits: for the documentation and tests.
// --open analyses a recording at start; --continue then continues it from its first N frames.
// For the user guide's pictures, --click presses buttons or menu actions (by object name) before
// the picture is taken, and --screenshot-widget renders one widget (by object or class name).
// --text and --voice fill the text box and the voice of a text-conditioned model.
// --language overrides, for this run only, the language chosen in View > Language (or, without a
// choice, the system locale's); a screenshot ignores the stored choice, like all stored settings.
#include "GenerationController.h"
#include "Language.h"
#include "MainWindow.h"
#include "TakeDocument.h"
#include "ViewExport.h"
#include "panels/GenerationPanel.h"
#include "panels/RecordingPanel.h"
#include "training/TrainingWindow.h"

#include "talker/Error.h"
#include "talker/Runtime.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>

#include <array>
#include <cstdio>
#include <limits>
#include <memory>
#include <optional>
#include <utility>

namespace {

constexpr int RepaintSettleMs = 400;        // lets the 60 Hz views repaint the final take
constexpr int ScreenshotTimeoutMs = 300000; // give up rather than hang a script

void printError(const QString& message)
{
    std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "error: %1").arg(message)));
}

// The window's first descendant with this object name, else with this class name (dialogs have no
// object name); the window itself for an empty name.
QWidget* findWidget(QWidget& window, const QString& name)
{
    if (name.isEmpty())
        return &window;
    if (auto* widget = window.findChild<QWidget*>(name))
        return widget;
    for (auto* widget : window.findChildren<QWidget*>())
        if (widget->isVisible() && QLatin1String(widget->metaObject()->className()) == name)
            return widget;
    return nullptr;
}

bool saveScreenshot(QWidget& window, const QString& widgetName, const QString& path)
{
    QWidget* widget = findWidget(window, widgetName);
    if (!widget) {
        printError(QCoreApplication::translate("main", "no widget named '%1' in the window").arg(widgetName));
        return false;
    }
    const QImage image = widget->grab().toImage();
    if (const QString error = talker::ui::ViewExport::savePng(image, path); !error.isEmpty()) {
        printError(QCoreApplication::translate("main", "cannot write the screenshot: %1").arg(error));
        return false;
    }
    std::fprintf(stderr, "%s\n",
                 qPrintable(QCoreApplication::translate("main", "wrote '%1' (%2x%3)")
                                .arg(path)
                                .arg(image.width())
                                .arg(image.height())));
    return true;
}

// The options, with descriptions in the language installed when this is called.
struct Options {
    QCommandLineOption bundle{QStringLiteral("bundle"), QCoreApplication::translate("main", "Model bundle to open."),
                              QStringLiteral("DIR")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QCoreApplication::translate("main", "Render the window into a PNG file and exit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption generate{QStringLiteral("generate"),
                                QCoreApplication::translate("main", "With --screenshot: generate a take first.")};
    QCommandLineOption frames{QStringLiteral("frames"), QCoreApplication::translate("main", "Frames to generate."),
                              QStringLiteral("N")};
    QCommandLineOption seed{QStringLiteral("seed"), QCoreApplication::translate("main", "Random seed."),
                            QStringLiteral("S")};
    QCommandLineOption argmax{QStringLiteral("argmax"),
                              QCoreApplication::translate("main", "Always take the most probable code (argmax).")};
    QCommandLineOption edit{QStringLiteral("edit"),
                            QCoreApplication::translate(
                                "main", "With --screenshot and --generate: then set the code of frame F, codebook K "
                                        "to C and regenerate the frames after it, as the code grid's menu does."),
                            QStringLiteral("F,K,C")};
    QCommandLineOption text{QStringLiteral("text"),
                            QCoreApplication::translate("main", "Text to say (a text-conditioned model)."),
                            QStringLiteral("TEXT")};
    QCommandLineOption voice{QStringLiteral("voice"),
                             QCoreApplication::translate("main", "Voice to say it with (a text-conditioned model)."),
                             QStringLiteral("V")};
    QCommandLineOption open{
        QStringLiteral("open"),
        QCoreApplication::translate("main", "Recording to open and analyse at start (WAV, FLAC or OGG)."),
        QStringLiteral("FILE")};
    QCommandLineOption continueFrom{
        QStringLiteral("continue"),
        QCoreApplication::translate("main", "With --open: continue the recording from its first N frames."),
        QStringLiteral("N")};
    QCommandLineOption click{
        QStringLiteral("click"),
        QCoreApplication::translate("main", "With --screenshot: press this button or menu action (an object name, e.g. "
                                            "learn) before rendering; may be repeated."),
        QStringLiteral("NAME")};
    QCommandLineOption screenshotWidget{
        QStringLiteral("screenshot-widget"),
        QCoreApplication::translate("main", "With --screenshot: render only the widget with this object or "
                                            "class name (e.g. melView, QMessageBox)."),
        QStringLiteral("NAME")};
    QCommandLineOption trainLog{
        QStringLiteral("train-log"),
        QCoreApplication::translate("main", "Open the training window and plot this loss log (a bundle's "
                                            "train-log.jsonl)."),
        QStringLiteral("FILE")};
    QCommandLineOption reportTake{
        QStringLiteral("report-take"),
        QCoreApplication::translate("main",
                                    "With --screenshot and --generate: print the take's time (from Generate to its "
                                    "audio) on standard output as one JSON line, for benchmarks.")};
    QCommandLineOption language{
        QStringLiteral("language"),
        QCoreApplication::translate("main",
                                    "Interface language for this run: %1 (default: the one chosen in View > Language, "
                                    "else the system's).")
            .arg(QStringLiteral("en, de, zh_CN")),
        QStringLiteral("L")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(
            QCoreApplication::translate("main", "Watch a tiny speech-code generator write speech."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({bundle, screenshot, generate, frames, seed, argmax, edit, text, voice, open, continueFrom,
                           click, screenshotWidget, trainLog, reportTake, language});
    }
};

// The language to install before any text is shown: --language, else (except for screenshots,
// which ignore stored settings) the stored choice, else "" (the system locale). The arguments are
// read here once without acting on them; process() below reports their errors, translated.
bool chooseLanguage(const QStringList& arguments, QString* code)
{
    const Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    parser.parse(arguments);
    if (parser.isSet(options.language)) {
        *code = parser.value(options.language);
        if (!talker::ui::Language::isAvailable(*code)) {
            QStringList codes;
            for (const auto& choice : talker::ui::Language::available())
                codes << choice.code;
            printError(QCoreApplication::translate("main", "unknown language '%1': expected one of %2")
                           .arg(*code, codes.join(QStringLiteral(", "))));
            return false;
        }
    } else {
        *code = parser.isSet(options.screenshot) ? QString() : talker::ui::Language::saved(QSettings());
    }
    return true;
}

// Names, language and translation for `app`; false (after saying why) when --language is wrong.
bool prepare(QCoreApplication& app)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Talker Studio"));
    QCoreApplication::setApplicationName(QStringLiteral("talker-studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TALKER_VERSION));
    QString language;
    if (!chooseLanguage(app.arguments(), &language))
        return false;
    const talker::ui::Language::Installed installed = talker::ui::Language::install(language);
    if (!installed.complete())
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                                    "main", "warning: no translation into %1 (talker-studio_%2.qm) in %3: "
                                            "the studio is shown in English")
                                    .arg(talker::ui::Language::nativeName(installed.code), installed.code,
                                         talker::ui::Language::translationDirectories().join(QStringLiteral(", ")))));
    return true;
}

bool asksForHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

// On X11/Wayland systems Qt aborts the process when it finds no display: say so first instead.
// A platform named in QT_QPA_PLATFORM (e.g. offscreen for screenshots) is Qt's to report on.
bool displayReachable()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

} // namespace

int main(int argc, char** argv)
{
    Q_INIT_RESOURCE(studio); // resources/studio.qrc lives in the static talker_ui library
    if (asksForHelpOrVersion(argc, argv) || !displayReachable()) {
        // Help, version and argument errors need no window: answer them without a display.
        QCoreApplication app(argc, argv);
        if (!prepare(app))
            return 2;
        const Options opt;
        QCommandLineParser parser;
        opt.addTo(parser);
        parser.process(app); // exits after --help or --version, or on a wrong argument
        printError(QCoreApplication::translate(
            "main", "no display to show the window on (DISPLAY and WAYLAND_DISPLAY are not set): "
                    "start it in a desktop session, or with QT_QPA_PLATFORM=offscreen for --screenshot"));
        return 2;
    }
    QApplication app(argc, argv);
    if (!prepare(app))
        return 2;

    const Options opt;
    QCommandLineParser parser;
    opt.addTo(parser);
    parser.process(app);
    const QCommandLineOption &bundle = opt.bundle, &screenshot = opt.screenshot, &generate = opt.generate,
                             &frames = opt.frames, &seed = opt.seed, &open = opt.open, &continueFrom = opt.continueFrom;

    try {
        talker::configureThreads();
    } catch (const talker::Error& e) {
        printError(QString::fromStdString(e.what()));
        return 2;
    }

    talker::ui::MainWindow::Options options;
    options.bundlePath = parser.value(bundle);
    const QString screenshotPath = parser.value(screenshot);
    options.useSettings = screenshotPath.isEmpty();
    options.askBeforeDiscarding = screenshotPath.isEmpty(); // a screenshot run ends without asking
    talker::ui::MainWindow window(options);

    auto* panel = window.generationPanel();
    if (parser.isSet(frames)) {
        bool ok = false;
        const int n = parser.value(frames).toInt(&ok);
        if (!ok || n < 1) {
            printError(
                QCoreApplication::translate("main", "invalid frame count '%1': expected a whole number of 1 or more")
                    .arg(parser.value(frames)));
            return 2;
        }
        panel->framesBox()->setValue(n);
    }
    if (parser.isSet(seed)) {
        bool ok = false;
        parser.value(seed).toULongLong(&ok);
        if (!ok) {
            printError(QCoreApplication::translate("main", "invalid seed '%1': expected a whole number")
                           .arg(parser.value(seed)));
            return 2;
        }
        panel->seedEdit()->setText(parser.value(seed));
    }
    if (parser.isSet(opt.argmax))
        panel->argmaxBox()->setChecked(true);
    if (parser.isSet(opt.text) || parser.isSet(opt.voice)) {
        if (!panel->hasTextModel()) {
            printError(QCoreApplication::translate(
                "main", "--text and --voice need a text-conditioned model (e.g. --bundle with the speak model)"));
            return 2;
        }
        if (parser.isSet(opt.text))
            panel->textBox()->setPlainText(parser.value(opt.text));
        if (parser.isSet(opt.voice)) {
            const int index = panel->voiceBox()->findText(parser.value(opt.voice));
            if (index < 0) {
                QStringList voices;
                for (int i = 0; i < panel->voiceBox()->count(); ++i)
                    voices << panel->voiceBox()->itemText(i);
                printError(QCoreApplication::translate("main", "unknown voice '%1': expected one of %2")
                               .arg(parser.value(opt.voice), voices.join(QStringLiteral(", "))));
                return 2;
            }
            panel->voiceBox()->setCurrentIndex(index);
        }
    }
    talker::FrameIndex promptFrames = 0; // --continue
    if (parser.isSet(continueFrom)) {
        bool ok = false;
        promptFrames = parser.value(continueFrom).toLongLong(&ok);
        if (!ok || promptFrames < 1) {
            printError(QCoreApplication::translate(
                           "main", "invalid prompt length '%1': expected a whole number of 1 or more frames")
                           .arg(parser.value(continueFrom)));
            return 2;
        }
        if (!parser.isSet(open)) {
            printError(
                QCoreApplication::translate("main", "--continue needs a recording to continue: add --open FILE"));
            return 2;
        }
    }
    // --edit F,K,C: three whole numbers (their ranges are the take's, checked by editCode).
    std::optional<std::array<long long, 3>> editCell;
    if (parser.isSet(opt.edit)) {
        const QStringList parts = parser.value(opt.edit).split(QLatin1Char(','));
        std::array<long long, 3> cell{};
        bool ok = parts.size() == 3;
        for (int i = 0; ok && i < 3; ++i)
            cell[std::size_t(i)] = parts[i].trimmed().toLongLong(&ok);
        if (!ok || !parser.isSet(generate)) {
            printError(QCoreApplication::translate(
                           "main", "invalid --edit '%1': expected FRAME,CODEBOOK,CODE (whole numbers), with --generate")
                           .arg(parser.value(opt.edit)));
            return 2;
        }
        editCell = cell;
    }
    const QStringList clicks = parser.values(opt.click);
    for (const QString& name : clicks)
        if (!window.findChild<QAbstractButton*>(name) && !window.action(name)) {
            printError(QCoreApplication::translate("main", "no button or action named '%1' in the window").arg(name));
            return 2;
        }
    window.show();
    if (parser.isSet(opt.trainLog)) {
        talker::ui::TrainingWindow* training = window.showTraining();
        if (!training->openLossLog(parser.value(opt.trainLog))) {
            printError(training->lastError());
            if (!screenshotPath.isEmpty())
                return 1;
        }
    }

    // A recording: open it, then (--continue) press Continue with N frames, as a user would.
    if (parser.isSet(open)) {
        if (!window.bundle())
            return 1;
        if (promptFrames > 0)
            QObject::connect(
                &window, &talker::ui::MainWindow::recordingShown, &app,
                [&window, promptFrames] {
                    const talker::FrameIndex available = window.document()->frames();
                    if (promptFrames > available) {
                        window.showError(QCoreApplication::translate(
                                             "main", "cannot continue from frame %1: the recording has %2 frames")
                                             .arg(promptFrames)
                                             .arg(available));
                        return;
                    }
                    window.recordingPanel()->promptFramesBox()->setValue(int(promptFrames));
                    window.recordingPanel()->continueButton()->click();
                },
                Qt::SingleShotConnection);
        QTimer::singleShot(0, &window, [&window, path = parser.value(open)] { window.openAudio(path); });
    }

    QElapsedTimer sinceGenerate; // --report-take
    if (!screenshotPath.isEmpty()) {
        const auto finish = [&window, &app, screenshotPath, clicks, widgetName = parser.value(opt.screenshotWidget)] {
            for (const QString& name : clicks) {
                if (auto* button = window.findChild<QAbstractButton*>(name))
                    button->click();
                else
                    window.action(name)->trigger();
            }
            QTimer::singleShot(RepaintSettleMs, &app, [&window, widgetName, screenshotPath] {
                QApplication::exit(saveScreenshot(window, widgetName, screenshotPath) ? 0 : 1);
            });
        };
        // A screenshot of a failure would not show what was asked for: report it and stop.
        QObject::connect(&window, &talker::ui::MainWindow::errorShown, &app, [](const QString& message) {
            printError(message);
            QApplication::exit(1);
        });
        if (parser.isSet(open) && promptFrames == 0) {
            QObject::connect(&window, &talker::ui::MainWindow::recordingShown, &app, finish);
        } else if (parser.isSet(open) || parser.isSet(generate)) {
            if (!window.bundle())
                return 1;
            if (parser.isSet(opt.reportTake) && !parser.isSet(open))
                QObject::connect(&window, &talker::ui::MainWindow::takeCompleted, &app, [&window, &sinceGenerate] {
                    std::printf("{\"bench\":\"studio_take\",\"frames\":%lld,\"take_seconds\":%.4f}\n",
                                static_cast<long long>(window.document()->frames()),
                                double(sinceGenerate.nsecsElapsed()) * 1e-9);
                    std::fflush(stdout);
                });
            // With --edit, the first take is edited and regenerated; the shot follows the second.
            QObject::connect(&window, &talker::ui::MainWindow::takeCompleted, &app,
                             [&window, finish, editCell, edited = false]() mutable {
                                 if (editCell && !edited) {
                                     edited = true;
                                     const auto [frame, codebook, code] = *editCell;
                                     // editCode refuses what lies outside the take, naming its ranges.
                                     constexpr long long intMax = std::numeric_limits<int>::max();
                                     if (codebook > intMax || code > intMax || codebook < 0 || code < 0)
                                         window.showError(
                                             QCoreApplication::translate(
                                                 "main",
                                                 "invalid --edit: codebook %1 and code %2 must be 0 or more and "
                                                 "within the model's codebooks and codes")
                                                 .arg(codebook)
                                                 .arg(code));
                                     else
                                         window.editCode(talker::FrameIndex(frame), int(codebook), int(code));
                                     return;
                                 }
                                 finish();
                             });
            if (!parser.isSet(open)) {
                // Generate is clicked once the model is ready, as a person would click it (the
                // engine prepares the model on its thread first): --report-take then times the
                // take itself, as `talker generate` reports it, not the model's preparation.
                const auto click = [&window, &sinceGenerate] {
                    sinceGenerate.start();
                    window.generate();
                };
                talker::ui::GenerationController* controller = window.controller();
                if (!controller->bundle()) {
                    QTimer::singleShot(0, &window, click);
                } else {
                    const auto clickOnce = [click, clicked = std::make_shared<bool>(false)] {
                        if (!std::exchange(*clicked, true))
                            click();
                    };
                    QObject::connect(controller, &talker::ui::GenerationController::bundleReady, &window, clickOnce);
                    QObject::connect(controller, &talker::ui::GenerationController::failed, &window, clickOnce);
                }
            }
        } else {
            finish();
        }
        QTimer::singleShot(ScreenshotTimeoutMs, &app, [] {
            printError(QCoreApplication::translate("main", "the screenshot timed out"));
            QApplication::exit(1);
        });
    }
    return app.exec();
}
