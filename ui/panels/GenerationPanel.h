// The generation settings: frame count, temperature, argmax, top-k, top-p, seed ("New seed"),
// pace; and the Generate / Step / Stop buttons (bound to the window's actions, so shortcuts,
// menus and buttons share one enabled state).
//
// Thread safety: GUI thread only.
#pragma once

#include "talker/Generator.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace talker::ui {

class GenerationPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int DefaultFrames = 200; // 16 s at 12.5 frames/s

    GenerationPanel(QAction* generate, QAction* step, QAction* stop, QWidget* parent = nullptr);

    /// The settings as generation parameters (no prompt). Check seedIsValid() first.
    GenerationParams params() const;
    void setParams(const GenerationParams& params);
    bool seedIsValid() const;
    /// Limits that depend on the model: top-k up to V, frames up to what the cache holds.
    void setModelLimits(int codebookSize, int maxFrames);

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

signals:
    void changed();

private:
    QSpinBox* m_frames;
    QDoubleSpinBox* m_temperature;
    QCheckBox* m_argmax;
    QSpinBox* m_topK;
    QDoubleSpinBox* m_topP;
    QLineEdit* m_seed;
    QComboBox* m_pace;
};

} // namespace talker::ui
