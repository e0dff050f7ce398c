// SPDX-License-Identifier: GPL-3.0-or-later
// talker init BUNDLE --config chapter: a freshly initialised (untrained) bundle.
#include "Commands.h"

#include "talker/Error.h"
#include "talker/ModelBundle.h"

#include <iostream>

namespace talker::cli {

void addInitCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("init", "Create a freshly initialised (untrained, seeded) model bundle");
    struct Options {
        std::string bundle, config = "chapter";
        std::uint64_t seed = 0;
        bool force = false;
    };
    auto o = std::make_shared<Options>();
    command->add_option("bundle", o->bundle, "Directory to create")->required();
    command->add_option("--config", o->config, "Configuration: chapter (K = 2) or clear (K = 8)")
        ->check(CLI::IsMember({"chapter", "clear"}))
        ->capture_default_str();
    command->add_option("--seed", o->seed, "Seed of the random initialisation")->capture_default_str();
    command->add_flag("--force", o->force, "Replace an existing bundle in that directory");
    command->callback([o] {
        namespace fs = std::filesystem;
        if (!o->force && fs::exists(fs::path(o->bundle) / "model.json"))
            throw FileError("cannot create bundle '" + o->bundle +
                            "': it already holds a model (use --force to replace it)");
        auto bundle = ModelBundle::initialise(ModelConfig::preset(o->config), o->seed);
        bundle.save(o->bundle);
        std::cerr << "created '" << o->bundle << "' (" << o->config << ", " << bundle.talkerParameterCount()
                  << " Talker parameters, seed " << o->seed << ")\n";
    });
}

} // namespace talker::cli
