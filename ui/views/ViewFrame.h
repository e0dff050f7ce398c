// A titled frame around a view, with a "?" button that explains what the view shows (Learn).
#pragma once

#include <QFrame>

class QToolButton;

namespace talker::ui {

class ViewFrame : public QFrame {
    Q_OBJECT

public:
    ViewFrame(const QString& title, const QString& explanation, QWidget* view, QWidget* parent = nullptr);
    QWidget* view() const { return m_view; }
    QToolButton* helpButton() const { return m_help; }
    /// Shows the explanation next to the "?" button.
    void explain();

private:
    QWidget* m_view;
    QToolButton* m_help;
    QString m_explanation;
};

} // namespace talker::ui
