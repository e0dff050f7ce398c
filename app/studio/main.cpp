// talker-studio: the desktop application.
//
//   talker-studio [--bundle DIR] [--language en|de|zh_CN]
//   talker-studio --screenshot FILE [--generate] [--frames N] [--seed S] [--bundle DIR] [--language L]
//
// --screenshot renders the main window into a PNG (after generating a take with --generate, once
// the take has finished and the views have repainted) and exits: for the documentation and tests.
// --language overrides, for this run only, the language chosen in View > Language (or, without a
// choice, the system locale's); a screenshot ignores the stored choice, like all stored settings.
#include "Language.h"
#include "MainWindow.h"
#include "TakeDocument.h"
#include "panels/GenerationPanel.h"

#include "talker/Runtime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLineEdit>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int RepaintSettleMs = 400;        // lets the 60 Hz views repaint the final take
constexpr int ScreenshotTimeoutMs = 300000; // give up rather than hang a script

void printError(const QString& message)
{
    std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "error: %1").arg(message)));
}

bool saveScreenshot(QWidget& window, const QString& path)
{
    const QImage image = window.grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        printError(QCoreApplication::translate("main", "cannot write screenshot '%1': %2").arg(path, file.errorString()));
        return false;
    }
    std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "wrote '%1' (%2x%3)").arg(path).arg(image.width()).arg(image.height())));
    return true;
}

// The options, with descriptions in the language installed when this is called.
struct Options {
    QCommandLineOption bundle{QStringLiteral("bundle"), QCoreApplication::translate("main", "Model bundle to open."), QStringLiteral("DIR")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QCoreApplication::translate("main", "Render the window into a PNG file and exit."),
                                  QStringLiteral("FILE")};
    QCommandLineOption generate{QStringLiteral("generate"), QCoreApplication::translate("main", "With --screenshot: generate a take first.")};
    QCommandLineOption frames{QStringLiteral("frames"), QCoreApplication::translate("main", "Frames to generate."), QStringLiteral("N")};
    QCommandLineOption seed{QStringLiteral("seed"), QCoreApplication::translate("main", "Random seed."), QStringLiteral("S")};
    QCommandLineOption language{QStringLiteral("language"),
                                QCoreApplication::translate("main", "Interface language for this run: %1 (default: the one chosen in View > Language, "
                                   "else the system's).")
                                    .arg(QStringLiteral("en, de, zh_CN")),
                                QStringLiteral("L")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(QCoreApplication::translate("main", "Watch a tiny speech-code generator write speech."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({bundle, screenshot, generate, frames, seed, language});
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
            printError(QCoreApplication::translate("main", "unknown language '%1': expected one of %2").arg(*code, codes.join(QStringLiteral(", "))));
            return false;
        }
    } else {
        *code = parser.isSet(options.screenshot) ? QString() : talker::ui::Language::saved(QSettings());
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    Q_INIT_RESOURCE(studio); // resources/studio.qrc lives in the static talker_ui library
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Talker Studio"));
    QApplication::setApplicationName(QStringLiteral("talker-studio"));
    QApplication::setApplicationVersion(QStringLiteral(TALKER_VERSION));

    QString language;
    if (!chooseLanguage(app.arguments(), &language))
        return 2;
    const talker::ui::Language::Installed installed = talker::ui::Language::install(language);
    if (!installed.complete())
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "warning: no translation into %1 (talker-studio_%2.qm) in %3: "
                                                                    "the studio is shown in English")
                                    .arg(talker::ui::Language::nativeName(installed.code), installed.code,
                                         talker::ui::Language::translationDirectories().join(QStringLiteral(", ")))));

    const Options opt;
    QCommandLineParser parser;
    opt.addTo(parser);
    parser.process(app);
    const QCommandLineOption &bundle = opt.bundle, &screenshot = opt.screenshot, &generate = opt.generate,
                             &frames = opt.frames, &seed = opt.seed;

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
            printError(QCoreApplication::translate("main", "invalid frame count '%1': expected a whole number of 1 or more").arg(parser.value(frames)));
            return 2;
        }
        panel->framesBox()->setValue(n);
    }
    if (parser.isSet(seed)) {
        bool ok = false;
        parser.value(seed).toULongLong(&ok);
        if (!ok) {
            printError(QCoreApplication::translate("main", "invalid seed '%1': expected a whole number").arg(parser.value(seed)));
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
        QObject::connect(&window, &talker::ui::MainWindow::errorShown, &app, [](const QString& message) { printError(message); });
        if (parser.isSet(generate)) {
            if (!window.bundle())
                return 1;
            QObject::connect(&window, &talker::ui::MainWindow::takeCompleted, &app, finish);
            QTimer::singleShot(0, &window, &talker::ui::MainWindow::generate);
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
