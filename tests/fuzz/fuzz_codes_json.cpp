// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: readCodesJson on any bytes. Only talker::Error may come out; accepted codes must be
// rectangular, within the stated limits.
#include "FuzzInput.h"

#include "talker/Codes.h"
#include "talker/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto path = talker::fuzz::inputFile(data, size, "codes.json");
    try {
        const talker::Codes codes = talker::readCodesJson(path);
        if (codes.codebooks < 1 || codes.codebooks > talker::MaxCodebooks ||
            codes.values.size() % std::size_t(codes.codebooks) != 0 || codes.frames() > talker::MaxCodeFrames)
            __builtin_trap();
    } catch (const talker::Error&) {
    }
    return 0;
}
