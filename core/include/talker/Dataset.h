// SPDX-License-Identifier: GPL-3.0-or-later
// A training corpus on disk (made by scripts/make-dataset): DATA/{train,valid,eval}.tsv listing
// 16 kHz WAVs with voice and text, and DATA/cache/ where the log-mel and the codes of a split are
// stored once, so that every training run and evaluation reads them in seconds.
//
//   auto train = talker::readCorpusSplit("data/corpus", "train");
//   std::vector<talker::Mel> mels = talker::corpusLogMels(train, bundle.config.audio);   // cached
//   std::vector<talker::Codes> codes = talker::corpusCodes(train, bundle, mels);         // cached
//
// Cache files are keyed by a hash of everything they depend on (the file list and durations, the
// front end's settings, the codec's weights), so a changed codec never reads stale codes.
// Thread safety: free functions; two processes writing the same cache file each write a temporary
// file and rename it, so a reader never sees half a file.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Text.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace talker {

struct ModelBundle;

struct CorpusUtterance {
    std::filesystem::path audioPath; // absolute
    std::string voice;               // "flite_slt", "espeak_en-us+f2", ...
    double durationS = 0.0;
    std::string text;
};

struct CorpusSplit {
    std::filesystem::path directory; // DATA
    std::string name;                // "train", "valid", "eval"
    std::vector<CorpusUtterance> utterances;

    double hours() const;
};

/// Reads DATA/<split>.tsv (header: path, voice, duration_s, sha256, text). Throws FileError naming
/// the file and line when it is missing or malformed.
CorpusSplit readCorpusSplit(const std::filesystem::path& dataDir, const std::string& split);

/// The voice family of a voice name: the part before the first '_' ("flite", "festival", "espeak").
std::string voiceFamily(const std::string& voice);

/// Progress of a long corpus pass: (done, total) utterances.
using CorpusProgress = std::function<void(long, long)>;

/// What indexAudioFolder() wrote.
struct AudioFolderIndex {
    long trainFiles = 0;
    long validFiles = 0;
    double hours = 0.0;
    std::vector<std::string> voices; // in order of first appearance
};

/// Makes a corpus of a folder of recordings (for `talker make-corpus` and the studio's training
/// window): finds the WAV, FLAC and OGG files under DATA (any rate and channel count; DATA/cache is
/// skipped), in path order, and writes DATA/train.tsv and DATA/valid.tsv, every `validEvery`-th file
/// (and at least one) for validation. A file's voice is its first-level subfolder ("default" for
/// files directly in DATA), so that a training window never runs across two speakers; the text
/// column is empty and the checksum "-". Throws FileError naming DATA when it is not a folder,
/// already has a train.tsv or valid.tsv, or holds fewer than 2 audio files; AudioFileError naming a
/// file that cannot be read; ArgumentError when validEvery < 2. `progress` gets (files read, total).
AudioFolderIndex indexAudioFolder(const std::filesystem::path& dataDir, int validEvery = 10,
                                  const CorpusProgress& progress = {});

/// Log-mel of every utterance of a split, computed with `threads` workers the first time and read
/// from DATA/cache/mel-<split>-<hash>.bin afterwards. `cancel` set (by another thread) stops the
/// workers after the utterance in hand: CancelledError, and nothing is cached.
std::vector<Mel> corpusLogMels(const CorpusSplit& split, const AudioConfig& audio, int threads = 2,
                               const CorpusProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

/// Codes of every utterance (the bundle's codec applied to `mels`), cached in
/// DATA/cache/codes-<codec hash>-<split>.bin.
std::vector<Codes> corpusCodes(const CorpusSplit& split, const ModelBundle& bundle, const std::vector<Mel>& mels);

/// The timed phones of every utterance of `split`, from DATA/alignments.tsv ("path<TAB>phone:start:end
/// ..." per aligned utterance, times in seconds of the corpus WAV); empty for an utterance without
/// alignment (espeak voices, recordings) and for all when the file does not exist. Throws FileError
/// naming the file and line when it is malformed or names an unknown phone.
std::vector<std::vector<TimedPhone>> corpusPhones(const CorpusSplit& split);

/// The phone spoken at the centre of each token of every utterance of `split`, from
/// DATA/alignments.tsv ("path<TAB>phone:start:end ..." per aligned utterance, times in seconds of
/// the corpus WAV): tokens[i] tokens for utterance i, -1 where the utterance has no alignment
/// (espeak voices, recordings) or the token lies past its last phone. All -1 when the file does
/// not exist. Throws FileError naming the file and line when it is malformed or names an unknown phone.
std::vector<std::vector<int>> corpusTokenPhones(const CorpusSplit& split, const std::vector<FrameIndex>& tokens,
                                                double tokenSeconds);

} // namespace talker
