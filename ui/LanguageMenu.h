// SPDX-License-Identifier: GPL-3.0-or-later
// View ▸ Language: System / English / Deutsch / 简体中文. Shows the stored choice (Language) and
// stores a new one in QSettings. The studio builds its texts once at start-up, so a new language
// shows from the next start; the menu says so in a non-modal note, in the language in use and in
// the chosen one.
//
// Thread safety: GUI thread only.
#pragma once

#include <QMenu>
#include <QPointer>

class QActionGroup;
class QMessageBox;

namespace talker::ui {

class LanguageMenu : public QMenu {
    Q_OBJECT

  public:
    explicit LanguageMenu(QWidget* parent = nullptr);

    /// The action for a code ("" = follow the system); object names "language-system",
    /// "language-en", "language-de", "language-zh_CN".
    QAction* actionFor(const QString& code) const;
    /// The note shown after the last choice that changes the language (null when none is open).
    QMessageBox* notice() const { return m_notice; }

  signals:
    /// A choice was stored; it applies from the next start.
    void languageChosen(const QString& code);

  private:
    void choose(const QString& code);

    QActionGroup* m_group;
    QPointer<QMessageBox> m_notice;
};

} // namespace talker::ui
