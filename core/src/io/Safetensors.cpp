#include "talker/Safetensors.h"

#include "talker/Codes.h"
#include "talker/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <sstream>

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; a big-endian host needs byte swapping here");

namespace talker {

std::int64_t HostTensor::numel() const
{
    std::int64_t n = 1;
    for (auto d : shape)
        n *= d;
    return n;
}

std::string HostTensor::shapeString() const
{
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

namespace {

// A header over 100 MB is not a weights file of ours; refuse it before allocating.
constexpr std::uint64_t MaxHeaderBytes = 100u << 20;

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& why)
{
    throw BundleError("cannot read weights file '" + path.string() + "': " + why);
}

} // namespace

TensorMap readSafetensors(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        refuse(path, std::filesystem::exists(path) ? "it cannot be opened" : "the file does not exist");
    in.seekg(0, std::ios::end);
    const std::uint64_t fileBytes = std::uint64_t(in.tellg());
    in.seekg(0);
    if (fileBytes < 8)
        refuse(path, "the file is " + std::to_string(fileBytes) + " bytes, shorter than the 8-byte header length");

    std::uint64_t headerBytes = 0;
    in.read(reinterpret_cast<char*>(&headerBytes), 8);
    if (headerBytes > MaxHeaderBytes || 8 + headerBytes > fileBytes)
        refuse(path, "the header claims " + std::to_string(headerBytes) + " bytes but the file has " +
                         std::to_string(fileBytes) + " (truncated or not a safetensors file)");
    std::string headerText(headerBytes, '\0');
    in.read(headerText.data(), std::streamsize(headerBytes));

    nlohmann::json header;
    try {
        header = nlohmann::json::parse(headerText);
    } catch (const nlohmann::json::exception& e) {
        refuse(path, std::string("the header is not valid JSON (") + e.what() + ")");
    }
    if (!header.is_object())
        refuse(path, "the header is not a JSON object");

    const std::uint64_t dataBytes = fileBytes - 8 - headerBytes;
    TensorMap tensors;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    for (const auto& [name, info] : header.items()) {
        if (name == "__metadata__")
            continue;
        auto tensorError = [&](const std::string& why) { refuse(path, "tensor '" + name + "': " + why); };
        if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") || !info.contains("data_offsets"))
            tensorError("the entry lacks dtype, shape or data_offsets");
        const auto dtype = info["dtype"].is_string() ? info["dtype"].get<std::string>() : std::string("?");
        if (dtype != "F32")
            tensorError("dtype " + dtype + " is not supported (expected F32)");
        HostTensor t;
        try {
            t.shape = info["shape"].get<std::vector<std::int64_t>>();
        } catch (const nlohmann::json::exception&) {
            tensorError("the shape is not a list of integers");
        }
        if (std::any_of(t.shape.begin(), t.shape.end(), [](std::int64_t d) { return d < 0; }))
            tensorError("the shape has a negative dimension");
        std::vector<std::uint64_t> offsets;
        try {
            offsets = info["data_offsets"].get<std::vector<std::uint64_t>>();
        } catch (const nlohmann::json::exception&) {
            tensorError("data_offsets is not a list of two integers");
        }
        if (offsets.size() != 2 || offsets[1] < offsets[0])
            tensorError("data_offsets is not an increasing pair");
        const std::uint64_t expectedBytes = std::uint64_t(t.numel()) * 4;
        if (offsets[1] - offsets[0] != expectedBytes)
            tensorError("shape " + t.shapeString() + " needs " + std::to_string(expectedBytes) +
                        " bytes but data_offsets span " + std::to_string(offsets[1] - offsets[0]));
        if (offsets[1] > dataBytes)
            tensorError("data ends at byte " + std::to_string(offsets[1]) + " but the file holds only " +
                        std::to_string(dataBytes) + " bytes of data (truncated)");
        ranges.emplace_back(offsets[0], offsets[1]);
        t.values.resize(std::size_t(t.numel()));
        in.seekg(std::streamoff(8 + headerBytes + offsets[0]));
        in.read(reinterpret_cast<char*>(t.values.data()), std::streamsize(expectedBytes));
        if (!in)
            tensorError("reading its data failed");
        tensors.emplace(name, std::move(t));
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i)
        if (ranges[i].first < ranges[i - 1].second)
            refuse(path, "two tensors' data overlap");
    return tensors;
}

void writeSafetensors(const std::filesystem::path& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::uint64_t offset = 0;
    for (const auto& [name, t] : tensors) {
        if (std::int64_t(t.values.size()) != t.numel())
            throw BundleError("cannot write weights file '" + path.string() + "': tensor '" + name + "' has " +
                              std::to_string(t.values.size()) + " values for shape " + t.shapeString());
        const std::uint64_t bytes = t.values.size() * 4;
        header[name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string headerText = header.dump();
    // Pad the header with spaces so the data starts 8-byte aligned (allowed by the format).
    while ((8 + headerText.size()) % 8 != 0)
        headerText += ' ';

    std::string bytes;
    bytes.reserve(8 + headerText.size() + offset);
    const std::uint64_t headerBytes = headerText.size();
    bytes.append(reinterpret_cast<const char*>(&headerBytes), 8);
    bytes += headerText;
    for (const auto& [name, t] : tensors)
        bytes.append(reinterpret_cast<const char*>(t.values.data()), t.values.size() * 4);
    writeFileAtomically(path, bytes);
}

} // namespace talker
