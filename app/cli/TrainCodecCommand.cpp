// SPDX-License-Identifier: GPL-3.0-or-later
// talker train-codec: train a bundle's codec on the log-mel of a corpus (talker/CodecTrainer.h).
#include "Commands.h"
#include "LocalWorkers.h"

#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "talker/Runtime.h"

#include <chrono>
#include <iostream>
#include <sstream>

namespace talker::cli {

void addTrainCodecCommand(CLI::App& app)
{
    auto* command =
        app.add_subcommand("train-codec", "Train the codec on a corpus (context: gradient-trained convolutional "
                                          "codec; rvq: PCA + residual k-means) and write a new bundle with an "
                                          "untrained Talker");
    struct Options {
        std::string data, output, config = "chapter", codec = "context";
        std::vector<int> delays;
        std::uint64_t seed = 1;
        int iterations = 20;
        bool noRefit = false;
        double outputGain = 1.0;
        int lookupDim = 0, channels = 0; // 0: the preset's
        int nproc = 0;
        std::string device = "cpu";
        CodecFitOptions fit;
    };
    auto o = std::make_shared<Options>();
    command->add_option("data", o->data, "Corpus directory (train.tsv, valid.tsv; see scripts/make-dataset)")
        ->required();
    command->add_option("-o,--output", o->output, "Bundle directory to write")->required();
    command->add_option("--config", o->config, "Configuration preset: chapter (K = 2) or clear (K = 8)")
        ->check(CLI::IsMember({"chapter", "clear"}));
    command->add_option("--delays", o->delays, "Talker delay pattern, one entry per codebook (e.g. 0,1,2,...)")
        ->delimiter(',');
    command->add_option("--seed", o->seed, "Seed of k-means++ and of the Talker's initial weights");
    command->add_option("--codec", o->codec, "Codec type: context (default) or rvq (the chapter's linear codec)")
        ->check(CLI::IsMember({"context", "rvq"}));
    command->add_option("--kmeans-iterations", o->iterations, "rvq: Lloyd iterations per codebook")
        ->check(CLI::Range(1, 1000));
    command->add_flag("--no-refit", o->noRefit,
                      "rvq: keep proj_out = proj_in^T instead of refitting it by least squares");
    command->add_option("--steps", o->fit.steps, "context: optimiser steps")->check(CLI::Range(1, 10000000));
    command
        ->add_option("--batch", o->fit.batch,
                     "context: crops per step and process (the global batch is the world size times this)")
        ->check(CLI::Range(1, 4096));
    command
        ->add_option("--nproc", o->nproc,
                     "context: start N local worker processes and train data-parallel on them (Gloo over "
                     "loopback); for several machines set WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR, MASTER_PORT")
        ->check(CLI::Range(1, 1024));
    command->add_option("--device", o->device, "context: cpu, or cuda (one GPU per process, the one LOCAL_RANK names)")
        ->check(CLI::IsMember({"cpu", "cuda"}));
    command->add_option("--crop", o->fit.cropTokens, "context: tokens per crop")->check(CLI::Range(1, 4096));
    command->add_option("--lr", o->fit.learningRate, "context: peak learning rate")->check(CLI::Range(1e-6, 1.0));
    command
        ->add_option("--phone-weight", o->fit.phonemeWeight,
                     "context: weight of the base codebook's phone loss (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option("--reader-weight", o->fit.readerWeight,
                     "context: weight of the phone reader's loss on the decoded mel (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option(
            "--reader-feature-weight", o->fit.readerFeatureWeight,
            "context: weight of the distance between the phone reader's features of decoded and real mel (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option("--reader-steps", o->fit.readerSteps,
                     "context: steps that train the phone reader on real mel before the codec")
        ->check(CLI::Range(0, 1000000));
    command
        ->add_option("--output-gain", o->outputGain,
                     "context: gain on the decoded mel's deviation from the training mean (codec.output_gain; 1: none)")
        ->check(CLI::Range(0.25, 4.0));
    command
        ->add_option("--delta-weight", o->fit.deltaWeight,
                     "context: weight of the L1 between the frame-to-frame changes of decoded and real mel (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option("--harmonic-weight", o->fit.cepstralWeight,
                     "context: extra weight of the error in the log-mel's cepstra 13..63, the harmonics (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option("--recogniser-weight", o->fit.recogniserCepstraWeight,
                     "context: weight of the distance between a speech recogniser's cepstra (13 of 25 bands, "
                     "130-6800 Hz, mean-normalised, and their change) of decoded and real mel (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option("--adversarial-weight", o->fit.adversarialWeight,
                     "context: weight of a mel discriminator's judgement of the decoded mel (0: none)")
        ->check(CLI::Range(0.0, 100.0));
    command
        ->add_option(
            "--lookup-dim", o->lookupDim,
            "context: dimension of each codebook's nearest-entry lookup (codec.lookup_dim; default: the preset's)")
        ->check(CLI::Range(1, 4096));
    command
        ->add_option("--channels", o->channels,
                     "context: convolution width of encoder and decoder (codec.channels; default: the preset's)")
        ->check(CLI::Range(1, 4096));
    command
        ->add_option("--restart-every", o->fit.restartEvery,
                     "context: steps between restarts of unused codebook entries (0: none)")
        ->check(CLI::Range(0, 10000000));
    command
        ->add_option("--quantiser-dropout", o->fit.quantiserDropout,
                     "context: fraction of crops decoded from a random first n codebooks")
        ->check(CLI::Range(0.0, 1.0));
    command->callback([o] {
        if (o->nproc > 1 && o->codec != "context")
            throw ArgumentError("invalid --nproc '" + std::to_string(o->nproc) +
                                "': only the context codec trains "
                                "by gradient and runs data-parallel; the rvq fit is closed-form, one process");
        if (o->nproc > 1) {
            runLocalWorkers(o->nproc); // rank 0 reports what it wrote
            return;
        }
        const auto started = std::chrono::steady_clock::now();
        o->fit.distributed = DistributedEnv::fromEnvironment();
        o->fit.device = parseDevice(o->device);
        if (o->fit.distributed.distributed() && o->codec != "context")
            throw ArgumentError("cannot fit the rvq codec with WORLD_SIZE " +
                                std::to_string(o->fit.distributed.worldSize) +
                                ": only the context codec trains by gradient and runs data-parallel");
        if (o->fit.device != Device::Cpu && o->codec != "context")
            throw ArgumentError("invalid --device '" + o->device + "': the rvq fit runs on the CPU");
        const bool writer = o->fit.distributed.isMain();
        ModelConfig config = ModelConfig::preset(o->config).withCodecType(o->codec);
        config.codec.outputGain = o->outputGain;
        if (o->lookupDim > 0)
            config.codec.lookupDim = o->lookupDim;
        if (o->channels > 0)
            config.codec.channels = o->channels;
        if (!o->delays.empty())
            config.talker.delays = o->delays;
        if (!o->delays.empty() || o->lookupDim > 0 || o->channels > 0) // validates the pattern and the sizes
            config = ModelConfig::fromJson(config.toJson(), "the train-codec options");
        const auto train = readCorpusSplit(o->data, "train");
        if (writer)
            std::cerr << "train-codec: " << train.utterances.size() << " training utterances (" << train.hours()
                      << " h), threads " << threadCount() << " per process"
                      << (o->fit.distributed.distributed()
                              ? ", world size " + std::to_string(o->fit.distributed.worldSize)
                              : std::string())
                      << "\n";
        std::string recipe = "talker train-codec " + o->data + " -o " + o->output + " --config " + o->config +
                             " --codec " + o->codec + " --seed " + std::to_string(o->seed);
        if (config.codec.contextual()) {
            std::ostringstream r;
            r << " --steps " << o->fit.steps << " --batch " << o->fit.batch << " --crop " << o->fit.cropTokens
              << " --lr " << o->fit.learningRate << " --phone-weight " << o->fit.phonemeWeight << " --reader-weight "
              << o->fit.readerWeight << " --reader-feature-weight " << o->fit.readerFeatureWeight << " --reader-steps "
              << o->fit.readerSteps << " --delta-weight " << o->fit.deltaWeight << " --harmonic-weight "
              << o->fit.cepstralWeight << " --recogniser-weight " << o->fit.recogniserCepstraWeight
              << " --adversarial-weight " << o->fit.adversarialWeight << " --quantiser-dropout "
              << o->fit.quantiserDropout << " --restart-every " << o->fit.restartEvery << " --output-gain "
              << o->outputGain << " --lookup-dim " << config.codec.lookupDim << " --channels " << config.codec.channels;
            if (o->fit.distributed.distributed())
                r << " (world size " << o->fit.distributed.worldSize << ", global batch "
                  << o->fit.distributed.worldSize * o->fit.batch << ")";
            if (o->fit.device != Device::Cpu)
                r << " --device " << deviceName(o->fit.device);
            recipe += r.str();
        }
        for (std::size_t k = 0; k < o->delays.size(); ++k)
            recipe += (k ? "," : " --delays ") + std::to_string(o->delays[k]);

        CodecFitOptions fit = o->fit;
        fit.seed = o->seed;
        fit.kmeansIterations = o->iterations;
        fit.refitProjOut = !o->noRefit;
        ModelBundle bundle = trainCodecBundle(
            o->data, config, fit, recipe,
            [writer](const std::string& line) {
                if (writer)
                    std::cerr << line << "\n";
            },
            [writer](long done, long total) {
                if (writer)
                    progress("log-mel", done, total);
            });
        if (!writer)
            return; // rank 0 writes the bundle
        const auto& metrics = bundle.config.metrics["codec"];
        const auto mse = metrics["valid_logmel_mse_by_codebooks"].get<std::vector<double>>();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        bundle.save(o->output);
        std::cerr << "validation log-mel MSE: without quantiser "
                  << metrics["valid_logmel_mse_unquantised"].get<double>();
        for (std::size_t n = 0; n < mse.size(); ++n)
            std::cerr << ", " << n + 1 << " codebook" << (n ? "s " : " ") << mse[n];
        std::cerr << "\nwrote bundle '" << o->output << "' in " << seconds << " s\n";
    });
}

} // namespace talker::cli
