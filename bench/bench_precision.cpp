// SPDX-License-Identifier: GPL-3.0-or-later
// What bfloat16 weights (--backend fused-bf16) cost in model quality: the Talker's validation
// cross entropy per codebook with its float32 weights and with the same weights rounded to
// bfloat16 exactly as the fused path stores them (every Linear weight; embeddings and norm gains
// stay float32), both through the LibTorch reference, so only the rounding differs.
//
//   bench_precision [--data data/corpus] [--bundle resources/models/chapter] [--utterances 0 = all]
//
// Needs a corpus made by scripts/make-dataset (its valid split; log-mel and codes are cached in
// DATA/cache); without one it prints a "skipped" line. One JSON line per precision, then the ratio.
#include "talker/Dataset.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"
#include "talker/TalkerTrainer.h"

#include "../core/src/generate/Kernels.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace talker;

namespace {

/// The bundle with every Linear weight of the Talker rounded to bfloat16 (as fused-bf16 packs them).
ModelBundle roundedToBFloat16(ModelBundle bundle)
{
    for (auto& [name, tensor] : bundle.talkerWeights) {
        const bool linear = name.find("attn.") != std::string::npos || name.find("ffn.") != std::string::npos ||
                            name.rfind("heads.", 0) == 0;
        if (!linear)
            continue;
        for (float& value : tensor.values)
            value = kernels::fromBFloat16(kernels::toBFloat16(value));
    }
    return bundle;
}

void print(const char* precision, const std::vector<double>& ce)
{
    double sum = 0.0;
    std::printf("{\"bench\":\"precision\",\"weights\":\"%s\",\"valid_ce_by_codebook\":[", precision);
    for (std::size_t k = 0; k < ce.size(); ++k) {
        std::printf("%s%.5f", k ? "," : "", ce[k]);
        sum += ce[k];
    }
    std::printf("],\"valid_ce_sum\":%.5f}\n", sum);
}

} // namespace

int main(int argc, char** argv)
{
    std::string data = "data/corpus", bundleDir = std::string(TALKER_SOURCE_MODELS_DIR) + "/chapter";
    int utterances = 0;
    CLI::App app{"What bfloat16 weights cost in validation cross entropy; one JSON line per figure."};
    app.add_option("--data", data, "corpus directory (scripts/make-dataset)");
    app.add_option("--bundle", bundleDir, "model bundle")->check(CLI::ExistingDirectory);
    app.add_option("--utterances", utterances, "validation utterances to use (0: all)")->check(CLI::Range(0, 1000000));
    CLI11_PARSE(app, argc, argv);
    if (!std::filesystem::exists(std::filesystem::path(data) / "valid.tsv")) {
        std::printf("{\"bench\":\"precision\",\"skipped\":\"no corpus at %s (make one with scripts/make-dataset)\"}\n",
                    data.c_str());
        return 0;
    }
    try {
        configureThreads();
        const ModelBundle bundle = ModelBundle::load(bundleDir);
        auto valid = readCorpusSplit(data, "valid");
        if (utterances > 0 && std::size_t(utterances) < valid.utterances.size())
            valid.utterances.resize(std::size_t(utterances));
        const auto codes = corpusCodes(valid, bundle, corpusLogMels(valid, bundle.config.audio));
        const auto full = talkerCrossEntropy(bundle, codes);
        const auto rounded = talkerCrossEntropy(roundedToBFloat16(bundle), codes);
        print("float32", full);
        print("bfloat16", rounded);
        double fullSum = 0.0, roundedSum = 0.0;
        for (std::size_t k = 0; k < full.size(); ++k) {
            fullSum += full[k];
            roundedSum += rounded[k];
        }
        std::printf("{\"bench\":\"precision\",\"bundle\":\"%s\",\"utterances\":%zu,\"ce_ratio_bf16_to_fp32\":%.5f}\n",
                    bundle.config.name.c_str(), codes.size(), roundedSum / fullSum);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
