// SPDX-License-Identifier: GPL-3.0-or-later
#include "TakeHistory.h"

#include <QUndoCommand>
#include <QUndoStack>

namespace talker::ui {

// One step: the take it put on screen, and the one it replaced. The stack calls redo() when the
// step is pushed; the take is on screen already then, so only later redos show it.
class TakeHistory::Step : public QUndoCommand {
  public:
    Step(TakeHistory* history, std::shared_ptr<const TakeSnapshot> before, std::shared_ptr<const TakeSnapshot> after,
         const QString& text)
        : QUndoCommand(text), m_history(history), m_before(std::move(before)), m_after(std::move(after))
    {
    }

    void redo() override
    {
        if (m_pushed)
            m_history->show(m_after);
        m_pushed = true;
    }
    void undo() override { m_history->show(m_before); }

    const std::shared_ptr<const TakeSnapshot>& before() const { return m_before; }

  private:
    TakeHistory* m_history;
    std::shared_ptr<const TakeSnapshot> m_before, m_after;
    bool m_pushed = false;
};

TakeHistory::TakeHistory(QObject* parent) : QObject(parent), m_stack(new QUndoStack(this))
{
    m_stack->setObjectName(QStringLiteral("takeHistoryStack"));
    m_stack->setUndoLimit(100); // a take of 200 frames with its probabilities and audio: ~1 MB
}

void TakeHistory::record(std::shared_ptr<const TakeSnapshot> snapshot, const QString& text)
{
    auto before = m_current;
    m_current = snapshot;
    m_stack->push(new Step(this, std::move(before), std::move(snapshot), text));
}

std::shared_ptr<const TakeSnapshot> TakeHistory::previous() const
{
    const int index = m_stack->index();
    if (index <= 0)
        return nullptr;
    return static_cast<const Step*>(m_stack->command(index - 1))->before();
}

void TakeHistory::clear()
{
    m_stack->clear();
    m_current.reset();
}

bool TakeHistory::hasUnsavedTake() const
{
    return m_current && !m_stack->isClean();
}

void TakeHistory::markSaved()
{
    m_stack->setClean();
}

void TakeHistory::show(std::shared_ptr<const TakeSnapshot> snapshot)
{
    m_current = snapshot;
    emit showRequested(std::move(snapshot));
}

} // namespace talker::ui
