// SPDX-License-Identifier: GPL-3.0-or-later
// talker train: teacher-forced training of a bundle's Talker on a corpus (talker/TalkerTrainer.h).
#include "Commands.h"
#include "LocalWorkers.h"

#include "talker/Error.h"
#include "talker/Runtime.h"
#include "talker/TalkerTrainer.h"

#include <cstdio>
#include <iostream>
#include <sstream>

namespace talker::cli {

namespace {

std::string duration(double seconds)
{
    char text[32];
    const long s = long(seconds + 0.5);
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    return text;
}

std::string losses(const std::vector<double>& values)
{
    std::ostringstream out;
    out.precision(3);
    for (std::size_t k = 0; k < values.size(); ++k)
        out << (k ? " " : "") << std::fixed << values[k];
    return out.str();
}

} // namespace

void addTrainCommand(CLI::App& app)
{
    auto* command = app.add_subcommand("train", "Train a bundle's Talker on a corpus (teacher forcing, AdamW, "
                                                "warm-up + cosine, checkpoints)");
    struct Options {
        std::string data, bundle, device = "cpu";
        int nproc = 0;
        TrainOptions train;
    };
    auto o = std::make_shared<Options>();
    command->add_option("data", o->data, "Corpus directory (train.tsv, valid.tsv)")->required();
    command->add_option("--bundle", o->bundle, "Bundle directory (from train-codec): its Talker is trained in place")
        ->required();
    command->add_option("--steps", o->train.steps, "Optimiser steps");
    command->add_option("--seq-frames", o->train.seqFrames, "Frames per window");
    command->add_option("--lr", o->train.learningRate, "Peak learning rate");
    command->add_option("--warmup", o->train.warmupSteps, "Linear warm-up steps");
    command->add_option("--seed", o->train.seed, "Seed of the batches and of dropout");
    command->add_option("--checkpoint-every", o->train.checkpointEvery, "Steps between checkpoints");
    command->add_option("--valid-every", o->train.validEvery, "Steps between validation passes");
    command->add_option("--batch", o->train.batch,
                        "Windows per step and process (the global batch is the world size times this)");
    command->add_flag("--text", o->train.text,
                      "Make the Talker text-conditioned (new weights; the corpus's phone alignments and aligned "
                      "voices) and train it on the aligned utterances: a bundle for 'talker say'");
    command->add_option("--input-noise", o->train.inputNoise,
                        "Fraction of the input codes replaced by random codes in training (0 = off)");
    command->add_flag("--resume", o->train.resume,
                      "Continue from BUNDLE/checkpoint (also with another world size; the same global batch continues "
                      "the same stream of batches)");
    command
        ->add_option("--nproc", o->nproc,
                     "Start N local worker processes and train data-parallel on them (Gloo over loopback); "
                     "for several machines set WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR, MASTER_PORT instead")
        ->check(CLI::Range(1, 1024));
    command->add_option("--device", o->device, "cpu, or cuda: one GPU per process, the one LOCAL_RANK names")
        ->check(CLI::IsMember({"cpu", "cuda"}));
    command->add_flag("--keep-last{false}", o->train.keepBest,
                      "End with the last step's weights instead of the best validation step's");
    command->callback([o] {
        if (o->nproc > 1) {
            runLocalWorkers(o->nproc); // rank 0 reports what it wrote
            return;
        }
        auto& t = o->train;
        t.distributed = DistributedEnv::fromEnvironment();
        t.device = parseDevice(o->device);
        const bool writer = t.distributed.isMain();
        std::ostringstream recipe;
        recipe << "talker train " << o->data << " --bundle " << o->bundle << " --steps " << t.steps << " --batch "
               << t.batch << " --seq-frames " << t.seqFrames << " --lr " << t.learningRate << " --warmup "
               << t.warmupSteps << " --seed " << t.seed << (t.keepBest ? "" : " --keep-last");
        if (t.distributed.distributed())
            recipe << " (world size " << t.distributed.worldSize << ", global batch "
                   << t.distributed.worldSize * t.batch << ")";
        if (t.text)
            recipe << " --text";
        if (t.inputNoise > 0)
            recipe << " --input-noise " << t.inputNoise;
        if (t.device != Device::Cpu)
            recipe << " --device " << deviceName(t.device);
        t.recipe = recipe.str();
        if (writer)
            std::cerr << "train: " << t.recipe << " (threads " << threadCount() << " per process)\n";
        trainTalker(o->data, o->bundle, t, [](const TrainProgress& p) {
            std::ostringstream line;
            line.precision(4);
            line << "step " << p.step << "/" << p.steps
                 << (p.worldSize > 1 ? " (" + std::to_string(p.worldSize) + " processes)" : "") << "  loss "
                 << p.trainLoss << " (" << losses(p.trainLossByCodebook) << ")  lr " << p.learningRate;
            if (p.validLossByCodebook)
                line << "  valid (" << losses(*p.validLossByCodebook) << ")";
            line << "  elapsed " << duration(p.elapsedS) << "  eta " << duration(p.etaS);
            std::cerr << line.str() << std::endl;
        });
        if (writer)
            std::cerr << "trained '" << o->bundle << "' (" << t.steps << " steps); loss log in '" << o->bundle
                      << "/train-log.jsonl'\n";
    });
}

} // namespace talker::cli
