// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Config.h"

#include "talker/Error.h"

#include "talker/Audio.h"
#include "talker/Text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace talker {

namespace {

// Reads `key` from `object` into `value` when present, with the type the value has; a key of the
// wrong type is an error, never a silent default.
template <typename T>
void readField(const nlohmann::json& object, const char* key, T& value, const std::string& source,
               const std::string& section)
{
    if (!object.contains(key))
        return;
    // nlohmann converts 2.9, true and 2^32 + 2 to the int 2, 1 and 2: an integer field takes only
    // an integer that fits (ranges are checked by checkRanges).
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
        const nlohmann::json& number = object.at(key);
        const bool fits = (number.is_number_integer() && number.is_number_unsigned())
                              ? number.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max())
                              : number.is_number_integer() &&
                                    number.get<std::int64_t>() >= std::numeric_limits<T>::min() &&
                                    number.get<std::int64_t>() <= std::int64_t(std::numeric_limits<T>::max());
        if (!fits)
            throw BundleError("invalid model configuration '" + source + "': " + section + "." + key +
                              " has the wrong type (" + number.dump() + ", expected an integer)");
    }
    try {
        value = object.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw BundleError("invalid model configuration '" + source + "': " + section + "." + key +
                          " has the wrong type (" + object.at(key).dump() + ")");
    }
}

void requirePositive(double value, const char* name, const std::string& source)
{
    if (!(value > 0))
        throw BundleError("invalid model configuration '" + source + "': " + name + " must be positive, not " +
                          numberText(value));
}

const nlohmann::json& section(const nlohmann::json& json, const char* name, const std::string& source)
{
    static const nlohmann::json empty = nlohmann::json::object();
    if (!json.contains(name))
        return empty;
    if (!json.at(name).is_object())
        throw BundleError("invalid model configuration '" + source + "': \"" + name + "\" is not an object");
    return json.at(name);
}

// ---- Ranges (issue 14): every number of model.json has a sane range, stated here once. A value
// outside is refused with the range in the message, never clamped. The bounds are far beyond the
// shipped bundles and what the project trains, and near enough that no accepted value makes
// generation run for hours or allocate more than a few GiB.

struct Range {
    const char* section;
    const char* key;
    bool integer;
    double min;
    double max;
};

constexpr Range ConfigRanges[] = {
    {"audio", "sample_rate_hz", true, MinSampleRateHz, MaxSampleRateHz},
    {"audio", "n_fft", true, 16, 16384},
    {"audio", "win_length", true, 16, 16384},
    {"audio", "hop_samples", true, 16, 16384}, // 1 ms at 16 kHz: below, a frame rate of kHz
    {"audio", "mel_bins", true, 8, 512},
    {"audio", "f_min_hz", false, 0, MaxSampleRateHz / 2},
    {"audio", "f_max_hz", false, 1, MaxSampleRateHz / 2},
    {"audio", "log_floor", false, 1e-12, 1e-2}, // above, speech is all floor: silent audio
    {"codec", "codebooks", true, 1, MaxCodebooks},
    {"codec", "codebook_size", true, 2, MaxCodebookSize},
    {"codec", "subframes", true, 1, 32},
    {"codec", "latent_dim", true, 1, 4096},
    {"codec", "channels", true, 1, 4096},
    {"codec", "lookup_dim", true, 1, 4096},
    {"codec", "context_frames", true, 0, 1024},
    {"codec", "lookahead_frames", true, 0, 1024},
    {"codec", "output_gain", false, 0.25, 4.0},
    {"talker", "d_model", true, 8, 4096},
    {"talker", "layers", true, 1, 64},
    {"talker", "query_heads", true, 1, 128},
    {"talker", "kv_heads", true, 1, 128},
    {"talker", "head_dim", true, 2, 512},
    {"talker", "rope_theta", false, 1, 1e9},
    {"talker", "ffn_hidden", true, 1, 65536},
    {"talker", "norm_eps", false, 1e-12, 1e-1},
    {"talker", "codebooks", true, 1, MaxCodebooks},
    {"talker", "codebook_size", true, 2, MaxCodebookSize},
    {"talker", "max_frames", true, 2, 1 << 20},
    {"vocoder", "iterations", true, 1, 1000},
    {"vocoder", "peak_dbfs", false, -60, 0},
};

/// The most float32 values one part of a model may need: 2^28 (1 GiB). Each range above is sane
/// alone; this bounds their products (weights, the KV cache of one sequence).
constexpr double MaxModelValues = double(std::int64_t(1) << 28);

std::string rangeText(const Range& r)
{
    if (r.integer)
        return std::to_string(std::int64_t(r.min)) + ".." + std::to_string(std::int64_t(r.max));
    return numberText(r.min) + ".." + numberText(r.max);
}

// talker.text: lists of names of sane length and a slot count in range.
void checkTextSection(const nlohmann::json& json, const std::string& source)
{
    if (!json.contains("talker") || !json.at("talker").is_object() || !json.at("talker").contains("text"))
        return;
    const nlohmann::json& text = json.at("talker").at("text");
    const auto refuse = [&](const std::string& why) {
        throw BundleError("invalid model configuration '" + source + "': talker.text " + why);
    };
    if (!text.is_object())
        refuse("is not an object");
    const auto names = [&](const char* key, std::size_t most) {
        if (!text.contains(key) || !text.at(key).is_array() || text.at(key).empty() || text.at(key).size() > most)
            refuse(std::string(".") + key + " must be a list of 1.." + std::to_string(most) + " names");
        for (const auto& n : text.at(key))
            if (!n.is_string() || n.get<std::string>().empty() || n.get<std::string>().size() > 64)
                refuse(std::string(".") + key + " has the entry " + n.dump().substr(0, 80) +
                       ", expected a name of 1..64 characters");
    };
    names("phones", 256);
    names("voices", 1024);
    if (!text.contains("phone_slots") || !text.at("phone_slots").is_number_integer() ||
        text.at("phone_slots").get<std::int64_t>() < 1 || text.at("phone_slots").get<std::int64_t>() > 16)
        refuse(".phone_slots must be an integer in 1..16");
    if (!text.contains("front_end") || !text.at("front_end").is_string())
        refuse(".front_end must be a string");
}

void checkRanges(const nlohmann::json& json, const std::string& source)
{
    for (const Range& r : ConfigRanges) {
        if (!json.contains(r.section) || !json.at(r.section).is_object() || !json.at(r.section).contains(r.key))
            continue; // absent: the default, which is in range; a section that is no object is refused later
        const nlohmann::json& value = json.at(r.section).at(r.key);
        const std::string name = std::string(r.section) + "." + r.key;
        if (!value.is_number() || (r.integer && !value.is_number_integer()))
            throw BundleError("invalid model configuration '" + source + "': " + name + " has the wrong type (" +
                              value.dump() + (r.integer ? ", expected an integer)" : ", expected a number)"));
        const double number = value.get<double>();
        if (!(number >= r.min && number <= r.max))
            throw BundleError("invalid model configuration '" + source + "': " + name + " " + value.dump() +
                              " is outside " + rangeText(r));
    }
    if (json.contains("talker") && json.at("talker").is_object() && json.at("talker").contains("delays")) {
        const nlohmann::json& delays = json.at("talker").at("delays");
        if (!delays.is_array() || delays.size() > std::size_t(MaxCodebooks))
            throw BundleError("invalid model configuration '" + source + "': talker.delays is not a list of at most " +
                              std::to_string(MaxCodebooks) + " integers");
        for (const auto& d : delays)
            if (!d.is_number_integer() || d.get<std::int64_t>() < 0 || d.get<std::int64_t>() > 64)
                throw BundleError("invalid model configuration '" + source + "': talker.delays entry " + d.dump() +
                                  " must be an integer in 0..64");
    }
    checkTextSection(json, source);
}

/// Products of the ranges: what the configuration makes the program allocate.
void checkSizes(const ModelConfig& c, const std::string& source)
{
    const auto refuse = [&](const std::string& what, double values) {
        throw BundleError("invalid model configuration '" + source + "': " + what + " would need " +
                          numberText(values) + " float values, more than " + numberText(MaxModelValues) + " (1 GiB)");
    };
    if (c.audio.hopSamples > c.audio.nFft)
        throw BundleError("invalid model configuration '" + source + "': audio.hop_samples " +
                          std::to_string(c.audio.hopSamples) + " must be at most audio.n_fft " +
                          std::to_string(c.audio.nFft));
    const TalkerConfig& t = c.talker;
    const double d = t.dModel, v = t.codebookSize, k = t.codebooks, attention = double(t.queryHeads) * t.headDim;
    const double perLayer =
        2 * d + attention * d + 2.0 * t.kvHeads * t.headDim * d + d * attention + 3.0 * t.ffnHidden * d;
    const double textValues = double(t.text.phoneSlots) * t.text.phoneClasses() + double(t.text.voices.size());
    const double talkerValues = k * (2 * v + 1) * d + textValues * d + t.layers * perLayer + d;
    if (talkerValues > MaxModelValues)
        refuse("the Talker's weights", talkerValues);
    const double kvCache = 2.0 * t.layers * t.maxFrames * t.kvHeads * t.headDim;
    if (kvCache > MaxModelValues)
        refuse("the Talker's KV cache of talker.max_frames " + std::to_string(t.maxFrames), kvCache);
    const double stacked = double(c.codec.subframes) * c.audio.melBins;
    const double codecValues = 2 * stacked * c.codec.latentDim + stacked + c.codec.latentDim +
                               double(c.codec.codebooks) * c.codec.codebookSize * c.codec.latentDim;
    if (codecValues > MaxModelValues)
        refuse("the codec's weights", codecValues);
    if (c.codec.contextual()) {
        // ContextCodecNet: a k = 3S input conv, 3 + 3 token-rate blocks of a k3 and a 1x1 conv, the
        // coarse output conv, the transposed conv to C/2 channels at the mel rate, 3 blocks there,
        // the output conv.
        const double C = c.codec.channels, D = c.codec.latentDim, M = std::max(1.0, std::floor(C / 2));
        const double contextValues =
            C * c.audio.melBins * 3.0 * c.codec.subframes + 6 * (4 * C * C) + 2 * C * D + C * stacked +
            C * M * c.codec.subframes + 3 * (4 * M * M) + M * c.audio.melBins +
            double(c.codec.codebooks) * (2 * D * c.codec.lookupDim + double(c.codec.codebookSize) * c.codec.lookupDim);
        if (contextValues > MaxModelValues)
            refuse("the context codec's weights", contextValues);
    }
}

} // namespace

int TextConfig::voiceIndex(const std::string& voice) const
{
    const auto it = std::find(voices.begin(), voices.end(), voice);
    return it == voices.end() ? -1 : int(it - voices.begin());
}

bool TalkerConfig::hasDelays() const
{
    return std::any_of(delays.begin(), delays.end(), [](int d) { return d != 0; });
}

int TalkerConfig::maxDelay() const
{
    return delays.empty() ? 0 : *std::max_element(delays.begin(), delays.end());
}

double ModelConfig::frameRateHz() const
{
    return double(audio.sampleRateHz) / double(samplesPerFrame());
}

ModelConfig ModelConfig::chapter()
{
    ModelConfig config;
    config.name = "chapter";
    config.description = "The chapter's Talker: 2 codebooks of 128 at 12.5 Hz, d_model 192, 4 layers.";
    return config;
}

ModelConfig ModelConfig::preset(const std::string& name)
{
    ModelConfig config = chapter();
    if (name == "chapter")
        return config;
    if (name == "clear") {
        config.name = "clear";
        config.description = "The chapter's Talker with 8 codebooks of 128 at 12.5 Hz, for clearer speech.";
        config.codec.codebooks = 8;
        config.talker.codebooks = 8;
        return config;
    }
    throw ArgumentError("unknown configuration '" + name + "': expected 'chapter' or 'clear'");
}

ModelConfig ModelConfig::withCodecType(const std::string& type) const
{
    if (type != "rvq" && type != "context")
        throw ArgumentError("unknown codec type '" + type + "': expected 'rvq' or 'context'");
    ModelConfig config = *this;
    config.codec.type = type;
    return config;
}

ModelConfig ModelConfig::fromJson(const nlohmann::json& json, const std::string& source)
{
    if (!json.is_object())
        throw BundleError("invalid model configuration '" + source + "': the top level is not a JSON object");
    ModelConfig c;
    readField(json, "format_version", c.formatVersion, source, "");
    if (c.formatVersion != 1)
        throw BundleError("invalid model configuration '" + source + "': format_version " +
                          std::to_string(c.formatVersion) + " is not supported (expected 1)");
    checkRanges(json, source);
    readField(json, "name", c.name, source, "");
    readField(json, "description", c.description, source, "");

    const auto& a = section(json, "audio", source);
    readField(a, "sample_rate_hz", c.audio.sampleRateHz, source, "audio");
    readField(a, "n_fft", c.audio.nFft, source, "audio");
    readField(a, "win_length", c.audio.winLength, source, "audio");
    readField(a, "hop_samples", c.audio.hopSamples, source, "audio");
    readField(a, "mel_bins", c.audio.melBins, source, "audio");
    readField(a, "f_min_hz", c.audio.fMinHz, source, "audio");
    readField(a, "f_max_hz", c.audio.fMaxHz, source, "audio");
    readField(a, "log_floor", c.audio.logFloor, source, "audio");

    const auto& k = section(json, "codec", source);
    readField(k, "type", c.codec.type, source, "codec");
    readField(k, "channels", c.codec.channels, source, "codec");
    readField(k, "lookup_dim", c.codec.lookupDim, source, "codec");
    readField(k, "context_frames", c.codec.contextFrames, source, "codec");
    readField(k, "lookahead_frames", c.codec.lookaheadFrames, source, "codec");
    readField(k, "output_gain", c.codec.outputGain, source, "codec");
    readField(k, "codebooks", c.codec.codebooks, source, "codec");
    readField(k, "codebook_size", c.codec.codebookSize, source, "codec");
    readField(k, "subframes", c.codec.subframes, source, "codec");
    readField(k, "latent_dim", c.codec.latentDim, source, "codec");

    const auto& t = section(json, "talker", source);
    readField(t, "d_model", c.talker.dModel, source, "talker");
    readField(t, "layers", c.talker.layers, source, "talker");
    readField(t, "query_heads", c.talker.queryHeads, source, "talker");
    readField(t, "kv_heads", c.talker.kvHeads, source, "talker");
    readField(t, "head_dim", c.talker.headDim, source, "talker");
    readField(t, "rope_theta", c.talker.ropeTheta, source, "talker");
    readField(t, "ffn_hidden", c.talker.ffnHidden, source, "talker");
    readField(t, "norm_eps", c.talker.normEps, source, "talker");
    readField(t, "codebooks", c.talker.codebooks, source, "talker");
    readField(t, "codebook_size", c.talker.codebookSize, source, "talker");
    readField(t, "dropout", c.talker.dropout, source, "talker");
    readField(t, "max_frames", c.talker.maxFrames, source, "talker");
    readField(t, "delays", c.talker.delays, source, "talker");
    if (t.contains("text")) { // checked by checkTextSection
        const auto& text = t.at("text");
        c.talker.text.phones = text.at("phones").get<std::vector<std::string>>();
        c.talker.text.voices = text.at("voices").get<std::vector<std::string>>();
        c.talker.text.phoneSlots = text.at("phone_slots").get<int>();
        c.talker.text.frontEnd = text.at("front_end").get<std::string>();
    }

    const auto& v = section(json, "vocoder", source);
    readField(v, "type", c.vocoder.type, source, "vocoder");
    readField(v, "iterations", c.vocoder.iterations, source, "vocoder");
    readField(v, "momentum", c.vocoder.momentum, source, "vocoder");
    readField(v, "peak_dbfs", c.vocoder.peakDbfs, source, "vocoder");

    if (json.contains("provenance"))
        c.provenance = json.at("provenance");
    if (json.contains("metrics"))
        c.metrics = json.at("metrics");

    // Consistency: the numbers must describe one model.
    requirePositive(c.audio.sampleRateHz, "audio.sample_rate_hz", source);
    requirePositive(c.audio.nFft, "audio.n_fft", source);
    requirePositive(c.audio.hopSamples, "audio.hop_samples", source);
    requirePositive(c.audio.melBins, "audio.mel_bins", source);
    requirePositive(c.audio.logFloor, "audio.log_floor", source);
    if (c.audio.winLength <= 0 || c.audio.winLength > c.audio.nFft)
        throw BundleError("invalid model configuration '" + source + "': audio.win_length " +
                          std::to_string(c.audio.winLength) + " must be in 1.." + std::to_string(c.audio.nFft));
    if (!(c.audio.fMinHz >= 0 && c.audio.fMaxHz > c.audio.fMinHz && c.audio.fMaxHz <= c.audio.sampleRateHz / 2.0))
        throw BundleError("invalid model configuration '" + source + "': mel range " + numberText(c.audio.fMinHz) +
                          ".." + numberText(c.audio.fMaxHz) + " Hz must lie within 0..Nyquist");
    requirePositive(c.codec.codebooks, "codec.codebooks", source);
    requirePositive(c.codec.codebookSize, "codec.codebook_size", source);
    requirePositive(c.codec.subframes, "codec.subframes", source);
    requirePositive(c.codec.latentDim, "codec.latent_dim", source);
    if (c.codec.type != "rvq" && c.codec.type != "context")
        throw BundleError("invalid model configuration '" + source + "': codec.type '" + c.codec.type +
                          "' is not supported (expected 'rvq' or 'context')");
    if (c.codec.contextual()) {
        requirePositive(c.codec.channels, "codec.channels", source);
        requirePositive(c.codec.lookupDim, "codec.lookup_dim", source);
        if (c.codec.subframes < 4) // the decoder's mel-rate convolutions read 4 frames beside each token
            throw BundleError("invalid model configuration '" + source + "': codec.subframes " +
                              std::to_string(c.codec.subframes) +
                              " is below 4, the least the context codec's decoder supports");
        const CodecConfig architecture;
        if (c.codec.contextFrames != architecture.contextFrames ||
            c.codec.lookaheadFrames != architecture.lookaheadFrames)
            throw BundleError("invalid model configuration '" + source + "': codec.context_frames " +
                              std::to_string(c.codec.contextFrames) + " and codec.lookahead_frames " +
                              std::to_string(c.codec.lookaheadFrames) +
                              " do not describe this version's context codec (" +
                              std::to_string(architecture.contextFrames) + " and " +
                              std::to_string(architecture.lookaheadFrames) + ")");
    }
    requirePositive(c.talker.dModel, "talker.d_model", source);
    requirePositive(c.talker.layers, "talker.layers", source);
    requirePositive(c.talker.queryHeads, "talker.query_heads", source);
    requirePositive(c.talker.kvHeads, "talker.kv_heads", source);
    requirePositive(c.talker.headDim, "talker.head_dim", source);
    requirePositive(c.talker.ffnHidden, "talker.ffn_hidden", source);
    requirePositive(c.talker.maxFrames, "talker.max_frames", source);
    requirePositive(c.talker.ropeTheta, "talker.rope_theta", source);
    requirePositive(c.talker.normEps, "talker.norm_eps", source);
    if (c.talker.headDim % 2 != 0)
        throw BundleError("invalid model configuration '" + source + "': talker.head_dim " +
                          std::to_string(c.talker.headDim) + " must be even for RoPE");
    if (c.talker.queryHeads % c.talker.kvHeads != 0)
        throw BundleError("invalid model configuration '" + source + "': talker.query_heads " +
                          std::to_string(c.talker.queryHeads) + " is not a multiple of talker.kv_heads " +
                          std::to_string(c.talker.kvHeads));
    if (c.talker.codebooks != c.codec.codebooks)
        throw BundleError("invalid model configuration '" + source + "': talker.codebooks " +
                          std::to_string(c.talker.codebooks) + " disagrees with codec.codebooks " +
                          std::to_string(c.codec.codebooks));
    if (c.talker.codebookSize != c.codec.codebookSize)
        throw BundleError("invalid model configuration '" + source + "': talker.codebook_size " +
                          std::to_string(c.talker.codebookSize) + " disagrees with codec.codebook_size " +
                          std::to_string(c.codec.codebookSize));
    if (!(c.talker.dropout >= 0 && c.talker.dropout < 1))
        throw BundleError("invalid model configuration '" + source + "': talker.dropout must be in [0, 1)");
    if (!c.talker.delays.empty()) {
        if (int(c.talker.delays.size()) != c.talker.codebooks)
            throw BundleError("invalid model configuration '" + source + "': talker.delays has " +
                              std::to_string(c.talker.delays.size()) + " entries for " +
                              std::to_string(c.talker.codebooks) + " codebooks");
        for (int d : c.talker.delays)
            if (d < 0 || d > 64)
                throw BundleError("invalid model configuration '" + source + "': talker.delays entry " +
                                  std::to_string(d) + " must be in 0..64");
    }
    if (c.talker.text.enabled() && (c.talker.text.phoneSlots != TextPhoneSlots ||
                                    c.talker.text.phones != phoneInventory() || c.talker.text.frontEnd != "flite"))
        throw BundleError(
            "invalid model configuration '" + source + "': talker.text (" + std::to_string(c.talker.text.phoneSlots) +
            " phone slots, " + std::to_string(c.talker.text.phones.size()) + " phones, front end '" +
            c.talker.text.frontEnd + "') is not this version's text conditioning (" + std::to_string(TextPhoneSlots) +
            " slots over the 40 phones of the corpus alignments, front end 'flite')");
    if (c.vocoder.type != "griffin-lim")
        throw BundleError("invalid model configuration '" + source + "': vocoder.type '" + c.vocoder.type +
                          "' is not supported (expected 'griffin-lim')");
    requirePositive(c.vocoder.iterations, "vocoder.iterations", source);
    if (!(c.vocoder.momentum >= 0 && c.vocoder.momentum < 1))
        throw BundleError("invalid model configuration '" + source + "': vocoder.momentum must be in [0, 1)");
    if (!(c.vocoder.peakDbfs <= 0))
        throw BundleError("invalid model configuration '" + source + "': vocoder.peak_dbfs must be <= 0");
    checkSizes(c, source);
    return c;
}

nlohmann::json ModelConfig::toJson() const
{
    nlohmann::json j;
    j["format_version"] = formatVersion;
    j["name"] = name;
    j["description"] = description;
    j["audio"] = {{"sample_rate_hz", audio.sampleRateHz},
                  {"n_fft", audio.nFft},
                  {"win_length", audio.winLength},
                  {"hop_samples", audio.hopSamples},
                  {"mel_bins", audio.melBins},
                  {"f_min_hz", audio.fMinHz},
                  {"f_max_hz", audio.fMaxHz},
                  {"log_floor", audio.logFloor},
                  {"mel_scale", "slaney"},
                  {"window", "hann-periodic"}};
    j["codec"] = {
        {"type", codec.type},           {"codebooks", codec.codebooks},  {"codebook_size", codec.codebookSize},
        {"subframes", codec.subframes}, {"latent_dim", codec.latentDim}, {"frame_rate_hz", frameRateHz()}};
    if (codec.contextual()) {
        j["codec"]["channels"] = codec.channels;
        j["codec"]["lookup_dim"] = codec.lookupDim;
        j["codec"]["context_frames"] = codec.contextFrames;
        j["codec"]["lookahead_frames"] = codec.lookaheadFrames;
        j["codec"]["output_gain"] = codec.outputGain;
    }
    j["talker"] = {{"d_model", talker.dModel},         {"layers", talker.layers},
                   {"query_heads", talker.queryHeads}, {"kv_heads", talker.kvHeads},
                   {"head_dim", talker.headDim},       {"rope_theta", talker.ropeTheta},
                   {"ffn_hidden", talker.ffnHidden},   {"norm_eps", talker.normEps},
                   {"codebooks", talker.codebooks},    {"codebook_size", talker.codebookSize},
                   {"bos_index", talker.bosIndex()},   {"dropout", talker.dropout},
                   {"max_frames", talker.maxFrames},   {"delays", talker.delays}};
    if (talker.text.enabled())
        j["talker"]["text"] = {{"phones", talker.text.phones},
                               {"phone_slots", talker.text.phoneSlots},
                               {"voices", talker.text.voices},
                               {"front_end", talker.text.frontEnd}};
    j["vocoder"] = {{"type", vocoder.type},
                    {"iterations", vocoder.iterations},
                    {"momentum", vocoder.momentum},
                    {"peak_dbfs", vocoder.peakDbfs}};
    j["provenance"] = provenance;
    j["metrics"] = metrics;
    return j;
}

} // namespace talker
