// SPDX-License-Identifier: GPL-3.0-or-later
// The one lookup of a named weight tensor with its shape check (private to core): the fused and
// CUDA Talkers, the LibTorch Talker, the linear codec on the CPU and on a device, and the context
// codec all read their tensors through it, so every missing or misshapen tensor is refused with
// the same words. (ModelBundle::validate checks whole files against model.json, naming the file.)
#pragma once

#include "talker/Error.h"
#include "talker/Safetensors.h"

#include <string>
#include <vector>

namespace talker {

/// The tensor `name` of `tensors`; with `shape`, it must have that shape. BundleError otherwise:
/// "<owner>: the weights lack tensor '<name>'" or "<owner>: tensor '<name>' has shape (..) but the
/// configuration implies (..)".
inline const HostTensor& requireTensor(const TensorMap& tensors, const std::string& name, const std::string& owner,
                                       const std::vector<std::int64_t>* shape = nullptr)
{
    const auto it = tensors.find(name);
    if (it == tensors.end())
        throw BundleError(owner + ": the weights lack tensor '" + name + "'");
    if (shape && it->second.shape != *shape) {
        HostTensor expected;
        expected.shape = *shape;
        throw BundleError(owner + ": tensor '" + name + "' has shape " + it->second.shapeString() +
                          " but the configuration implies " + expected.shapeString());
    }
    return it->second;
}

} // namespace talker
