// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation of a bundle on a corpus: what `talker eval` writes into model.json's "metrics".
//
//   talker::EvalOptions options;
//   nlohmann::json metrics = talker::evaluateBundle("data/corpus", bundle, options, log);
//
// What is measured (docs/model.md; every number from data, none assumed):
//   talker     validation cross entropy per codebook (nats) beside the uniform (ln V), unigram and
//              bigram baselines (add-one smoothing, estimated on the training codes, same targets);
//   codec      log-mel MSE (natural-log units) on the validation set with the first 1..K codebooks;
//   wer        word error rate of pocketsphinx on the eval list, original audio and codec round trip
//              (encode -> decode -> vocoder), overall and per voice family; beside them two
//              references: the log-mel vocoded without the codec (mel_only) and through proj_in and
//              proj_out without quantising (projection_only);
//   generation statistics of takes from BOS (temperature 1.0 and argmax): distinct codes, longest
//              run of one repeated frame, silent-looking frames, beside the same for real speech.
// Thread safety: free functions; evaluateBundle runs recogniser processes two at a time.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace talker {

struct ModelBundle;

/// Lower-case words of a transcript: letters, digits and apostrophes; everything else separates.
std::vector<std::string> normalisedWords(const std::string& text);

/// Word-level edit distance (substitutions + deletions + insertions) of `hypothesis` against `reference`.
int wordEditDistance(const std::vector<std::string>& reference, const std::vector<std::string>& hypothesis);

/// Cross entropy (nats per target) of add-one-smoothed n-gram models of each codebook, fitted on
/// `train` and measured on `valid` (each utterance from BOS). order 1 = unigram, 2 = bigram (the
/// first frame's context is BOS).
std::vector<double> ngramCrossEntropy(const std::vector<Codes>& train, const std::vector<Codes>& valid,
                                      int codebookSize, int order);

/// Statistics of a sequence of codes and its decoded mel (generated or real).
struct CodeStats {
    std::vector<double> distinctFraction; // per codebook: distinct codes used / V
    FrameIndex longestRepeatRun = 0;      // frames in the longest run of one identical K-code frame
    double silentFraction = 0.0;          // tokens whose mean log-mel is below the silence level
    double longestSilenceS = 0.0;         // seconds in the longest run of silent tokens
};
/// A token is "silent" when the mean of its S x bins log-mel values is below `silenceLogMel`.
CodeStats codeStats(const Codes& codes, const Mel& mel, const ModelConfig& config, double silenceLogMel);

struct EvalOptions {
    bool wer = true;        // run the recogniser (minutes)
    int generatedTakes = 5; // at temperature 1.0, seeds 1..n, plus one argmax take
    int generatedFrames = 200;
    std::string recogniser = "pocketsphinx_continuous";
    double silenceLogMel = -9.0; // natural log; the log floor is ln(1e-5) = -11.5
};

using EvalLog = std::function<void(const std::string&)>;

/// All metrics of a bundle on DATA (train/valid/eval splits).
nlohmann::json evaluateBundle(const std::filesystem::path& dataDir, const ModelBundle& bundle,
                              const EvalOptions& options, const EvalLog& log = {});

} // namespace talker
