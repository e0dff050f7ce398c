// SPDX-License-Identifier: GPL-3.0-or-later
#include "training/TrainingWorker.h"

#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"

namespace talker::ui {

namespace {
std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(path.toStdString());
}
} // namespace

void TrainingWorker::run(quint64 jobId, const TrainingJob& job, std::shared_ptr<std::atomic<bool>> cancel)
{
    try {
        if (job.indexAudioFolder) {
            emit message(jobId, tr("Reading the audio files of %1...").arg(job.corpusDir));
            const AudioFolderIndex index = indexAudioFolder(toPath(job.corpusDir));
            emit message(jobId, tr("Wrote train.tsv and valid.tsv into %3: training files: %1, validation files: %2, "
                                   "voices: %5, %4 h of audio")
                                    .arg(index.trainFiles)
                                    .arg(index.validFiles)
                                    .arg(job.corpusDir)
                                    .arg(index.hours, 0, 'f', 3)
                                    .arg(index.voices.size()));
        }
        if (job.fitCodec) {
            emit message(jobId, tr("Fitting a new codec (%1) on %2...").arg(job.preset, job.corpusDir));
            CodecFitOptions fit;
            fit.seed = job.codecSeed;
            fit.kmeansIterations = job.kmeansIterations;
            fit.cancel = cancel.get();
            const ModelConfig preset = ModelConfig::preset(job.preset.toStdString());
            // The codec type is the preset's (the linear one); the command line's default is
            // "context", so the recipe names it to train the same codec again.
            const std::string recipe = "talker train-codec " + job.corpusDir.toStdString() + " -o " +
                                       job.bundleDir.toStdString() + " --config " + job.preset.toStdString() +
                                       " --codec " + preset.codec.type + " --seed " + std::to_string(job.codecSeed) +
                                       " --kmeans-iterations " + std::to_string(job.kmeansIterations) +
                                       " (Talker Studio)";
            const ModelBundle bundle =
                trainCodecBundle(toPath(job.corpusDir), preset, fit, recipe, [this, jobId](const std::string& line) {
                    emit message(jobId, QString::fromStdString(line));
                });
            bundle.save(toPath(job.bundleDir));
            emit codecFitted(jobId, job.bundleDir);
        }
        emit message(jobId, tr("Training the Talker of %1 on %2...").arg(job.bundleDir, job.corpusDir));
        TrainOptions options = job.talker;
        options.cancel = cancel.get();
        trainTalker(toPath(job.corpusDir), toPath(job.bundleDir), options,
                    [this, jobId](const TrainProgress& p) { emit progress(jobId, p); });
        emit finished(jobId, job.bundleDir);
    } catch (const CancelledError& e) {
        emit cancelled(jobId, QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        emit failed(jobId, QString::fromStdString(e.what()));
    }
}

} // namespace talker::ui
