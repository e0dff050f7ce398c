// SPDX-License-Identifier: GPL-3.0-or-later
// talker eval: measure a bundle on a corpus and write the metrics into its model.json.
#include "Commands.h"

#include "talker/FileWrite.h"
#include "talker/Error.h"
#include "talker/Evaluation.h"
#include "talker/ModelBundle.h"

#include <iostream>

namespace talker::cli {

void addEvalCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("eval", "Evaluate a bundle (Talker cross entropy vs baselines, codec error, "
                                               "round-trip WER, generation statistics) into its model.json");
    struct Options {
        std::string data, bundle;
        bool noWer = false;
        EvalOptions eval;
    };
    auto o = std::make_shared<Options>();
    command->add_option("data", o->data, "Corpus directory (train.tsv, valid.tsv, eval.tsv)")->required();
    addBundleOption(*command, o->bundle);
    command->add_flag("--no-wer", o->noWer, "Skip the recogniser (the WER section is left out)");
    command->add_option("--takes", o->eval.generatedTakes, "Generated takes at temperature 1.0")
        ->check(CLI::Range(1, 100));
    command->add_option("--frames", o->eval.generatedFrames, "Frames per generated take")->check(CLI::Range(1, 4000));
    command->callback([o] {
        const auto path = bundlePathOrDefault(o->bundle);
        ModelBundle bundle = ModelBundle::load(path);
        o->eval.wer = !o->noWer;
        auto metrics =
            evaluateBundle(o->data, bundle, o->eval, [](const std::string& line) { std::cerr << line << "\n"; });
        // Sections this run did not measure (WER with --no-wer) keep their previous values.
        for (auto& [key, value] : metrics.items())
            bundle.config.metrics[key] = value;
        writeFileAtomically(path / "model.json", bundle.config.toJson().dump(2) + "\n");
        std::cout << metrics.dump(2) << "\n";
        std::cerr << "wrote metrics into '" << (path / "model.json").string() << "'\n";
    });
}

} // namespace talker::cli
