// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/RecordingPanel.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

namespace talker::ui {

RecordingPanel::RecordingPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("recordingPanel"));
    auto* form = new QFormLayout(this);
    // A label longer than the dock is wide (German) goes above its field instead of widening the dock.
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_file = new QLabel;
    m_file->setObjectName(QStringLiteral("recordingFile"));
    m_file->setWordWrap(true);
    form->addRow(m_file);

    auto* listen = new QHBoxLayout;
    m_original = new QRadioButton(tr("Original"));
    m_reconstruction = new QRadioButton(tr("Codec reconstruction"));
    m_reconstruction->setObjectName(QStringLiteral("reconstructionButton"));
    m_original->setChecked(true);
    listen->addWidget(m_original);
    listen->addWidget(m_reconstruction);
    form->addRow(tr("Hear:"), listen);
    connect(m_reconstruction, &QRadioButton::toggled, this, &RecordingPanel::showReconstructionChanged);

    auto* continueRow = new QHBoxLayout;
    m_promptFrames = new QSpinBox;
    m_promptFrames->setObjectName(QStringLiteral("promptFramesBox"));
    m_promptFrames->setRange(1, 1);
    m_promptFrames->setToolTip(tr("The recording's first N frames become the prompt of a new take"));
    m_continue = new QPushButton(tr("&Continue"));
    m_continue->setObjectName(QStringLiteral("continueButton"));
    continueRow->addWidget(m_promptFrames, 1);
    continueRow->addWidget(m_continue);
    form->addRow(tr("From frame:"), continueRow);
    connect(m_continue, &QPushButton::clicked, this, [this] { emit continueRequested(m_promptFrames->value()); });

    m_showAgain = new QPushButton(tr("Show the recording again"));
    m_showAgain->setObjectName(QStringLiteral("showRecordingButton"));
    form->addRow(m_showAgain);
    connect(m_showAgain, &QPushButton::clicked, this, &RecordingPanel::showRecordingRequested);
    setRecording({}, 0, 0.0, {}, 0);
}

void RecordingPanel::setRecording(const QString& path, FrameIndex frames, double seconds, const AudioSourceInfo& source,
                                  int rateHz)
{
    const bool have = !path.isEmpty();
    // What the file is, and what became of it: mixed to mono and resampled for the model.
    QString conversion;
    if (have && source.channels > 1 && source.sampleRateHz != rateHz)
        conversion = tr("mixed to mono, resampled to %1 Hz").arg(rateHz);
    else if (have && source.channels > 1)
        conversion = tr("mixed to mono");
    else if (have && source.sampleRateHz != rateHz)
        conversion = tr("resampled to %1 Hz").arg(rateHz);
    const QString format = source.channels == 1
                               ? tr("%1 Hz, 1 channel").arg(source.sampleRateHz)
                               : tr("%1 Hz, %2 channels").arg(source.sampleRateHz).arg(source.channels);
    m_file->setText(have ? tr("<b>%1</b><br>%2 s, %3 frames<br>%4")
                               .arg(QFileInfo(path).fileName().toHtmlEscaped())
                               .arg(seconds, 0, 'f', 2)
                               .arg(frames)
                               .arg(conversion.isEmpty() ? format : tr("%1 (%2)").arg(format, conversion))
                         : tr("Open a WAV, FLAC or OGG file (File > Open Audio, or drop it on the window) to see its "
                              "mel, its codes and the codec's reconstruction, and to continue it."));
    m_promptFrames->setRange(1, std::max<int>(1, int(frames)));
    m_promptFrames->setValue(std::max<int>(1, int(std::min<FrameIndex>(frames, 25))));
    m_original->setChecked(true);
    for (QWidget* w : std::initializer_list<QWidget*>{m_original, m_reconstruction, m_promptFrames, m_continue})
        w->setEnabled(have);
    m_showAgain->setEnabled(false);
}

QString RecordingPanel::description() const
{
    return m_file->text();
}

void RecordingPanel::setShowing(bool showingRecording)
{
    m_original->setEnabled(showingRecording);
    m_reconstruction->setEnabled(showingRecording);
    m_showAgain->setEnabled(!showingRecording && m_continue->isEnabled());
}

bool RecordingPanel::reconstructionSelected() const
{
    return m_reconstruction->isChecked();
}
void RecordingPanel::setReconstructionSelected(bool reconstruction)
{
    (reconstruction ? m_reconstruction : m_original)->setChecked(true);
}

FrameIndex RecordingPanel::promptFrames() const
{
    return m_promptFrames->value();
}

} // namespace talker::ui
