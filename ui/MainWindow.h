// SPDX-License-Identifier: GPL-3.0-or-later
// The studio's main window: generation panel, model panel, recording panel, the four views on one
// time axis, the transport, menus and shortcuts (docs/guide.md).
//
// Everything slow runs on the GenerationController's worker thread; this class only wires
// requests and results. File operations have a public function each (openBundle, openAudio,
// exportAudio, ...) that the menu actions call after a file dialog and tests call directly.
// Every failure goes through showError(): a non-modal message (one at a time, never a storm) and
// the status bar; errorShown() lets tests observe it.
//
// Thread safety: GUI thread only.
#pragma once

#include "GenerationController.h"
#include "StudioTypes.h"
#include "ViewExport.h"

#include "talker/Audio.h"
#include "talker/ModelBundle.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QUndoView;
class QMessageBox;
class QScrollBar;
class QSpinBox;

namespace talker::ui {

class AttentionView;
class AudioPlayer;
class CodeGridView;
class FrameClock;
class GenerationPanel;
class MelView;
class ModelPanel;
class PhoneRowView;
class SamplingRowView;
class ProbabilityView;
class RecordingPanel;
class TakeDocument;
class TakeHistory;
struct TakeSnapshot;
class TimeAxis;
class TrainingWindow;
class ViewFrame;
class WaveformView;

class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    struct Options {
        QString bundlePath;              // empty: talker::defaultBundlePath()
        bool useSettings = true;         // restore and save QSettings (off for screenshots)
        bool askBeforeDiscarding = true; // ask before an unsaved take is dropped (off for tests, screenshots)
    };
    enum class View { CodeGrid, Mel, Waveform, Probabilities, ReconstructionMel };

    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // File operations (each reports failures through showError and returns false).
    bool openBundle(const QString& directory);
    /// Starts the analysis of an audio file; the views show it when recordingAnalysed arrives.
    void openAudio(const QString& path);
    /// Reads a take file, shows its settings and regenerates it; afterwards
    /// lastRegenerationMatched() says whether the codes came out identical.
    bool openTake(const QString& path);
    bool saveTake(const QString& path);
    bool exportAudio(const QString& path, SampleFormat format, bool selectionOnly);
    /// .json: codes JSON; anything else: CSV.
    bool exportCodes(const QString& path);
    /// Writes the view as PNG, `scale` times its size on screen (2: for print), drawn at that
    /// resolution (not enlarged).
    bool exportViewImage(View view, const QString& path, double scale = 1.0);
    /// The view drawn at `scale` times its size on screen.
    QImage renderView(View view, double scale) const;
    QWidget* viewWidget(View view) const;

    void generate();
    void step();
    void stop();
    void togglePlayback();
    void playSelection();
    void continueRecording(FrameIndex promptFrames);
    /// Shows the training window (Model > Train a Model...), creating it the first time.
    TrainingWindow* showTraining();
    /// Recordings: plays the original or the codec's reconstruction (from the selected frame).
    void playRecording(bool reconstruction);

    /// Sets code `code` in (frame, codebook) of the finished take and regenerates the frames after
    /// it with the take's settings, seed and random stream (a step of the take history).
    bool editCode(FrameIndex frame, int codebook, int code);
    /// Keeps the frames before `frame` and draws the rest again with a new seed.
    bool resampleFrom(FrameIndex frame);
    /// A/B: shows the take the current history step replaced (true) or the current take (false).
    void setComparing(bool comparing);
    TakeHistory* history() const { return m_history; }
    /// Answers "discard the unsaved take?" instead of a message box (tests); null: ask the user.
    void setDiscardQuestion(std::function<QMessageBox::StandardButton(const QString&)> question)
    {
        m_discardQuestion = std::move(question);
    }
    /// The files of File > Recent, newest first.
    const QStringList& recentFiles() const { return m_recent; }

    void showError(const QString& message);
    void showStatus(const QString& message);
    QString lastError() const { return m_lastError; }
    std::optional<bool> lastRegenerationMatched() const { return m_regenerationMatched; }

    GenerationController* controller() const { return m_controller; }
    TakeDocument* document() const { return m_document; }
    TimeAxis* timeAxis() const { return m_axis; }
    AudioPlayer* player() const { return m_player; }
    GenerationPanel* generationPanel() const { return m_generationPanel; }
    ModelPanel* modelPanel() const { return m_modelPanel; }
    RecordingPanel* recordingPanel() const { return m_recordingPanel; }
    CodeGridView* codeGridView() const { return m_codeGrid; }
    /// The phones of a text take above the code grid (its frame is hidden for other models).
    PhoneRowView* phoneRowView() const { return m_phoneRow; }
    SamplingRowView* samplingRowView() const { return m_samplingRow; }
    AttentionView* attentionView() const { return m_attentionView; }
    ViewFrame* phoneRowFrame() const { return m_phoneFrame; }
    MelView* melView() const { return m_melView; }
    /// A recording's codec reconstruction, under its original; hidden for generated takes.
    MelView* reconstructionMelView() const { return m_reconstructionView; }
    ViewFrame* melFrame() const { return m_melFrame; }
    ViewFrame* reconstructionFrame() const { return m_reconstructionFrame; }
    WaveformView* waveformView() const { return m_waveformView; }
    ProbabilityView* probabilityView() const { return m_probabilityView; }
    QSpinBox* codebooksHeardBox() const { return m_codebooksHeard; }
    std::shared_ptr<const ModelBundle> bundle() const { return m_bundle; }
    QAction* action(const QString& objectName) const;

  signals:
    void errorShown(const QString& message);
    /// A take ended and its final audio is in the document (regeneration checks are done).
    void takeCompleted();
    /// A recording was analysed and is shown.
    void recordingShown();

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void createActions();
    void createMenus();
    void createLayout();
    void connectEngine();
    void loadSettings();
    void saveSettings();
    void setBundle(std::shared_ptr<const ModelBundle> bundle);
    void updateActions();
    void updateScrollBar();
    void updatePlayhead();
    void startTake(bool stepping, const Codes& prompt);
    void onTakeStarted(const GenerationParams& params);
    void onFrame(const FrameEvent& event, const std::vector<float>& audio);
    void onTakeFinished(const FinishedTake& take);
    void onRecordingAnalysed(const RecordingAnalysis& analysis);
    void onAudioRendered(const RenderedAudio& audio);
    void onFailed(GenerationController::Job job, const QString& message);
    void requestRender();
    void updateMelViews();
    QString dialogDirectory(const QString& key) const;
    /// Asks for the scale of a view's PNG (1x to 4x, remembered); 0 when cancelled.
    double askExportScale(View view);
    void rememberDirectory(const QString& key, const QString& file);
    /// Title, axes and time ruler of an exported view.
    ViewExport::Labels exportLabels(View view) const;
    bool playRange(std::int64_t startSample, std::int64_t endSample, bool loop);
    // The take history (MainWindowHistory.cpp).
    void createHistory(QDockWidget* below);
    void recordTake(const QString& text);
    void showSnapshot(const std::shared_ptr<const TakeSnapshot>& snapshot);
    void updateComparison();
    /// Unchecks A/B without switching takes (a new take or an undo replaces what is shown).
    void leaveComparison();
    bool regenerateFrom(FrameIndex firstNew, const Codes& prompt, SamplingParams sampling, const QString& step);
    /// True when there is no unsaved take, or the user answers `question` with Discard.
    bool confirmDiscard(const QString& question);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void openRecent(const QString& path);

    Options m_options;
    std::shared_ptr<const ModelBundle> m_bundle;
    GenerationController* m_controller;
    TakeDocument* m_document;
    TimeAxis* m_axis;
    FrameClock* m_clock;
    AudioPlayer* m_player;

    GenerationPanel* m_generationPanel = nullptr;
    ModelPanel* m_modelPanel = nullptr;
    RecordingPanel* m_recordingPanel = nullptr;
    CodeGridView* m_codeGrid = nullptr;
    PhoneRowView* m_phoneRow = nullptr;
    SamplingRowView* m_samplingRow = nullptr;
    AttentionView* m_attentionView = nullptr;
    ViewFrame* m_attentionFrame = nullptr;
    ViewFrame* m_phoneFrame = nullptr;
    ViewFrame* m_samplingFrame = nullptr;
    MelView* m_melView = nullptr;
    MelView* m_reconstructionView = nullptr;
    ViewFrame* m_melFrame = nullptr;
    ViewFrame* m_reconstructionFrame = nullptr;
    QList<QWidget*> m_recordingOnly; // shown while a recording is
    WaveformView* m_waveformView = nullptr;
    ProbabilityView* m_probabilityView = nullptr;
    QList<ViewFrame*> m_viewFrames;
    QScrollBar* m_scrollBar = nullptr;
    QSpinBox* m_codebooksHeard = nullptr;
    QLabel* m_frameLabel = nullptr;
    QPointer<QMessageBox> m_errorBox;
    QTimer m_playheadTimer;

    QAction *m_openModel, *m_openAudio, *m_openTake, *m_saveTake, *m_exportAudio, *m_exportSelection, *m_exportCodes,
        *m_quit;
    QAction *m_generate, *m_step, *m_stop, *m_newSeed;
    QAction *m_play, *m_playSelection, *m_loop;
    QAction *m_zoomIn, *m_zoomNormal, *m_zoomOut, *m_fit;
    QList<QAction*> m_exportViewActions;
    QAction* m_train;
    TrainingWindow* m_training = nullptr; // created on first use; a training may run while it is hidden

    std::optional<RecordingAnalysis> m_recording;
    std::optional<Codes> m_expectedCodes; // of a reopened take, compared when it has regenerated
    std::optional<bool> m_regenerationMatched;
    bool m_playing = false;
    QString m_lastError;

    TakeHistory* m_history = nullptr;
    QUndoView* m_historyView = nullptr;
    QAction *m_undo = nullptr, *m_redo = nullptr, *m_compare = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QStringList m_recent;
    QString m_pendingStep; // the history's name for the take being made (empty: "Generate ...")
    std::function<QMessageBox::StandardButton(const QString&)> m_discardQuestion;
};

} // namespace talker::ui
