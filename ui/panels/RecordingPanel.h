// SPDX-License-Identifier: GPL-3.0-or-later
// The recording opened for analysis: which file, how long; hear (and see in the waveform) its
// original audio or the codec's reconstruction (both mels are on screen); continue it from frame N
// (its first N frames become the prompt).
//
// Thread safety: GUI thread only.
#pragma once

#include "talker/Audio.h"
#include "talker/Config.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace talker::ui {

class RecordingPanel : public QWidget {
    Q_OBJECT

  public:
    explicit RecordingPanel(QWidget* parent = nullptr);

    /// A recording of `frames` frames was opened (empty path: none).
    /// `source`: the file's own rate and channels; `rateHz` the model's (what it was resampled to).
    void setRecording(const QString& path, FrameIndex frames, double seconds, const AudioSourceInfo& source,
                      int rateHz);
    /// The file line as shown (rich text): name, length, the file's rate and channels.
    QString description() const;
    /// Whether the views show the recording now (or a take that continued it).
    void setShowing(bool showingRecording);
    bool reconstructionSelected() const;
    /// Chooses what is heard (and drawn in the waveform): the reconstruction or the original.
    void setReconstructionSelected(bool reconstruction);
    FrameIndex promptFrames() const;
    QSpinBox* promptFramesBox() const { return m_promptFrames; }
    QRadioButton* reconstructionButton() const { return m_reconstruction; }
    QPushButton* continueButton() const { return m_continue; }

  signals:
    void showReconstructionChanged(bool reconstruction);
    void continueRequested(talker::FrameIndex promptFrames);
    void showRecordingRequested();

  private:
    QLabel* m_file;
    QRadioButton* m_original;
    QRadioButton* m_reconstruction;
    QSpinBox* m_promptFrames;
    QPushButton* m_continue;
    QPushButton* m_showAgain;
};

} // namespace talker::ui
