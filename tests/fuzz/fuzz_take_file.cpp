// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: readTakeFile on any bytes. Only talker::Error may come out; an accepted take must
// be consistent (codes begin with the prompt, within the limits).
#include "FuzzInput.h"

#include "talker/Error.h"
#include "talker/TakeFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto path = talker::fuzz::inputFile(data, size, "take.json");
    try {
        const talker::TakeFile take = talker::readTakeFile(path);
        if (take.codes.frames() > talker::MaxCodeFrames || take.codes.codebooks > talker::MaxCodebooks ||
            take.codes.head(take.params.prompt.frames()) != take.params.prompt)
            __builtin_trap();
    } catch (const talker::Error&) {
    }
    return 0;
}
