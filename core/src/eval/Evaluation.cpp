// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Evaluation.h"
#include "Recogniser.h"

#include "talker/Audio.h"
#include "talker/CodecTrainer.h"
#include "talker/Dataset.h"
#include "talker/Error.h"
#include "talker/FileWrite.h"
#include "talker/Generator.h"
#include "talker/Json.h"
#include "talker/ModelBundle.h"
#include "talker/Codec.h"
#include "talker/TalkerTrainer.h"
#include "talker/Vocoder.h"
#include "../io/Fnv1a.h"
#include "../train/CodecHash.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace talker {

namespace {

// Runs `job(i)` for i in [0, n) on two threads; rethrows the first failure.
template <typename Job> void parallelFor(std::size_t n, Job job, int threads = 2)
{
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::string error;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            for (std::size_t i; (i = next.fetch_add(1)) < n;) {
                try {
                    job(i);
                } catch (const std::exception& e) {
                    std::lock_guard lock(mutex);
                    if (error.empty())
                        error = e.what();
                    next = n;
                }
            }
        });
    for (auto& w : workers)
        w.join();
    if (!error.empty())
        throw Error(error);
}

// Corpus-level WER (total edits / total reference words) per group of utterances, with a 95 %
// bootstrap interval: 1000 resamples of the group's utterances (with replacement, seeded), the
// 2.5th and 97.5th percentiles of their corpus-level WER.
nlohmann::json werSummary(const CorpusSplit& split, const std::vector<std::string>& transcripts)
{
    std::map<std::string, std::vector<std::pair<long, long>>> groups; // name -> per utterance (edits, words)
    for (std::size_t i = 0; i < split.utterances.size(); ++i) {
        const auto& u = split.utterances[i];
        const auto reference = normalisedWords(u.text);
        const int edits = wordEditDistance(reference, normalisedWords(transcripts[i]));
        const std::string family = voiceFamily(u.voice);
        // Each utterance counts once in each group it belongs to (a set: "espeak" is both a family and a group).
        const std::set<std::string> belongsTo{"overall", family, family == "espeak" ? "espeak" : "flite_festival"};
        for (const std::string& group : belongsTo)
            groups[group].emplace_back(edits, long(reference.size()));
    }
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [group, items] : groups) {
        long edits = 0, words = 0;
        for (const auto& [e, w] : items) {
            edits += e;
            words += w;
        }
        std::mt19937_64 rng(0x5eed);
        std::uniform_int_distribution<std::size_t> pick(0, items.size() - 1);
        std::vector<double> resampled;
        for (int r = 0; r < 1000; ++r) {
            long e = 0, w = 0;
            for (std::size_t j = 0; j < items.size(); ++j) {
                const auto& item = items[pick(rng)];
                e += item.first;
                w += item.second;
            }
            resampled.push_back(w ? double(e) / double(w) : 0.0);
        }
        std::sort(resampled.begin(), resampled.end());
        out[group] = {{"wer", words ? double(edits) / double(words) : 0.0},
                      {"edits", edits},
                      {"words", words},
                      {"utterances", items.size()},
                      {"ci95", {resampled[24], resampled[974]}}};
    }
    return out;
}

std::vector<double> ratios(const std::vector<double>& a, const std::vector<double>& b)
{
    std::vector<double> out;
    for (std::size_t i = 0; i < a.size(); ++i)
        out.push_back(a[i] / b[i]);
    return out;
}

nlohmann::json statsJson(const std::vector<CodeStats>& stats)
{
    const std::size_t K = stats.front().distinctFraction.size();
    std::vector<double> distinct(K, 0.0);
    FrameIndex longestRun = 0;
    double silent = 0.0, longestSilence = 0.0;
    for (const auto& s : stats) {
        for (std::size_t k = 0; k < K; ++k)
            distinct[k] += s.distinctFraction[k] / double(stats.size());
        longestRun = std::max(longestRun, s.longestRepeatRun);
        silent += s.silentFraction / double(stats.size());
        longestSilence = std::max(longestSilence, s.longestSilenceS);
    }
    return {{"sequences", stats.size()},
            {"distinct_fraction_by_codebook", distinct},
            {"longest_repeat_run_frames", longestRun},
            {"silent_fraction", silent},
            {"longest_silence_s", longestSilence}};
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

// A recogniser cache written by an earlier eval: a JSON list of one transcript per utterance.
std::vector<std::string> readCachedTranscripts(const fs::path& path, std::size_t utterances)
{
    const auto refuse = [&](const std::string& why) {
        throw FileError("cannot read recogniser cache '" + path.string() + "': " + why +
                        " (delete it to recognise again)");
    };
    nlohmann::json json;
    try {
        json = parseJson(readJsonFile(path));
    } catch (const JsonTextError& e) {
        refuse(e.what());
    }
    if (!json.is_array() || json.size() != utterances ||
        !std::all_of(json.begin(), json.end(), [](const nlohmann::json& w) { return w.is_string(); }))
        refuse("not a list of " + std::to_string(utterances) + " transcripts");
    return json.get<std::vector<std::string>>();
}

} // namespace

std::vector<std::string> normalisedWords(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '\'') {
            word += char(std::tolower(u));
        } else if (!word.empty()) {
            words.push_back(word);
            word.clear();
        }
    }
    if (!word.empty())
        words.push_back(word);
    // Apostrophes at a word's edges are quotation marks, not part of the word.
    for (auto& w : words) {
        while (!w.empty() && w.front() == '\'')
            w.erase(w.begin());
        while (!w.empty() && w.back() == '\'')
            w.pop_back();
    }
    words.erase(std::remove(words.begin(), words.end(), std::string()), words.end());
    return words;
}

int wordEditDistance(const std::vector<std::string>& reference, const std::vector<std::string>& hypothesis)
{
    // Levenshtein over words, one row at a time: row[j] = distance(reference[0..i), hypothesis[0..j)).
    std::vector<int> row(hypothesis.size() + 1);
    for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (std::size_t i = 1; i <= reference.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (std::size_t j = 1; j <= hypothesis.size(); ++j) {
            const int substitution = diagonal + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({substitution, row[j] + 1, row[j - 1] + 1});
        }
    }
    return row.back();
}

std::vector<double> ngramCrossEntropy(const std::vector<Codes>& train, const std::vector<Codes>& valid, int V,
                                      int order)
{
    if (order != 1 && order != 2)
        throw ArgumentError("n-gram order '" + std::to_string(order) + "': expected 1 or 2");
    const int K = train.front().codebooks;
    const int contexts = order == 1 ? 1 : V + 1; // context V is BOS (the first frame)
    std::vector<double> out;
    for (int k = 0; k < K; ++k) {
        std::vector<double> counts(std::size_t(contexts) * V, 0.0), totals(std::size_t(contexts), 0.0);
        for (const auto& u : train)
            for (FrameIndex t = 0; t < u.frames(); ++t) {
                const int context = order == 1 ? 0 : (t == 0 ? V : u.at(t - 1, k));
                counts[std::size_t(context) * V + u.at(t, k)] += 1.0;
                totals[std::size_t(context)] += 1.0;
            }
        double nats = 0.0, targets = 0.0;
        for (const auto& u : valid)
            for (FrameIndex t = 0; t < u.frames(); ++t) {
                const int context = order == 1 ? 0 : (t == 0 ? V : u.at(t - 1, k));
                const double p =
                    (counts[std::size_t(context) * V + u.at(t, k)] + 1.0) / (totals[std::size_t(context)] + V);
                nats -= std::log(p);
                targets += 1.0;
            }
        out.push_back(nats / std::max(1.0, targets));
    }
    return out;
}

CodeStats codeStats(const Codes& codes, const Mel& mel, const ModelConfig& config, double silenceLogMel)
{
    const int K = codes.codebooks, V = config.codec.codebookSize, S = config.codec.subframes;
    const FrameIndex T = codes.frames();
    CodeStats stats;
    for (int k = 0; k < K; ++k) {
        std::set<int> used;
        for (FrameIndex t = 0; t < T; ++t)
            used.insert(codes.at(t, k));
        stats.distinctFraction.push_back(double(used.size()) / V);
    }
    FrameIndex run = 0;
    for (FrameIndex t = 0; t < T; ++t) {
        const bool same = t > 0 && std::equal(codes.values.begin() + t * K, codes.values.begin() + (t + 1) * K,
                                              codes.values.begin() + (t - 1) * K);
        run = same ? run + 1 : 1;
        stats.longestRepeatRun = std::max(stats.longestRepeatRun, run);
    }
    const std::size_t tokenValues = std::size_t(S) * mel.bins;
    const FrameIndex tokens = FrameIndex(mel.values.size() / tokenValues);
    FrameIndex silent = 0, silentRun = 0, longestSilentRun = 0;
    for (FrameIndex t = 0; t < tokens; ++t) {
        double sum = 0.0;
        for (std::size_t i = 0; i < tokenValues; ++i)
            sum += mel.values[std::size_t(t) * tokenValues + i];
        const bool isSilent = sum / double(tokenValues) < silenceLogMel;
        silent += isSilent;
        silentRun = isSilent ? silentRun + 1 : 0;
        longestSilentRun = std::max(longestSilentRun, silentRun);
    }
    stats.silentFraction = tokens ? double(silent) / double(tokens) : 0.0;
    stats.longestSilenceS = double(longestSilentRun) / config.frameRateHz();
    return stats;
}

nlohmann::json evaluateBundle(const fs::path& dataDir, const ModelBundle& bundle, const EvalOptions& options,
                              const EvalLog& log)
{
    const auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    const ModelConfig& config = bundle.config;
    const int K = config.codec.codebooks, V = config.codec.codebookSize;
    const auto started = std::chrono::steady_clock::now();
    nlohmann::json metrics = nlohmann::json::object();
    metrics["evaluated_utc"] = utcNow();

    const auto train = readCorpusSplit(dataDir, "train");
    const auto valid = readCorpusSplit(dataDir, "valid");
    say("log-mel and codes of the corpus (cached after the first run)");
    const auto trainMels = corpusLogMels(train, config.audio);
    const auto validMels = corpusLogMels(valid, config.audio);
    const auto trainCodes = corpusCodes(train, bundle, trainMels);
    const auto validCodes = corpusCodes(valid, bundle, validMels);
    std::int64_t validFrames = 0;
    for (const auto& c : validCodes)
        validFrames += c.frames();
    std::set<std::string> validVoices;
    for (const auto& u : valid.utterances)
        validVoices.insert(u.voice);
    metrics["data"] = {{"directory", dataDir.lexically_normal().string()},
                       {"train_hours", train.hours()},
                       {"train_utterances", train.utterances.size()},
                       {"valid_hours", valid.hours()},
                       {"valid_utterances", valid.utterances.size()},
                       {"valid_frames", validFrames},
                       {"valid_voices", validVoices}};

    // Codec.
    say("codec: log-mel error on the validation set");
    metrics["codec"] = codecErrorMetrics(config, bundle.rvqWeights, validMels);

    // Talker against the n-gram baselines, same targets.
    say("talker: validation cross entropy and baselines");
    // A text-conditioned Talker is measured on the aligned utterances of its voices, with their
    // text; the baselines on the same targets (fitted on the aligned training utterances).
    const bool text = config.talker.text.enabled();
    const double tokenSeconds = 1.0 / config.frameRateHz();
    const TextCorpus trainText = text ? textCorpus(train, trainCodes, config.talker.text, tokenSeconds) : TextCorpus{};
    const TextCorpus validText = text ? textCorpus(valid, validCodes, config.talker.text, tokenSeconds) : TextCorpus{};
    const auto& ceTrain = text ? trainText.codes : trainCodes;
    const auto& ceValid = text ? validText.codes : validCodes;
    const auto talkerCe = talkerCrossEntropy(bundle, ceValid, validText.text);
    const auto unigram = ngramCrossEntropy(ceTrain, ceValid, V, 1);
    const auto bigram = ngramCrossEntropy(ceTrain, ceValid, V, 2);
    double talkerSum = 0.0, bigramSum = 0.0;
    for (int k = 0; k < K; ++k) {
        talkerSum += talkerCe[std::size_t(k)];
        bigramSum += bigram[std::size_t(k)];
    }
    metrics["talker"] = {{"valid_ce_by_codebook", talkerCe},
                         {"valid_ce_sum", talkerSum},
                         {"uniform_ce", std::log(double(V))},
                         {"unigram_ce_by_codebook", unigram},
                         {"bigram_ce_by_codebook", bigram},
                         {"bigram_ce_sum", bigramSum},
                         {"ratio_to_bigram_by_codebook", ratios(talkerCe, bigram)},
                         {"parameters", bundle.talkerParameterCount()},
                         {"unit", text ? "nats per code, the aligned validation utterances of the model's voices "
                                         "from BOS, teacher-forced with their text"
                                       : "nats per code, validation utterances from BOS, teacher-forced"}};
    if (text)
        metrics["talker"]["valid_utterances"] = validText.codes.size();

    // Generated takes against real speech (the validation codes decoded by the same codec).
    say("generation: " + std::to_string(options.generatedTakes) + " takes at temperature 1.0 and one at argmax");
    {
        const auto codec = makeCodec(config, bundle.rvqWeights);
        std::vector<CodeStats> real;
        for (const auto& c : validCodes)
            real.push_back(codeStats(c, codec->decode(c), config, options.silenceLogMel));
        auto shared = std::make_shared<const ModelBundle>(bundle);
        Generator generator(shared);
        std::vector<CodeStats> sampled, greedy;
        for (int take = 0; take <= options.generatedTakes; ++take) {
            GenerationParams params;
            params.frames = options.generatedFrames;
            if (text) { // a text Talker says validation sentences (take i: the i-th aligned one)
                const auto& u = valid.utterances[validText.utterances[std::size_t(take) % validText.utterances.size()]];
                params.text = makeTextPrompt(config, u.text, u.voice);
                params.frames = int(params.text.columns.size() / std::size_t(config.talker.text.columns()));
            }
            const bool argmax = take == options.generatedTakes;
            params.sampling.argmax = argmax;
            params.sampling.temperature = 1.0;
            params.sampling.seed = std::uint64_t(take + 1);
            const Take t = generator.run(params);
            (argmax ? greedy : sampled).push_back(codeStats(t.codes, t.mel, config, options.silenceLogMel));
        }
        nlohmann::json generation = {{"frames", text ? nlohmann::json("as the text lasts (validation sentences)")
                                                     : nlohmann::json(options.generatedFrames)},
                                     {"silence_log_mel", options.silenceLogMel},
                                     {"backend", generator.backendName()}};
        if (!sampled.empty())
            generation["temperature_1"] = statsJson(sampled);
        generation["temperature_1"]["seeds"] = {1, options.generatedTakes};
        generation["argmax"] = statsJson(greedy);
        generation["real_valid_utterances"] = statsJson(real);
        metrics["generation"] = generation;
    }

    // Word error rate: original audio and codec round trip, by the same recogniser.
    if (options.wer) {
        const Recogniser recogniser(options.recogniser);
        const auto evalList = readCorpusSplit(dataDir, "eval");
        const std::size_t n = evalList.utterances.size();
        say("wer: recognising " + std::to_string(n) + " eval utterances, original and round trip");
        const fs::path cacheDir = evalList.directory / "cache";
        fs::create_directories(cacheDir);
        std::string key = options.recogniser;
        for (const auto& u : evalList.utterances)
            key += "\n" + u.audioPath.string();
        const fs::path originalCache = cacheDir / ("asr-original-" + fnv1aHex(key) + ".json");
        std::vector<std::string> original(n), roundtrip(n);
        if (fs::exists(originalCache)) {
            original = readCachedTranscripts(originalCache, n);
        } else {
            parallelFor(n,
                        [&](std::size_t i) { original[i] = recogniser.transcribe(evalList.utterances[i].audioPath); });
            writeFileAtomically(originalCache, nlohmann::json(original).dump());
        }
        // Rendered audio recognised once per (what renders it, vocoder settings), cached: a Talker
        // trained on a frozen codec is evaluated without recognising the audio again.
        const std::string vocoderKey = fnv1aHex(key + config.toJson()["vocoder"].dump());
        const auto vocoder = makeVocoder(config);
        std::vector<Mel> evalMels;
        auto recogniseRendered = [&](const std::string& name, const std::string& cacheKey,
                                     const std::function<Mel(const Mel&)>& transform) {
            std::vector<std::string> words(n);
            const fs::path cache = cacheDir / ("asr-" + name + "-" + cacheKey + "-" + vocoderKey + ".json");
            if (fs::exists(cache))
                return readCachedTranscripts(cache, n);
            if (evalMels.empty())
                evalMels = corpusLogMels(evalList, config.audio);
            const fs::path scratch = fs::temp_directory_path() / ("talker-eval-" + std::to_string(::getpid()));
            fs::create_directories(scratch);
            parallelFor(n, [&](std::size_t i) {
                const auto audio = vocoder->render(transform(evalMels[i]));
                const fs::path wav = scratch / (name + "-" + std::to_string(i) + ".wav");
                writeWav(wav, audio, config.audio.sampleRateHz);
                words[i] = recogniser.transcribe(wav);
            });
            std::error_code ec;
            fs::remove_all(scratch, ec);
            writeFileAtomically(cache, nlohmann::json(words).dump());
            return words;
        };
        const auto codecModel = makeCodec(config, bundle.rvqWeights);
        const std::string codec = codecHash(bundle);
        roundtrip = recogniseRendered("roundtrip", codec,
                                      [&](const Mel& m) { return codecModel->decode(codecModel->encode(m)); });
        // Two references that locate what loses the words: the vocoder alone (the log-mel, no
        // codec) and the codec without its quantiser (encoder -> latent -> decoder).
        const auto melOnly =
            recogniseRendered("mel", fnv1aHex(config.toJson()["audio"].dump()), [](const Mel& m) { return m; });
        const auto projected =
            recogniseRendered("projection", codec, [&](const Mel& m) { return codecModel->reconstructUnquantised(m); });
        // With more than two codebooks: the round trip decoded from the first n (1, 2, 4, ..., K).
        const int K = config.codec.codebooks;
        nlohmann::json byCodebooks = nlohmann::json::object();
        if (K > 2)
            for (int used = 1; used < K; used *= 2) {
                const auto words = recogniseRendered("roundtrip" + std::to_string(used), codec, [&](const Mel& m) {
                    return codecModel->decode(codecModel->encode(m), used);
                });
                byCodebooks[std::to_string(used)] = werSummary(evalList, words);
            }
        // A text Talker: each eval sentence said by `talker say` (its voice where the model has it,
        // else the first; temperature 1 with seed i + 1, and argmax), beside the same sentence's
        // round trip; and how far the said take's length is from the original's.
        std::vector<std::string> said, saidArgmax;
        nlohmann::json sayMetrics;
        if (text) {
            say("wer: saying the " + std::to_string(n) + " eval sentences (temperature 1 and argmax)");
            auto shared = std::make_shared<const ModelBundle>(bundle);
            Generator generator(shared);
            std::vector<Mel> sampledMels(n), argmaxMels(n);
            double durationError = 0.0, durationRelative = 0.0;
            int ownVoice = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const auto& u = evalList.utterances[i];
                const bool known = config.talker.text.voiceIndex(u.voice) >= 0;
                ownVoice += known ? 1 : 0;
                GenerationParams params;
                params.text = makeTextPrompt(config, u.text, known ? u.voice : std::string());
                params.frames = int(params.text.columns.size() / std::size_t(config.talker.text.columns()));
                params.sampling.temperature = 1.0;
                params.sampling.seed = std::uint64_t(i + 1);
                sampledMels[i] = generator.run(params).mel;
                params.sampling.argmax = true;
                argmaxMels[i] = generator.run(params).mel;
                const double saidS = double(params.frames) * tokenSeconds;
                durationError += std::abs(saidS - u.durationS);
                durationRelative += std::abs(saidS - u.durationS) / std::max(1e-3, u.durationS);
            }
            const fs::path scratch = fs::temp_directory_path() / ("talker-say-" + std::to_string(::getpid()));
            fs::create_directories(scratch);
            said.assign(n, {});
            saidArgmax.assign(n, {});
            parallelFor(2 * n, [&](std::size_t j) {
                const std::size_t i = j % n;
                const bool greedy = j >= n;
                const fs::path wav = scratch / ((greedy ? "argmax-" : "say-") + std::to_string(i) + ".wav");
                writeWav(wav, vocoder->render(greedy ? argmaxMels[i] : sampledMels[i]), config.audio.sampleRateHz);
                (greedy ? saidArgmax : said)[i] = recogniser.transcribe(wav);
            });
            std::error_code ec;
            fs::remove_all(scratch, ec);
            sayMetrics = {
                {"temperature_1", werSummary(evalList, said)},
                {"argmax", werSummary(evalList, saidArgmax)},
                {"front_end", "flite (" + config.talker.text.frontEnd + "), durations of frontEndVoiceFor(voice)"},
                {"utterances_in_own_voice", ownVoice},
                {"duration_error_mean_s", durationError / double(std::max<std::size_t>(1, n))},
                {"duration_error_mean_relative", durationRelative / double(std::max<std::size_t>(1, n))},
                {"note", "each eval sentence said in its own voice where the model has it, else the "
                         "model's first; temperature 1 with seed i + 1 (i = the sentence's index), and argmax"}};
        }
        nlohmann::json examples = nlohmann::json::array();
        for (std::size_t i = 0; i < std::min<std::size_t>(n, 3); ++i)
            examples.push_back({{"voice", evalList.utterances[i].voice},
                                {"text", evalList.utterances[i].text},
                                {"original", normalisedWords(original[i])},
                                {"roundtrip", normalisedWords(roundtrip[i])}});
        if (text)
            for (std::size_t i = 0; i < examples.size(); ++i)
                examples[i]["say"] = normalisedWords(said[i]);
        metrics["wer"] = {
            {"utterances", n},
            {"recogniser", options.recogniser + " (pocketsphinx-en-us defaults)"},
            {"vocoder", config.vocoder.type + ", " + std::to_string(config.vocoder.iterations) + " iterations"},
            {"original", werSummary(evalList, original)},
            {"roundtrip", werSummary(evalList, roundtrip)},
            {"mel_only", werSummary(evalList, melOnly)},
            {"projection_only", werSummary(evalList, projected)},
            {"references", "mel_only: the log-mel vocoded, no codec; projection_only: the codec's "
                           "encoder then decoder, no quantiser"},
            {"examples", examples}};
        if (text)
            metrics["wer"]["say"] = sayMetrics;
        if (!byCodebooks.empty()) {
            byCodebooks[std::to_string(K)] = metrics["wer"]["roundtrip"];
            metrics["wer"]["roundtrip_by_codebooks"] = byCodebooks;
        }
    }
    metrics["eval_wall_time_s"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return metrics;
}

} // namespace talker
