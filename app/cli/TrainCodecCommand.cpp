// talker train-codec: fit a bundle's RVQ codec on the log-mel of a corpus (talker/CodecTrainer.h).
#include "Commands.h"

#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

#include <chrono>
#include <iostream>

namespace talker::cli {

void addTrainCodecCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("train-codec",
                                       "Fit the RVQ codec (PCA projections + residual k-means) on a corpus and "
                                       "write a new bundle with an untrained Talker");
    struct Options {
        std::string data, output, config = "chapter";
        std::vector<int> delays;
        std::uint64_t seed = 1;
        int iterations = 20;
        bool noRefit = false;
    };
    auto o = std::make_shared<Options>();
    command->add_option("data", o->data, "Corpus directory (train.tsv, valid.tsv; see scripts/make-dataset)")->required();
    command->add_option("-o,--output", o->output, "Bundle directory to write")->required();
    command->add_option("--config", o->config, "Configuration preset: chapter (K = 2) or clear (K = 8)")
        ->check(CLI::IsMember({"chapter", "clear"}));
    command->add_option("--delays", o->delays, "Talker delay pattern, one entry per codebook (e.g. 0,1,2,...)")
        ->delimiter(',');
    command->add_option("--seed", o->seed, "Seed of k-means++ and of the Talker's initial weights");
    command->add_option("--kmeans-iterations", o->iterations, "Lloyd iterations per codebook")->check(CLI::Range(1, 1000));
    command->add_flag("--no-refit", o->noRefit, "Keep proj_out = proj_in^T instead of refitting it by least squares");
    command->callback([o] {
        const auto started = std::chrono::steady_clock::now();
        ModelConfig config = ModelConfig::preset(o->config);
        if (!o->delays.empty()) {
            config.talker.delays = o->delays;
            config = ModelConfig::fromJson(config.toJson(), "--delays"); // validates the pattern
        }
        const auto train = readCorpusSplit(o->data, "train");
        std::cerr << "train-codec: " << train.utterances.size() << " training utterances (" << train.hours()
                  << " h), threads " << threadCount() << "\n";
        std::string recipe = "talker train-codec " + o->data + " -o " + o->output + " --config " + o->config +
                             " --seed " + std::to_string(o->seed);
        for (std::size_t k = 0; k < o->delays.size(); ++k)
            recipe += (k ? "," : " --delays ") + std::to_string(o->delays[k]);

        CodecFitOptions fit;
        fit.seed = o->seed;
        fit.kmeansIterations = o->iterations;
        fit.refitProjOut = !o->noRefit;
        ModelBundle bundle = trainCodecBundle(
            o->data, config, fit, recipe, [](const std::string& line) { std::cerr << line << "\n"; },
            [](long done, long total) { progress("log-mel", done, total); });
        const auto& metrics = bundle.config.metrics["codec"];
        const auto mse = metrics["valid_logmel_mse_by_codebooks"].get<std::vector<double>>();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        bundle.save(o->output);
        std::cerr << "validation log-mel MSE: projection only " << metrics["valid_logmel_mse_unquantised"].get<double>();
        for (std::size_t n = 0; n < mse.size(); ++n)
            std::cerr << ", " << n + 1 << " codebook" << (n ? "s " : " ") << mse[n];
        std::cerr << "\nwrote bundle '" << o->output << "' in " << seconds << " s\n";
    });
}

} // namespace talker::cli
