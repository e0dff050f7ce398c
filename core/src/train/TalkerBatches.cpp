// SPDX-License-Identifier: GPL-3.0-or-later
// Teacher forcing for the Talker trainer: sequences, padded batches, and the cross entropy per
// codebook (validation and `talker eval`).
#include "TalkerTraining.h"

#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/ModelBundle.h"
#include "../model/TorchDevice.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace talker {

namespace training {

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
                                 const std::vector<std::vector<std::int32_t>>& text, ProcessGroup* group)
{
    const bool wasTraining = model->is_training();
    model->eval();
    torch::NoGradGuard noGrad;
    const int K = config.codebooks;
    std::vector<double> sums(std::size_t(K), 0.0), counts(std::size_t(K), 0.0);
    // Sorted by length so batches waste little padding.
    std::vector<std::size_t> order(utterances.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](auto a, auto b) { return utterances[a].frames() < utterances[b].frames(); });
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
            sums[std::size_t(k)] +=
                F::cross_entropy(logits.select(2, k).reshape({-1, config.codebookSize}), target,
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

} // namespace training

using training::crossEntropy;

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
                q < T ? text[std::size_t(q * C + c)] : (c == C - 1 ? text[std::size_t(C - 1)] : config.text.noPhone());
    }
    return out;
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

} // namespace talker
