// SPDX-License-Identifier: GPL-3.0-or-later
// talker info BUNDLE: what a bundle holds.
#include "Commands.h"

#include "talker/ModelBundle.h"
#include "talker/Summary.h"

#include <iostream>

namespace talker::cli {

void addInfoCommand(CLI::App& app)
{
    auto* command =
        app.add_subcommand("info", "Show a model bundle's configuration, parameter count, provenance and metrics");
    auto bundle = std::make_shared<std::string>();
    command->add_option("bundle", *bundle, "Model bundle directory")->required();
    command->callback([bundle] {
        const auto b = ModelBundle::load(*bundle);
        const auto& c = b.config;
        std::cout << "bundle:        " << b.directory.string() << "\n"
                  << "name:          " << c.name << "\n"
                  << "description:   " << c.description << "\n"
                  << "talker:        d_model " << c.talker.dModel << ", " << c.talker.layers << " layers, "
                  << c.talker.queryHeads << " query heads / " << c.talker.kvHeads << " key-value head(s) of "
                  << c.talker.headDim << ", SwiGLU " << c.talker.ffnHidden << "\n"
                  << "codes:         " << c.codec.codebooks << " codebooks x " << c.codec.codebookSize << " at "
                  << c.frameRateHz() << " frames/s (" << c.codec.subframes << " mel frames per token)\n"
                  << "parameters:    " << b.talkerParameterCount() << " (Talker), " << b.codecParameterCount()
                  << " (codec)\n"
                  << "audio:         " << c.audio.sampleRateHz << " Hz, " << c.audio.melBins << " mel bins, hop "
                  << c.audio.hopSamples << "\n"
                  << "vocoder:       " << c.vocoder.type << ", " << c.vocoder.iterations << " iterations\n";
        // Provenance and metrics as model.json nests them, numbers to three significant digits.
        for (const auto& [title, json] : {std::pair{"provenance:", &c.provenance}, std::pair{"metrics:", &c.metrics}}) {
            std::cout << title << (json->empty() ? "    (none recorded)" : "") << "\n";
            if (!json->empty())
                for (const SummaryRow& row : summariseJson(*json))
                    std::cout << std::string(2 * std::size_t(row.depth + 1), ' ') << row.label << ":"
                              << (row.value.empty() ? "" : " " + row.value) << "\n";
        }
    });
}

} // namespace talker::cli
