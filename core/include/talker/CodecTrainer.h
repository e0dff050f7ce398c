// SPDX-License-Identifier: GPL-3.0-or-later
// Fitting the RVQ codec (docs/model.md "Codec") on the log-mel of a corpus, and measuring it.
//
//   auto mels = talker::corpusLogMels(talker::readCorpusSplit(data, "train"), config.audio);
//   talker::TensorMap rvq = talker::fitCodec(config, mels, {.seed = 1});
//   talker::CodecError error = talker::measureCodecError(config, rvq, validMels);
//
// The method, and why: the codec's encoder is fixed by the spec (linear projection, then greedy
// nearest-entry residual quantisation), so we fit exactly that structure in closed form:
//   1. proj_in = the top-D principal directions of the stacked S x bins vectors (PCA), bias -W.mean:
//      an orthonormal projection, so squared distances in the latent are squared log-mel distances
//      within the kept subspace, which is what k-means then minimises;
//   2. codebook k = k-means (k-means++ init, seeded, Lloyd iterations) of what codebooks 0..k-1
//      left over, assigned greedily as the encoder will;
//   3. proj_out = least squares from the quantised latents to the stacked log-mel (it absorbs the
//      quantiser's shrinkage towards cluster means), bias included.
// Or all of it at once, as `talker train-codec` and the studio's training window do:
//
//   talker::ModelBundle bundle = talker::trainCodecBundle(data, talker::ModelConfig::chapter(), {.seed = 1}, recipe);
//   bundle.save("runs/mine");   // codec fitted, Talker untrained, provenance and metrics filled in
//
// Cancelling: set CodecFitOptions::cancel from any thread; the fit checks it between k-means
// iterations and throws CancelledError.
// Thread safety: free functions; LibTorch's intra-op threads do the matrix work.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Dataset.h"
#include "talker/Device.h"
#include "talker/Distributed.h"
#include "talker/ModelBundle.h"
#include "talker/Safetensors.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace talker {

struct CodecFitOptions {
    std::uint64_t seed = 1;
    int kmeansIterations = 20;              // Lloyd iterations per codebook
    std::int64_t maxKmeansVectors = 200000; // subsample for k-means (all vectors are assigned after)
    bool refitProjOut = true;               // least-squares decoder after quantisation (else proj_out = W^T)
    // "context" codec, trained by gradient (ContextCodecTrainer.cpp):
    int steps = 3000;                 // optimiser steps
    int batch = 16;                   // crops per step
    int cropTokens = 48;              // tokens per crop (3.84 s at 12.5 Hz)
    double learningRate = 1e-3;       // Adam, 100 warm-up steps, cosine to a tenth
    double phonemeWeight = 0.5;       // weight of the base codebook's phone cross entropy
    double readerWeight = 1.0;        // weight of the phone reader's cross entropy on the decoded mel
    double readerFeatureWeight = 1.0; // weight of the L1 between the reader's features of decoded and real mel
    int readerSteps = 800;            // steps that train the phone reader on real mel first
    double deltaWeight = 0.0;         // weight of the L1 between the frame-to-frame changes of decoded and real mel
    double cepstralWeight = 0.0; // extra weight of the squared error of the log-mel's cepstra 13..63 (the harmonics)
    double recogniserCepstraWeight = 0.0; // weight of the distance of a recogniser's cepstra (decoded vs real)
    double adversarialWeight = 0.0;       // weight of a mel discriminator's judgement (LSGAN + its feature distance)
    double quantiserDropout = 0.5;        // fraction of crops decoded from a random first n codebooks
    int restartEvery = 200;               // steps between restarts of unused codebook entries
    int logEvery = 100;                   // steps between progress lines
    // Data-parallel (context codec only; talker/Distributed.h): each of W processes trains on its
    // slice of a global batch of W * batch crops drawn from the shared seed, gradients averaged.
    DistributedEnv distributed;                // world size 1 (the default): one process
    Device device = Device::Cpu;               // cuda: the GPU LOCAL_RANK names, one per process
    const std::atomic<bool>* cancel = nullptr; // set by another thread: CancelledError soon after; may be null
};

/// Progress lines ("codebook 1/2: iteration 5, distortion 3.2").
using CodecFitLog = std::function<void(const std::string&)>;

/// Trains the "context" codec (talker/Codec.h) by gradient on training log-mels: mel L1 + L2 in
/// per-bin normalised units, straight-through RVQ with commitment and entry losses, quantiser
/// dropout, restarts of unused entries, and where `tokenPhones` (corpusTokenPhones) knows the phone
/// of a token, a cross entropy of a linear phone classifier on the base codebook's latent (the
/// classifier is discarded). Progress lines and the final metrics go to `log`.
/// With options.distributed.worldSize W > 1 every rank draws the global batch of W * batch crops
/// (and its quantiser dropout) from the seed and trains on its slice; the losses are weighted so
/// that the averaged gradient is the global batch's (the phone cross entropies by each slice's
/// share of the labelled tokens), the usage counts and lookups of the restarts are gathered from
/// every rank, so W processes with batch b step as one process with batch W*b does (up to float
/// summation order). Every rank returns the weights; progress lines come from rank 0 only and
/// report the global batch.
TensorMap trainContextCodec(const ModelConfig& config, const std::vector<Mel>& trainMels,
                            const std::vector<std::vector<int>>& tokenPhones, const CodecFitOptions& options,
                            const CodecFitLog& log = {});

/// Fits the codec's weights ("proj_in.*", "codebooks.<k>", "proj_out.*") on training log-mels.
TensorMap fitCodec(const ModelConfig& config, const std::vector<Mel>& trainMels, const CodecFitOptions& options,
                   const CodecFitLog& log = {});

/// Log-mel reconstruction error of the codec (encode -> decode, cropped to the input's frames):
/// mean squared error in natural-log units per mel value, for the first n codebooks, n = 1..K.
struct CodecError {
    std::vector<double> mseByCodebooks; // [n - 1] = error with the first n codebooks
    double unquantisedMse = 0.0;        // proj_in -> proj_out without quantisation (the projection's own loss)
    double baseOnly() const { return mseByCodebooks.front(); }
    double full() const { return mseByCodebooks.back(); }
};
CodecError measureCodecError(const ModelConfig& config, const TensorMap& rvqWeights, const std::vector<Mel>& mels);

/// model.json's "codec" metrics: measureCodecError() of the decoder as trained, before
/// codec.output_gain (so that each codebook's share of the error shows), and, when the gain is
/// not 1, the error of the mel as heard (with the gain) under "valid_logmel_mse_with_output_gain_*".
nlohmann::json codecErrorMetrics(const ModelConfig& config, const TensorMap& rvqWeights, const std::vector<Mel>& mels);

/// The whole codec step of training: log-mel of DATA's train and valid splits (cached), fitCodec()
/// on train, measureCodecError() on valid, and a new bundle of `config` with the fitted codec, an
/// untrained Talker (seeded with options.seed), provenance (with `recipe`) and the codec's metrics.
/// Throws FileError naming a missing or malformed corpus file, CancelledError when cancelled.
ModelBundle trainCodecBundle(const std::filesystem::path& dataDir, const ModelConfig& config,
                             const CodecFitOptions& options, const std::string& recipe, const CodecFitLog& log = {},
                             const CorpusProgress& progress = {});

} // namespace talker
