// talker-studio: the desktop application.
//
//   talker-studio [--bundle DIR]
//   talker-studio --screenshot FILE [--generate] [--frames N] [--seed S] [--bundle DIR]
//
// --screenshot renders the main window into a PNG (after generating a take with --generate, once
// the take has finished and the views have repainted) and exits: for the documentation and tests.
#include "MainWindow.h"
#include "TakeDocument.h"
#include "panels/GenerationPanel.h"

#include "talker/Runtime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QLocale>
#include <QSaveFile>
#include <QSpinBox>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

namespace {

constexpr int RepaintSettleMs = 400;        // lets the 60 Hz views repaint the final take
constexpr int ScreenshotTimeoutMs = 300000; // give up rather than hang a script

bool saveScreenshot(QWidget& window, const QString& path)
{
    const QImage image = window.grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        std::fprintf(stderr, "error: cannot write screenshot '%s': %s\n", qPrintable(path), qPrintable(file.errorString()));
        return false;
    }
    std::fprintf(stderr, "wrote '%s' (%dx%d)\n", qPrintable(path), image.width(), image.height());
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Talker Studio"));
    QApplication::setApplicationName(QStringLiteral("talker-studio"));
    QApplication::setApplicationVersion(QStringLiteral(TALKER_VERSION));

    QTranslator qtTranslator, translator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    if (translator.load(QLocale(), QStringLiteral("talker-studio"), QStringLiteral("_"), QStringLiteral(":/translations")))
        app.installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Watch a tiny speech-code generator write speech."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption bundle(QStringLiteral("bundle"), QApplication::translate("main", "Model bundle to open."), QStringLiteral("DIR"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Render the window into a PNG file and exit."), QStringLiteral("FILE"));
    const QCommandLineOption generate(QStringLiteral("generate"), QApplication::translate("main", "With --screenshot: generate a take first."));
    const QCommandLineOption frames(QStringLiteral("frames"), QApplication::translate("main", "Frames to generate."), QStringLiteral("N"));
    const QCommandLineOption seed(QStringLiteral("seed"), QApplication::translate("main", "Random seed."), QStringLiteral("S"));
    parser.addOptions({bundle, screenshot, generate, frames, seed});
    parser.process(app);

    talker::configureThreads();

    talker::ui::MainWindow::Options options;
    options.bundlePath = parser.value(bundle);
    const QString screenshotPath = parser.value(screenshot);
    options.useSettings = screenshotPath.isEmpty();
    talker::ui::MainWindow window(options);

    auto* panel = window.generationPanel();
    if (parser.isSet(frames)) {
        bool ok = false;
        const int n = parser.value(frames).toInt(&ok);
        if (!ok || n < 1) {
            std::fprintf(stderr, "error: invalid frame count '%s': expected a whole number of 1 or more\n", qPrintable(parser.value(frames)));
            return 2;
        }
        panel->framesBox()->setValue(n);
    }
    if (parser.isSet(seed)) {
        bool ok = false;
        parser.value(seed).toULongLong(&ok);
        if (!ok) {
            std::fprintf(stderr, "error: invalid seed '%s': expected a whole number\n", qPrintable(parser.value(seed)));
            return 2;
        }
        panel->seedEdit()->setText(parser.value(seed));
    }
    window.show();

    if (!screenshotPath.isEmpty()) {
        const auto finish = [&window, &app, screenshotPath] {
            QTimer::singleShot(RepaintSettleMs, &app, [&window, screenshotPath] {
                QApplication::exit(saveScreenshot(window, screenshotPath) ? 0 : 1);
            });
        };
        QObject::connect(&window, &talker::ui::MainWindow::errorShown, &app, [](const QString& message) {
            std::fprintf(stderr, "error: %s\n", qPrintable(message));
        });
        if (parser.isSet(generate)) {
            if (!window.bundle())
                return 1;
            QObject::connect(&window, &talker::ui::MainWindow::takeCompleted, &app, finish);
            QTimer::singleShot(0, &window, &talker::ui::MainWindow::generate);
        } else {
            finish();
        }
        QTimer::singleShot(ScreenshotTimeoutMs, &app, [] {
            std::fprintf(stderr, "error: the screenshot timed out\n");
            QApplication::exit(1);
        });
    }
    return app.exec();
}
