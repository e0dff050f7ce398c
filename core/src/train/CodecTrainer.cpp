// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/CodecTrainer.h"

#include "talker/Error.h"
#include "talker/Codec.h"
#include "talker/Rvq.h"

#include "../model/TorchDevice.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <random>
#include <sstream>

namespace talker {

namespace {

HostTensor toHost(const torch::Tensor& tensor)
{
    auto t = tensor.to(torch::kFloat32).contiguous();
    HostTensor host;
    host.shape = t.sizes().vec();
    host.values.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
    return host;
}

// Index of the nearest row of `centres` (V, D) for each row of `x` (N, D), in chunks so the
// (chunk, V) distance matrix stays small. Squared distance up to the constant |x|^2.
torch::Tensor nearest(const torch::Tensor& x, const torch::Tensor& centres, torch::Tensor* distances = nullptr)
{
    const auto norms = centres.pow(2).sum(1); // (V)
    std::vector<torch::Tensor> indices, mins;
    const std::int64_t chunk = 32768;
    for (std::int64_t begin = 0; begin < x.size(0); begin += chunk) {
        auto part = x.narrow(0, begin, std::min(chunk, x.size(0) - begin));
        auto d = norms.unsqueeze(0) - 2.0 * torch::matmul(part, centres.t()); // (n, V)
        auto [value, index] = d.min(1);
        indices.push_back(index);
        if (distances)
            mins.push_back((value + part.pow(2).sum(1)).clamp_min(0.0));
    }
    if (distances)
        *distances = torch::cat(mins);
    return torch::cat(indices);
}

// k-means++ seeding (Arthur & Vassilvitskii 2007): each new centre drawn with probability
// proportional to its squared distance from the centres so far. x (N, D) -> (V, D).
torch::Tensor kmeansPlusPlus(const torch::Tensor& x, int V, std::mt19937_64& rng)
{
    const auto N = x.size(0);
    std::vector<std::int64_t> chosen;
    chosen.push_back(std::int64_t(std::uniform_int_distribution<std::int64_t>(0, N - 1)(rng)));
    auto d2 = (x - x[chosen[0]]).pow(2).sum(1); // (N)
    for (int v = 1; v < V; ++v) {
        auto weights = d2.to(torch::kFloat64).contiguous();
        const double* w = weights.data_ptr<double>();
        const double total = weights.sum().item<double>();
        std::int64_t pick = 0;
        if (total > 0) {
            double target = std::uniform_real_distribution<double>(0.0, total)(rng);
            for (pick = 0; pick < N - 1; ++pick) {
                target -= w[pick];
                if (target < 0)
                    break;
            }
        } else {
            pick = std::uniform_int_distribution<std::int64_t>(0, N - 1)(rng);
        }
        chosen.push_back(pick);
        d2 = torch::minimum(d2, (x - x[pick]).pow(2).sum(1));
    }
    return x.index_select(0, torch::tensor(chosen, torch::kLong)).clone();
}

// Lloyd iterations. An empty cluster is moved to the point that is currently worst served.
void throwIfCancelled(const CodecFitOptions& options, const std::string& during)
{
    if (options.cancel && options.cancel->load(std::memory_order_relaxed))
        throw CancelledError("codec fit cancelled during " + during);
}

torch::Tensor kmeans(const torch::Tensor& x, int V, const CodecFitOptions& options, std::mt19937_64& rng,
                     const CodecFitLog& log, const std::string& label)
{
    const int iterations = options.kmeansIterations;
    auto centres = kmeansPlusPlus(x, V, rng);
    for (int it = 0; it < iterations; ++it) {
        throwIfCancelled(options, label);
        torch::Tensor distances;
        auto assign = nearest(x, centres, &distances);
        auto sums = torch::zeros_like(centres).index_add_(0, assign, x);
        auto counts = torch::bincount(assign, /*weights=*/{}, V).to(torch::kFloat32);
        auto updated = sums / counts.clamp_min(1.0).unsqueeze(1);
        auto empty = (counts == 0).nonzero().flatten();
        for (std::int64_t e = 0; e < empty.size(0); ++e) {
            const auto worst = distances.argmax().item<std::int64_t>();
            updated[empty[e].item<std::int64_t>()] = x[worst];
            distances[worst] = 0;
        }
        centres = updated;
        if (log && (it == 0 || it + 1 == iterations || (it + 1) % 5 == 0)) {
            std::ostringstream line;
            line << label << ": iteration " << it + 1 << "/" << iterations << ", distortion "
                 << distances.mean().item<double>() << " per token, " << empty.size(0) << " empty";
            log(line.str());
        }
    }
    return centres;
}

// The stacked vectors the codec sees: each token's S mel frames side by side, the last token of a
// mel padded with the log floor as Rvq::encode pads it. (tokens, S * bins), row-major.
std::vector<float> stackTokens(const std::vector<Mel>& mels, int S, float logFloor)
{
    std::vector<float> out;
    for (const auto& mel : mels) {
        const auto bins = std::size_t(mel.bins);
        const FrameIndex frames = mel.frames();
        const FrameIndex tokens = (frames + S - 1) / S;
        const std::size_t begin = out.size();
        out.resize(begin + std::size_t(tokens) * S * bins, logFloor);
        std::copy(mel.values.begin(), mel.values.end(), out.begin() + std::ptrdiff_t(begin));
    }
    return out;
}

} // namespace

TensorMap fitCodec(const ModelConfig& config, const std::vector<Mel>& trainMels, const CodecFitOptions& options,
                   const CodecFitLog& log)
{
    torch::NoGradGuard noGrad;
    const int S = config.codec.subframes, bins = config.audio.melBins, D = config.codec.latentDim;
    const int K = config.codec.codebooks, V = config.codec.codebookSize;
    const int width = S * bins;
    const float logFloor = float(std::log(config.audio.logFloor));
    auto stacked = stackTokens(trainMels, S, logFloor);
    const std::int64_t N = std::int64_t(stacked.size()) / width;
    if (N < V)
        throw ArgumentError("cannot fit the codec: " + std::to_string(N) + " training tokens for codebooks of " +
                            std::to_string(V) + " entries");
    auto x = torch::from_blob(stacked.data(), {N, width}, torch::kFloat32); // (N, S*bins)

    // 1. PCA: proj_in = top-D eigenvectors of the covariance (float64 for the decomposition).
    auto mean = x.mean(0); // (S*bins)
    auto centred = x - mean;
    auto covariance = torch::matmul(centred.t(), centred).to(torch::kFloat64) / double(N);          // (S*bins, S*bins)
    auto [eigenvalues, eigenvectors] = torch::linalg_eigh(covariance, "L");                         // ascending
    auto top = eigenvectors.narrow(1, width - D, D).flip({1}).t().to(torch::kFloat32).contiguous(); // (D, S*bins)
    const double kept = eigenvalues.narrow(0, width - D, D).sum().item<double>() / eigenvalues.sum().item<double>();
    if (log)
        log("PCA: " + std::to_string(N) + " tokens of " + std::to_string(width) + " values; the top " +
            std::to_string(D) + " directions keep " + std::to_string(100.0 * kept) + " % of the variance");
    auto projInBias = -torch::matmul(top, mean);                // (D)
    auto latent = torch::matmul(centred, top.t()).contiguous(); // (N, D)
    centred = torch::Tensor();

    // 2. Greedy residual k-means, each codebook on what the previous ones left.
    std::mt19937_64 rng(options.seed);
    std::vector<torch::Tensor> codebooks;
    auto residual = latent.clone();
    auto quantised = torch::zeros_like(latent);
    for (int k = 0; k < K; ++k) {
        torch::Tensor sample = residual;
        if (N > options.maxKmeansVectors) {
            std::vector<std::int64_t> all(static_cast<std::size_t>(N));
            std::iota(all.begin(), all.end(), 0);
            std::shuffle(all.begin(), all.end(), rng);
            all.resize(std::size_t(options.maxKmeansVectors));
            sample = residual.index_select(0, torch::tensor(all, torch::kLong));
        }
        auto centres =
            kmeans(sample, V, options, rng, log, "codebook " + std::to_string(k + 1) + "/" + std::to_string(K));
        auto assign = nearest(residual, centres);
        auto chosen = centres.index_select(0, assign);
        residual -= chosen;
        quantised += chosen;
        codebooks.push_back(centres);
    }

    // 3. proj_out: PCA's transpose, or least squares from the quantised latent (with a bias column).
    torch::Tensor projOutWeight, projOutBias;
    if (options.refitProjOut) {
        auto design = torch::cat({quantised, torch::ones({N, 1})}, 1).to(torch::kFloat64); // (N, D+1)
        auto gram = torch::matmul(design.t(), design);                                     // (D+1, D+1)
        gram += torch::eye(D + 1, torch::kFloat64) * (1e-6 * gram.diagonal().mean().item<double>());
        auto rhs = torch::matmul(design.t(), x.to(torch::kFloat64));   // (D+1, S*bins)
        auto solution = torch::linalg_solve(gram, rhs, /*left=*/true); // (D+1, S*bins)
        projOutWeight = solution.narrow(0, 0, D).t().contiguous();     // (S*bins, D)
        projOutBias = solution[D].contiguous();                        // (S*bins)
    } else {
        projOutWeight = top.t().contiguous();
        projOutBias = mean;
    }

    TensorMap weights;
    weights["proj_in.weight"] = toHost(top);
    weights["proj_in.bias"] = toHost(projInBias);
    for (int k = 0; k < K; ++k)
        weights["codebooks." + std::to_string(k)] = toHost(codebooks[std::size_t(k)]);
    weights["proj_out.weight"] = toHost(projOutWeight);
    weights["proj_out.bias"] = toHost(projOutBias);
    return weights;
}

CodecError measureCodecError(const ModelConfig& config, const TensorMap& rvqWeights, const std::vector<Mel>& mels)
{
    const auto codec = makeCodec(config, rvqWeights);
    const int K = config.codec.codebooks;
    CodecError error;
    error.mseByCodebooks.assign(std::size_t(K), 0.0);
    double count = 0.0, unquantised = 0.0;
    auto squaredError = [](const Mel& a, const Mel& b) {
        double sum = 0.0;
        for (std::size_t i = 0; i < b.values.size(); ++i) {
            const double d = double(a.values[i]) - b.values[i];
            sum += d * d;
        }
        return sum;
    };
    for (const auto& mel : mels) {
        const Codes codes = codec->encode(mel);
        for (int n = 1; n <= K; ++n)
            error.mseByCodebooks[std::size_t(n - 1)] += squaredError(codec->decode(codes, n), mel);
        // The latent alone: encoder -> decoder, no quantiser.
        unquantised += squaredError(codec->reconstructUnquantised(mel), mel);
        count += double(mel.values.size());
    }
    for (auto& e : error.mseByCodebooks)
        e /= count;
    error.unquantisedMse = unquantised / count;
    return error;
}

nlohmann::json codecErrorMetrics(const ModelConfig& config, const TensorMap& rvqWeights, const std::vector<Mel>& mels)
{
    ModelConfig decoderOnly = config;
    decoderOnly.codec.outputGain = 1.0;
    const CodecError error = measureCodecError(decoderOnly, rvqWeights, mels);
    nlohmann::json metrics = {{"valid_logmel_mse_by_codebooks", error.mseByCodebooks},
                              {"valid_logmel_mse_base", error.baseOnly()},
                              {"valid_logmel_mse_full", error.full()},
                              {"valid_logmel_mse_unquantised", error.unquantisedMse},
                              {"unit", "mean squared error of natural-log mel values (decoder output, before "
                                       "codec.output_gain)"}};
    if (config.codec.outputGain != 1.0) {
        const CodecError heard = measureCodecError(config, rvqWeights, mels);
        metrics["output_gain"] = config.codec.outputGain;
        metrics["valid_logmel_mse_with_output_gain_by_codebooks"] = heard.mseByCodebooks;
        metrics["valid_logmel_mse_with_output_gain_unquantised"] = heard.unquantisedMse;
    }
    return metrics;
}

ModelBundle trainCodecBundle(const std::filesystem::path& dataDir, const ModelConfig& config,
                             const CodecFitOptions& options, const std::string& recipe, const CodecFitLog& log,
                             const CorpusProgress& progress)
{
    const auto started = std::chrono::steady_clock::now();
    trainingDevice(options.device, options.distributed.localRank); // refuses an unusable device before any work
    if (options.device != Device::Cpu && !config.codec.contextual())
        throw ArgumentError("cannot fit the rvq codec on device '" + std::string(deviceName(options.device)) +
                            "': its closed-form fit runs on the CPU");
    const auto train = readCorpusSplit(dataDir, "train");
    const auto valid = readCorpusSplit(dataDir, "valid");
    throwIfCancelled(options, "the log-mel of the training split");
    const auto trainMels = corpusLogMels(train, config.audio, 2, progress, options.cancel);
    throwIfCancelled(options, "the log-mel of the validation split");
    const auto validMels = corpusLogMels(valid, config.audio, 2, progress, options.cancel);
    throwIfCancelled(options, "PCA");

    ModelBundle bundle = ModelBundle::initialise(config, options.seed);
    std::string method;
    long alignedUtterances = 0;
    if (config.codec.contextual()) {
        std::vector<FrameIndex> tokens;
        for (const auto& mel : trainMels)
            tokens.push_back((mel.frames() + config.codec.subframes - 1) / config.codec.subframes);
        const auto phones = corpusTokenPhones(train, tokens, 1.0 / config.frameRateHz());
        for (const auto& p : phones)
            alignedUtterances += std::any_of(p.begin(), p.end(), [](int v) { return v >= 0; }) ? 1 : 0;
        if (log)
            log("phone alignments for " + std::to_string(alignedUtterances) + " of " + std::to_string(phones.size()) +
                " training utterances");
        bundle.rvqWeights = trainContextCodec(config, trainMels, phones, options, log);
        std::ostringstream m;
        m << "gradient training: " << options.steps << " Adam steps, batch " << options.batch << " x "
          << options.cropTokens << " tokens, lr " << options.learningRate
          << " (cosine), mel L1+L2, straight-through RVQ (cosine lookups in " << config.codec.lookupDim
          << " dims, commitment 0.25), quantiser dropout " << options.quantiserDropout
          << ", unused-entry restarts every " << options.restartEvery << " steps, base-codebook phone loss weight "
          << options.phonemeWeight << ", phone reader (" << options.readerSteps
          << " steps on real mel, then frozen) on the decoded mel, weight " << options.readerWeight
          << ", reader feature matching weight " << options.readerFeatureWeight;
        // The optional terms, where used.
        if (options.recogniserCepstraWeight > 0)
            m << ", recogniser cepstra distance weight " << options.recogniserCepstraWeight;
        if (options.deltaWeight > 0)
            m << ", frame-to-frame change weight " << options.deltaWeight;
        if (options.cepstralWeight > 0)
            m << ", harmonic band weight " << options.cepstralWeight;
        if (options.adversarialWeight > 0)
            m << ", mel judge weight " << options.adversarialWeight;
        method = m.str();
    } else {
        bundle.rvqWeights = fitCodec(config, trainMels, options, log);
        method = std::string("PCA proj_in, greedy residual k-means (k-means++, ") +
                 std::to_string(options.kmeansIterations) + " Lloyd iterations), " +
                 (options.refitProjOut ? "least-squares proj_out" : "proj_out = proj_in^T");
    }
    throwIfCancelled(options, "the validation");
    const nlohmann::json codecMetrics = codecErrorMetrics(config, bundle.rvqWeights, validMels);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    const char* commit = std::getenv("TALKER_CODE_COMMIT");
    bundle.config.provenance = {
        {"trained", false},
        {"code_commit", commit ? commit : "unknown (set TALKER_CODE_COMMIT; scripts/train-default-models does)"},
        {"codec",
         {{"recipe", recipe},
          {"method", method},
          {"aligned_train_utterances", alignedUtterances},
          {"seed", options.seed},
          {"train_hours", train.hours()},
          {"train_utterances", train.utterances.size()},
          {"world_size", options.distributed.worldSize},
          {"device", deviceName(options.device)},
          {"wall_time_s", seconds}}}};
    bundle.config.metrics["codec"] = codecMetrics;
    return bundle;
}

} // namespace talker
