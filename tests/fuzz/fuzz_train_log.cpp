// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: readTrainLog (a bundle's train-log.jsonl, which the studio plots) on any bytes.
// Only talker::Error may come out; an accepted log must hold steps that increase, with the same
// number of codebooks on every line, and read back the same after being written again.
#include "FuzzInput.h"

#include "talker/Error.h"
#include "talker/TrainLog.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const auto path = talker::fuzz::inputFile(data, size, "train-log.jsonl");
    try {
        const std::vector<talker::TrainProgress> steps = talker::readTrainLog(path);
        std::string written;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (steps[i].step < 1 ||
                (i > 0 && (steps[i].step <= steps[i - 1].step ||
                           steps[i].trainLossByCodebook.size() != steps[0].trainLossByCodebook.size())))
                __builtin_trap();
            written += talker::trainLogLine(steps[i]) + "\n";
        }
        const auto again = talker::readTrainLog(talker::fuzz::inputFile(
            reinterpret_cast<const std::uint8_t*>(written.data()), written.size(), "again.jsonl"));
        if (again.size() != steps.size())
            __builtin_trap();
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (again[i].step != steps[i].step || again[i].trainLossByCodebook != steps[i].trainLossByCodebook ||
                again[i].validLossByCodebook != steps[i].validLossByCodebook)
                __builtin_trap();
    } catch (const talker::Error&) {
    }
    return 0;
}
