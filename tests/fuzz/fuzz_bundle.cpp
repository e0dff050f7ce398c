// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: a whole bundle load (ModelBundle::load: model.json, then both safetensors files
// checked against the shapes the configuration implies). The input holds the three files:
//
//   u32 little-endian n1, n1 bytes of model.json, u32 n2, n2 bytes of talker.safetensors,
//   the rest: rvq.safetensors           (a size past the end takes what is there)
//
// Only talker::Error may come out; an accepted bundle must hold exactly the tensors, shapes and
// parameter counts its configuration implies.
#include "FuzzInput.h"

#include "talker/Error.h"
#include "talker/ModelBundle.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <utility>

namespace {

std::string take(const std::uint8_t*& data, std::size_t& size, bool last)
{
    std::size_t n = size;
    if (!last) {
        std::uint32_t declared = 0;
        const std::size_t head = std::min<std::size_t>(4, size);
        std::memcpy(&declared, data, head); // little-endian, as the seed writer packs it
        data += head;
        size -= head;
        n = std::min<std::size_t>(declared, size);
    }
    std::string part(reinterpret_cast<const char*>(data), n);
    data += n;
    size -= n;
    return part;
}

std::int64_t implied(const std::map<std::string, std::vector<std::int64_t>>& shapes)
{
    std::int64_t total = 0;
    for (const auto& [name, shape] : shapes) {
        std::int64_t n = 1;
        for (std::int64_t d : shape)
            n *= d;
        total += n;
    }
    return total;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace fs = std::filesystem;
    const std::string config = take(data, size, false), talker = take(data, size, false), rvq = take(data, size, true);
    const fs::path directory = talker::fuzz::scratchPath("bundle");
    std::error_code ec;
    fs::create_directories(directory, ec);
    for (const auto& [name, bytes] :
         {std::pair{"model.json", &config}, {"talker.safetensors", &talker}, {"rvq.safetensors", &rvq}}) {
        std::ofstream out(directory / name, std::ios::binary | std::ios::trunc);
        out.write(bytes->data(), std::streamsize(bytes->size()));
    }
    try {
        const talker::ModelBundle bundle = talker::ModelBundle::load(directory);
        const auto talkerShapes = talker::ModelBundle::expectedTalkerShapes(bundle.config.talker);
        const auto rvqShapes = talker::ModelBundle::expectedRvqShapes(bundle.config);
        if (bundle.talkerWeights.size() != talkerShapes.size() || bundle.rvqWeights.size() != rvqShapes.size() ||
            bundle.talkerParameterCount() != implied(talkerShapes) ||
            bundle.codecParameterCount() != implied(rvqShapes))
            __builtin_trap();
    } catch (const talker::Error&) {
    }
    return 0;
}
