// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: readAudio (libsndfile's parsers, the checks of rate, length and samples, soxr) on
// any bytes, resampled to the bundles' 16 kHz. Only talker::Error may come out.
#include "FuzzInput.h"

#include "talker/Audio.h"
#include "talker/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto path = talker::fuzz::inputFile(data, size, "audio.wav");
    try {
        const std::vector<float> samples = talker::readAudio(path, 16000);
        if (samples.empty())
            __builtin_trap(); // readAudio promises at least one sample or an error
    } catch (const talker::Error&) {
    }
    return 0;
}
