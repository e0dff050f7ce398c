// SPDX-License-Identifier: GPL-3.0-or-later
// Training the Talker by teacher forcing on the codes of a corpus (docs/model.md).
//
//   talker::TrainOptions options;  options.steps = 2000;  options.seed = 1;
//   talker::trainTalker("data/corpus", "runs/chapter", options,
//                       [](const talker::TrainProgress& p) { std::cerr << p.step << " " << p.trainLoss << "\n"; });
//
// The bundle directory holds the codec (frozen) and receives the Talker's weights at every
// checkpoint, with BUNDLE/checkpoint/{optimizer.pt,state.json} for --resume and
// BUNDLE/train-log.jsonl (one JSON object per logged step) for plots.
//
// Sequences: each voice's training utterances are joined in corpus order into one stream of frames
// (their silent edges make the pauses), and a batch takes random windows of `seqFrames` frames of
// it, each read from BOS. So the Talker learns to go on speaking for a whole 200-frame take, not
// only to say one short sentence, and a take starts the way a window does: anywhere in speech.
//
// Cancelling: set TrainOptions::cancel from any thread; trainTalker() checks it after every step,
// writes a checkpoint of the steps done (so --resume continues from there) and throws
// CancelledError.
//
// Data-parallel (TrainOptions::distributed, talker/Distributed.h): every process holds the Talker,
// draws the step's global batch of W * batch windows from (seed, step) and trains on its slice
// (rank r: windows r*batch .. (r+1)*batch-1); the gradients and the logged losses are averaged over
// the ranks before clipping and the optimiser step, so W processes with batch b take the steps one
// process with batch W*b takes (without dropout exactly, up to float summation order; dropout masks
// are drawn per rank). Validation is shared out over the ranks. Only rank 0 writes checkpoints, the
// loss log (its lines carry "world_size") and the bundle, and calls the callback; on --resume rank
// 0 reads the checkpoint and broadcasts weights and optimiser state, so a run may resume with
// another world size: with the same global batch (W * batch) it continues the same stream of
// batches, with another it draws other windows from the same (seed, step) from there on.
//
// Thread safety: trainTalker() runs on the calling thread; the callback runs on it too.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Device.h"
#include "talker/Distributed.h"
#include "talker/TrainLog.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace talker {

struct ModelBundle;
struct CorpusSplit;

/// The teacher-forcing layout of one sequence of T frames, with the delay pattern applied.
/// Position 0 of the input is BOS in every codebook; input position p + 1 holds, for codebook k,
/// the code of frame p - delay(k), or BOS while that frame does not exist (as Generator feeds it).
/// The target at position q is the input at q + 1; targets that are BOS (frames before the start
/// or after the end of the sequence in a delayed codebook) are masked (-1). Without delays this is
/// input [BOS, c0 .. c(T-2)], target [c0 .. c(T-1)].
/// A text-conditioned Talker's input also holds, at position q, the text columns of frame q (the
/// frame position q predicts): `text` (T, config.text.columns()) rows; past the last frame (the delay
/// tail) the phone slots are "none" and the voice stays.
struct TeacherForcing {
    std::int64_t positions = 0;       // L = T + maxDelay
    int codebooks = 0;                // K
    int inputColumns = 0;             // W = K + text columns
    std::vector<std::int64_t> input;  // (L, W), BOS = V
    std::vector<std::int64_t> target; // (L, K), -1 = masked
};
TeacherForcing teacherForcing(const Codes& frames, const TalkerConfig& config,
                              const std::vector<std::int32_t>& text = {});

struct TrainOptions {
    int steps = 2000;
    int batch = 16;                    // windows per step
    int seqFrames = 160;               // frames per window (12.8 s at 12.5 Hz)
    double learningRate = 3e-3;        // peak
    int warmupSteps = 100;             // linear warm-up from 0, then cosine decay
    double minLearningRateRatio = 0.1; // the cosine ends at this fraction of the peak
    double weightDecay = 0.1;          // AdamW, on matrices (linear layers, embedding tables), not on norm gains
    double clipNorm = 1.0;             // global gradient norm
    std::uint64_t seed = 1;
    int checkpointEvery = 250; // steps
    int validEvery = 100;      // steps
    int logEvery = 10;         // steps
    bool resume = false;       // continue from BUNDLE/checkpoint
    bool keepBest = true;      // the bundle ends with the weights of the best validation step
    std::string recipe;        // the command line, for provenance
    /// Make the bundle's Talker text-conditioned before training (new weights, seeded; talker.text
    /// in model.json: the corpus's phone set and its aligned voices), and train it on the
    /// utterances that have phone alignments only. A bundle that already is trains on as it is.
    bool text = false;
    /// Fraction of the input codes (not BOS, not text) replaced by random codes in training, the
    /// targets unchanged: the Talker learns to go on from frames it got wrong (0 = off).
    double inputNoise = 0.0;
    DistributedEnv distributed;  // world size 1 (the default): one process, no process group
    Device device = Device::Cpu; // cuda: the GPU LOCAL_RANK names, one per process
    /// Set (by another thread) to stop after the step in hand: a checkpoint is written, then
    /// CancelledError is thrown. Not owned; may be null.
    const std::atomic<bool>* cancel = nullptr;

    /// Throws ArgumentError naming the option and value when out of range.
    void validate() const;
};

/// The learning rate at a step (0-based): linear warm-up to the peak, cosine decay to the floor.
double learningRateAt(int step, const TrainOptions& options);

using TrainCallback = std::function<void(const TrainProgress&)>;

/// Trains the Talker of the bundle at `bundleDir` on DATA's train split (validation on DATA's
/// valid split), writing checkpoints and the final weights into the bundle (rank 0). Throws
/// DistributedError when a peer of a data-parallel run fails.
void trainTalker(const std::filesystem::path& dataDir, const std::filesystem::path& bundleDir,
                 const TrainOptions& options, const TrainCallback& onProgress = {});

/// Joins codes of utterances into one stream per voice (in order of first appearance).
std::vector<Codes> voiceStreams(const std::vector<Codes>& codes, const std::vector<std::string>& voices);

/// The text-conditioned corpus of a split: the utterances that have phone alignments, their codes
/// and their text columns (textColumns with the voice's index in `text.voices`; utterances of
/// voices not in it are left out).
struct TextCorpus {
    std::vector<std::size_t> utterances;         // indices into the split
    std::vector<Codes> codes;                    // per kept utterance
    std::vector<std::vector<std::int32_t>> text; // per kept utterance: (frames, text columns)
};
TextCorpus textCorpus(const CorpusSplit& split, const std::vector<Codes>& codes, const TextConfig& text,
                      double tokenSeconds);

/// Mean cross entropy per codebook (nats) of a bundle's Talker on whole utterances, each read from
/// BOS, teacher-forced, masked as teacherForcing() masks. Dropout off. A text-conditioned Talker
/// needs each utterance's text columns.
std::vector<double> talkerCrossEntropy(const ModelBundle& bundle, const std::vector<Codes>& utterances,
                                       const std::vector<std::vector<std::int32_t>>& text = {});

} // namespace talker
