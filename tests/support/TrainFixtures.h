// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the training tests (test_train, test_distributed): a tiny bundle with a fitted
// linear codec, and the loss log read back.
#pragma once

#include "Fixtures.h"
#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/ModelBundle.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace talker::test {

/// tinyConfig() with `dropout`, an untrained Talker (seed 3) and an rvq codec fitted on `data`'s
/// training split, saved to `bundleDir`.
inline void makeTinyBundle(const std::filesystem::path& data, const std::filesystem::path& bundleDir, double dropout)
{
    ModelConfig config = tinyConfig();
    config.talker.dropout = dropout;
    const auto mels = corpusLogMels(readCorpusSplit(data, "train"), config.audio);
    ModelBundle bundle = ModelBundle::initialise(config, 3);
    CodecFitOptions fit;
    fit.kmeansIterations = 5;
    bundle.rvqWeights = fitCodec(config, mels, fit);
    bundle.save(bundleDir);
}

/// train-log.jsonl, one JSON object per line.
inline std::vector<nlohmann::json> readTrainLog(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(nlohmann::json::parse(line));
    return lines;
}

} // namespace talker::test
