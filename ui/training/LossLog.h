// Reading a bundle's loss log, BUNDLE/train-log.jsonl (talker/TalkerTrainer.h writes one JSON
// object per logged step: step, lr, train_loss, train_loss_by_codebook, elapsed_s and, at
// validation steps, valid_loss_by_codebook), to plot a finished or running training.
//
// Thread safety: a free function of plain data.
#pragma once

#include "talker/TalkerTrainer.h"

#include <QString>

#include <optional>
#include <vector>

namespace talker::ui {

/// The log's steps in file order. On failure: nullopt, and `error` says which file and line and why.
std::optional<std::vector<TrainProgress>> readLossLog(const QString& path, QString* error);

} // namespace talker::ui
