// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: model.json as ModelBundle::load reads it (parseJson, ModelConfig::fromJson), then
// written back: only talker::Error may come out, and what was accepted must read back the same.
#include "FuzzInput.h"

#include "talker/Config.h"
#include "talker/Error.h"
#include "talker/Json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const talker::ModelConfig config =
            talker::ModelConfig::fromJson(talker::parseJson(talker::fuzz::inputText(data, size)), "fuzz/model.json");
        const nlohmann::json written = config.toJson();
        if (talker::ModelConfig::fromJson(talker::parseJson(written.dump()), "fuzz/again.json").toJson() != written)
            __builtin_trap();
    } catch (const talker::Error&) {
    }
    return 0;
}
