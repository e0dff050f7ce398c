// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's take files and exports: open and save takes, export audio, codes and views.
#include "MainWindow.h"

#include "MainWindowParts.h"
#include "GenerationController.h"
#include "TakeDocument.h"
#include "TakeHistory.h"
#include "TimeAxis.h"
#include "ViewExport.h"
#include "panels/GenerationPanel.h"
#include "views/CodeGridView.h"
#include "views/MelView.h"
#include "views/ProbabilityView.h"
#include "views/ViewFrame.h"
#include "views/WaveformView.h"

#include "talker/Audio.h"
#include "talker/Codes.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "talker/TakeFile.h"

#include <QFileInfo>
#include <QInputDialog>
#include <QSettings>
#include <qcustomplot.h>

#include <cmath>

namespace talker::ui {

// ---- takes and exports ----

bool MainWindow::openTake(const QString& path)
{
    if (!m_bundle) {
        showError(tr("No model is loaded: open the take's model first with File > Open Model."));
        return false;
    }
    TakeFile file;
    try {
        file = readTakeFile(toPath(path));
    } catch (const std::exception& e) {
        showError(tr("Cannot open the take: %1").arg(toQString(e)));
        return false;
    }
    const ModelConfig& config = m_bundle->config;
    if (file.codes.codebooks != config.talker.codebooks || file.codebookSize != config.talker.codebookSize) {
        showError(tr("Cannot open the take '%1': it has %2 x %3 codes but model '%4' makes %5 x %6.")
                      .arg(path)
                      .arg(file.codes.codebooks)
                      .arg(file.codebookSize)
                      .arg(QString::fromStdString(config.name))
                      .arg(config.talker.codebooks)
                      .arg(config.talker.codebookSize));
        return false;
    }
    if (file.bundleFingerprint != bundleFingerprint(*m_bundle))
        showStatus(
            tr("The take '%1' was made with model '%2' (%3), not the open one: its codes may come out different.")
                .arg(QFileInfo(path).fileName(), QString::fromStdString(file.bundleName),
                     QString::fromStdString(file.bundleFingerprint)));
    GenerationParams params = file.params;
    m_generationPanel->setParams(params);
    try {
        params.validate(config);
    } catch (const Error& e) {
        showError(tr("Cannot regenerate the take '%1': %2").arg(path, toQString(e)));
        return false;
    }
    m_expectedCodes = file.codes;
    params.captureAttention = true;
    m_pendingStep = tr("Open take '%1'").arg(QFileInfo(path).fileName());
    m_controller->generate(params);
    addRecentFile(path);
    return true;
}

bool MainWindow::saveTake(const QString& path)
{
    if (!m_bundle || m_document->source() != TakeDocument::Source::Generated || m_document->isStreaming() ||
        m_document->finishedTake().codes.frames() == 0) {
        showError(tr("There is no finished take to save."));
        return false;
    }
    try {
        writeTakeFile(toPath(path), TakeFile::fromTake(m_document->finishedTake(), *m_bundle));
    } catch (const std::exception& e) {
        showError(tr("Cannot save the take: %1").arg(toQString(e)));
        return false;
    }
    m_history->markSaved();
    addRecentFile(path);
    showStatus(tr("Saved the take to %1").arg(path));
    return true;
}

bool MainWindow::exportAudio(const QString& path, SampleFormat format, bool selectionOnly)
{
    const AudioBuffer audio = m_document->audio();
    if (audio->empty()) {
        showError(tr("There is no audio to export."));
        return false;
    }
    std::vector<float> samples;
    if (selectionOnly) {
        if (!m_axis->hasSelection()) {
            showError(tr("Select frames first (drag across a view) to export the selection."));
            return false;
        }
        const auto spf = std::int64_t(m_document->samplesPerFrame());
        const auto a = std::min<std::int64_t>(std::int64_t(audio->size()), m_axis->selectionStart() * spf);
        const auto b = std::min<std::int64_t>(std::int64_t(audio->size()), m_axis->selectionEnd() * spf);
        samples.assign(audio->begin() + a, audio->begin() + b);
    } else {
        samples = *audio;
    }
    try {
        writeWav(toPath(path), samples, m_document->sampleRateHz(), format);
    } catch (const std::exception& e) {
        showError(tr("Cannot export the audio: %1").arg(toQString(e)));
        return false;
    }
    if (!selectionOnly)
        m_history->markSaved();
    showStatus(tr("Exported %1 s of audio to %2")
                   .arg(double(samples.size()) / m_document->sampleRateHz(), 0, 'f', 2)
                   .arg(path));
    return true;
}

bool MainWindow::exportCodes(const QString& path)
{
    if (!m_bundle || m_document->frames() == 0) {
        showError(tr("There are no codes to export."));
        return false;
    }
    try {
        if (QFileInfo(path).suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0)
            writeCodesJson(toPath(path), m_document->codes(), m_bundle->config);
        else
            writeCodesCsv(toPath(path), m_document->codes(), m_document->frameRateHz());
    } catch (const std::exception& e) {
        showError(tr("Cannot export the codes: %1").arg(toQString(e)));
        return false;
    }
    showStatus(tr("Exported %1 frames of codes to %2").arg(m_document->frames()).arg(path));
    return true;
}

double MainWindow::askExportScale(View view)
{
    const QWidget* widget = viewWidget(view);
    QStringList items;
    const QList<double> scales = {1.0, 2.0, 3.0, 4.0};
    for (double scale : scales)
        items << tr("%1x: %2 x %3 pixels")
                     .arg(scale)
                     .arg(int(widget->width() * scale))
                     .arg(int(widget->height() * scale));
    const int remembered =
        std::max(0, int(scales.indexOf(QSettings().value(QStringLiteral("export/viewScale"), 2.0).toDouble())));
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(this, tr("Export View"), tr("Size of the image (2x or more for print):"), items,
                              remembered, /*editable=*/false, &ok);
    if (!ok)
        return 0.0;
    const double scale = scales[int(items.indexOf(chosen))];
    if (m_options.useSettings)
        QSettings().setValue(QStringLiteral("export/viewScale"), scale);
    return scale;
}

QWidget* MainWindow::viewWidget(View view) const
{
    switch (view) {
    case View::CodeGrid:
        return m_codeGrid;
    case View::Mel:
        return m_melView;
    case View::ReconstructionMel:
        return m_reconstructionView;
    case View::Waveform:
        return m_waveformView;
    case View::Probabilities:
        return m_probabilityView;
    }
    return m_melView;
}

QImage MainWindow::renderView(View view, double scale) const
{
    QWidget* widget = viewWidget(view);
    // Painted views draw with QPainter in logical coordinates, so an image with a device pixel
    // ratio of `scale` gets them drawn at that resolution. QCustomPlot draws from its own buffers:
    // they are redrawn at the same ratio first, and put back afterwards.
    QImage image((QSizeF(widget->size()) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::transparent);
    if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        const double screenRatio = plot->bufferDevicePixelRatio();
        plot->setBufferDevicePixelRatio(scale);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        widget->render(&image);
        plot->setBufferDevicePixelRatio(screenRatio);
        plot->replot(QCustomPlot::rpQueuedReplot);
    } else {
        widget->render(&image);
    }
    return image;
}

ViewExport::Labels MainWindow::exportLabels(View view) const
{
    ViewExport::Labels labels;
    QString what;
    switch (view) {
    case View::CodeGrid:
        what = m_viewFrames[0]->title();
        labels.axes = tr("x: time (s); rows: codebooks; each cell: the code of that frame (0 to %1)")
                          .arg(m_document->codebookSize() - 1);
        break;
    case View::Mel:
    case View::ReconstructionMel:
        what = (view == View::Mel ? m_melFrame : m_reconstructionFrame)->title();
        labels.axes = tr("x: time (s); y: frequency (mel scale); colour: level (dB)");
        break;
    case View::Waveform:
        what = m_viewFrames[3]->title();
        labels.axes = tr("x: time (s); y: amplitude (full scale = 1)");
        break;
    case View::Probabilities:
        what = tr("Probabilities");
        labels.axes = tr("bars: the probability of each candidate code of the shown frame, per codebook");
        break;
    }
    QString source;
    if (m_document->source() == TakeDocument::Source::Recording && m_recording)
        source = QFileInfo(m_recording->path).fileName();
    else if (m_document->frames() > 0)
        source = tr("seed %1, %2 frames").arg(m_document->params().sampling.seed).arg(m_document->frames());
    const QString model = m_bundle ? QString::fromStdString(m_bundle->config.name) : QString();
    labels.title =
        source.isEmpty() ? tr("%1 - model '%2'").arg(what, model) : tr("%1 - model '%2', %3").arg(what, model, source);
    // The code grid and the mels have no time labels of their own (the waveform has).
    QRect plot;
    if (view == View::CodeGrid)
        plot = m_codeGrid->plotRect();
    else if (view == View::Mel || view == View::ReconstructionMel)
        plot = static_cast<MelView*>(viewWidget(view))->plotRect();
    if (!plot.isEmpty() && m_document->frameRateHz() > 0) {
        labels.timeRuler = true;
        labels.plotLeft = plot.left();
        labels.plotRight = plot.right() + 1;
        labels.startSeconds = m_axis->startFrame() / m_document->frameRateHz();
        labels.endSeconds = m_axis->endFrame() / m_document->frameRateHz();
    }
    return labels;
}

bool MainWindow::exportViewImage(View view, const QString& path, double scale)
{
    if (!(scale >= MinExportScale && scale <= MaxExportScale)) {
        showError(tr("Cannot export the view at %1 times its size: choose from %2 to %3.")
                      .arg(scale)
                      .arg(MinExportScale)
                      .arg(MaxExportScale));
        return false;
    }
    const QImage image = ViewExport::compose(renderView(view, scale), exportLabels(view), scale);
    if (const QString error = ViewExport::savePng(image, path); !error.isEmpty()) {
        showError(tr("Cannot export the view: %1").arg(error));
        return false;
    }
    showStatus(tr("Exported the view to %1 (%2 x %3 pixels)").arg(path).arg(image.width()).arg(image.height()));
    return true;
}

} // namespace talker::ui
