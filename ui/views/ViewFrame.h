// SPDX-License-Identifier: GPL-3.0-or-later
// A titled frame around a view, with a "?" button that explains what the view shows (Learn).
#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace talker::ui {

class ViewFrame : public QFrame {
    Q_OBJECT

  public:
    ViewFrame(const QString& title, const QString& explanation, QWidget* view, QWidget* parent = nullptr);
    QWidget* view() const { return m_view; }
    QToolButton* helpButton() const { return m_help; }
    void setTitle(const QString& title);
    QString title() const { return m_titleText; }
    /// Adds a widget (a button acting on the view) to the header, left of the "?" button.
    void addHeaderWidget(QWidget* widget);
    /// Shows the explanation next to the "?" button.
    void explain();

  private:
    QWidget* m_view;
    QLabel* m_title;
    QString m_titleText;
    QHBoxLayout* m_header;
    QToolButton* m_help;
    QString m_explanation;
};

} // namespace talker::ui
