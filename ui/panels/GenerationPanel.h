// SPDX-License-Identifier: GPL-3.0-or-later
// The generation settings: frame count, temperature, argmax, top-k, top-p, seed ("New seed"),
// pace; and the Generate / Step / Stop buttons (bound to the window's actions, so shortcuts,
// menus and buttons share one enabled state). With a text-conditioned model also the text to say
// and the voice; the text then decides the frame count (the box shows it, disabled).
//
// Thread safety: GUI thread only.
#pragma once

#include "talker/Generator.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSettings;
class QSpinBox;

namespace talker::ui {

class GenerationPanel : public QWidget {
    Q_OBJECT

  public:
    static constexpr int DefaultFrames = 200; // 16 s at 12.5 frames/s

    GenerationPanel(QAction* generate, QAction* step, QAction* stop, QWidget* parent = nullptr);

    /// The settings as generation parameters (no prompt, no text prompt: see text() and voice()).
    /// Check seedIsValid() first.
    GenerationParams params() const;
    /// Sets every control; a text take's text and voice too.
    void setParams(const GenerationParams& params);
    bool seedIsValid() const;
    /// Limits that depend on the model: top-k up to V, frames up to what the cache holds.
    void setModelLimits(int codebookSize, int maxFrames);
    /// Shows the text box and the voices of a text-conditioned model (hides them for
    /// `text.enabled()` false) and says that the text sets the frame count.
    void setTextModel(const TextConfig& text);
    bool hasTextModel() const { return m_textModel; }
    /// The text to say and the chosen voice (empty: no text model).
    QString text() const;
    QString voice() const;
    /// Shows the frame count a text take was given (the box is disabled for text models).
    void showTextFrames(int frames);

    void newSeed();
    void load(const QSettings& settings);
    void save(QSettings& settings) const;

    QSpinBox* framesBox() const { return m_frames; }
    QDoubleSpinBox* temperatureBox() const { return m_temperature; }
    QCheckBox* argmaxBox() const { return m_argmax; }
    QSpinBox* topKBox() const { return m_topK; }
    QDoubleSpinBox* topPBox() const { return m_topP; }
    QLineEdit* seedEdit() const { return m_seed; }
    QComboBox* paceBox() const { return m_pace; }
    QPlainTextEdit* textBox() const { return m_text; }
    QComboBox* voiceBox() const { return m_voice; }

  signals:
    void changed();

  private:
    QFormLayout* m_form;
    QPlainTextEdit* m_text;
    QComboBox* m_voice;
    QLabel* m_framesNote;
    bool m_textModel = false;
    QSpinBox* m_frames;
    QDoubleSpinBox* m_temperature;
    QCheckBox* m_argmax;
    QSpinBox* m_topK;
    QDoubleSpinBox* m_topP;
    QLineEdit* m_seed;
    QComboBox* m_pace;
};

} // namespace talker::ui
