// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/TalkerTrainer.h"
#include "TalkerTraining.h"

#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/FileWrite.h"
#include "../model/TorchDevice.h"
#include "talker/Json.h"
#include "talker/ModelBundle.h"
#include "talker/Talker.h"

#include <torch/torch.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

#include <fcntl.h>

namespace fs = std::filesystem;

namespace talker {

namespace {

using namespace training;
using Clock = std::chrono::steady_clock;

constexpr const char* CheckpointDir = "checkpoint";

nlohmann::json optionsJson(const TrainOptions& o)
{
    return {{"steps", o.steps},
            {"batch", o.batch},
            {"seq_frames", o.seqFrames},
            {"learning_rate", o.learningRate},
            {"warmup_steps", o.warmupSteps},
            {"min_learning_rate_ratio", o.minLearningRateRatio},
            {"weight_decay", o.weightDecay},
            {"clip_norm", o.clipNorm},
            {"seed", o.seed},
            {"input_noise", o.inputNoise},
            {"dropout_note", "talker.dropout from model.json, active in training"}};
}

} // namespace

void TrainOptions::validate() const
{
    auto require = [](bool ok, const std::string& name, double value, const std::string& why) {
        if (!ok)
            throw ArgumentError("invalid " + name + " '" + numberText(value) + "': " + why);
    };
    require(steps >= 1, "--steps", steps, "must be at least 1");
    require(batch >= 1, "--batch", batch, "must be at least 1");
    require(seqFrames >= 2, "--seq-frames", seqFrames, "must be at least 2");
    require(learningRate > 0 && std::isfinite(learningRate), "--lr", learningRate, "must be positive");
    require(warmupSteps >= 0, "--warmup", warmupSteps, "must not be negative");
    require(minLearningRateRatio >= 0 && minLearningRateRatio <= 1, "minimum learning-rate ratio", minLearningRateRatio,
            "must be in [0, 1]");
    require(weightDecay >= 0, "weight decay", weightDecay, "must not be negative");
    require(clipNorm > 0, "clip norm", clipNorm, "must be positive");
    require(checkpointEvery >= 1, "--checkpoint-every", checkpointEvery, "must be at least 1");
    require(validEvery >= 1, "--valid-every", validEvery, "must be at least 1");
    require(logEvery >= 1, "log interval", logEvery, "must be at least 1");
    require(inputNoise >= 0 && inputNoise < 1, "--input-noise", inputNoise, "must be in [0, 1)");
}

double learningRateAt(int step, const TrainOptions& o)
{
    if (step < o.warmupSteps)
        return o.learningRate * double(step + 1) / double(o.warmupSteps);
    const int decaySteps = std::max(1, o.steps - o.warmupSteps);
    const double progress = std::min(1.0, double(step - o.warmupSteps) / double(decaySteps));
    const double floor = o.learningRate * o.minLearningRateRatio;
    return floor + (o.learningRate - floor) * 0.5 * (1.0 + std::cos(M_PI * progress));
}

void trainTalker(const fs::path& dataDir, const fs::path& bundleDir, const TrainOptions& options,
                 const TrainCallback& onProgress)
{
    options.validate();
    const torch::Device device = trainingDevice(options.device, options.distributed.localRank);
    const auto sessionStart = Clock::now();
    ModelBundle bundle = ModelBundle::load(bundleDir);

    // Codes of the corpus with the bundle's (frozen) codec, computed once and cached.
    const auto trainSplit = readCorpusSplit(dataDir, "train");
    const auto validSplit = readCorpusSplit(dataDir, "valid");
    const auto trainCodes =
        corpusCodes(trainSplit, bundle, corpusLogMels(trainSplit, bundle.config.audio, 2, {}, options.cancel));
    const auto validCodes =
        corpusCodes(validSplit, bundle, corpusLogMels(validSplit, bundle.config.audio, 2, {}, options.cancel));
    // --text on an unconditional bundle: the Talker becomes text-conditioned, over the corpus's
    // phone set and the voices of its aligned training utterances, with new weights.
    const bool freshText = options.text && !bundle.config.talker.text.enabled();
    if (freshText) {
        const auto phones = corpusPhones(trainSplit);
        std::vector<std::string> aligned;
        for (std::size_t i = 0; i < phones.size(); ++i) {
            const auto& voice = trainSplit.utterances[i].voice;
            if (!phones[i].empty() && std::find(aligned.begin(), aligned.end(), voice) == aligned.end())
                aligned.push_back(voice);
        }
        if (aligned.empty())
            throw ArgumentError("--text: the training utterances of '" + dataDir.string() +
                                "' have no phone alignments (DATA/alignments.tsv, written by scripts/make-dataset)");
        TextConfig& text = bundle.config.talker.text;
        text.phones = phoneInventory();
        text.phoneSlots = TextPhoneSlots;
        text.voices = aligned;
        text.frontEnd = "flite";
    }
    const TalkerConfig& tc = bundle.config.talker;
    const int K = tc.codebooks, C = tc.text.columns();
    const double tokenSeconds = 1.0 / bundle.config.frameRateHz();

    // A text-conditioned Talker trains on the aligned utterances, with their text columns.
    std::vector<Codes> trainUtterances = trainCodes, validUtterances = validCodes;
    std::vector<std::vector<std::int32_t>> trainText, validText;
    std::vector<std::string> voices;
    if (tc.text.enabled()) {
        auto train = textCorpus(trainSplit, trainCodes, tc.text, tokenSeconds);
        auto valid = textCorpus(validSplit, validCodes, tc.text, tokenSeconds);
        if (train.codes.empty() || valid.codes.empty())
            throw ArgumentError("cannot train the text-conditioned Talker of '" + bundleDir.string() + "' on '" +
                                dataDir.string() + "': its " + (train.codes.empty() ? "training" : "validation") +
                                " split has no aligned utterance of the model's voices");
        for (std::size_t i : train.utterances)
            voices.push_back(trainSplit.utterances[i].voice);
        trainUtterances = std::move(train.codes);
        trainText = std::move(train.text);
        validUtterances = std::move(valid.codes);
        validText = std::move(valid.text);
    } else {
        for (const auto& u : trainSplit.utterances)
            voices.push_back(u.voice);
    }
    const auto streams = voiceStreams(trainUtterances, voices);
    // The text columns joined the same way: textStreams[v] is (frames of streams[v], C).
    std::vector<std::vector<std::int32_t>> textStreams(C > 0 ? streams.size() : 0);
    if (C > 0) {
        std::map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < trainText.size(); ++i) {
            const auto it = index.emplace(voices[i], index.size()).first;
            textStreams[it->second].insert(textStreams[it->second].end(), trainText[i].begin(), trainText[i].end());
        }
    }
    std::vector<double> windowWeights;
    std::int64_t trainFrames = 0;
    for (const auto& s : streams) {
        windowWeights.push_back(double(std::max<FrameIndex>(0, s.frames() - options.seqFrames + 1)));
        trainFrames += s.frames();
    }
    if (std::accumulate(windowWeights.begin(), windowWeights.end(), 0.0) <= 0)
        throw ArgumentError("invalid --seq-frames '" + std::to_string(options.seqFrames) +
                            "': longer than every voice's stream of training frames");

    // The process group after the corpus is read (each rank reads it; the caches are written
    // atomically), so the rendezvous timeout does not have to cover the log-mel pass.
    ProcessGroup group(options.distributed);
    const int worldSize = group.worldSize(), rank = group.rank();
    const bool writer = group.isMain(); // rank 0 writes checkpoints, the loss log and the bundle
    const int globalBatch = worldSize * options.batch;

    if (freshText)
        torch::manual_seed(options.seed); // the new weights depend on the seed only
    Talker model(tc);
    if (!freshText)
        model->loadWeights(bundle.talkerWeights);
    model->to(device);
    model->train(); // dropout on

    // AdamW; weight decay on matrices (linear layers and embedding tables), none on norm gains.
    std::vector<torch::Tensor> decay, noDecay;
    for (const auto& p : model->named_parameters())
        (p.value().dim() >= 2 ? decay : noDecay).push_back(p.value());
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(
        decay,
        std::make_unique<torch::optim::AdamWOptions>(
            torch::optim::AdamWOptions(options.learningRate).betas({0.9, 0.95}).weight_decay(options.weightDecay)));
    groups.emplace_back(noDecay,
                        std::make_unique<torch::optim::AdamWOptions>(
                            torch::optim::AdamWOptions(options.learningRate).betas({0.9, 0.95}).weight_decay(0.0)));
    torch::optim::AdamW optimizer(groups);

    const fs::path checkpoint = bundleDir / CheckpointDir;
    const fs::path logPath = bundleDir / TrainLogFile;
    int startStep = 0;
    double previousElapsedS = 0.0;
    // The best validation so far (summed cross entropy) and its weights: the bundle ends with them.
    int bestStep = 0;
    double bestValid = std::numeric_limits<double>::infinity();
    TensorMap bestWeights;
    if (options.resume && writer) {
        const fs::path statePath = checkpoint / "state.json";
        if (!fs::exists(statePath))
            throw FileError("cannot resume from '" + statePath.string() + "': it does not exist (no checkpoint yet)");
        nlohmann::json state;
        try {
            state = parseJson(readJsonFile(statePath));
        } catch (const JsonTextError& e) {
            throw FileError("cannot resume from '" + statePath.string() + "': not a training state (" + e.what() + ")");
        }
        if (!state.is_object() || !state.contains("step") || !state["step"].is_number_integer() ||
            state["step"].get<std::int64_t>() < 0 || state["step"].get<std::int64_t>() > INT32_MAX ||
            (state.contains("elapsed_s") && !state["elapsed_s"].is_number()))
            throw FileError("cannot resume from '" + statePath.string() + "': not a training state");
        startStep = state["step"].get<int>();
        previousElapsedS = state.value("elapsed_s", 0.0);
        model->loadWeights(readSafetensors(checkpoint / "talker.safetensors"));
        if (state.contains("best_step") && fs::exists(checkpoint / "best.safetensors")) {
            bestStep = state["best_step"].get<int>();
            bestValid = state["best_valid_loss"].get<double>();
            bestWeights = readSafetensors(checkpoint / "best.safetensors");
        }
        try {
            torch::load(optimizer, (checkpoint / "optimizer.pt").string());
        } catch (const c10::Error& e) {
            const std::string why = e.what();
            throw FileError("cannot resume from '" + (checkpoint / "optimizer.pt").string() +
                            "': not this model's optimiser state (" + why.substr(0, why.find('\n')) + ")");
        }
        if (device != torch::Device(torch::kCPU)) // torch::load reads the moments into host memory
            for (auto& g : optimizer.param_groups())
                for (auto& p : g.params())
                    if (auto it = optimizer.state().find(c10::guts::to_string(p.unsafeGetTensorImpl()));
                        it != optimizer.state().end()) {
                        auto& state = static_cast<torch::optim::AdamWParamState&>(*it->second);
                        state.exp_avg(state.exp_avg().to(device));
                        state.exp_avg_sq(state.exp_avg_sq().to(device));
                    }
        truncateTrainLog(logPath, startStep);
        if (startStep >= options.steps)
            throw ArgumentError("cannot resume: the checkpoint is at step " + std::to_string(startStep) +
                                " and --steps is " + std::to_string(options.steps));
    } else if (writer) {
        std::error_code ec;
        fs::remove(logPath, ec);
        fs::remove_all(checkpoint, ec);
    }
    if (worldSize > 1) {
        // Every rank starts from rank 0's weights, optimiser state and step.
        std::vector<torch::Tensor> start{torch::tensor({std::int64_t(startStep)}, torch::kLong)};
        group.broadcast(start);
        startStep = int(start[0].item<std::int64_t>());
        std::vector<torch::Tensor> parameters = model->parameters();
        group.broadcast(parameters);
        if (options.resume)
            broadcastOptimizerState(optimizer, group);
    }
    std::ofstream log;
    if (writer) {
        log.open(logPath, std::ios::app);
        if (!log)
            throw FileError("cannot write loss log '" + logPath.string() + "'");
    }

    auto elapsedNow = [&] {
        return previousElapsedS + std::chrono::duration<double>(Clock::now() - sessionStart).count();
    };
    auto saveBundle = [&](int step, bool final) {
        const bool useBest = final && options.keepBest && bestStep > 0;
        bundle.talkerWeights = useBest ? bestWeights : model->weights();
        auto& prov = bundle.config.provenance;
        prov["talker"] = {{"recipe", options.recipe},
                          {"options", optionsJson(options)},
                          {"steps_done", step},
                          {"final", final},
                          {"train_hours", trainSplit.hours()},
                          {"train_utterances", trainSplit.utterances.size()},
                          {"train_frames", trainFrames},
                          {"text_conditioned", tc.text.enabled()},
                          {"train_text_utterances", tc.text.enabled() ? trainText.size() : std::size_t(0)},
                          {"tokens_seen", std::int64_t(step) * globalBatch * options.seqFrames},
                          {"wall_time_s", elapsedNow()},
                          {"threads", torch::get_num_threads()},
                          {"world_size", worldSize},
                          {"global_batch", globalBatch},
                          {"device", deviceName(options.device)},
                          {"weights_from_step", useBest ? bestStep : step},
                          {"keep_best", options.keepBest}};
        if (bestStep > 0) {
            prov["talker"]["best_valid_step"] = bestStep;
            prov["talker"]["best_valid_loss"] = bestValid;
        }
        prov["trained"] = final;
        bundle.save(bundleDir);
    };
    auto saveCheckpoint = [&](int step) {
        saveBundle(step, false);
        writeCheckpoint(checkpoint, [&](const fs::path& dir) {
            writeSafetensors(dir / "talker.safetensors", model->weights());
            if (bestStep > 0)
                writeSafetensors(dir / "best.safetensors", bestWeights);
            std::ostringstream optimizerState; // serialised here, written (and its failure named) by core
            torch::save(optimizer, optimizerState);
            writeFileAtomically(dir / "optimizer.pt", optimizerState.str());
            writeFileAtomically(dir / "state.json", nlohmann::json{{"step", step},
                                                                   {"elapsed_s", elapsedNow()},
                                                                   {"options", optionsJson(options)},
                                                                   {"world_size", worldSize},
                                                                   {"global_batch", globalBatch},
                                                                   {"best_step", bestStep},
                                                                   {"best_valid_loss", bestStep > 0 ? bestValid : 0.0}}
                                                        .dump(2));
        });
    };

    const auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    const auto sessionLoopStart = Clock::now();
    for (int step = startStep; step < options.steps; ++step) {
        if (cancelled()) {
            if (step > startStep && writer)
                saveCheckpoint(step);
            throw CancelledError("training of '" + bundleDir.string() + "' cancelled after step " +
                                 std::to_string(step) + " of " + std::to_string(options.steps) +
                                 (step > startStep ? "; its checkpoint resumes with --resume" : ""));
        }
        // Each step's randomness depends only on (seed, step), so a resumed run repeats the same
        // batches. Every rank draws the whole global batch and keeps its slice; dropout is seeded
        // per rank (rank 0 as a single process is).
        std::mt19937_64 rng(options.seed * 1000003ull + std::uint64_t(step));
        torch::manual_seed(options.seed * 7919ull + std::uint64_t(step) + std::uint64_t(rank) * 0x9E3779B97F4A7C15ull);
        std::discrete_distribution<std::size_t> pickStream(windowWeights.begin(), windowWeights.end());
        std::vector<TeacherForcing> sequences;
        for (int b = 0; b < globalBatch; ++b) {
            const std::size_t v = pickStream(rng);
            const auto& stream = streams[v];
            const FrameIndex start =
                std::uniform_int_distribution<FrameIndex>(0, stream.frames() - options.seqFrames)(rng);
            if (b / options.batch != rank)
                continue;
            Codes window;
            window.codebooks = K;
            window.values.assign(stream.values.begin() + start * K,
                                 stream.values.begin() + (start + options.seqFrames) * K);
            std::vector<std::int32_t> text;
            if (C > 0)
                text.assign(textStreams[v].begin() + start * C,
                            textStreams[v].begin() + (start + options.seqFrames) * C);
            sequences.push_back(teacherForcing(window, tc, text));
        }
        const Batch batch = makeBatch(sequences, tc.bosIndex());
        if (options.inputNoise > 0) {
            // Replace a fraction of the input codes (BOS and the text columns stay) by random ones;
            // drawn after the step's seed, so a resumed run repeats them.
            auto codes = batch.input.narrow(2, 0, K);
            const auto noisy = (torch::rand(codes.sizes()) < options.inputNoise).logical_and(codes != tc.bosIndex());
            codes.copy_(torch::where(noisy, torch::randint(0, tc.codebookSize, codes.sizes(), torch::kLong), codes));
        }

        const double lr = learningRateAt(step, options);
        for (auto& group : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
        optimizer.zero_grad();
        const auto logits = model->forward(batch.input.to(device));               // (B, L, K, V)
        const auto perCodebook = lossByCodebook(logits, batch.target.to(device)); // (K)
        const auto loss = perCodebook.sum();
        loss.backward();
        // Every window has seqFrames frames, so every rank's loss is a mean over the same number of
        // targets: the mean of the ranks' gradients is the gradient of the global batch's loss.
        auto globalLoss = perCodebook.detach().clone(); // (K), averaged over the ranks below
        group.averageGradients(model->parameters(), {globalLoss});
        torch::nn::utils::clip_grad_norm_(model->parameters(), options.clipNorm);
        optimizer.step();

        const int done = step + 1;
        const bool validNow = done % options.validEvery == 0 || done == options.steps;
        if (done % options.logEvery == 0 || validNow || done == 1) {
            TrainProgress p;
            p.step = done;
            p.steps = options.steps;
            p.worldSize = worldSize;
            p.learningRate = lr;
            p.trainLoss = worldSize > 1 ? globalLoss.sum().item<double>() : loss.item<double>();
            auto byCodebook = globalLoss.to(torch::kCPU).contiguous();
            p.trainLossByCodebook.assign(byCodebook.data_ptr<float>(), byCodebook.data_ptr<float>() + K);
            if (validNow)
                p.validLossByCodebook = crossEntropy(model, tc, validUtterances, validText, &group);
            p.elapsedS = elapsedNow();
            const double sessionS = std::chrono::duration<double>(Clock::now() - sessionLoopStart).count();
            p.etaS = sessionS / double(done - startStep) * double(options.steps - done);
            if (p.validLossByCodebook) {
                const double valid = std::accumulate(p.validLossByCodebook->begin(), p.validLossByCodebook->end(), 0.0);
                if (valid < bestValid) {
                    bestValid = valid;
                    bestStep = done;
                    if (writer)
                        bestWeights = model->weights();
                }
            }
            if (writer) {
                log << trainLogLine(p) << "\n" << std::flush;
                if (onProgress)
                    onProgress(p);
            }
        }
        if (done % options.checkpointEvery == 0 && done != options.steps && writer)
            saveCheckpoint(done);
    }
    if (writer)
        saveBundle(options.steps, true);
    group.barrier(); // no rank reports success before rank 0 has written the bundle
}

} // namespace talker
