// SPDX-License-Identifier: GPL-3.0-or-later
// A model bundle: a directory with model.json, talker.safetensors and rvq.safetensors.
//
//   auto bundle = talker::ModelBundle::load("resources/models/chapter");
//   std::cout << bundle.config.name << " " << bundle.talkerParameterCount() << "\n";
//
// Loading validates strictly: every tensor the configuration implies must be present, with the
// right shape, and nothing else; the message names the file and the tensor. Everything else in the
// engine receives a ModelBundle (or parts of it), never a path.
//
// Thread safety: a loaded bundle is immutable; share it freely (const) between threads.
#pragma once

#include "talker/Config.h"
#include "talker/Safetensors.h"

#include <cstdint>
#include <filesystem>

namespace talker {

struct ModelBundle {
    std::filesystem::path directory; // where it was loaded from (empty when made in memory)
    ModelConfig config;
    TensorMap talkerWeights; // names follow the module tree: "blocks.0.attn.q.weight", ...
    TensorMap rvqWeights;    // "proj_in.weight", "proj_in.bias", "codebooks.0", ..., "proj_out.*"

    static ModelBundle load(const std::filesystem::path& directory);
    /// Writes model.json and both safetensors files (each to a temporary file, then renamed).
    void save(const std::filesystem::path& directory) const;

    /// A freshly initialised bundle (Talker and codec weights random, seeded).
    static ModelBundle initialise(const ModelConfig& config, std::uint64_t seed);

    std::int64_t talkerParameterCount() const;
    std::int64_t codecParameterCount() const;

    /// The tensor shapes a configuration implies (used by validation and by initialise()).
    static std::map<std::string, std::vector<std::int64_t>> expectedTalkerShapes(const TalkerConfig& config);
    static std::map<std::string, std::vector<std::int64_t>> expectedRvqShapes(const ModelConfig& config);
    /// Checks names and shapes against the configuration; throws BundleError naming `source`.
    static void validate(const TensorMap& tensors, const std::map<std::string, std::vector<std::int64_t>>& expected,
                         const std::string& source);
};

/// Where the shipped bundles live: $TALKER_MODELS, else <prefix>/share/talker-studio/models next to
/// the running executable, else the source tree's resources/models. Throws BundleError when none is.
std::filesystem::path defaultModelsDirectory();
/// defaultModelsDirectory() / "chapter".
std::filesystem::path defaultBundlePath();

} // namespace talker
