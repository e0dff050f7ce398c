// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ViewFrame.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWhatsThis>

namespace talker::ui {

ViewFrame::ViewFrame(const QString& title, const QString& explanation, QWidget* view, QWidget* parent)
    : QFrame(parent), m_view(view), m_explanation(explanation)
{
    setFrameShape(QFrame::NoFrame);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 0);
    layout->setSpacing(1);
    auto* header = m_header = new QHBoxLayout;
    header->setContentsMargins(6, 0, 6, 0);
    m_title = new QLabel;
    // Plain text in a bold font rather than "<b>...</b>": the rich-text layout measured CJK titles
    // narrower than they draw, and the last characters were cut off.
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    setTitle(title);
    header->addWidget(m_title);
    header->addStretch(1);
    m_help = new QToolButton;
    m_help->setText(tr("What am I looking at?"));
    m_help->setAutoRaise(true);
    m_help->setToolTip(tr("Explain this view"));
    header->addWidget(m_help);
    layout->addLayout(header);
    layout->addWidget(view, 1);
    view->setWhatsThis(explanation);
    connect(m_help, &QToolButton::clicked, this, &ViewFrame::explain);
}

void ViewFrame::setTitle(const QString& title)
{
    m_titleText = title;
    m_title->setText(title);
}

void ViewFrame::addHeaderWidget(QWidget* widget)
{
    m_header->insertWidget(m_header->indexOf(m_help), widget);
}

void ViewFrame::explain()
{
    QWhatsThis::showText(m_help->mapToGlobal(QPoint(0, m_help->height())), m_explanation, m_help);
}

} // namespace talker::ui
