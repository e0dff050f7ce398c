// SPDX-License-Identifier: GPL-3.0-or-later
// The takes of a session as undoable steps: every generation, continuation, code edit,
// resampling and re-render ("codebooks heard") that puts a new take on screen is a step on a
// QUndoStack, so Edit > Undo / Redo (and the history list, a QUndoView of the stack) bring back
// any take of the session exactly as it was heard, without generating anything again. The stack's
// clean state is "saved": a take saved to a take file or exported as audio.
//
// The history holds the takes; the window shows them: undo and redo emit showRequested() with the
// take to put on screen (null: the empty studio, before the first take).
//
// Thread safety: GUI thread only.
#pragma once

#include "StudioTypes.h"

#include <QObject>
#include <QString>

#include <memory>

class QUndoStack;

namespace talker::ui {

/// One take as it was on screen.
struct TakeSnapshot {
    Take take;             // codes, probabilities, full mel, parameters
    Mel heardMel;          // the mel as decoded with codebooksUsed codebooks
    AudioBuffer audio;     // what was heard
    int codebooksUsed = 0; // "codebooks heard"
};

class TakeHistory : public QObject {
    Q_OBJECT

  public:
    explicit TakeHistory(QObject* parent = nullptr);

    QUndoStack* stack() const { return m_stack; }
    /// A new take is on screen: records it as a step named `text`; undo returns to the take
    /// that was on screen before it.
    void record(std::shared_ptr<const TakeSnapshot> snapshot, const QString& text);
    /// The take on screen (null before the first step, or when undone past it).
    std::shared_ptr<const TakeSnapshot> current() const { return m_current; }
    /// The take the current step replaced (for A/B); null when there is none.
    std::shared_ptr<const TakeSnapshot> previous() const;
    /// Forgets every step (another model: its takes cannot be shown with the new one).
    void clear();
    /// True when there is a take that was neither saved nor exported since it was made.
    bool hasUnsavedTake() const;
    /// The take on screen was saved (a take file) or exported (audio).
    void markSaved();

  signals:
    /// Undo or redo: show this take (null: nothing).
    void showRequested(std::shared_ptr<const talker::ui::TakeSnapshot> snapshot);

  private:
    class Step;
    void show(std::shared_ptr<const TakeSnapshot> snapshot);

    QUndoStack* m_stack;
    std::shared_ptr<const TakeSnapshot> m_current;
};

} // namespace talker::ui

Q_DECLARE_METATYPE(std::shared_ptr<const talker::ui::TakeSnapshot>)
