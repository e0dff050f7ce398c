// SPDX-License-Identifier: GPL-3.0-or-later
#include "Language.h"

#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

// Both are set for this file by translations/CMakeLists.txt.
#ifndef TALKER_INSTALLED_TRANSLATIONS_RELDIR
#error "TALKER_INSTALLED_TRANSLATIONS_RELDIR (translations relative to the executable) is not defined"
#endif
#ifndef TALKER_BUILD_TRANSLATIONS_DIR
#error "TALKER_BUILD_TRANSLATIONS_DIR (the build tree's .qm directory) is not defined"
#endif

namespace talker::ui {

namespace {

const QString SettingsKey = QStringLiteral("ui/language");
const QString English = QStringLiteral("en");

// The translators install() put on the application; owned by it, replaced by the next install().
QPointer<QTranslator> s_studioTranslator;
QPointer<QTranslator> s_qtTranslator;
QString s_current = English;

// Whether a locale named by the system means the language of one of our codes. Chinese needs the
// script too: a Traditional Chinese reader is not served by the Simplified translation.
bool speaks(const QLocale& locale, const QString& code)
{
    const QLocale ours(code);
    if (locale.language() != ours.language())
        return false;
    if (locale.language() != QLocale::Chinese)
        return true;
    if (locale.script() != QLocale::AnyScript)
        return locale.script() == QLocale::SimplifiedHanScript;
    return locale.territory() == QLocale::China || locale.territory() == QLocale::Singapore;
}

QTranslator* replace(QPointer<QTranslator>& slot, QTranslator* next)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot.data();
    }
    slot = next;
    if (next)
        QCoreApplication::installTranslator(next);
    return next;
}

} // namespace

QList<Language::Choice> Language::available()
{
    return {{English, QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

bool Language::isAvailable(const QString& code)
{
    for (const Choice& choice : available())
        if (choice.code == code)
            return true;
    return false;
}

QString Language::nativeName(const QString& code)
{
    for (const Choice& choice : available())
        if (choice.code == code)
            return choice.nativeName;
    return code;
}

QString Language::saved(const QSettings& settings)
{
    const QString code = settings.value(SettingsKey).toString();
    return isAvailable(code) ? code : QString(); // an unknown stored value follows the system
}

void Language::save(QSettings& settings, const QString& code)
{
    if (code.isEmpty())
        settings.remove(SettingsKey);
    else
        settings.setValue(SettingsKey, code);
}

QString Language::resolve(const QString& code)
{
    if (!code.isEmpty())
        return code;
    // uiLanguages() lists the user's preferences in order (on Linux from LANGUAGE, LC_ALL,
    // LC_MESSAGES, LANG); the first one we speak wins, and English counts as spoken.
    for (const QString& name : QLocale::system().uiLanguages()) {
        const QLocale locale(name);
        for (const Choice& choice : available())
            if (speaks(locale, choice.code))
                return choice.code;
    }
    return English;
}

QStringList Language::translationDirectories()
{
    const QDir exeDir(QCoreApplication::applicationDirPath());
    return {QDir::cleanPath(exeDir.absoluteFilePath(QStringLiteral(TALKER_INSTALLED_TRANSLATIONS_RELDIR))),
            QStringLiteral(TALKER_BUILD_TRANSLATIONS_DIR)};
}

QString Language::findTranslation(const QString& code)
{
    for (const QString& dir : translationDirectories()) {
        const QFileInfo file(QDir(dir).filePath(QStringLiteral("talker-studio_%1.qm").arg(code)));
        if (file.isFile())
            return file.absoluteFilePath();
    }
    return {};
}

Language::Installed Language::install(const QString& code)
{
    Installed installed;
    installed.code = resolve(code);
    s_current = installed.code;
    // Numbers (QLocale().toString) follow a chosen language; without a choice, the system's locale.
    QLocale::setDefault(code.isEmpty() ? QLocale::system() : QLocale(installed.code));
    replace(s_studioTranslator, nullptr);
    replace(s_qtTranslator, nullptr);
    if (installed.code == English)
        return installed; // the source strings are English: nothing to install

    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(installed.code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        installed.qtFile = qt->filePath();
        replace(s_qtTranslator, qt);
    } else {
        delete qt;
    }

    const QString file = findTranslation(installed.code);
    if (!file.isEmpty()) {
        auto* studio = new QTranslator(QCoreApplication::instance());
        if (studio->load(file)) {
            installed.studioFile = file;
            replace(s_studioTranslator, studio);
        } else {
            delete studio;
        }
    }
    return installed;
}

QString Language::current()
{
    return s_current;
}

} // namespace talker::ui
