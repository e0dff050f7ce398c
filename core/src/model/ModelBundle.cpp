// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/ModelBundle.h"

#include "talker/Codec.h"
#include "talker/FileWrite.h"
#include "talker/Error.h"
#include "talker/Json.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace talker {

namespace fs = std::filesystem;

namespace {

constexpr const char* ConfigFile = "model.json";
constexpr const char* TalkerFile = "talker.safetensors";
constexpr const char* RvqFile = "rvq.safetensors";

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    HostTensor t;
    t.shape = shape;
    return t.shapeString();
}

std::int64_t countValues(const TensorMap& tensors)
{
    std::int64_t n = 0;
    for (const auto& [name, t] : tensors)
        n += t.numel();
    return n;
}

} // namespace

std::map<std::string, std::vector<std::int64_t>> ModelBundle::expectedTalkerShapes(const TalkerConfig& c)
{
    const std::int64_t d = c.dModel, v = c.codebookSize;
    std::map<std::string, std::vector<std::int64_t>> shapes;
    for (int k = 0; k < c.codebooks; ++k) {
        shapes["embeddings." + std::to_string(k) + ".weight"] = {v + 1, d}; // row V is BOS
        shapes["heads." + std::to_string(k) + ".weight"] = {v, d};
    }
    for (int l = 0; l < c.layers; ++l) {
        const std::string b = "blocks." + std::to_string(l) + ".";
        shapes[b + "attn_norm.weight"] = {d};
        shapes[b + "attn.q.weight"] = {std::int64_t(c.queryHeads) * c.headDim, d};
        shapes[b + "attn.k.weight"] = {std::int64_t(c.kvHeads) * c.headDim, d};
        shapes[b + "attn.v.weight"] = {std::int64_t(c.kvHeads) * c.headDim, d};
        shapes[b + "attn.o.weight"] = {d, std::int64_t(c.queryHeads) * c.headDim};
        shapes[b + "ffn_norm.weight"] = {d};
        shapes[b + "ffn.gate.weight"] = {c.ffnHidden, d};
        shapes[b + "ffn.up.weight"] = {c.ffnHidden, d};
        shapes[b + "ffn.down.weight"] = {d, c.ffnHidden};
    }
    shapes["norm.weight"] = {d};
    for (int s = 0; s < c.text.phoneSlots; ++s)
        shapes["text_phones." + std::to_string(s) + ".weight"] = {c.text.phoneClasses(), d};
    if (c.text.enabled())
        shapes["text_voice.weight"] = {std::int64_t(c.text.voices.size()), d};
    return shapes;
}

std::map<std::string, std::vector<std::int64_t>> ModelBundle::expectedRvqShapes(const ModelConfig& c)
{
    if (c.codec.contextual())
        return contextCodecShapes(c);
    const std::int64_t stacked = std::int64_t(c.codec.subframes) * c.audio.melBins;
    const std::int64_t latent = c.codec.latentDim;
    std::map<std::string, std::vector<std::int64_t>> shapes;
    shapes["proj_in.weight"] = {latent, stacked};
    shapes["proj_in.bias"] = {latent};
    for (int k = 0; k < c.codec.codebooks; ++k)
        shapes["codebooks." + std::to_string(k)] = {c.codec.codebookSize, latent};
    shapes["proj_out.weight"] = {stacked, latent};
    shapes["proj_out.bias"] = {stacked};
    return shapes;
}

void ModelBundle::validate(const TensorMap& tensors, const std::map<std::string, std::vector<std::int64_t>>& expected,
                           const std::string& source)
{
    for (const auto& [name, shape] : expected) {
        auto it = tensors.find(name);
        if (it == tensors.end())
            throw BundleError("invalid weights file '" + source + "': tensor '" + name +
                              "' is missing (model.json implies shape " + shapeText(shape) + ")");
        if (it->second.shape != shape)
            throw BundleError("invalid weights file '" + source + "': tensor '" + name + "' has shape " +
                              it->second.shapeString() + " but model.json implies " + shapeText(shape));
        // What the fused decoder and LibTorch index by: the values must fill the shape exactly.
        if (std::int64_t(it->second.values.size()) != it->second.numel())
            throw BundleError("invalid weights file '" + source + "': tensor '" + name + "' holds " +
                              std::to_string(it->second.values.size()) + " values for shape " + shapeText(shape));
        for (float v : it->second.values)
            if (!std::isfinite(v))
                throw BundleError("invalid weights file '" + source + "': tensor '" + name +
                                  "' holds NaN or infinite values");
    }
    for (const auto& [name, t] : tensors)
        if (!expected.count(name))
            throw BundleError("invalid weights file '" + source + "': tensor '" + name +
                              "' is not part of the model model.json describes");
}

ModelBundle ModelBundle::load(const fs::path& directory)
{
    if (!fs::is_directory(directory))
        throw BundleError("cannot load model bundle '" + directory.string() +
                          "': " + (fs::exists(directory) ? "it is not a directory" : "the directory does not exist"));
    ModelBundle bundle;
    bundle.directory = directory;

    const fs::path configPath = directory / ConfigFile;
    std::ifstream in(configPath);
    if (!in)
        throw BundleError("cannot load model bundle '" + directory.string() + "': " + ConfigFile + " is missing");
    nlohmann::json json;
    try {
        json = parseJson(readJsonFile(configPath));
    } catch (const JsonTextError& e) {
        throw BundleError("invalid model configuration '" + configPath.string() + "': " + e.what());
    }
    bundle.config = ModelConfig::fromJson(json, configPath.string());

    const fs::path talkerPath = directory / TalkerFile;
    const fs::path rvqPath = directory / RvqFile;
    bundle.talkerWeights = readSafetensors(talkerPath);
    validate(bundle.talkerWeights, expectedTalkerShapes(bundle.config.talker), talkerPath.string());
    bundle.rvqWeights = readSafetensors(rvqPath);
    validate(bundle.rvqWeights, expectedRvqShapes(bundle.config), rvqPath.string());
    return bundle;
}

void ModelBundle::save(const fs::path& target) const
{
    std::error_code ec;
    fs::create_directories(target, ec);
    if (ec)
        throw FileError("cannot create bundle directory '" + target.string() + "': " + ec.message());
    validate(talkerWeights, expectedTalkerShapes(config.talker), (target / TalkerFile).string());
    validate(rvqWeights, expectedRvqShapes(config), (target / RvqFile).string());
    writeSafetensors(target / TalkerFile, talkerWeights, {{"format", "pt"}, {"model", "talker"}});
    writeSafetensors(target / RvqFile, rvqWeights, {{"format", "pt"}, {"model", "rvq"}});
    writeFileAtomically(target / ConfigFile, config.toJson().dump(2) + "\n");
}

std::int64_t ModelBundle::talkerParameterCount() const
{
    return countValues(talkerWeights);
}
std::int64_t ModelBundle::codecParameterCount() const
{
    return countValues(rvqWeights);
}

fs::path defaultModelsDirectory()
{
    if (const char* env = std::getenv("TALKER_MODELS"); env && *env) {
        if (!fs::is_directory(env))
            throw BundleError("cannot find models directory '" + std::string(env) +
                              "' (from TALKER_MODELS): it does not exist");
        return env;
    }
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "talker-studio" / "models";
        if (fs::is_directory(installed))
            return installed;
    }
    const fs::path source = TALKER_SOURCE_MODELS_DIR;
    if (fs::is_directory(source))
        return source;
    throw BundleError("cannot find the shipped models: neither <prefix>/share/talker-studio/models nor '" +
                      source.string() + "' exists (set TALKER_MODELS)");
}

fs::path defaultBundlePath()
{
    return defaultModelsDirectory() / "chapter";
}

} // namespace talker
