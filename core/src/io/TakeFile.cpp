// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/TakeFile.h"

#include "talker/Error.h"
#include "talker/FileWrite.h"
#include "talker/Json.h"
#include "talker/Text.h"
#include "Fnv1a.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <sstream>

namespace talker {

namespace {

using nlohmann::json;

[[noreturn]] void throwTakeError(const std::filesystem::path& path, const std::string& why)
{
    throw FileError("cannot read take file '" + path.string() + "': " + why);
}

void hashTensors(Fnv1a64& hash, const TensorMap& tensors)
{
    for (const auto& [name, tensor] : tensors) { // std::map: sorted by name, so the order is fixed
        hash.add(name);
        hash.add(tensor.shapeString());
        hash.add(tensor.values.data(), tensor.values.size() * sizeof(float));
    }
}

json codesToJson(const Codes& codes)
{
    json rows = json::array();
    for (FrameIndex t = 0; t < codes.frames(); ++t) {
        json row = json::array();
        for (int k = 0; k < codes.codebooks; ++k)
            row.push_back(codes.at(t, k));
        rows.push_back(std::move(row));
    }
    return rows;
}

Codes codesFromJson(const json& rows, int codebooks, int codebookSize, const std::string& what,
                    const std::filesystem::path& path)
{
    if (!rows.is_array())
        throwTakeError(path, "\"" + what + "\" is not an array of frames");
    if (rows.size() > std::size_t(MaxCodeFrames))
        throwTakeError(path, "\"" + what + "\" holds more than " + std::to_string(MaxCodeFrames) +
                                 " frames, the most this program reads");
    Codes codes;
    codes.codebooks = codebooks;
    codes.values.reserve(rows.size() * std::size_t(codebooks));
    for (std::size_t t = 0; t < rows.size(); ++t) {
        const json& row = rows[t];
        if (!row.is_array() || row.size() != std::size_t(codebooks))
            throwTakeError(path, what + " frame " + std::to_string(t) + " does not have " + std::to_string(codebooks) +
                                     " codes");
        for (const json& value : row) {
            if (!value.is_number_integer())
                throwTakeError(path, what + " frame " + std::to_string(t) + " holds a value that is not an integer");
            // Compared as the JSON number it is: 2^64 - 1 must not read as -1.
            const bool inRange = value.is_number_unsigned()
                                     ? value.get<std::uint64_t>() < std::uint64_t(codebookSize)
                                     : value.get<std::int64_t>() >= 0 && value.get<std::int64_t>() < codebookSize;
            if (!inRange)
                throwTakeError(path, what + " frame " + std::to_string(t) + " holds code " + value.dump() +
                                         ", outside 0.." + std::to_string(codebookSize - 1));
            const auto code = value.get<std::int64_t>();
            codes.values.push_back(std::int32_t(code));
        }
    }
    return codes;
}

// nlohmann reads 2.9 as the int 2, 2^32 + 2 as 2, -1 as the uint64 2^64 - 1 and true as 1: a field
// of an integer type takes only an integer JSON number that fits it.
template <typename T> bool fitsExactly(const json& value)
{
    if constexpr (std::is_floating_point_v<T>) {
        return value.is_number();
    } else if constexpr (std::is_same_v<T, bool> || !std::is_integral_v<T>) {
        return true;
    } else {
        if (!value.is_number_integer())
            return false;
        if (value.is_number_unsigned())
            return value.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<T>::max());
        return std::is_signed_v<T> && value.get<std::int64_t>() >= std::int64_t(std::numeric_limits<T>::min());
    }
}

template <typename T> T required(const json& object, const char* key, const std::filesystem::path& path)
{
    if (!object.is_object())
        throwTakeError(path, std::string("\"") + key + "\" is missing (its parent is not an object)");
    const auto it = object.find(key);
    if (it == object.end())
        throwTakeError(path, std::string("\"") + key + "\" is missing");
    try {
        if (fitsExactly<T>(*it))
            return it->get<T>();
    } catch (const json::exception&) {
    }
    std::string text = it->dump();
    if (text.size() > 40)
        text = text.substr(0, 37) + "...";
    throwTakeError(path, std::string("\"") + key + "\" has the wrong type or is out of range (" + text + ")");
}

constexpr std::size_t MaxTextColumns = 64;     // per frame; this version's models use 7
constexpr std::size_t MaxTextPhones = 1000000; // far more than a take's frames can speak

json textToJson(const TextPrompt& text, int columns)
{
    json phones = json::array();
    const auto& names = phoneInventory();
    for (const TimedPhone& p : text.phones) {
        if (p.phone < 0 || std::size_t(p.phone) >= names.size())
            throw ArgumentError("cannot write a take whose text has phone class " + std::to_string(p.phone) +
                                ", outside 0.." + std::to_string(names.size() - 1));
        phones.push_back({{"phone", names[std::size_t(p.phone)]}, {"start", p.start}, {"end", p.end}});
    }
    json rows = json::array();
    for (std::size_t r = 0; r * std::size_t(columns) < text.columns.size(); ++r)
        rows.push_back(
            json(std::vector<std::int32_t>(text.columns.begin() + std::ptrdiff_t(r * std::size_t(columns)),
                                           text.columns.begin() + std::ptrdiff_t((r + 1) * std::size_t(columns)))));
    return {{"text", text.text},
            {"voice", text.voice},
            {"front_end_voice", text.frontEndVoice},
            {"phones", std::move(phones)},
            {"columns", std::move(rows)}};
}

TextPrompt textFromJson(const json& object, FrameIndex frames, const std::filesystem::path& path)
{
    if (!object.is_object())
        throwTakeError(path, "\"text\" is not an object");
    TextPrompt text;
    text.text = required<std::string>(object, "text", path);
    text.voice = required<std::string>(object, "voice", path);
    text.frontEndVoice = required<std::string>(object, "front_end_voice", path);
    const json phones = required<json>(object, "phones", path);
    if (!phones.is_array() || phones.size() > MaxTextPhones)
        throwTakeError(path, "\"phones\" is not an array of at most " + std::to_string(MaxTextPhones) + " phones");
    double previousEnd = 0.0;
    for (std::size_t i = 0; i < phones.size(); ++i) {
        const std::string name = required<std::string>(phones[i], "phone", path);
        TimedPhone p;
        p.phone = phoneClass(name);
        p.start = required<double>(phones[i], "start", path);
        p.end = required<double>(phones[i], "end", path);
        if (p.phone < 0)
            throwTakeError(path,
                           "text phone " + std::to_string(i) + " is '" + name + "', not a phone this program knows");
        if (!std::isfinite(p.start) || !std::isfinite(p.end) || p.start < previousEnd - 1e-9 || p.end < p.start)
            throwTakeError(path, "text phone " + std::to_string(i) + " ('" + name +
                                     "') does not follow the one before it in time (start " + std::to_string(p.start) +
                                     " s, end " + std::to_string(p.end) + " s)");
        previousEnd = p.end;
        text.phones.push_back(p);
    }
    const json rows = required<json>(object, "columns", path);
    if (!rows.is_array() || rows.size() != std::size_t(frames))
        throwTakeError(path, "\"columns\" must hold one row per frame (" + std::to_string(frames) + ")");
    std::size_t width = 0;
    for (std::size_t t = 0; t < rows.size(); ++t) {
        const json& row = rows[t];
        if (!row.is_array() || row.empty() || row.size() > MaxTextColumns || (width && row.size() != width))
            throwTakeError(path, "text columns of frame " + std::to_string(t) + " are not a row of 1.." +
                                     std::to_string(MaxTextColumns) + " values as wide as the others");
        width = row.size();
        for (const json& value : row) {
            if (!fitsExactly<std::int32_t>(value) || value.get<std::int64_t>() < 0)
                throwTakeError(path, "text columns of frame " + std::to_string(t) + " hold " + value.dump() +
                                         ", not a class number");
            text.columns.push_back(value.get<std::int32_t>());
        }
    }
    if (text.columns.empty())
        throwTakeError(path, "\"text\" has no columns: a text take has at least one frame");
    return text;
}

} // namespace

TakeFile TakeFile::fromTake(const Take& take, const ModelBundle& bundle)
{
    TakeFile file;
    file.bundleName = bundle.config.name;
    file.bundleFingerprint = talker::bundleFingerprint(bundle);
    file.codebookSize = bundle.config.talker.codebookSize;
    file.frameRateHz = bundle.config.frameRateHz();
    file.params = take.params;
    file.codes = take.codes;
    return file;
}

std::string bundleFingerprint(const ModelBundle& bundle)
{
    Fnv1a64 hash;
    hash.add(bundle.config.toJson().dump());
    hashTensors(hash, bundle.talkerWeights);
    hashTensors(hash, bundle.rvqWeights);
    return "fnv1a64:" + hash.hex();
}

void writeTakeFile(const std::filesystem::path& path, const TakeFile& take)
{
    if (take.codes.codebooks <= 0)
        throw ArgumentError("cannot write take file '" + path.string() + "': the take has no codebooks");
    const SamplingParams& s = take.params.sampling;
    json document = {
        {"format", TakeFile::Format},
        {"version", TakeFile::Version},
        {"bundle",
         {{"name", take.bundleName},
          {"fingerprint", take.bundleFingerprint},
          {"codebooks", take.codes.codebooks},
          {"codebook_size", take.codebookSize},
          {"frame_rate_hz", take.frameRateHz}}},
        {"params",
         {{"frames", take.params.frames},
          {"temperature", s.temperature},
          {"argmax", s.argmax},
          {"top_k", s.topK},
          {"top_p", s.topP},
          {"seed", s.seed},
          {"real_time", take.params.realTime}}},
        {"prompt", codesToJson(take.params.prompt)},
        {"codes", codesToJson(take.codes)},
    };
    if (s.streamOffsetFrames > 0) // written only when set: older readers read the rest as before
        document["params"]["stream_offset_frames"] = s.streamOffsetFrames;
    if (!take.params.text.empty()) {
        const FrameIndex rows = take.params.prompt.frames() + take.params.frames;
        if (rows <= 0 || take.params.text.columns.size() % std::size_t(rows) != 0)
            throw ArgumentError("cannot write take file '" + path.string() + "': its text has " +
                                std::to_string(take.params.text.columns.size()) +
                                " columns, not a whole row for each of its " + std::to_string(rows) + " frames");
        document["text"] = textToJson(take.params.text, int(take.params.text.columns.size() / std::size_t(rows)));
    }
    writeFileAtomically(path, document.dump(1) + "\n");
}

TakeFile readTakeFile(const std::filesystem::path& path)
{
    json document;
    try {
        document = parseJson(readJsonFile(path));
    } catch (const JsonTextError& e) {
        throwTakeError(path, e.what());
    }
    if (!document.is_object() || !document.contains("format") || document["format"] != TakeFile::Format)
        throwTakeError(path, std::string("not a take file (\"format\" is not \"") + TakeFile::Format + "\")");
    const int version = required<int>(document, "version", path);
    if (version != TakeFile::Version)
        throwTakeError(path, "unsupported version " + std::to_string(version) + " (this build reads version " +
                                 std::to_string(TakeFile::Version) + ")");

    TakeFile take;
    const json bundle = required<json>(document, "bundle", path);
    if (!bundle.is_object())
        throwTakeError(path, "\"bundle\" is not an object");
    take.bundleName = required<std::string>(bundle, "name", path);
    take.bundleFingerprint = required<std::string>(bundle, "fingerprint", path);
    const int codebooks = required<int>(bundle, "codebooks", path);
    take.codebookSize = required<int>(bundle, "codebook_size", path);
    take.frameRateHz = required<double>(bundle, "frame_rate_hz", path);
    if (codebooks <= 0 || codebooks > MaxCodebooks || take.codebookSize <= 0 || take.codebookSize > MaxCodebookSize)
        throwTakeError(path, "codebooks " + std::to_string(codebooks) + " and codebook_size " +
                                 std::to_string(take.codebookSize) + " must be in 1.." + std::to_string(MaxCodebooks) +
                                 " and 1.." + std::to_string(MaxCodebookSize));

    const json params = required<json>(document, "params", path);
    if (!params.is_object())
        throwTakeError(path, "\"params\" is not an object");
    take.params.frames = required<int>(params, "frames", path);
    take.params.sampling.temperature = required<double>(params, "temperature", path);
    take.params.sampling.argmax = required<bool>(params, "argmax", path);
    take.params.sampling.topK = required<int>(params, "top_k", path);
    take.params.sampling.topP = required<double>(params, "top_p", path);
    take.params.sampling.seed = required<std::uint64_t>(params, "seed", path);
    take.params.realTime = params.contains("real_time") ? required<bool>(params, "real_time", path) : false;
    take.params.sampling.streamOffsetFrames =
        params.contains("stream_offset_frames") ? required<std::int64_t>(params, "stream_offset_frames", path) : 0;
    if (take.params.frames < 0 || take.params.frames > MaxCodeFrames)
        throwTakeError(path, "frames is " + std::to_string(take.params.frames) + ", expected 0.." +
                                 std::to_string(MaxCodeFrames));
    try {
        take.params.sampling.validate(take.codebookSize);
    } catch (const ArgumentError& e) {
        throwTakeError(path, e.what());
    }

    take.params.prompt =
        codesFromJson(required<json>(document, "prompt", path), codebooks, take.codebookSize, "prompt", path);
    take.codes = codesFromJson(required<json>(document, "codes", path), codebooks, take.codebookSize, "codes", path);
    if (take.params.prompt.frames() == 0)
        take.params.prompt.codebooks = 0; // no prompt: as GenerationParams has it by default
    const FrameIndex P = take.params.prompt.frames();
    if (take.codes.frames() > P + take.params.frames)
        throwTakeError(path, "it holds " + std::to_string(take.codes.frames()) +
                                 " frames but its parameters make only " + std::to_string(P + take.params.frames));
    if (P > 0 && take.codes.head(P) != take.params.prompt)
        throwTakeError(path, "its codes do not begin with its prompt");
    if (document.contains("text"))
        take.params.text = textFromJson(document["text"], P + take.params.frames, path);
    return take;
}

} // namespace talker
