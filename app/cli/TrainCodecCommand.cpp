// talker train-codec: fit a bundle's RVQ codec on the log-mel of a corpus (talker/CodecTrainer.h).
#include "Commands.h"

#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

#include <chrono>
#include <cstdlib>
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
        const auto valid = readCorpusSplit(o->data, "valid");
        std::cerr << "train-codec: " << train.utterances.size() << " training utterances (" << train.hours()
                  << " h), threads " << threadCount() << "\n";
        auto progressOf = [](const std::string& what) {
            return [what](long done, long total) { progress(what, done, total); };
        };
        const auto trainMels = corpusLogMels(train, config.audio, 2, progressOf("log-mel (train)"));
        const auto validMels = corpusLogMels(valid, config.audio, 2, progressOf("log-mel (valid)"));

        CodecFitOptions fit;
        fit.seed = o->seed;
        fit.kmeansIterations = o->iterations;
        fit.refitProjOut = !o->noRefit;
        ModelBundle bundle = ModelBundle::initialise(config, o->seed);
        bundle.rvqWeights = fitCodec(config, trainMels, fit, [](const std::string& line) { std::cerr << line << "\n"; });
        const CodecError error = measureCodecError(config, bundle.rvqWeights, validMels);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

        const char* commit = std::getenv("TALKER_CODE_COMMIT");
        std::string recipe = "talker train-codec " + o->data + " -o " + o->output + " --config " + o->config +
                             " --seed " + std::to_string(o->seed);
        for (std::size_t k = 0; k < o->delays.size(); ++k)
            recipe += (k ? "," : " --delays ") + std::to_string(o->delays[k]);
        bundle.config.provenance = {
            {"trained", false},
            {"code_commit", commit ? commit : "unknown (set TALKER_CODE_COMMIT; scripts/train-default-models does)"},
            {"codec", {{"recipe", recipe},
                       {"method", std::string("PCA proj_in, greedy residual k-means (k-means++, ") +
                                      std::to_string(o->iterations) + " Lloyd iterations), " +
                                      (o->noRefit ? "proj_out = proj_in^T" : "least-squares proj_out")},
                       {"seed", o->seed},
                       {"train_hours", train.hours()},
                       {"train_utterances", train.utterances.size()},
                       {"wall_time_s", seconds}}}};
        bundle.config.metrics["codec"] = {{"valid_logmel_mse_by_codebooks", error.mseByCodebooks},
                                          {"valid_logmel_mse_base", error.baseOnly()},
                                          {"valid_logmel_mse_full", error.full()},
                                          {"valid_logmel_mse_unquantised", error.unquantisedMse},
                                          {"unit", "mean squared error of natural-log mel values"}};
        bundle.save(o->output);
        std::cerr << "validation log-mel MSE: projection only " << error.unquantisedMse;
        for (std::size_t n = 0; n < error.mseByCodebooks.size(); ++n)
            std::cerr << ", " << n + 1 << " codebook" << (n ? "s " : " ") << error.mseByCodebooks[n];
        std::cerr << "\nwrote bundle '" << o->output << "' in " << seconds << " s\n";
    });
}

} // namespace talker::cli
