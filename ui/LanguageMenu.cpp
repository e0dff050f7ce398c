// SPDX-License-Identifier: GPL-3.0-or-later
#include "LanguageMenu.h"

#include "Language.h"

#include <QActionGroup>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace talker::ui {

namespace {

const char* const Context = "talker::ui::LanguageMenu";
// Marked here, translated twice: into the language in use and into the one chosen.
const char* const RestartNote =
    QT_TRANSLATE_NOOP("talker::ui::LanguageMenu", "Talker Studio will be shown in %1 from its next start.");

QString objectNameFor(const QString& code)
{
    return code.isEmpty() ? QStringLiteral("language-system") : QStringLiteral("language-") + code;
}

// The note in another language than the one in use: its .qm read on its own, not installed.
QString noteIn(const QString& code, const QString& languageName)
{
    QString text = QString::fromUtf8(RestartNote);
    QTranslator translator;
    const QString file = Language::findTranslation(code);
    if (!file.isEmpty() && translator.load(file)) {
        const QString translated = translator.translate(Context, RestartNote);
        if (!translated.isEmpty())
            text = translated;
    }
    return text.arg(languageName);
}

} // namespace

LanguageMenu::LanguageMenu(QWidget* parent) : QMenu(tr("&Language"), parent), m_group(new QActionGroup(this))
{
    setObjectName(QStringLiteral("languageMenu"));
    m_group->setExclusive(true);
    const auto add = [this](const QString& code, const QString& text) {
        QAction* action = addAction(text);
        action->setObjectName(objectNameFor(code));
        action->setCheckable(true);
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { choose(code); });
    };
    add(QString(), tr("&System (%1)").arg(Language::nativeName(Language::resolve(QString()))));
    addSeparator();
    for (const Language::Choice& choice : Language::available())
        add(choice.code, choice.nativeName); // each language named in itself, so its readers find it
    if (QAction* stored = actionFor(Language::saved(QSettings())))
        stored->setChecked(true);
}

QAction* LanguageMenu::actionFor(const QString& code) const
{
    for (QAction* action : m_group->actions())
        if (action->objectName() == objectNameFor(code))
            return action;
    return nullptr;
}

void LanguageMenu::choose(const QString& code)
{
    QSettings settings;
    Language::save(settings, code);
    if (QAction* action = actionFor(code))
        action->setChecked(true);
    emit languageChosen(code);

    const QString next = Language::resolve(code);
    if (next == Language::current())
        return; // nothing will look different
    const QString name = Language::nativeName(next);
    QString text = QCoreApplication::translate(Context, RestartNote).arg(name);
    const QString inNext = noteIn(next, name);
    if (inNext != text)
        text += QStringLiteral("\n\n") + inNext;
    if (!m_notice) {
        m_notice =
            new QMessageBox(QMessageBox::Information, tr("Language"), QString(), QMessageBox::Close, parentWidget());
        m_notice->setObjectName(QStringLiteral("languageNotice"));
        m_notice->setAttribute(Qt::WA_DeleteOnClose);
        m_notice->setModal(false);
    }
    m_notice->setText(text);
    m_notice->show();
}

} // namespace talker::ui
