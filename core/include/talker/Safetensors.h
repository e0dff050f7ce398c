// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and writing safetensors files: an 8-byte little-endian header length, a JSON header
// {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}, then raw
// little-endian data. The format is small enough that we implement it on nlohmann-json instead of
// pulling in a dependency Debian does not package.
//
// Thread safety: free functions without shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace talker {

/// A host tensor of float32 values, row-major. This is how weights live outside LibTorch.
struct HostTensor {
    std::vector<std::int64_t> shape;
    std::vector<float> values;

    std::int64_t numel() const;
    std::string shapeString() const; // "(128, 64)"
};

using TensorMap = std::map<std::string, HostTensor>;

/// Reads every tensor of a safetensors file. Only F32 is accepted (what the project writes); any
/// other dtype, a header that is not JSON, offsets out of range, overlapping or a file shorter than
/// its header claims throw BundleError naming the file and tensor.
TensorMap readSafetensors(const std::filesystem::path& path);

/// Writes tensors (sorted by name) as F32, to a temporary file renamed over `path`.
void writeSafetensors(const std::filesystem::path& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata = {});

} // namespace talker
