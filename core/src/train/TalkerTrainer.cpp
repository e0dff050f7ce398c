#include "talker/TalkerTrainer.h"

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

using Clock = std::chrono::steady_clock;

constexpr const char* CheckpointDir = "checkpoint";

/// Writes a checkpoint as one unit: `writeFiles` fills a fresh directory beside `checkpoint`, which
/// is then exchanged for the old one in one step (renameat2 RENAME_EXCHANGE; where the file system
/// cannot exchange, the old one is moved aside first). A full disk or a killed run therefore leaves
/// the previous checkpoint whole, never one step's weights beside another step's optimiser state.
/// A directory a killed run left behind is removed by the next checkpoint of the same bundle.
void writeCheckpoint(const fs::path& checkpoint, const std::function<void(const fs::path&)>& writeFiles)
{
    const auto fail = [&](const std::string& why) {
        throw FileError("cannot write checkpoint '" + checkpoint.string() + "': " + why);
    };
    const fs::path parent = checkpoint.parent_path().empty() ? fs::path(".") : checkpoint.parent_path();
    const std::string prefix = "." + checkpoint.filename().string() + ".";
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) // leftovers
        if (const std::string name = it->path().filename().string(); name.rfind(prefix + "tmp-", 0) == 0 ||
                                                                    name.rfind(prefix + "old-", 0) == 0) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    std::string fresh = (parent / (prefix + "tmp-XXXXXX")).string();
    if (!::mkdtemp(fresh.data()))
        fail(std::strerror(errno));
    try {
        writeFiles(fresh);
    } catch (const FileError& e) {
        // Named as the user knows it: checkpoint/optimizer.pt, not the directory it was written in.
        std::string message = e.what();
        for (std::size_t at; (at = message.find(fresh)) != std::string::npos;)
            message.replace(at, fresh.size(), checkpoint.string());
        fs::remove_all(fresh, ec);
        throw FileError(message);
    } catch (...) {
        fs::remove_all(fresh, ec);
        throw;
    }
    if (!fs::exists(checkpoint)) {
        if (::rename(fresh.c_str(), checkpoint.c_str()) != 0) {
            const int error = errno;
            fs::remove_all(fresh, ec);
            fail(std::strerror(error));
        }
        return;
    }
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, checkpoint.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(fresh, ec); // now the old checkpoint
        return;
    }
    const std::string aside = (parent / (prefix + "old-" + fresh.substr(fresh.size() - 6))).string();
    if (::rename(checkpoint.c_str(), aside.c_str()) != 0 || ::rename(fresh.c_str(), checkpoint.c_str()) != 0) {
        const int error = errno;
        if (!fs::exists(checkpoint))
            ::rename(aside.c_str(), checkpoint.c_str());
        fs::remove_all(fresh, ec);
        fail(std::strerror(error));
    }
    fs::remove_all(aside, ec);
}

// A batch of teacher-forced sequences, padded to the longest: input (B, L, K), target (B, L, K).
struct Batch {
    torch::Tensor input;  // (B, L, W) int64, BOS = V (also the padding; text columns padded with 0)
    torch::Tensor target; // (B, L, K) int64, -1 = masked (padding, BOS targets)
};

Batch makeBatch(const std::vector<TeacherForcing>& sequences, int bos)
{
    const auto B = std::int64_t(sequences.size());
    std::int64_t L = 0;
    for (const auto& s : sequences)
        L = std::max(L, s.positions);
    const int K = sequences.front().codebooks, W = sequences.front().inputColumns;
    auto input = torch::full({B, L, W}, bos, torch::kLong);
    if (W > K)
        input.narrow(2, K, W - K).fill_(0); // padding positions are masked; any valid text index will do
    auto target = torch::full({B, L, K}, -1, torch::kLong);
    for (std::int64_t b = 0; b < B; ++b) {
        const auto& s = sequences[std::size_t(b)];
        std::copy(s.input.begin(), s.input.end(), input[b].data_ptr<std::int64_t>());
        std::copy(s.target.begin(), s.target.end(), target[b].data_ptr<std::int64_t>());
    }
    return {input, target};
}

// Per-codebook mean cross entropy over the unmasked targets: (K) tensor (differentiable).
torch::Tensor lossByCodebook(const torch::Tensor& logits, const torch::Tensor& target)
{
    const auto K = logits.size(2), V = logits.size(3);
    std::vector<torch::Tensor> losses;
    namespace F = torch::nn::functional;
    for (std::int64_t k = 0; k < K; ++k)
        losses.push_back(F::cross_entropy(logits.select(2, k).reshape({-1, V}), target.select(2, k).reshape({-1}),
                                          F::CrossEntropyFuncOptions().ignore_index(-1)));
    return torch::stack(losses);
}

// Mean cross entropy per codebook over utterances, dropout off. In a data-parallel run each rank
// takes every `group.worldSize()`-th utterance (by length) and the sums and counts are added up over
// the ranks, so every rank returns the mean over all of them.
std::vector<double> crossEntropy(Talker& model, const TalkerConfig& config, const std::vector<Codes>& utterances,
                                 const std::vector<std::vector<std::int32_t>>& text, ProcessGroup* group = nullptr)
{
    const bool wasTraining = model->is_training();
    model->eval();
    torch::NoGradGuard noGrad;
    const int K = config.codebooks;
    std::vector<double> sums(std::size_t(K), 0.0), counts(std::size_t(K), 0.0);
    // Sorted by length so batches waste little padding.
    std::vector<std::size_t> order(utterances.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return utterances[a].frames() < utterances[b].frames(); });
    if (group && group->worldSize() > 1) {
        std::vector<std::size_t> mine;
        for (std::size_t i = std::size_t(group->rank()); i < order.size(); i += std::size_t(group->worldSize()))
            mine.push_back(order[i]);
        order = std::move(mine);
    }
    const auto device = model->parameters().front().device();
    const std::size_t batchSize = 16;
    namespace F = torch::nn::functional;
    for (std::size_t begin = 0; begin < order.size(); begin += batchSize) {
        std::vector<TeacherForcing> sequences;
        for (std::size_t i = begin; i < std::min(order.size(), begin + batchSize); ++i)
            if (utterances[order[i]].frames() > 0)
                sequences.push_back(teacherForcing(utterances[order[i]], config,
                                                   text.empty() ? std::vector<std::int32_t>{} : text[order[i]]));
        if (sequences.empty())
            continue;
        const Batch batch = makeBatch(sequences, config.bosIndex());
        const auto logits = model->forward(batch.input.to(device)); // (B, L, K, V)
        for (int k = 0; k < K; ++k) {
            auto target = batch.target.select(2, k).reshape({-1}).to(device);
            sums[std::size_t(k)] += F::cross_entropy(logits.select(2, k).reshape({-1, config.codebookSize}), target,
                                                     F::CrossEntropyFuncOptions().ignore_index(-1).reduction(torch::kSum))
                                        .item<double>();
            counts[std::size_t(k)] += double((target >= 0).sum().item<std::int64_t>());
        }
    }
    if (wasTraining)
        model->train();
    if (group && group->worldSize() > 1) {
        std::vector<torch::Tensor> totals{torch::tensor(sums, torch::kFloat64), torch::tensor(counts, torch::kFloat64)};
        group->allReduceSum(totals);
        sums.assign(totals[0].data_ptr<double>(), totals[0].data_ptr<double>() + K);
        counts.assign(totals[1].data_ptr<double>(), totals[1].data_ptr<double>() + K);
    }
    for (int k = 0; k < K; ++k)
        sums[std::size_t(k)] /= std::max(1.0, counts[std::size_t(k)]);
    return sums;
}

nlohmann::json optionsJson(const TrainOptions& o)
{
    return {{"steps", o.steps},           {"batch", o.batch},
            {"seq_frames", o.seqFrames},  {"learning_rate", o.learningRate},
            {"warmup_steps", o.warmupSteps}, {"min_learning_rate_ratio", o.minLearningRateRatio},
            {"weight_decay", o.weightDecay}, {"clip_norm", o.clipNorm},
            {"seed", o.seed},             {"input_noise", o.inputNoise},
            {"dropout_note", "talker.dropout from model.json, active in training"}};
}

// Gives every rank rank 0's AdamW state (moments and step counts), after rank 0 read it from the
// checkpoint. The other ranks first take one step with zero gradients and learning rate 0, which
// creates zero state of the right shapes and leaves the weights as they are (AdamW's decay is
// lr * weight_decay = 0), so that rank 0's values can be broadcast into it.
void broadcastOptimizerState(torch::optim::AdamW& optimizer, ProcessGroup& group)
{
    if (group.worldSize() == 1)
        return;
    if (!group.isMain()) {
        std::vector<double> rates;
        for (auto& g : optimizer.param_groups()) {
            auto& o = static_cast<torch::optim::AdamWOptions&>(g.options());
            rates.push_back(o.lr());
            o.lr(0.0);
        }
        for (auto& g : optimizer.param_groups())
            for (auto& p : g.params())
                p.mutable_grad() = torch::zeros_like(p);
        optimizer.step();
        optimizer.zero_grad();
        std::size_t i = 0;
        for (auto& g : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions&>(g.options()).lr(rates[i++]);
    }
    std::vector<torch::Tensor> moments;
    std::vector<std::int64_t> stepCounts;
    std::vector<torch::optim::AdamWParamState*> states;
    for (auto& g : optimizer.param_groups())
        for (auto& p : g.params()) {
            auto it = optimizer.state().find(c10::guts::to_string(p.unsafeGetTensorImpl()));
            if (it == optimizer.state().end())
                throw DistributedError("cannot share the optimiser state of the checkpoint: a parameter of " +
                                       std::to_string(p.numel()) + " values has none on rank " +
                                       std::to_string(group.rank()));
            auto& state = static_cast<torch::optim::AdamWParamState&>(*it->second);
            states.push_back(&state);
            moments.push_back(state.exp_avg());
            moments.push_back(state.exp_avg_sq());
            stepCounts.push_back(state.step());
        }
    moments.push_back(torch::tensor(stepCounts, torch::kLong));
    group.broadcast(moments);
    const auto steps = moments.back();
    for (std::size_t i = 0; i < states.size(); ++i)
        states[i]->step(steps[std::int64_t(i)].item<std::int64_t>());
}

} // namespace

TeacherForcing teacherForcing(const Codes& frames, const TalkerConfig& config, const std::vector<std::int32_t>& text)
{
    const int K = config.codebooks, W = config.inputColumns(), C = config.text.columns();
    if (frames.codebooks != K)
        throw ArgumentError("teacher forcing: codes have " + std::to_string(frames.codebooks) +
                            " codebooks but the Talker has " + std::to_string(K));
    const FrameIndex T = frames.frames();
    if (text.size() != std::size_t(C > 0 ? T * C : 0))
        throw ArgumentError("teacher forcing: " + std::to_string(C > 0 ? text.size() / std::size_t(C) : text.size()) +
                            " rows of text columns for " + std::to_string(T) + " frames" +
                            (C > 0 ? "" : " of a Talker without text conditioning"));
    const int maxDelay = config.maxDelay();
    const std::int32_t bos = config.bosIndex();

    TeacherForcing out;
    out.positions = T + maxDelay;
    out.codebooks = K;
    out.inputColumns = W;
    // seq[j], j = 0 .. L: seq[0] = BOS; seq[p + 1] = code of frame p - delay(k), BOS outside 0 .. T-1.
    auto seq = [&](std::int64_t j, int k) -> std::int64_t {
        if (j == 0)
            return bos;
        const FrameIndex f = j - 1 - config.delay(k);
        return (f < 0 || f >= T) ? bos : frames.at(f, k);
    };
    out.input.resize(std::size_t(out.positions * W));
    out.target.resize(std::size_t(out.positions * K));
    for (std::int64_t q = 0; q < out.positions; ++q) {
        for (int k = 0; k < K; ++k) {
            out.input[std::size_t(q * W + k)] = seq(q, k);
            const auto t = seq(q + 1, k);
            out.target[std::size_t(q * K + k)] = t == bos ? -1 : t;
        }
        for (int c = 0; c < C; ++c) // text columns of frame q; past the end "none" and the voice
            out.input[std::size_t(q * W + K + c)] =
                q < T ? text[std::size_t(q * C + c)]
                      : (c == C - 1 ? text[std::size_t(C - 1)] : config.text.noPhone());
    }
    return out;
}

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
    require(minLearningRateRatio >= 0 && minLearningRateRatio <= 1, "minimum learning-rate ratio",
            minLearningRateRatio, "must be in [0, 1]");
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

std::vector<Codes> voiceStreams(const std::vector<Codes>& codes, const std::vector<std::string>& voices)
{
    std::vector<Codes> streams;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        auto [it, inserted] = index.emplace(voices[i], streams.size());
        if (inserted) {
            streams.emplace_back();
            streams.back().codebooks = codes[i].codebooks;
        }
        auto& stream = streams[it->second];
        stream.values.insert(stream.values.end(), codes[i].values.begin(), codes[i].values.end());
    }
    return streams;
}

TextCorpus textCorpus(const CorpusSplit& split, const std::vector<Codes>& codes, const TextConfig& text,
                      double tokenSeconds)
{
    if (codes.size() != split.utterances.size())
        throw ArgumentError("textCorpus: " + std::to_string(codes.size()) + " code sequences for " +
                            std::to_string(split.utterances.size()) + " utterances");
    const auto phones = corpusPhones(split);
    TextCorpus out;
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const int voice = text.voiceIndex(split.utterances[i].voice);
        if (phones[i].empty() || voice < 0 || codes[i].frames() == 0)
            continue;
        out.utterances.push_back(i);
        out.codes.push_back(codes[i]);
        out.text.push_back(textColumns(text, phones[i], codes[i].frames(), tokenSeconds, voice));
    }
    return out;
}

std::vector<double> talkerCrossEntropy(const ModelBundle& bundle, const std::vector<Codes>& utterances,
                                       const std::vector<std::vector<std::int32_t>>& text)
{
    Talker model(bundle.config.talker);
    model->loadWeights(bundle.talkerWeights);
    return crossEntropy(model, bundle.config.talker, utterances, text);
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
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(options.learningRate).betas({0.9, 0.95}).weight_decay(options.weightDecay)));
    groups.emplace_back(noDecay, std::make_unique<torch::optim::AdamWOptions>(
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
            writeFileAtomically(dir / "state.json",
                                nlohmann::json{{"step", step},
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
            throw CancelledError("training of '" + bundleDir.string() + "' cancelled after step " + std::to_string(step) +
                                 " of " + std::to_string(options.steps) +
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
            const FrameIndex start = std::uniform_int_distribution<FrameIndex>(0, stream.frames() - options.seqFrames)(rng);
            if (b / options.batch != rank)
                continue;
            Codes window;
            window.codebooks = K;
            window.values.assign(stream.values.begin() + start * K, stream.values.begin() + (start + options.seqFrames) * K);
            std::vector<std::int32_t> text;
            if (C > 0)
                text.assign(textStreams[v].begin() + start * C, textStreams[v].begin() + (start + options.seqFrames) * C);
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
        const auto logits = model->forward(batch.input.to(device));         // (B, L, K, V)
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
                const double valid =
                    std::accumulate(p.validLossByCodebook->begin(), p.validLossByCodebook->end(), 0.0);
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
