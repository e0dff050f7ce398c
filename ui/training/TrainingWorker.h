// SPDX-License-Identifier: GPL-3.0-or-later
// Runs training on the TrainingWindow's worker thread: optionally makes a corpus of a folder of
// audio files (talker::indexAudioFolder), optionally fits a new codec into a new
// bundle (talker::trainCodecBundle), then trains the bundle's Talker (talker::trainTalker),
// reporting each logged step by a queued signal. Cancelling sets the shared flag that both core
// functions poll (between k-means iterations, after every training step); trainTalker leaves a
// checkpoint that a later run with "resume" continues.
//
// Thread safety: lives in the training thread; run() is invoked there. Its signals carry the job
// id, so the window can drop the results of a job it no longer waits for.
#pragma once

#include "talker/TalkerTrainer.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace talker::ui {

/// What to train, as the window's form says.
struct TrainingJob {
    QString corpusDir;             // train.tsv + valid.tsv (scripts/make-dataset), or a folder of audio files
    bool indexAudioFolder = false; // corpusDir has no lists yet: write them first (talker::indexAudioFolder)
    QString bundleDir;             // trained in place; created when fitCodec
    bool fitCodec = false;         // first fit a new codec and write a new bundle with an untrained Talker
    QString preset = QStringLiteral("chapter"); // the new bundle's configuration (fitCodec only)
    std::uint64_t codecSeed = 1;
    int kmeansIterations = 20;
    TrainOptions talker; // its cancel flag is set by the worker
};

class TrainingWorker : public QObject {
    Q_OBJECT

  public:
    using QObject::QObject;

    /// Runs `job` to its end, its cancellation or its failure (exactly one of finished, cancelled,
    /// failed follows).
    void run(quint64 jobId, const talker::ui::TrainingJob& job, std::shared_ptr<std::atomic<bool>> cancel);

  signals:
    /// A stage began ("Fitting the codec...") or the codec fit wrote a line.
    void message(quint64 jobId, const QString& text);
    /// The codec fit wrote its bundle (the Talker's training starts now).
    void codecFitted(quint64 jobId, const QString& bundleDir);
    void progress(quint64 jobId, const talker::TrainProgress& progress);
    void finished(quint64 jobId, const QString& bundleDir);
    void cancelled(quint64 jobId, const QString& message);
    void failed(quint64 jobId, const QString& message);
};

} // namespace talker::ui

Q_DECLARE_METATYPE(talker::TrainProgress)
Q_DECLARE_METATYPE(talker::ui::TrainingJob)
