// SPDX-License-Identifier: GPL-3.0-or-later
// Private to core's Talker trainer (TalkerTrainer.cpp): the pieces of a run that have a file of
// their own. TalkerBatches.cpp: teacher-forced batches and the cross entropy per codebook;
// TalkerCheckpoint.cpp: writing a checkpoint as one unit and sharing the optimiser state over the
// ranks of a data-parallel run.
#pragma once

#include "talker/Distributed.h"
#include "talker/Talker.h"
#include "talker/TalkerTrainer.h"

#include <torch/torch.h>

#include <filesystem>
#include <functional>
#include <vector>

namespace talker::training {

// A batch of teacher-forced sequences, padded to the longest: input (B, L, K), target (B, L, K).
struct Batch {
    torch::Tensor input;  // (B, L, W) int64, BOS = V (also the padding; text columns padded with 0)
    torch::Tensor target; // (B, L, K) int64, -1 = masked (padding, BOS targets)
};

/// The sequences padded to the longest (BOS pads the input, -1 masks the target).
Batch makeBatch(const std::vector<TeacherForcing>& sequences, int bos);

/// Per-codebook mean cross entropy over the unmasked targets: (K) tensor (differentiable).
torch::Tensor lossByCodebook(const torch::Tensor& logits, const torch::Tensor& target);

/// Mean cross entropy per codebook over utterances, dropout off; over all ranks' shares when a
/// process group is given (each rank takes every world-size-th utterance by length).
std::vector<double> crossEntropy(Talker& model, const TalkerConfig& config, const std::vector<Codes>& utterances,
                                 const std::vector<std::vector<std::int32_t>>& text, ProcessGroup* group = nullptr);

/// Writes a checkpoint as one unit: `writeFiles` fills a fresh directory beside `checkpoint`, which
/// then takes its place in one step; a failure or a kill leaves the previous checkpoint whole.
void writeCheckpoint(const std::filesystem::path& checkpoint,
                     const std::function<void(const std::filesystem::path&)>& writeFiles);

/// Gives every rank rank 0's AdamW state after rank 0 read it from the checkpoint.
void broadcastOptimizerState(torch::optim::AdamW& optimizer, ProcessGroup& group);

} // namespace talker::training
