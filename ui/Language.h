// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's interface language: which translations ship, where their .qm files are found at run
// time, which one the system locale or the user's choice selects, and installing it (together
// with Qt's own qtbase translation, for the standard dialogs and buttons).
//
// The choice is stored in QSettings under "ui/language": "" follows the system locale, otherwise
// a code from available() ("en", "de", "zh_CN"). It takes effect at start-up (main.cpp calls
// install() before any widget exists); the studio builds its texts once, so a new choice made in
// the Language menu applies from the next start (LanguageMenu says so).
//
// The .qm files are looked up in, in this order:
//   <directory of the executable>/../share/talker-studio/translations   (an installed studio)
//   the build tree's translations directory, compiled in                 (a studio run from its build)
//
// Thread safety: GUI thread only.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QSettings;

namespace talker::ui {

class Language {
    Q_DECLARE_TR_FUNCTIONS(Language)

  public:
    struct Choice {
        QString code;       // "en", "de", "zh_CN": the suffix of talker-studio_<code>.qm
        QString nativeName; // the language's name in itself ("Deutsch"), never translated
    };
    /// What the studio speaks: English (the source language, no .qm) first, then the translations.
    static QList<Choice> available();
    static bool isAvailable(const QString& code);
    static QString nativeName(const QString& code);

    /// The stored choice ("" = follow the system locale).
    static QString saved(const QSettings& settings);
    static void save(QSettings& settings, const QString& code);

    /// The language a choice resolves to: code itself, or for "" the first of the system's
    /// preferred UI languages that the studio has (English when it has none of them).
    static QString resolve(const QString& code);

    /// Where .qm files are looked for, in order (see the top of this file).
    static QStringList translationDirectories();
    /// The studio's .qm file for code ("de"), or "" when none of the directories has it.
    static QString findTranslation(const QString& code);

    struct Installed {
        QString code;       // the language now in use
        QString studioFile; // the studio .qm installed ("" for English, or when none was found)
        QString qtFile;     // Qt's qtbase .qm installed ("" when none)
        bool complete() const { return code == QStringLiteral("en") || !studioFile.isEmpty(); }
    };
    /// Resolves code, replaces the translators an earlier call installed and installs the new
    /// ones on the application. Needs a QCoreApplication.
    static Installed install(const QString& code);
    /// The language the last install() put in use ("en" before any).
    static QString current();
};

} // namespace talker::ui
