// SPDX-License-Identifier: GPL-3.0-or-later
// Text conditioning: the phone set, timed phones, the per-frame text columns a text-conditioned
// Talker reads (docs/model.md "Text conditioning"), and the front end that turns text into timed
// phones (flite's library: its lexicon, letter-to-sound rules and duration models are the ones
// that timed the corpus's flite utterances, so generation sees phones timed as training did).
//
//   auto phones = talker::speakText("Hello there.", "kal16");         // timed phones, seconds
//   auto columns = talker::textColumns(config.talker.text, phones,
//                                      talker::textFrames(phones, 0.08), 0.08, voice);
//
// No LibTorch, no Qt. Thread safety: speakText() may be called from any thread (one flite call at
// a time behind a lock); the rest are pure functions.
#pragma once

#include "talker/Config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace talker {

/// The phone set of DATA/alignments.tsv (scripts/make-dataset): the 39 ARPAbet phones in lower case
/// without stress, then "sil" for pauses. A phone's index in this list is its class.
const std::vector<std::string>& phoneInventory();
/// The class of `name` in phoneInventory(), or -1.
int phoneClass(const std::string& name);

/// One phone of an utterance: its class in phoneInventory() and its span in seconds.
struct TimedPhone {
    int phone = 0;
    double start = 0.0;
    double end = 0.0;
};

/// Phone slots of this version's text conditioning (TextConfig::phoneSlots must equal it): per
/// frame, the phone at the frame's centre, the first three phones that begin inside it, and the
/// next two that begin after it.
constexpr int TextPhoneSlots = 6;

/// The frames (tokens of `tokenSeconds`) an utterance of these phones lasts: the end of its last
/// phone, rounded up.
FrameIndex textFrames(const std::vector<TimedPhone>& phones, double tokenSeconds);

/// The text columns of `frames` frames, (frames, text.columns()) row-major: per frame the
/// TextPhoneSlots phone slots (text.noPhone() where a slot is empty) and then `voice`. Frame t spans
/// [t, t + 1) * tokenSeconds. Throws ArgumentError when the configuration is not this version's
/// (phone set, slots) or `voice` is out of range.
std::vector<std::int32_t> textColumns(const TextConfig& text, const std::vector<TimedPhone>& phones, FrameIndex frames,
                                      double tokenSeconds, int voice);

/// The flite voices speakText() can time phones with.
const std::vector<std::string>& frontEndVoices();
/// The flite voice that times phones for a Talker voice: the same voice for the corpus's flite
/// voices ("flite_slt" -> "slt"), else "kal16".
std::string frontEndVoiceFor(const std::string& talkerVoice);

/// Text -> timed phones by flite with `fliteVoice` (one of frontEndVoices()). Pauses are "sil";
/// the leading and trailing pause are cut to at most `edgePauseSeconds`, as the corpus's silent
/// edges were. Throws ArgumentError for empty text, text with no speakable word, or an unknown
/// voice, naming it.
std::vector<TimedPhone> speakText(const std::string& text, const std::string& fliteVoice,
                                  double edgePauseSeconds = 0.2);

/// "phone:start:end ..." (seconds, 3 decimals), the alignments.tsv notation.
std::string phonesText(const std::vector<TimedPhone>& phones);

} // namespace talker
