// SPDX-License-Identifier: GPL-3.0-or-later
// The loss log of a Talker training, BUNDLE/train-log.jsonl: one JSON object per logged step,
// written by trainTalker() (talker/TalkerTrainer.h) and read back by the studio's training window
// and `talker-studio --train-log` to plot a finished or running training. This file owns the format.
//
//   std::ofstream log(bundle / talker::TrainLogFile, std::ios::app);
//   log << talker::trainLogLine(progress) << "\n";
//   for (const talker::TrainProgress& p : talker::readTrainLog(bundle / talker::TrainLogFile)) ...
//
// A line: {"step", "lr", "train_loss", "train_loss_by_codebook", "elapsed_s", "world_size"} and, at
// validation steps, "valid_loss_by_codebook" and their sum "valid_loss".
//
// Thread safety: free functions of plain data; readTrainLog may run while a training appends to
// the file (a last line cut short by a write in progress is not read).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace talker {

/// The log's name in a bundle directory.
inline constexpr const char* TrainLogFile = "train-log.jsonl";

struct TrainProgress {
    int step = 0; // steps done
    int steps = 0;
    int worldSize = 1; // processes training together
    double learningRate = 0.0;
    double trainLoss = 0.0; // sum over codebooks of the mean cross entropy (nats), global batch
    std::vector<double> trainLossByCodebook;
    std::optional<std::vector<double>> validLossByCodebook; // at validation steps
    double elapsedS = 0.0;
    double etaS = 0.0;
};

/// One line of the log (no newline) for a logged step.
std::string trainLogLine(const TrainProgress& progress);

/// The log's steps in file order. Throws FileError naming the file (and the line) when it cannot
/// be read, is larger than MaxJsonFileBytes (talker/Json.h), holds a line that is not a training step (step a
/// whole number from 1, losses finite numbers, one per codebook, the same codebooks on every line,
/// steps increasing), or holds no step at all. A last line without its newline is ignored when it
/// is not complete JSON: a training may be writing it.
std::vector<TrainProgress> readTrainLog(const std::filesystem::path& path);

/// For --resume: keeps the lines of steps up to `step` and drops the rest, and everything from the
/// first line that is not one of ours (cut short by a crash). Nothing happens when there is no log.
void truncateTrainLog(const std::filesystem::path& path, int step);

} // namespace talker
