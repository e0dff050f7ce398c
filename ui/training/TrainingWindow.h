// Train a codec and a Talker on a corpus, with live loss curves (docs/guide.md), or plot
// the loss log of a bundle trained before. Opened from Model > Train...
//
// The training runs on the window's own worker thread (TrainingWorker); this class only validates
// the form, starts the job and plots what arrives. States: Idle -> start() -> Running -> stop()
// -> Cancelling -> (the worker says cancelled) -> Idle. Results of a job that is not the current
// one are dropped. Closing the window does not stop a running training (it goes on in the
// background, and the window shows it again when reopened); destroying it cancels the job, quits
// the thread and waits for the step in hand.
//
// Thread safety: GUI thread only.
#pragma once

#include "training/TrainingWorker.h"

#include <QThread>
#include <QWidget>

#include <atomic>
#include <memory>

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
    enum class State { Idle, Running, Cancelling };
    Q_ENUM(State)

    explicit TrainingWindow(QWidget* parent = nullptr);
    ~TrainingWindow() override;

    /// Checks the form and starts training; false (with a message naming the path) when the input is bad.
    bool start();
    /// Cancels the running job after the step in hand; cancelled() follows.
    void stop();
    /// Plots a loss log (BUNDLE/train-log.jsonl); false with a message naming the file when it cannot.
    bool openLossLog(const QString& path);

    State state() const { return m_state; }
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
    void stateChanged(talker::ui::TrainingWindow::State state);
    /// The job ended: finished, cancelled or failed (the message says which).
    void jobEnded(const QString& message);
    /// The user asked to open the trained bundle in the main window.
    void openBundleRequested(const QString& directory);

  private:
    void setState(State state);
    void showError(const QString& message);
    void appendLog(const QString& text);
    void onProgress(quint64 jobId, const TrainProgress& progress);
    void onEnded(quint64 jobId, const QString& message, bool success);

    QThread m_thread;
    TrainingWorker* m_worker; // lives in m_thread; deleted after it ends
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_job = 0;
    State m_state = State::Idle;
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
