// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Dataset.h"
#include "CodecHash.h"

#include "talker/Audio.h"
#include "talker/Error.h"
#include "talker/FileWrite.h"
#include "talker/MelFrontEnd.h"
#include "talker/ModelBundle.h"
#include "talker/Codec.h"
#include "../io/Fnv1a.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace talker {

namespace {

constexpr char MelCacheMagic[8] = {'T', 'L', 'K', 'M', 'E', 'L', '1', '\0'};
constexpr char CodesCacheMagic[8] = {'T', 'L', 'K', 'C', 'O', 'D', '1', '\0'};

std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> fields;
    std::string::size_type begin = 0;
    while (true) {
        const auto end = line.find('\t', begin);
        fields.push_back(line.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
        if (end == std::string::npos)
            return fields;
        begin = end + 1;
    }
}

// A hash of what a split's cache depends on: its file list and durations.
std::string splitKey(const CorpusSplit& split)
{
    std::ostringstream key;
    key << split.name << "\n";
    for (const auto& u : split.utterances)
        key << u.audioPath.lexically_relative(split.directory).string() << "\t" << u.durationS << "\n";
    return key.str();
}

template <typename T> void appendPod(std::string& out, const T& value)
{
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T> void appendArray(std::string& out, const std::vector<T>& values)
{
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

// Reads a whole file; empty optional-like result (false) when it does not exist.
bool readWholeFile(const fs::path& path, std::string& bytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream s;
    s << in.rdbuf();
    bytes = s.str();
    return true;
}

// A cursor over a cache file's bytes; throws FileError naming the file when it runs short.
struct Reader {
    const std::string& bytes;
    const fs::path& path;
    std::size_t offset = 0;

    void read(void* out, std::size_t size)
    {
        if (offset + size > bytes.size())
            throw FileError("cannot read cache '" + path.string() + "': the file is truncated (delete it to rebuild)");
        std::memcpy(out, bytes.data() + offset, size);
        offset += size;
    }
    template <typename T> T pod()
    {
        T value;
        read(&value, sizeof(T));
        return value;
    }
};

} // namespace

double CorpusSplit::hours() const
{
    double seconds = 0.0;
    for (const auto& u : utterances)
        seconds += u.durationS;
    return seconds / 3600.0;
}

CorpusSplit readCorpusSplit(const fs::path& dataDir, const std::string& split)
{
    const fs::path list = dataDir / (split + ".tsv");
    std::ifstream in(list);
    if (!in)
        throw FileError("cannot read corpus list '" + list.string() +
                        "': it does not exist (make the corpus with scripts/make-dataset)");
    CorpusSplit out;
    out.directory = fs::absolute(dataDir);
    out.name = split;
    std::string line;
    long lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (lineNumber == 1 || line.empty())
            continue; // header
        const auto fields = splitTabs(line);
        if (fields.size() < 5)
            throw FileError("cannot read corpus list '" + list.string() + "': line " + std::to_string(lineNumber) +
                            " has " + std::to_string(fields.size()) + " columns, expected 5");
        CorpusUtterance u;
        u.audioPath = out.directory / fields[0];
        u.voice = fields[1];
        try {
            u.durationS = std::stod(fields[2]);
        } catch (const std::exception&) {
            throw FileError("cannot read corpus list '" + list.string() + "': line " + std::to_string(lineNumber) +
                            " has duration '" + fields[2] + "', not a number");
        }
        u.text = fields[4];
        for (std::size_t i = 5; i < fields.size(); ++i)
            u.text += " " + fields[i];
        out.utterances.push_back(std::move(u));
    }
    if (out.utterances.empty())
        throw FileError("cannot read corpus list '" + list.string() + "': it lists no utterances");
    return out;
}

AudioFolderIndex indexAudioFolder(const fs::path& dataDir, int validEvery, const CorpusProgress& progress)
{
    if (validEvery < 2)
        throw ArgumentError("invalid --valid-every '" + std::to_string(validEvery) +
                            "': must be at least 2 (one file in N for validation)");
    const std::string what = "cannot make a corpus of the audio folder '" + dataDir.string() + "': ";
    std::error_code ec;
    if (!fs::is_directory(dataDir, ec))
        throw FileError(what + "it is not a folder");
    for (const char* list : {"train.tsv", "valid.tsv"})
        if (fs::exists(dataDir / list, ec))
            throw FileError(what + "it already has " + list + " (it is a corpus; delete the lists to index it again)");

    std::vector<fs::path> files; // relative to dataDir
    for (auto it = fs::recursive_directory_iterator(dataDir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory() && it.depth() == 0 && it->path().filename() == "cache") {
            it.disable_recursion_pending(); // the corpus's own mel and codes caches
            continue;
        }
        if (it->is_regular_file() && hasAudioFileExtension(it->path()))
            files.push_back(it->path().lexically_relative(dataDir));
    }
    if (ec)
        throw FileError(what + ec.message());
    std::sort(files.begin(), files.end());
    if (files.size() < 2)
        throw FileError(what + "it holds " + std::to_string(files.size()) +
                        " audio files (WAV, FLAC, OGG); a corpus needs at least 2");

    AudioFolderIndex index;
    std::string train = "path\tvoice\tduration_s\tsha256\ttext\n", valid = train;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string relative = files[i].generic_string();
        if (relative.find_first_of("\t\n\r") != std::string::npos)
            throw FileError(what + "the file name '" + relative + "' holds a tab or a line break");
        // Decoding the whole file measures its duration for any format and rate, and finds a broken
        // file now rather than in the middle of training.
        const double seconds = double(readAudio(dataDir / files[i], 16000).size()) / 16000.0;
        const std::string voice =
            std::distance(files[i].begin(), files[i].end()) > 1 ? files[i].begin()->string() : "default";
        if (std::find(index.voices.begin(), index.voices.end(), voice) == index.voices.end())
            index.voices.push_back(voice);
        const bool forValidation =
            (i + 1) % std::size_t(validEvery) == 0 || (files.size() < std::size_t(validEvery) && i + 1 == files.size());
        std::ostringstream line;
        line << relative << "\t" << voice << "\t" << seconds << "\t-\t\n";
        (forValidation ? valid : train) += line.str();
        ++(forValidation ? index.validFiles : index.trainFiles);
        index.hours += seconds / 3600.0;
        if (progress)
            progress(long(i + 1), long(files.size()));
    }
    writeFileAtomically(dataDir / "train.tsv", train);
    writeFileAtomically(dataDir / "valid.tsv", valid);
    return index;
}

std::string voiceFamily(const std::string& voice)
{
    return voice.substr(0, voice.find('_'));
}

std::vector<Mel> corpusLogMels(const CorpusSplit& split, const AudioConfig& audio, int threads,
                               const CorpusProgress& progress, const std::atomic<bool>* cancel)
{
    ModelConfig probe;
    probe.audio = audio;
    const std::string key = splitKey(split) + probe.toJson()["audio"].dump();
    const fs::path cache = split.directory / "cache" / ("mel-" + split.name + "-" + fnv1aHex(key) + ".bin");

    std::string bytes;
    if (readWholeFile(cache, bytes)) {
        Reader reader{bytes, cache};
        char magic[8];
        reader.read(magic, 8);
        if (std::memcmp(magic, MelCacheMagic, 8) != 0)
            throw FileError("cannot read cache '" + cache.string() + "': not a log-mel cache (delete it to rebuild)");
        const auto count = reader.pod<std::uint32_t>();
        const auto bins = reader.pod<std::uint32_t>();
        if (count != split.utterances.size() || int(bins) != audio.melBins)
            throw FileError("cannot read cache '" + cache.string() + "': it holds " + std::to_string(count) +
                            " utterances of " + std::to_string(bins) + " bins, expected " +
                            std::to_string(split.utterances.size()) + " of " + std::to_string(audio.melBins));
        std::vector<Mel> mels(count);
        for (auto& mel : mels) {
            const auto frames = reader.pod<std::uint32_t>();
            mel.bins = int(bins);
            mel.values.resize(std::size_t(frames) * bins);
            reader.read(mel.values.data(), mel.values.size() * sizeof(float));
        }
        return mels;
    }

    // Not cached yet: compute with a few workers pulling utterances from a shared counter.
    const MelFrontEnd frontEnd(audio);
    std::vector<Mel> mels(split.utterances.size());
    std::atomic<long> next{0}, done{0};
    std::mutex errorMutex, progressMutex;
    std::string firstError;
    auto work = [&] {
        while (true) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return;
            const long i = next.fetch_add(1);
            if (i >= long(mels.size()))
                return;
            try {
                const auto samples = readAudio(split.utterances[std::size_t(i)].audioPath, audio.sampleRateHz);
                mels[std::size_t(i)] = frontEnd.logMel(samples);
            } catch (const std::exception& e) {
                std::lock_guard lock(errorMutex);
                if (firstError.empty())
                    firstError = e.what();
                return;
            }
            const long finished = ++done;
            if (progress && (finished % 100 == 0 || finished == long(mels.size()))) {
                std::lock_guard lock(progressMutex);
                progress(finished, long(mels.size()));
            }
        }
    };
    std::vector<std::thread> workers;
    for (int t = 0; t < std::max(1, threads); ++t)
        workers.emplace_back(work);
    for (auto& w : workers)
        w.join();
    if (!firstError.empty())
        throw Error(firstError);
    if (done < long(mels.size())) // only a cancel leaves utterances undone
        throw CancelledError("log-mel of the " + split.name + " split of '" + split.directory.string() +
                             "' cancelled after " + std::to_string(done.load()) + " of " + std::to_string(mels.size()) +
                             " utterances (nothing cached)");

    std::string out(MelCacheMagic, 8);
    appendPod(out, std::uint32_t(mels.size()));
    appendPod(out, std::uint32_t(audio.melBins));
    for (const auto& mel : mels) {
        appendPod(out, std::uint32_t(mel.frames()));
        appendArray(out, mel.values);
    }
    fs::create_directories(cache.parent_path());
    writeFileAtomically(cache, out);
    return mels;
}

std::string codecHash(const ModelBundle& bundle)
{
    std::string key = bundle.config.toJson()["codec"].dump() + bundle.config.toJson()["audio"].dump();
    for (const auto& [name, tensor] : bundle.rvqWeights) {
        key += name;
        key.append(reinterpret_cast<const char*>(tensor.values.data()), tensor.values.size() * sizeof(float));
    }
    return fnv1aHex(key);
}

std::vector<Codes> corpusCodes(const CorpusSplit& split, const ModelBundle& bundle, const std::vector<Mel>& mels)
{
    if (mels.size() != split.utterances.size())
        throw ArgumentError("corpus codes of split '" + split.name + "': " + std::to_string(mels.size()) +
                            " mels for " + std::to_string(split.utterances.size()) + " utterances");
    const int K = bundle.config.codec.codebooks;
    const fs::path cache = split.directory / "cache" /
                           ("codes-" + codecHash(bundle) + "-" + split.name + "-" + fnv1aHex(splitKey(split)) + ".bin");
    std::string bytes;
    if (readWholeFile(cache, bytes)) {
        Reader reader{bytes, cache};
        char magic[8];
        reader.read(magic, 8);
        if (std::memcmp(magic, CodesCacheMagic, 8) != 0)
            throw FileError("cannot read cache '" + cache.string() + "': not a codes cache (delete it to rebuild)");
        const auto count = reader.pod<std::uint32_t>();
        const auto codebooks = reader.pod<std::uint32_t>();
        if (count != mels.size() || int(codebooks) != K)
            throw FileError("cannot read cache '" + cache.string() +
                            "': it does not match the split (delete it to rebuild)");
        std::vector<Codes> codes(count);
        for (auto& c : codes) {
            const auto frames = reader.pod<std::uint32_t>();
            c.codebooks = K;
            c.values.resize(std::size_t(frames) * K);
            reader.read(c.values.data(), c.values.size() * sizeof(std::int32_t));
        }
        return codes;
    }

    const auto codec = makeCodec(bundle.config, bundle.rvqWeights);
    std::vector<Codes> codes(mels.size());
    // The linear codec is plain C++: two workers. The context codec's LibTorch operations use the
    // intra-op threads themselves.
    const std::size_t threads = bundle.config.codec.contextual() ? 1 : 2;
    std::vector<std::thread> workers;
    // An exception must not leave a worker (std::terminate): each keeps its first and stops, and
    // the first of them is rethrown here after both have joined.
    std::vector<std::exception_ptr> failures(threads);
    for (std::size_t t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            try {
                for (std::size_t i = t; i < mels.size(); i += threads)
                    codes[i] = codec->encode(mels[i]);
            } catch (...) {
                failures[t] = std::current_exception();
            }
        });
    for (auto& w : workers)
        w.join();
    for (const auto& failure : failures)
        if (failure)
            std::rethrow_exception(failure);

    std::string out(CodesCacheMagic, 8);
    appendPod(out, std::uint32_t(codes.size()));
    appendPod(out, std::uint32_t(K));
    for (const auto& c : codes) {
        appendPod(out, std::uint32_t(c.frames()));
        appendArray(out, c.values);
    }
    fs::create_directories(cache.parent_path());
    writeFileAtomically(cache, out);
    return codes;
}

std::vector<std::vector<TimedPhone>> corpusPhones(const CorpusSplit& split)
{
    std::vector<std::vector<TimedPhone>> phones(split.utterances.size());
    const fs::path file = split.directory / "alignments.tsv";
    std::ifstream in(file);
    if (!in)
        return phones;
    std::map<std::string, std::size_t> byPath;
    for (std::size_t i = 0; i < split.utterances.size(); ++i)
        byPath[split.utterances[i].audioPath.lexically_relative(split.directory).string()] = i;
    auto malformed = [&](long line, const std::string& why) {
        return FileError("cannot read phone alignments '" + file.string() + "': line " + std::to_string(line) + " " +
                         why);
    };
    std::string line;
    long lineNumber = 0;
    while (std::getline(in, line)) {
        ++lineNumber;
        if (lineNumber == 1 || line.empty())
            continue; // header
        const auto tab = line.find('\t');
        if (tab == std::string::npos)
            throw malformed(lineNumber, "has no tab between the path and the phones");
        const auto it = byPath.find(line.substr(0, tab));
        if (it == byPath.end())
            continue; // another split's utterance
        std::vector<TimedPhone> intervals;
        std::istringstream items(line.substr(tab + 1));
        std::string item;
        while (items >> item) {
            const auto a = item.find(':'), b = item.rfind(':');
            if (a == std::string::npos || a == b)
                throw malformed(lineNumber, "has '" + item + "', expected phone:start:end");
            const int phone = phoneClass(item.substr(0, a));
            if (phone < 0)
                throw malformed(lineNumber,
                                "names the phone '" + item.substr(0, a) + "', which is not in the phone set");
            TimedPhone v{phone, 0.0, 0.0};
            try {
                v.start = std::stod(item.substr(a + 1, b - a - 1));
                v.end = std::stod(item.substr(b + 1));
            } catch (const std::exception&) {
                throw malformed(lineNumber, "has '" + item + "', whose times are not numbers");
            }
            if (!(v.start >= 0 && v.end >= v.start && v.end < 1e6))
                throw malformed(lineNumber, "has '" + item + "', whose times are not 0 <= start <= end");
            if (!intervals.empty() && v.start < intervals.back().start)
                throw malformed(lineNumber, "has '" + item + "', which starts before the phone before it");
            intervals.push_back(v);
        }
        phones[it->second] = std::move(intervals);
    }
    return phones;
}

std::vector<std::vector<int>> corpusTokenPhones(const CorpusSplit& split, const std::vector<FrameIndex>& tokens,
                                                double tokenSeconds)
{
    if (tokens.size() != split.utterances.size())
        throw ArgumentError("corpusTokenPhones: " + std::to_string(tokens.size()) + " token counts for " +
                            std::to_string(split.utterances.size()) + " utterances");
    const auto phones = corpusPhones(split);
    std::vector<std::vector<int>> labels(split.utterances.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        auto& out = labels[i];
        out.assign(std::size_t(std::max<FrameIndex>(tokens[i], 0)), -1);
        const auto& intervals = phones[i];
        std::size_t j = 0;
        for (std::size_t t = 0; t < out.size(); ++t) {
            const double centre = (double(t) + 0.5) * tokenSeconds;
            while (j < intervals.size() && intervals[j].end <= centre)
                ++j;
            if (j == intervals.size())
                break;
            if (intervals[j].start <= centre)
                out[t] = intervals[j].phone;
        }
    }
    return labels;
}

} // namespace talker
