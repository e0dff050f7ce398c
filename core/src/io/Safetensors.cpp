// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Safetensors.h"

#include "talker/FileWrite.h"
#include "talker/Error.h"
#include "talker/Json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
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
        header = parseJson(headerText);
    } catch (const JsonTextError& e) {
        refuse(path, std::string("the header is ") + e.what());
    }
    if (!header.is_object())
        refuse(path, "the header is not a JSON object");

    // First every entry is checked against the file, with checked arithmetic, and only then is
    // anything allocated: a header cannot make us allocate more than the file holds.
    const std::uint64_t dataBytes = fileBytes - 8 - headerBytes;
    struct Entry {
        std::string name;
        std::vector<std::int64_t> shape;
        std::uint64_t begin = 0, end = 0;
    };
    std::vector<Entry> entries;
    for (const auto& item : header.items()) {
        const std::string& name = item.key(); // not a structured binding: clang 14 cannot capture those
        const nlohmann::json& info = item.value();
        if (name == "__metadata__")
            continue;
        auto tensorError = [&](const std::string& why) { refuse(path, "tensor '" + name + "': " + why); };
        if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") || !info.contains("data_offsets"))
            tensorError("the entry lacks dtype, shape or data_offsets");
        const auto dtype = info["dtype"].is_string() ? info["dtype"].get<std::string>() : std::string("?");
        if (dtype != "F32")
            tensorError("dtype " + dtype + " is not supported (expected F32)");
        Entry e;
        e.name = name;
        // Integers only: nlohmann would read 2.5 as 2 and -8 as 2^64 - 8.
        const nlohmann::json& shape = info["shape"];
        if (!shape.is_array())
            tensorError("the shape is not a list of integers");
        for (const auto& dim : shape) {
            if (!dim.is_number_integer())
                tensorError("the shape is not a list of integers");
            if (!dim.is_number_unsigned())
                tensorError("the shape has a negative dimension");
            if (dim.get<std::uint64_t>() > std::uint64_t(INT64_MAX))
                tensorError("the shape has a dimension of " + dim.dump() + ", more than 2^63 - 1");
            e.shape.push_back(dim.get<std::int64_t>());
        }
        const nlohmann::json& offsets = info["data_offsets"];
        if (!offsets.is_array() || offsets.size() != 2 ||
            !std::all_of(offsets.begin(), offsets.end(),
                         [](const nlohmann::json& o) { return o.is_number_unsigned(); }))
            tensorError("data_offsets is not a list of two non-negative integers");
        e.begin = offsets[0].get<std::uint64_t>();
        e.end = offsets[1].get<std::uint64_t>();
        if (e.end < e.begin)
            tensorError("data_offsets is not an increasing pair");
        if (e.end > dataBytes)
            tensorError("data ends at byte " + std::to_string(e.end) + " but the file holds only " +
                        std::to_string(dataBytes) + " bytes of data (truncated)");
        // The product of the dimensions, stopped before it could exceed what the data holds
        // (and so before it could overflow).
        const std::uint64_t maxValues = dataBytes / 4;
        std::uint64_t values = 1;
        for (std::int64_t dim : e.shape) {
            if (dim != 0 && values > maxValues / std::uint64_t(dim)) {
                HostTensor t;
                t.shape = e.shape;
                tensorError("shape " + t.shapeString() + " holds more values than the file's " +
                            std::to_string(dataBytes) + " bytes of data");
            }
            values *= std::uint64_t(dim);
        }
        if (e.end - e.begin != values * 4) {
            HostTensor t;
            t.shape = e.shape;
            tensorError("shape " + t.shapeString() + " needs " + std::to_string(values * 4) +
                        " bytes but data_offsets span " + std::to_string(e.end - e.begin));
        }
        entries.push_back(std::move(e));
    }
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
    for (const Entry& e : entries)
        ranges.emplace_back(e.begin, e.end);
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i)
        if (ranges[i].first < ranges[i - 1].second)
            refuse(path, "two tensors' data overlap");

    TensorMap tensors;
    for (Entry& e : entries) {
        HostTensor t;
        t.shape = std::move(e.shape);
        t.values.resize(std::size_t((e.end - e.begin) / 4));
        in.seekg(std::streamoff(8 + headerBytes + e.begin));
        in.read(reinterpret_cast<char*>(t.values.data()), std::streamsize(e.end - e.begin));
        if (!in)
            refuse(path, "tensor '" + e.name + "': reading its data failed");
        tensors.emplace(e.name, std::move(t));
    }
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
