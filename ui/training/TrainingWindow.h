// SPDX-License-Identifier: GPL-3.0-or-later
// Train a codec and a Talker on a corpus, with live loss curves (docs/guide.md), or plot
// the loss log of a bundle trained before. Opened from Model > Train...
//
// The training runs on the window's own worker thread (TrainingController); this class only
// validates the form, starts the job and plots what arrives. States: the controller's (Idle ->
// start() -> Running -> stop() -> Cancelling -> Idle). Closing the window does not stop a running
// training (it goes on in the background, and the window shows it again when reopened);
// destroying it cancels the job and waits for the step in hand.
//
// Thread safety: GUI thread only.
#pragma once

#include "training/TrainingController.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace talker::ui {

class LossCurves;

class TrainingWindow : public QWidget {
    Q_OBJECT

  public:
    using State = TrainingController::State;

    explicit TrainingWindow(QWidget* parent = nullptr);

    /// Checks the form and starts training; false (with a message naming the path) when the input is bad.
    bool start();
    /// Cancels the running job after the step in hand; cancelled() follows.
    void stop();
    /// Plots a loss log (BUNDLE/train-log.jsonl); false with a message naming the file when it cannot.
    bool openLossLog(const QString& path);

    State state() const;
    QString lastError() const { return m_lastError; }
    LossCurves* curves() const { return m_curves; }
    QLineEdit* corpusEdit() const { return m_corpus; }
    QLineEdit* bundleEdit() const { return m_bundle; }
    QCheckBox* fitCodecBox() const { return m_fitCodec; }
    QComboBox* presetBox() const { return m_preset; }
    QSpinBox* kmeansBox() const { return m_kmeans; }
    QSpinBox* stepsBox() const { return m_steps; }
    QSpinBox* batchBox() const { return m_batch; }
    QSpinBox* windowFramesBox() const { return m_windowFrames; }
    QSpinBox* validEveryBox() const { return m_validEvery; }
    QSpinBox* checkpointEveryBox() const { return m_checkpointEvery; }
    QDoubleSpinBox* learningRateBox() const { return m_learningRate; }
    QCheckBox* resumeBox() const { return m_resume; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* statusLabel() const { return m_status; }

  signals:
    void errorShown(const QString& message);
    void stateChanged(talker::ui::WorkerController::State state);
    /// The job ended: finished, cancelled or failed (the message says which).
    void jobEnded(const QString& message);
    /// The user asked to open the trained bundle in the main window.
    void openBundleRequested(const QString& directory);

  private:
    /// Enables the form for `state` and reports it (stateChanged).
    void showState(State state);
    void showError(const QString& message);
    void appendLog(const QString& text);
    void onProgress(const TrainProgress& progress);
    void onEnded(const QString& message, bool success);

    TrainingController* m_controller; // a child: destroyed (cancelling the job) with the window
    QString m_lastError;
    QString m_trainedBundle;

    QLineEdit* m_corpus;
    QLineEdit* m_bundle;
    QCheckBox* m_fitCodec;
    QComboBox* m_preset;
    QSpinBox* m_kmeans;
    QSpinBox* m_steps;
    QSpinBox* m_batch;
    QSpinBox* m_windowFrames;
    QSpinBox* m_validEvery;
    QSpinBox* m_checkpointEvery;
    QSpinBox* m_seed;
    QDoubleSpinBox* m_learningRate;
    QCheckBox* m_resume;
    QPushButton* m_start;
    QPushButton* m_stop;
    QPushButton* m_openLog;
    QPushButton* m_openTrained;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPlainTextEdit* m_log;
    LossCurves* m_curves;
};

} // namespace talker::ui
