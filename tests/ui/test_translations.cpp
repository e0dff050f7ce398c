// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's translations: every entry of each .ts finished (none unfinished, stale or empty;
// the source's placeholders and accelerator kept), the .ts files up to date with the tr() strings
// in the code (lupdate run on a copy adds nothing unfinished), each .qm found and translating known
// strings, View > Language storing a choice that the next window shows, and
// `talker-studio --language` translating the command line.
#include "../support/Fixtures.h"
#include "../support/StudioFixtures.h"
#include "Language.h"
#include "LanguageMenu.h"
#include "Learn.h"
#include "MainWindow.h"
#include "panels/ModelPanel.h"
#include "views/CodeGridView.h"
#include "views/ViewFrame.h"

#include "talker/ModelBundle.h"

#include <QtTest>

#include <QLibraryInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace talker;
using namespace talker::ui;
using talker::test::makeWindow;

namespace {

const QString TsDir = QStringLiteral(TALKER_TRANSLATIONS_SOURCE_DIR);

QString tsPath(const QString& code)
{
    return TsDir + QStringLiteral("/talker-studio_%1.ts").arg(code);
}

QSet<QString> placeholders(const QString& text)
{
    QSet<QString> found;
    static const QRegularExpression pattern(QStringLiteral("%(\\d+|n)"));
    for (const auto& match : pattern.globalMatch(text))
        found.insert(match.captured(0));
    return found;
}

// A menu or label accelerator: '&' before a character that is neither space nor another '&'.
// Rich text ("<b>...") has no accelerators.
int accelerators(const QString& text)
{
    if (text.contains(QLatin1Char('<')))
        return 0;
    static const QRegularExpression pattern(QStringLiteral("&[^\\s&]"));
    int n = 0;
    for (auto it = pattern.globalMatch(QString(text).replace(QStringLiteral("&&"), QString())); it.hasNext(); it.next())
        ++n;
    return n;
}

struct TsCheck {
    int messages = 0;
    QStringList problems;
};

// Reads a .ts and lists every entry a user would see untranslated or mistranslated.
TsCheck checkTs(const QByteArray& xml, const QString& expectedLanguage)
{
    TsCheck check;
    QXmlStreamReader reader(xml);
    QString context, source, translationType;
    QStringList forms; // the translation, or its numerus forms
    bool numerus = false;
    const auto problem = [&](const QString& what) {
        check.problems << QStringLiteral("%1: \"%2\": %3").arg(context, source.left(60), what);
    };
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            if (name == QLatin1String("TS")) {
                const QString language = reader.attributes().value(QLatin1String("language")).toString();
                if (!language.startsWith(expectedLanguage))
                    check.problems
                        << QStringLiteral("the file is for language '%1', not '%2'").arg(language, expectedLanguage);
            } else if (name == QLatin1String("name")) {
                context = reader.readElementText();
            } else if (name == QLatin1String("message")) {
                numerus = reader.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                source.clear();
                forms.clear();
                translationType.clear();
            } else if (name == QLatin1String("source")) {
                source = reader.readElementText();
            } else if (name == QLatin1String("translation")) {
                translationType = reader.attributes().value(QLatin1String("type")).toString();
                if (!numerus)
                    forms << reader.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                forms << reader.readElementText();
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("message")) {
            ++check.messages;
            if (!translationType.isEmpty()) {
                problem(translationType == QLatin1String("unfinished")
                            ? QStringLiteral("unfinished")
                            : QStringLiteral("stale (%1)").arg(translationType));
                continue;
            }
            if (forms.isEmpty() ||
                std::any_of(forms.begin(), forms.end(), [](const QString& f) { return f.trimmed().isEmpty(); })) {
                problem(QStringLiteral("empty translation"));
                continue;
            }
            QSet<QString> expected = placeholders(source), all;
            for (const QString& form : forms) {
                QSet<QString> inForm = placeholders(form);
                all += inForm;
                inForm.remove(QStringLiteral("%n")); // a singular form may say "one" instead of %n
                QSet<QString> numbered = expected;
                numbered.remove(QStringLiteral("%n"));
                if (inForm != numbered)
                    problem(QStringLiteral("placeholders %1 in \"%2\"")
                                .arg(QStringList(inForm.values()).join(QLatin1Char(' ')), form));
                if (accelerators(source) != accelerators(form))
                    problem(QStringLiteral("accelerator lost or doubled in \"%1\"").arg(form));
            }
            if (expected.contains(QStringLiteral("%n")) && !all.contains(QStringLiteral("%n")))
                problem(QStringLiteral("%n is in no plural form"));
        }
    }
    if (reader.hasError())
        check.problems << QStringLiteral("XML error at line %1: %2").arg(reader.lineNumber()).arg(reader.errorString());
    return check;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList menuTitles(const MainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

// What main.cpp does before it builds the window: install the stored choice.
void installStoredLanguage()
{
    Language::install(Language::saved(QSettings()));
}

} // namespace

class TestTranslations : public QObject {
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

    void cleanup() { Language::install(QStringLiteral("en")); }

    // The checker itself must catch what it is there to catch.
    void checkerFindsEachKindOfProblem()
    {
        const QByteArray ts = R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="de_DE"><context><name>C</name>
<message><source>&amp;Open</source><translation type="unfinished"></translation></message>
<message><source>Frame %1 of %2</source><translation>Frame %1</translation></message>
<message><source>&amp;Quit</source><translation>Beenden</translation></message>
<message><source>Gone</source><translation type="vanished">Weg</translation></message>
<message><source>Empty</source><translation></translation></message>
<message numerus="yes"><source>%n frame(s)</source><translation><numerusform>ein Frame</numerusform><numerusform>viele Frames</numerusform></translation></message>
<message><source>&amp;Fine %1</source><translation>&amp;Gut %1</translation></message>
</context></TS>)";
        const TsCheck check = checkTs(ts, QStringLiteral("de"));
        QCOMPARE(check.messages, 7);
        QCOMPARE(check.problems.size(), 6);
        QVERIFY(check.problems[0].contains("unfinished"));
        QVERIFY(check.problems[1].contains("placeholders"));
        QVERIFY(check.problems[2].contains("accelerator"));
        QVERIFY(check.problems[3].contains("stale (vanished)"));
        QVERIFY(check.problems[4].contains("empty"));
        QVERIFY(check.problems[5].contains("%n is in no plural form"));
        QVERIFY(!checkTs(ts, QStringLiteral("zh_CN")).problems.filter("not 'zh_CN'").isEmpty());
    }

    void tsFileIsComplete_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("German") << QStringLiteral("de");
        QTest::newRow("Simplified Chinese") << QStringLiteral("zh_CN");
    }
    void tsFileIsComplete()
    {
        QFETCH(QString, code);
        const QByteArray xml = readFile(tsPath(code));
        QVERIFY2(!xml.isEmpty(), qPrintable(tsPath(code)));
        const TsCheck check = checkTs(xml, code);
        QVERIFY2(check.messages > 150, qPrintable(QString("only %1 messages").arg(check.messages)));
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join('\n')));
    }

    // lupdate on a copy of each .ts: a tr() string added to the code without a translation shows
    // up as an unfinished entry, one removed as a stale entry.
    void tsFileMatchesTheCode_data() { tsFileIsComplete_data(); }
    void tsFileMatchesTheCode()
    {
        QFETCH(QString, code);
        const QString copy = m_dir.path() + QStringLiteral("/talker-studio_%1.ts").arg(code);
        QFile::remove(copy);
        QVERIFY(QFile::copy(tsPath(code), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(TALKER_LUPDATE_PATH),
                      {QStringLiteral(TALKER_SOURCE_DIR "/ui"),
                       QStringLiteral(TALKER_SOURCE_DIR "/app/studio/main.cpp"), QStringLiteral("-locations"),
                       QStringLiteral("none"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        const TsCheck check = checkTs(readFile(copy), code);
        QVERIFY2(check.problems.isEmpty(),
                 qPrintable("the code has changed since the .ts was updated (cmake --build <build> --target "
                            "update_translations, then translate):\n" +
                            check.problems.join('\n')));
    }

    void qmTranslatesKnownStrings_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("generate");
        QTest::addColumn<QString>("codeGridHeading");
        QTest::addColumn<QString>("qtClose");
        QTest::newRow("German") << "de"
                                << "&Erzeugen"
                                << "<h3>Das Code-Raster</h3>"
                                << "Schließen";
        QTest::newRow("Simplified Chinese") << "zh_CN"
                                            << "生成(&G)"
                                            << "<h3>码字网格</h3>"
                                            << "关闭";
    }
    void qmTranslatesKnownStrings()
    {
        QFETCH(QString, code);
        QFETCH(QString, generate);
        QFETCH(QString, codeGridHeading);
        QFETCH(QString, qtClose);
        QVERIFY2(!Language::findTranslation(code).isEmpty(),
                 qPrintable("no talker-studio_" + code + ".qm in " + Language::translationDirectories().join(", ")));
        const Language::Installed installed = Language::install(code);
        QCOMPARE(installed.code, code);
        QVERIFY(installed.complete());
        QCOMPARE(QCoreApplication::translate("talker::ui::MainWindow", "&Generate"), generate);
        QVERIFY(Learn::codeGrid().startsWith(codeGridHeading));
        // Qt's own strings (dialog buttons) follow when Qt's translation is on the system.
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (QFile::exists(qtDir + "/qtbase_" + code + ".qm")) {
            QVERIFY(!installed.qtFile.isEmpty());
            QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Close"), qtClose);
        }
        // And back: English is the source language, nothing installed.
        const Language::Installed english = Language::install(QStringLiteral("en"));
        QVERIFY(english.studioFile.isEmpty() && english.qtFile.isEmpty());
        QCOMPARE(QCoreApplication::translate("talker::ui::MainWindow", "&Generate"), QString("&Generate"));
    }

    // View > Language stores the choice; the window built after installing it (what the next
    // start does) shows it; the window that was open keeps its language and says when it changes.
    void languageMenuChoiceShowsInTheNextWindow()
    {
        QSettings().remove("ui/language");
        Language::install(QStringLiteral("en"));
        auto english = makeWindow(m_bundle);
        QCOMPARE(english->action("generate")->text(), QString("&Generate"));
        QVERIFY(english->action("language-system")->isChecked());

        english->action("language-de")->trigger();
        QCOMPARE(Language::saved(QSettings()), QString("de"));
        QVERIFY(english->action("language-de")->isChecked());
        auto* menu = english->findChild<LanguageMenu*>("languageMenu");
        QVERIFY(menu && menu->notice() && menu->notice()->isVisible());
        // The note in the language in use and in the chosen one.
        QVERIFY2(menu->notice()->text().contains("Talker Studio will be shown in Deutsch from its next start."),
                 qPrintable(menu->notice()->text()));
        QVERIFY2(menu->notice()->text().contains("ab dem nächsten Start auf Deutsch"),
                 qPrintable(menu->notice()->text()));
        QCOMPARE(english->action("generate")->text(), QString("&Generate")); // applies from the next start

        installStoredLanguage();
        auto german = makeWindow(m_bundle);
        QCOMPARE(german->action("generate")->text(), QString("&Erzeugen"));
        QCOMPARE(menuTitles(*german),
                 QStringList({"&Datei", "&Bearbeiten", "&Erzeugen", "&Modell", "&Wiedergabe", "&Ansicht", "&Hilfe"}));
        QCOMPARE(german->windowTitle(), QString("Talker Studio"));
        const auto frames = german->findChildren<ViewFrame*>();
        QVERIFY(!frames.isEmpty());
        QCOMPARE(frames.first()->helpButton()->text(), QString("Was sehe ich hier?"));
        QVERIFY(german->action("language-de")->isChecked());
        // The code grid's German row labels ("Basis", "Residuum") whole in the margin (issue 19:
        // the German UI clipped the residual's heading): light text in every row, none at the
        // margin's left edge.
        {
            CodeGridView* grid = german->codeGridView();
            QCOMPARE(grid->rowLabel(1), QString("Residuum"));
            QTest::qWait(50);
            const QImage image = grid->grab().toImage();
            const QRect plot = grid->plotRect();
            const double rowHeight = plot.height() / 2.0;
            for (int k = 0; k < 2; ++k) {
                int text = 0, atEdge = 0;
                for (int y = int(plot.top() + k * rowHeight); y < int(plot.top() + (k + 1) * rowHeight); ++y)
                    for (int x = 0; x < plot.left(); ++x)
                        (x < 3 ? atEdge : text) += qGray(image.pixel(x, y)) > 110;
                QVERIFY2(text > 5 && atEdge == 0,
                         qPrintable(QString("row %1: %2 text pixels, %3 at the edge").arg(k).arg(text).arg(atEdge)));
            }
        }
        // The shipped model's description too (issue 19: it stayed English).
        QVERIFY2(german->modelPanel()->text().contains("Der Talker des Kapitels: 2 Codebücher"),
                 qPrintable(german->modelPanel()->text()));

        german->action("language-zh_CN")->trigger();
        installStoredLanguage();
        auto chinese = makeWindow(m_bundle);
        QCOMPARE(chinese->action("generate")->text(), QString("生成(&G)"));
        QCOMPARE(menuTitles(*chinese).first(), QString("文件(&F)"));
        QVERIFY(chinese->action("language-zh_CN")->isChecked());

        chinese->action("language-en")->trigger();
        installStoredLanguage();
        auto back = makeWindow(m_bundle);
        QCOMPARE(back->action("generate")->text(), QString("&Generate"));

        back->action("language-system")->trigger();
        QVERIFY(!QSettings().contains("ui/language"));
    }

    void commandLineLanguage_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("German") << "de"
                                << "Zu öffnendes Modellpaket.";
        QTest::newRow("Simplified Chinese") << "zh_CN"
                                            << "要打开的模型包。";
        QTest::newRow("English") << "en"
                                 << "Model bundle to open.";
    }
    void commandLineLanguage()
    {
        QFETCH(QString, code);
        QFETCH(QString, expected);
        QProcess studio;
        studio.setProcessChannelMode(QProcess::MergedChannels);
        studio.start(QStringLiteral(TALKER_STUDIO_PATH), {"--language", code, "--help"});
        QVERIFY(studio.waitForFinished(60000));
        const QString out = QString::fromUtf8(studio.readAll());
        QCOMPARE(studio.exitCode(), 0);
        QVERIFY2(out.contains(expected), qPrintable(out));
    }

    void commandLineRefusesAnUnknownLanguage()
    {
        QProcess studio;
        studio.setProcessChannelMode(QProcess::MergedChannels);
        studio.start(QStringLiteral(TALKER_STUDIO_PATH), {"--language", "fr", "--help"});
        QVERIFY(studio.waitForFinished(60000));
        QCOMPARE(studio.exitCode(), 2);
        const QStringList lines = QString::fromUtf8(studio.readAll()).trimmed().split('\n'); // Qt may warn first
        QCOMPARE(lines.last(), QString("error: unknown language 'fr': expected one of en, de, zh_CN"));
    }

    // --edit F,K,C (the guide's pictures of an edited take): a picture of the regenerated take;
    // a malformed value or a cell outside the take is refused with a message, never a picture.
    void screenshotOfAnEditedTake_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("frame 3, codebook 1") << "3,1,17" << 0 << "wrote ";
        QTest::newRow("not three numbers") << "3,1" << 2 << "invalid --edit '3,1': expected FRAME,CODEBOOK,CODE";
        QTest::newRow("frame past the take") << "50,0,1" << 1 << "the take has frames 0 to 9";
        QTest::newRow("code past the codebook") << "3,0,128" << 1 << "and codes 0 to 127";
        QTest::newRow("codebook 2^40") << "3,1099511627776,1" << 1 << "codebook 1099511627776 and code 1 must be";
    }

    void screenshotOfAnEditedTake()
    {
        QFETCH(QString, edit);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString png = m_dir.path() + "/edited.png";
        QFile::remove(png);
        QProcess studio;
        studio.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        studio.setProcessEnvironment(env);
        studio.start(QStringLiteral(TALKER_STUDIO_PATH), {"--language", "en", "--bundle", m_bundle, "--screenshot", png,
                                                          "--generate", "--frames", "10", "--edit", edit});
        QVERIFY(studio.waitForFinished(120000));
        const QString out = QString::fromUtf8(studio.readAll());
        QCOMPARE(studio.exitCode(), exitCode);
        QVERIFY2(out.contains(message), qPrintable(out));
        QCOMPARE(QFileInfo::exists(png), exitCode == 0);
    }

    // Without any display (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM), --help still answers
    // and a plain start says why it cannot show the window, instead of Qt aborting the process.
    void withoutDisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        const auto run = [&env](const QStringList& arguments, QString* out) {
            QProcess studio;
            studio.setProcessEnvironment(env);
            studio.setProcessChannelMode(QProcess::MergedChannels);
            studio.start(QStringLiteral(TALKER_STUDIO_PATH), arguments);
            if (!studio.waitForFinished(60000))
                return -1;
            *out = QString::fromUtf8(studio.readAll());
            return studio.exitStatus() == QProcess::NormalExit ? studio.exitCode() : -2;
        };
        QString out;
        QCOMPARE(run({"--language", "en", "--help"}, &out), 0);
        QVERIFY2(out.contains("Model bundle to open."), qPrintable(out));
        QCOMPARE(run({"--version"}, &out), 0);
        QVERIFY2(out.contains("talker-studio"), qPrintable(out));
        QCOMPARE(run({"--language", "en"}, &out), 2);
        QVERIFY2(out.trimmed().split('\n').last().startsWith("error: no display to show the window on"),
                 qPrintable(out));
        QCOMPARE(run({"--language", "en", "--no-such-option"}, &out), 1);
        QVERIFY2(out.contains("no-such-option"), qPrintable(out));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
