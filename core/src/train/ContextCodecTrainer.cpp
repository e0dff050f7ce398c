// SPDX-License-Identifier: GPL-3.0-or-later
// Gradient training of the "context" codec (CodecTrainer.h, trainContextCodec).
#include "CodecCritics.h"
#include "../codec/ContextCodecNet.h"

#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/MelFrontEnd.h"
#include "../model/TorchDevice.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <random>
#include <sstream>
#include <tuple>
#include <utility>

namespace talker {

namespace F = torch::nn::functional;

namespace {

// Per-bin mean and standard deviation of the training log-mel (every frame).
void fitNormalisation(ContextCodecNet& net, const std::vector<Mel>& mels)
{
    const int bins = net->config.audio.melBins;
    std::vector<double> sum(std::size_t(bins), 0.0), squares(std::size_t(bins), 0.0);
    double frames = 0;
    for (const auto& mel : mels)
        for (FrameIndex f = 0; f < mel.frames(); ++f) {
            const float* row = mel.frame(f);
            for (int b = 0; b < bins; ++b) {
                sum[std::size_t(b)] += row[b];
                squares[std::size_t(b)] += double(row[b]) * row[b];
            }
            frames += 1;
        }
    if (frames < 2)
        throw ArgumentError("cannot train the context codec: the training log-mel has fewer than 2 frames");
    torch::NoGradGuard noGrad;
    for (int b = 0; b < bins; ++b) {
        const double mean = sum[std::size_t(b)] / frames;
        const double var = std::max(squares[std::size_t(b)] / frames - mean * mean, 1e-4);
        net->melMean[b] = float(mean);
        net->melStd[b] = float(std::sqrt(var));
    }
}

// Orthonormal DCT-II coefficients first .. first + count - 1 of a length-n signal as the columns
// of an (n, count) matrix: signal (.., n) x matrix = its cepstra.
torch::Tensor dctColumns(int n, int first, int count)
{
    auto matrix = torch::zeros({n, count});
    auto m = matrix.accessor<float, 2>();
    for (int k = first; k < first + count; ++k)
        for (int i = 0; i < n; ++i)
            m[i][k - first] = float(std::cos(M_PI * k * (i + 0.5) / n) * std::sqrt((k == 0 ? 1.0 : 2.0) / n));
    return matrix;
}

// What a speech recogniser's front end keeps of a log-mel: the mel-frequency cepstra of
// pocketsphinx's en-us model (25 triangular bands on the HTK mel scale from 130 to 6800 Hz, log
// power, DCT-II, the first 13 coefficients). Our 128 magnitude bins are much narrower than those
// bands, so a band's power is the sum of its bins' powers, each bin read as the magnitude density
// at its centre ((mel / filter sum)^2) over its width. Returns (bins, bands) and (bands, 13).
// ref: sphinxbase fe_sigproc.c (fe_build_melfilters, fe_mel_cep); feat.params of pocketsphinx-en-us
std::pair<torch::Tensor, torch::Tensor> recogniserCepstra(const AudioConfig& audio)
{
    constexpr int Bands = 25, Cepstra = 13;
    constexpr double LowHz = 130.0, HighHz = 6800.0;
    const MelFrontEnd front(audio);
    const std::vector<double> centres = front.binCentresHz();
    const int bins = audio.melBins, fftBins = audio.nFft / 2 + 1;
    const double binHz = double(audio.sampleRateHz) / audio.nFft;
    const auto htkMel = [](double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); };
    const auto htkHz = [](double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); };
    std::vector<double> edges(Bands + 2);
    for (int i = 0; i < Bands + 2; ++i)
        edges[std::size_t(i)] = htkHz(htkMel(LowHz) + (htkMel(HighHz) - htkMel(LowHz)) * i / (Bands + 1));
    auto bands = torch::zeros({bins, Bands});
    auto b = bands.accessor<float, 2>();
    for (int j = 0; j < bins; ++j) {
        double filterSum = 0;
        for (int f = 0; f < fftBins; ++f)
            filterSum += front.filterbank()[std::size_t(j) * std::size_t(fftBins) + std::size_t(f)];
        if (filterSum <= 0)
            continue; // a mel bin that covers no FFT bin reads nothing
        const double lower = j > 0 ? centres[std::size_t(j - 1)] : audio.fMinHz;
        const double upper = j + 1 < bins ? centres[std::size_t(j + 1)] : audio.fMaxHz;
        const double widthBins = (upper - lower) / 2.0 / binHz;
        const double hz = centres[std::size_t(j)];
        for (int i = 0; i < Bands; ++i) {
            const double lo = edges[std::size_t(i)], mid = edges[std::size_t(i + 1)], hi = edges[std::size_t(i + 2)];
            const double height = hz <= lo || hz >= hi ? 0.0
                                  : hz < mid           ? (hz - lo) / (mid - lo)
                                                       : (hi - hz) / (hi - mid);
            b[j][i] = float(height * widthBins / (filterSum * filterSum));
        }
    }
    return {bands, dctColumns(Bands, 0, Cepstra)};
}

struct Batch {
    torch::Tensor mel;               // (B, N * S, bins) log-mel: this rank's slice of the global batch
    torch::Tensor phones;            // (B, N) long, -1 unknown
    std::int64_t globalLabelled = 0; // labelled tokens in the whole global batch (all ranks)
};

class CropSampler {
  public:
    // Draws global batches of `worldSize` * options.batch crops; next() returns rank `rank`'s slice.
    CropSampler(const ModelConfig& config, const std::vector<Mel>& mels, const std::vector<std::vector<int>>& phones,
                const CodecFitOptions& options, int rank, int worldSize)
        : m_config(config), m_mels(mels), m_phones(phones), m_options(options), m_rng(options.seed * 7919 + 17),
          m_rank(rank), m_worldSize(worldSize)
    {
        const int S = config.codec.subframes;
        for (std::size_t i = 0; i < mels.size(); ++i)
            if (mels[i].frames() >= S)
                m_usable.push_back(i);
        if (m_usable.empty())
            throw ArgumentError("cannot train the context codec: no training utterance is one token long");
    }

    // This rank's slice, or with `whole` the whole global batch.
    Batch next(bool whole = false)
    {
        const int S = m_config.codec.subframes, bins = m_config.audio.melBins, N = m_options.cropTokens,
                  B = m_options.batch * m_worldSize;
        const float floor = float(std::log(m_config.audio.logFloor));
        Batch batch;
        batch.mel = torch::full({B, std::int64_t(N) * S, bins}, floor);
        batch.phones = torch::full({B, N}, -1, torch::kLong);
        float* mel = batch.mel.data_ptr<float>();
        auto* phones = batch.phones.data_ptr<std::int64_t>();
        for (int b = 0; b < B; ++b) {
            const std::size_t u = m_usable[std::uniform_int_distribution<std::size_t>(0, m_usable.size() - 1)(m_rng)];
            const Mel& source = m_mels[u];
            const FrameIndex tokens = (source.frames() + S - 1) / S;
            const FrameIndex start =
                tokens > N ? std::uniform_int_distribution<FrameIndex>(0, tokens - N)(m_rng) : FrameIndex(0);
            const FrameIndex first = start * S, last = std::min<FrameIndex>(source.frames(), (start + N) * S);
            std::copy(source.frame(first), source.frame(first) + (last - first) * bins,
                      mel + std::size_t(b) * N * S * bins);
            if (u < m_phones.size())
                for (int t = 0; t < N && start + t < FrameIndex(m_phones[u].size()); ++t)
                    phones[b * N + t] = m_phones[u][std::size_t(start + t)];
        }
        if (m_worldSize > 1) {
            batch.globalLabelled = batch.phones.ge(0).sum().item<std::int64_t>();
            if (!whole) {
                batch.mel = batch.mel.narrow(0, std::int64_t(m_rank) * m_options.batch, m_options.batch).contiguous();
                batch.phones =
                    batch.phones.narrow(0, std::int64_t(m_rank) * m_options.batch, m_options.batch).contiguous();
            }
        }
        return batch;
    }

    // Quantiser dropout of the global batch (every rank draws all of it): this rank's slice of
    // how many codebooks each crop is decoded from.
    std::vector<std::int64_t> codebooksUsed(int K, double dropout)
    {
        std::vector<std::int64_t> used(static_cast<std::size_t>(m_options.batch * m_worldSize), K);
        for (auto& u : used)
            if (std::uniform_real_distribution<double>(0, 1)(m_rng) < dropout)
                u = std::uniform_int_distribution<std::int64_t>(1, K)(m_rng);
        return {used.begin() + std::ptrdiff_t(m_rank) * m_options.batch,
                used.begin() + std::ptrdiff_t(m_rank + 1) * m_options.batch};
    }

    std::mt19937_64& rng() { return m_rng; }

  private:
    const ModelConfig& m_config;
    const std::vector<Mel>& m_mels;
    const std::vector<std::vector<int>>& m_phones;
    const CodecFitOptions& m_options;
    std::mt19937_64 m_rng;
    int m_rank = 0, m_worldSize = 1;
    std::vector<std::size_t> m_usable;
};

// Entries of every stage from the first batch's own lookups (as k-means++ would seed them, minus
// the spreading): stage k's entries are V random lookups of what stages 0..k-1 leave.
void initialiseEntries(ContextCodecNet& net, const torch::Tensor& normMel, std::mt19937_64& rng)
{
    const auto device = normMel.device();
    torch::NoGradGuard noGrad;
    auto residual = net->encode(normMel).transpose(1, 2).reshape({-1, net->config.codec.latentDim});
    const int V = net->config.codec.codebookSize;
    for (std::size_t k = 0; k < net->quantiser->size(); ++k) {
        auto stage = net->quantiser[k]->as<Lookup>();
        const auto e = F::normalize(stage->in(residual), F::NormalizeFuncOptions().dim(-1));
        std::vector<std::int64_t> pick(static_cast<std::size_t>(V));
        for (auto& p : pick)
            p = std::uniform_int_distribution<std::int64_t>(0, e.size(0) - 1)(rng);
        stage->book.copy_(e.index_select(0, torch::tensor(pick, torch::kLong).to(device)));
        const auto book = F::normalize(stage->book, F::NormalizeFuncOptions().dim(-1));
        const auto chosen = book.index_select(0, torch::matmul(e, book.t()).argmax(-1));
        residual = residual - stage->out(chosen);
    }
}

// Phone cross entropy over the labelled tokens (label -1: unknown), and how many of them the
// logits' argmax gets right.
torch::Tensor phoneCrossEntropy(const torch::Tensor& logits, const torch::Tensor& labels)
{
    return F::cross_entropy(logits, labels, F::CrossEntropyFuncOptions().ignore_index(-1));
}

double phonesRight(const torch::Tensor& logits, const torch::Tensor& labels)
{
    return (logits.argmax(-1).eq(labels) & labels.ge(0)).sum().item<double>();
}

// The weight that makes a rank's mean over its labelled tokens count as its share of the global
// batch's mean once the ranks' gradients are averaged: W * local / global (1 for one process).
double labelledShare(std::int64_t local, std::int64_t global, int worldSize)
{
    return worldSize > 1 && global > 0 ? double(worldSize) * double(local) / double(global) : 1.0;
}

// Rows of `local` (n, D) from every rank, in rank order: (W * n, D) on every rank (an all-gather
// made of one all-reduce: each rank fills its own block of zeros).
torch::Tensor gatherRows(ProcessGroup& group, const torch::Tensor& local)
{
    if (group.worldSize() == 1)
        return local;
    const auto n = local.size(0);
    std::vector<torch::Tensor> all{torch::zeros({n * group.worldSize(), local.size(1)}, local.options())};
    all[0].narrow(0, n * group.rank(), n).copy_(local);
    group.allReduceSum(all);
    return all[0];
}

std::string fixed(double v, int digits = 4)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
}

} // namespace

TensorMap trainContextCodec(const ModelConfig& config, const std::vector<Mel>& trainMels,
                            const std::vector<std::vector<int>>& tokenPhones, const CodecFitOptions& options,
                            const CodecFitLog& logLine)
{
    if (!config.codec.contextual())
        throw ArgumentError("trainContextCodec needs codec.type 'context', not '" + config.codec.type + "'");
    if (options.steps < 1 || options.batch < 1 || options.cropTokens < 1)
        throw ArgumentError("context codec training needs steps, batch and crop length of at least 1");
    const torch::Device device = trainingDevice(options.device, options.distributed.localRank);
    ProcessGroup group(options.distributed);
    const int W = group.worldSize();
    // Only rank 0 reports progress.
    const CodecFitLog log = group.isMain() ? logLine : CodecFitLog();
    torch::manual_seed(options.seed);
    ContextCodecNet net(config);
    fitNormalisation(net, trainMels);
    const int K = config.codec.codebooks, V = config.codec.codebookSize;
    const auto phoneCount = std::int64_t(phoneInventory().size());
    torch::nn::Linear phoneHead(config.codec.latentDim, phoneCount);
    PhoneReader reader(config, phoneCount);
    MelJudge judge(config);
    net->to(device);
    phoneHead->to(device);
    reader->to(device);
    judge->to(device);

    // Every rank draws every global batch; the entries are seeded from the whole first one.
    CropSampler sampler(config, trainMels, tokenPhones, options, group.rank(), W);
    initialiseEntries(net, net->normalise(sampler.next(/*whole=*/true).mel.to(device)), sampler.rng());
    if (W > 1) {
        // Identical on every rank already (same seed, same data); the broadcast makes sure of it
        // across machines whose float arithmetic may differ in the last bit.
        std::vector<torch::Tensor> start;
        for (const auto& p : net->parameters())
            start.push_back(p);
        for (const auto& b : net->buffers())
            start.push_back(b);
        for (const auto& p : phoneHead->parameters())
            start.push_back(p);
        for (const auto& p : reader->parameters())
            start.push_back(p);
        for (const auto& p : judge->parameters())
            start.push_back(p);
        group.broadcast(start);
    }

    // The reader is trained and used when one of its losses has a weight and the crops carry phone
    // labels (a corpus without alignments has none: then it is left out).
    bool reading = (options.readerWeight > 0 || options.readerFeatureWeight > 0) && options.readerSteps > 0;
    if (reading) {
        double seen = 0;
        const auto readerStarted = std::chrono::steady_clock::now();
        torch::optim::Adam readerOptimiser(reader->parameters(), torch::optim::AdamOptions(1e-3));
        double ceSum = 0, correct = 0, labelled = 0;
        for (int step = 1; step <= options.readerSteps; ++step) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                throw CancelledError("phone reader training cancelled at step " + std::to_string(step));
            const Batch batch = sampler.next();
            const auto labels = batch.phones.reshape(-1).to(device);
            const auto count = labels.ge(0).sum().item<std::int64_t>();
            if ((W > 1 ? batch.globalLabelled : count) == 0)
                continue;
            readerOptimiser.zero_grad();
            double stepCe = 0, stepCorrect = 0, stepCount = double(count);
            if (count > 0) {
                const auto logits = reader->forward(net->normalise(batch.mel.to(device)));
                const auto ce = phoneCrossEntropy(logits, labels);
                (W > 1 ? ce * labelledShare(count, batch.globalLabelled, W) : ce).backward();
                stepCe = ce.item<double>() * double(count);
                stepCorrect = phonesRight(logits, labels);
            }
            if (W > 1) {
                // Sums over the ranks for the log: the mean times W.
                auto stats = torch::tensor({stepCe, stepCorrect, stepCount}, torch::kFloat64);
                group.averageGradients(reader->parameters(), {stats});
                stats = stats.to(torch::kCPU) * double(W);
                stepCe = stats[0].item<double>(), stepCorrect = stats[1].item<double>(),
                stepCount = stats[2].item<double>();
            }
            readerOptimiser.step();
            ceSum += stepCe;
            correct += stepCorrect;
            labelled += stepCount;
            seen += stepCount;
            if (log && labelled > 0 && (step % options.logEvery == 0 || step == options.readerSteps)) {
                log("phone reader step " + std::to_string(step) + "/" + std::to_string(options.readerSteps) +
                    ": cross entropy " + fixed(ceSum / labelled) + ", accuracy " + fixed(correct / labelled, 3) + ", " +
                    fixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - readerStarted).count(), 1) +
                    " s");
                ceSum = correct = labelled = 0;
            }
        }
        reader->eval();
        for (auto& p : reader->parameters())
            p.set_requires_grad(false);
        reading = seen > 0;
        if (log && !reading)
            log("phone reader: no crop carried phone labels (no alignments.tsv?); its losses are left out");
    }

    std::vector<torch::Tensor> parameters = net->parameters();
    for (const auto& p : phoneHead->parameters())
        parameters.push_back(p);
    torch::optim::Adam optimiser(parameters, torch::optim::AdamOptions(options.learningRate).betas({0.9, 0.99}));
    // The judge starts after a tenth of the steps, once the decoder makes mel-like output, and
    // learns at the decoder's rate (Adam beta1 0.5, as GAN training usually has it).
    const bool judging = options.adversarialWeight > 0;
    const int judgeFrom = options.steps / 10;
    torch::optim::Adam judgeOptimiser(judge->parameters(),
                                      torch::optim::AdamOptions(options.learningRate).betas({0.5, 0.9}));
    // Orthonormal DCT-II rows 13..63 over the mel bins, (bins, 51): the harmonic band's cepstra.
    torch::Tensor harmonicBand;
    {
        const int bins = config.audio.melBins, lo = std::min(13, bins - 1), hi = std::min(64, bins);
        harmonicBand = dctColumns(bins, lo, hi - lo).to(device);
    }
    torch::Tensor recogniserBands, recogniserDct;
    if (options.recogniserCepstraWeight > 0) {
        std::tie(recogniserBands, recogniserDct) = recogniserCepstra(config.audio);
        recogniserBands = recogniserBands.to(device);
        recogniserDct = recogniserDct.to(device);
    }
    std::vector<torch::Tensor> usage;
    for (int k = 0; k < K; ++k)
        usage.push_back(torch::zeros({V}, torch::TensorOptions(torch::kLong).device(device)));

    const auto started = std::chrono::steady_clock::now();
    double reconSum = 0, phoneSum = 0, correctSum = 0, labelledSum = 0, commitSum = 0, readSum = 0, readCorrectSum = 0,
           featureSum = 0, deltaSum = 0, fooledSum = 0, judgeSum = 0, cepstralSum = 0, recogniserSum = 0;
    int window = 0;
    for (int step = 1; step <= options.steps; ++step) {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed))
            throw CancelledError("codec training cancelled at step " + std::to_string(step));
        const double warm = std::min(1.0, double(step) / 100.0);
        const double progress = double(step - 1) / double(std::max(1, options.steps - 1));
        const double lr = options.learningRate * warm * (0.1 + 0.9 * 0.5 * (1.0 + std::cos(M_PI * progress)));
        for (auto& g : optimiser.param_groups())
            static_cast<torch::optim::AdamOptions&>(g.options()).lr(lr);

        const Batch batch = sampler.next();
        const auto target = net->normalise(batch.mel.to(device));
        const auto latent = net->encode(target);
        // Quantiser dropout: some crops are decoded from the first n codebooks only.
        const std::vector<std::int64_t> used = sampler.codebooksUsed(K, options.quantiserDropout);
        auto q = net->quantise(latent, torch::tensor(used, torch::kLong).to(device));
        const auto decoded = net->decode(q.latent);
        const auto difference = decoded - target;
        const auto recon = difference.abs().mean() + difference.pow(2).mean();
        auto loss = recon + 0.25 * q.commitment + q.entry;
        double stepDelta = 0;
        if (options.deltaWeight > 0) {
            // A mean-error decoder smooths transitions; this term asks for the real mel's
            // frame-to-frame change (62.5 Hz, per bin).
            const auto change = [](const torch::Tensor& m) {
                return m.narrow(2, 1, m.size(2) - 1) - m.narrow(2, 0, m.size(2) - 1);
            };
            const auto delta = (change(decoded) - change(target)).abs().mean();
            loss = loss + options.deltaWeight * delta;
            stepDelta = delta.item<double>();
        }

        double stepCepstral = 0;
        if (options.cepstralWeight > 0) {
            // The mean error weighs every cepstral coefficient of the log-mel the same; the band of
            // the harmonics (quefrency 13..63, the spacing of a voice's partials on 128 bins) is
            // what a smooth decoder drops. This term weighs that band's squared error again.
            const auto cepstra = [&](const torch::Tensor& m) { // (B, bins, T) -> (B, T, band)
                return torch::matmul(m.transpose(1, 2) * net->melStd, harmonicBand);
            };
            const auto band = (cepstra(decoded) - cepstra(target)).pow(2).sum(-1).mean() / double(config.audio.melBins);
            loss = loss + options.cepstralWeight * band;
            stepCepstral = band.item<double>(); // this rank's slice (the log line is rank 0's)
        }
        double stepRecogniser = 0;
        if (options.recogniserCepstraWeight > 0) {
            // The recogniser's cepstra of decoded and real mel, each crop's mean taken off (its
            // cepstral mean normalisation), and their change over 4 frames (its delta features);
            // each coefficient's squared error relative to the real cepstra's variance.
            const auto cepstra = [&](const torch::Tensor& m) { // normalised (B, bins, T) -> (B, T, 13)
                const auto logMel = m.transpose(1, 2) * net->melStd + net->melMean;
                const auto power = torch::matmul(torch::exp(2.0 * logMel), recogniserBands);
                auto c = torch::matmul(torch::log(power.clamp_min(1e-10)), recogniserDct);
                return c - c.mean(1, true);
            };
            const auto change = [](const torch::Tensor& c) {
                return c.narrow(1, 4, c.size(1) - 4) - c.narrow(1, 0, c.size(1) - 4);
            };
            const auto fake = cepstra(decoded);
            torch::Tensor real;
            {
                torch::NoGradGuard noGrad;
                real = cepstra(target);
            }
            const auto relative = [](const torch::Tensor& a, const torch::Tensor& b) {
                const auto var = b.reshape({-1, b.size(2)}).var(0).clamp_min(1e-6).detach();
                return ((a - b).pow(2).reshape({-1, b.size(2)}).mean(0) / var).mean();
            };
            auto distance = relative(fake, real);
            if (fake.size(1) > 4)
                distance = distance + relative(change(fake), change(real));
            loss = loss + options.recogniserCepstraWeight * distance;
            stepRecogniser = distance.item<double>();
        }
        const bool judgingNow = judging && step > judgeFrom;
        double stepFooled = 0, stepJudge = 0;
        if (judgingNow) {
            // Least squares: the decoder wants the judge's score 1 (real) on its mel, and the judge's
            // features of its mel to match those of the real mel.
            std::vector<torch::Tensor> fakeFeatures, realFeatures;
            const auto score = judge->forward(decoded, &fakeFeatures);
            {
                torch::NoGradGuard noGrad;
                judge->forward(target, &realFeatures);
            }
            auto matching = torch::zeros({}, decoded.options());
            for (std::size_t i = 0; i < realFeatures.size(); ++i)
                matching = matching + (fakeFeatures[i] - realFeatures[i]).abs().mean();
            const auto fooled = (score - 1).pow(2).mean();
            loss = loss + options.adversarialWeight * (fooled + matching / double(realFeatures.size()));
            stepFooled = fooled.item<double>();
        }

        const auto labels = batch.phones.reshape(-1).to(device);
        const auto labelled = labels.ge(0).sum().item<std::int64_t>();
        // A phone cross entropy is a mean over this slice's labelled tokens: weighted by the
        // slice's share of the global batch's, the ranks' average is the global batch's mean.
        const double share = labelledShare(labelled, batch.globalLabelled, W);
        // This step's figures for the progress line (summed over the ranks below when W > 1).
        double stepPhone = 0, stepCorrect = 0, stepRead = 0, stepReadCorrect = 0, stepFeature = 0;
        if (labelled > 0 && options.phonemeWeight > 0) {
            const auto logits = phoneHead(q.base.transpose(1, 2)).reshape({-1, phoneCount});
            const auto ce = phoneCrossEntropy(logits, labels);
            loss = loss + options.phonemeWeight * (W > 1 ? ce * share : ce);
            torch::NoGradGuard noGrad;
            stepPhone = ce.item<double>() * double(labelled);
            stepCorrect = phonesRight(logits, labels);
        }
        std::vector<torch::Tensor> fake;
        const auto readLogits = reading ? reader->forward(decoded, &fake) : torch::Tensor();
        if (reading && options.readerFeatureWeight > 0) {
            // The reader's features of the decoded mel match those of the real mel.
            std::vector<torch::Tensor> real;
            {
                torch::NoGradGuard noGrad;
                reader->forward(target, &real);
            }
            auto matching = torch::zeros({}, decoded.options());
            for (std::size_t i = 0; i < real.size(); ++i)
                matching = matching + (fake[i] - real[i]).abs().mean();
            loss = loss + options.readerFeatureWeight * matching;
            stepFeature = matching.item<double>();
        }
        if (labelled > 0 && reading && options.readerWeight > 0) {
            const auto& logits = readLogits;
            const auto ce = phoneCrossEntropy(logits, labels);
            loss = loss + options.readerWeight * (W > 1 ? ce * share : ce);
            torch::NoGradGuard noGrad;
            stepRead = ce.item<double>() * double(labelled);
            stepReadCorrect = phonesRight(logits, labels);
        }
        optimiser.zero_grad();
        loss.backward();
        double stepRecon = recon.item<double>(), stepCommit = q.commitment.item<double>(),
               stepLabelled = double(labelled);
        if (W > 1) {
            // Means over the ranks (recon, commitment, feature and change distances: every slice is
            // the same size) and sums (the labelled counts and their cross entropies): the mean times W.
            auto stats = torch::tensor({stepRecon, stepCommit, stepFeature, stepPhone, stepCorrect, stepLabelled,
                                        stepRead, stepReadCorrect, stepDelta},
                                       torch::kFloat64);
            group.averageGradients(parameters, {stats});
            stats = stats.to(torch::kCPU);
            const double* v = stats.data_ptr<double>();
            stepRecon = v[0], stepCommit = v[1], stepFeature = v[2];
            stepPhone = v[3] * W, stepCorrect = v[4] * W, stepLabelled = v[5] * W, stepRead = v[6] * W,
            stepReadCorrect = v[7] * W, stepDelta = v[8];
        }
        torch::nn::utils::clip_grad_norm_(parameters, 1.0);
        optimiser.step();
        if (judgingNow) {
            // The judge's own step: real mel scores 1, this step's decoded mel 0.
            judgeOptimiser.zero_grad(); // drops what the decoder's loss left in the judge
            const auto judgeLoss =
                (judge->forward(target) - 1).pow(2).mean() + judge->forward(decoded.detach()).pow(2).mean();
            judgeLoss.backward();
            stepJudge = judgeLoss.item<double>();
            if (W > 1) {
                auto stats = torch::tensor({stepJudge, stepFooled}, torch::kFloat64);
                group.averageGradients(judge->parameters(), {stats});
                stats = stats.to(torch::kCPU);
                stepJudge = stats[0].item<double>(), stepFooled = stats[1].item<double>();
            }
            judgeOptimiser.step();
        }
        cepstralSum += stepCepstral;
        recogniserSum += stepRecogniser;
        fooledSum += stepFooled;
        judgeSum += stepJudge;

        reconSum += stepRecon;
        commitSum += stepCommit;
        featureSum += stepFeature;
        deltaSum += stepDelta;
        phoneSum += stepPhone;
        correctSum += stepCorrect;
        labelledSum += stepLabelled;
        readSum += stepRead;
        readCorrectSum += stepReadCorrect;
        ++window;
        {
            torch::NoGradGuard noGrad;
            for (int k = 0; k < K; ++k)
                usage[std::size_t(k)].index_add_(0, q.codes.select(2, k).reshape(-1),
                                                 torch::ones({q.codes.size(0) * q.codes.size(1)}, usage[0].options()));
        }
        if (options.restartEvery > 0 && step % options.restartEvery == 0 && step < options.steps * 9 / 10) {
            // Entries no crop chose since the last restart take a random lookup of this batch
            // (with W ranks: of the global batch, the usage counted over all of it).
            torch::NoGradGuard noGrad;
            if (W > 1) {
                std::vector<torch::Tensor> counts{torch::stack(usage).to(torch::kFloat64)};
                group.allReduceSum(counts);
                for (int k = 0; k < K; ++k)
                    usage[std::size_t(k)].copy_(counts[0][k].round().to(torch::kLong));
            }
            int restarted = 0;
            for (int k = 0; k < K; ++k) {
                const auto dead = usage[std::size_t(k)].eq(0).nonzero().reshape(-1);
                // Every entry draws its pick, dead or not, so the random stream and the picks of
                // the other entries do not depend on how many are dead: an entry that a near tie
                // (float summation order, e.g. 2 processes against 1) left used in one run and
                // dead in another changes that entry alone.
                const auto pool = gatherRows(group, q.lookups[std::size_t(k)]);
                const auto pick =
                    torch::randint(pool.size(0), {usage[std::size_t(k)].size(0)}, torch::kLong).to(device);
                if (dead.numel() > 0) {
                    net->quantiser[std::size_t(k)]->as<Lookup>()->book.index_copy_(
                        0, dead, pool.index_select(0, pick.index_select(0, dead)));
                    restarted += int(dead.numel());
                }
                usage[std::size_t(k)].zero_();
            }
            if (log && restarted > 0)
                log("step " + std::to_string(step) + ": restarted " + std::to_string(restarted) + " unused entries");
        }
        if (log && (step % options.logEvery == 0 || step == options.steps)) {
            log("step " + std::to_string(step) + "/" + std::to_string(options.steps) + ": reconstruction " +
                fixed(reconSum / window) + ", commitment " + fixed(commitSum / window) +
                (labelledSum > 0 && options.phonemeWeight > 0
                     ? ", phone cross entropy " + fixed(phoneSum / labelledSum) + ", phone accuracy " +
                           fixed(correctSum / labelledSum, 3)
                     : std::string()) +
                (labelledSum > 0 && reading && options.readerWeight > 0
                     ? ", decoded mel's phone cross entropy " + fixed(readSum / labelledSum) + ", read accuracy " +
                           fixed(readCorrectSum / labelledSum, 3)
                     : std::string()) +
                (reading && options.readerFeatureWeight > 0 ? ", reader feature distance " + fixed(featureSum / window)
                                                            : std::string()) +
                (options.deltaWeight > 0 ? ", change distance " + fixed(deltaSum / window) : std::string()) +
                (options.cepstralWeight > 0 ? ", harmonic band error " + fixed(cepstralSum / window) : std::string()) +
                (options.recogniserCepstraWeight > 0 ? ", recogniser cepstra distance " + fixed(recogniserSum / window)
                                                     : std::string()) +
                (judgingNow ? ", judge fooled " + fixed(fooledSum / window) + ", judge loss " + fixed(judgeSum / window)
                            : std::string()) +
                ", lr " + fixed(lr, 6) + ", " +
                fixed(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 1) + " s");
            reconSum = phoneSum = correctSum = labelledSum = commitSum = readSum = readCorrectSum = featureSum =
                deltaSum = 0;
            fooledSum = judgeSum = cepstralSum = recogniserSum = 0;
            window = 0;
        }
    }
    net->eval();
    return contextWeights(net);
}

} // namespace talker
