// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: readSafetensors on any bytes, then what a bundle load does with the tensors (shape
// validation against the chapter's configuration). Only talker::Error may come out.
#include "FuzzInput.h"

#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto path = talker::fuzz::inputFile(data, size, "weights.safetensors");
    try {
        const talker::TensorMap tensors = talker::readSafetensors(path);
        for (const auto& [name, tensor] : tensors)
            if (std::int64_t(tensor.values.size()) != tensor.numel())
                __builtin_trap(); // a tensor whose values do not fill its shape
        talker::ModelBundle::validate(tensors, talker::ModelBundle::expectedRvqShapes(talker::ModelConfig::chapter()),
                                      path.string());
    } catch (const talker::Error&) {
    }
    return 0;
}
