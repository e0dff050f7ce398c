#include "talker/TakeFile.h"

#include "talker/Error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace talker {

namespace {

using nlohmann::json;

[[noreturn]] void throwTakeError(const std::filesystem::path& path, const std::string& why)
{
    throw FileError("cannot read take file '" + path.string() + "': " + why);
}

// FNV-1a, 64 bit: small, dependency-free and stable across platforms (we hash bytes we wrote).
class Fnv1a64 {
public:
    void add(const void* data, std::size_t size)
    {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            m_hash ^= bytes[i];
            m_hash *= 0x100000001b3ULL;
        }
    }
    void add(const std::string& text) { add(text.data(), text.size()); }
    std::uint64_t value() const { return m_hash; }

private:
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

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
    Codes codes;
    codes.codebooks = codebooks;
    codes.values.reserve(rows.size() * std::size_t(codebooks));
    for (std::size_t t = 0; t < rows.size(); ++t) {
        const json& row = rows[t];
        if (!row.is_array() || row.size() != std::size_t(codebooks))
            throwTakeError(path, what + " frame " + std::to_string(t) + " does not have " +
                                     std::to_string(codebooks) + " codes");
        for (const json& value : row) {
            if (!value.is_number_integer())
                throwTakeError(path, what + " frame " + std::to_string(t) + " holds a value that is not an integer");
            const auto code = value.get<std::int64_t>();
            if (code < 0 || code >= codebookSize)
                throwTakeError(path, what + " frame " + std::to_string(t) + " holds code " + std::to_string(code) +
                                         ", outside 0.." + std::to_string(codebookSize - 1));
            codes.values.push_back(std::int32_t(code));
        }
    }
    return codes;
}

template <typename T>
T required(const json& object, const char* key, const std::filesystem::path& path)
{
    const auto it = object.find(key);
    if (it == object.end())
        throwTakeError(path, std::string("\"") + key + "\" is missing");
    try {
        return it->get<T>();
    } catch (const json::exception&) {
        throwTakeError(path, std::string("\"") + key + "\" has the wrong type");
    }
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
    char text[40];
    std::snprintf(text, sizeof text, "fnv1a64:%016llx", static_cast<unsigned long long>(hash.value()));
    return text;
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
    writeFileAtomically(path, document.dump(1) + "\n");
}

TakeFile readTakeFile(const std::filesystem::path& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throwTakeError(path, std::strerror(errno));
    json document;
    try {
        document = json::parse(stream);
    } catch (const json::parse_error& e) {
        throwTakeError(path, std::string("not valid JSON (") + e.what() + ")");
    }
    if (!document.is_object() || document.value("format", std::string()) != TakeFile::Format)
        throwTakeError(path, std::string("not a take file (\"format\" is not \"") + TakeFile::Format + "\")");
    const int version = required<int>(document, "version", path);
    if (version != TakeFile::Version)
        throwTakeError(path, "unsupported version " + std::to_string(version) + " (this build reads version " +
                                 std::to_string(TakeFile::Version) + ")");

    TakeFile take;
    const json bundle = required<json>(document, "bundle", path);
    take.bundleName = required<std::string>(bundle, "name", path);
    take.bundleFingerprint = required<std::string>(bundle, "fingerprint", path);
    const int codebooks = required<int>(bundle, "codebooks", path);
    take.codebookSize = required<int>(bundle, "codebook_size", path);
    take.frameRateHz = required<double>(bundle, "frame_rate_hz", path);
    if (codebooks <= 0 || take.codebookSize <= 0)
        throwTakeError(path, "codebooks and codebook_size must be positive");

    const json params = required<json>(document, "params", path);
    take.params.frames = required<int>(params, "frames", path);
    take.params.sampling.temperature = required<double>(params, "temperature", path);
    take.params.sampling.argmax = required<bool>(params, "argmax", path);
    take.params.sampling.topK = required<int>(params, "top_k", path);
    take.params.sampling.topP = required<double>(params, "top_p", path);
    take.params.sampling.seed = required<std::uint64_t>(params, "seed", path);
    take.params.realTime = params.value("real_time", false);
    if (take.params.frames < 0)
        throwTakeError(path, "frames is " + std::to_string(take.params.frames) + ", expected 0 or more");
    try {
        take.params.sampling.validate(take.codebookSize);
    } catch (const ArgumentError& e) {
        throwTakeError(path, e.what());
    }

    take.params.prompt = codesFromJson(required<json>(document, "prompt", path), codebooks, take.codebookSize,
                                       "prompt", path);
    take.codes = codesFromJson(required<json>(document, "codes", path), codebooks, take.codebookSize, "codes", path);
    if (take.params.prompt.frames() == 0)
        take.params.prompt.codebooks = 0; // no prompt: as GenerationParams has it by default
    const FrameIndex P = take.params.prompt.frames();
    if (take.codes.frames() > P + take.params.frames)
        throwTakeError(path, "it holds " + std::to_string(take.codes.frames()) + " frames but its parameters make only " +
                                 std::to_string(P + take.params.frames));
    if (P > 0 && take.codes.head(P) != take.params.prompt)
        throwTakeError(path, "its codes do not begin with its prompt");
    return take;
}

} // namespace talker
