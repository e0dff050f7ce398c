// SPDX-License-Identifier: GPL-3.0-or-later
// speakText(): flite's library (Debian flite1-dev) as the text front end. flite was chosen over
// espeak-ng because it timed the corpus: the flite utterances' alignments are `flite -psdur`, the
// same lexicon, letter-to-sound rules and duration models this calls, so the phones a user's text
// becomes are timed the way the Talker's training phones were.
#include "talker/Text.h"

#include "talker/Error.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_kal(const char* voxdir);
cst_voice* register_cmu_us_kal16(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_slt(const char* voxdir);
}

namespace talker {

namespace {

std::mutex& fliteLock()
{
    static std::mutex lock;
    return lock;
}

// flite's phone names -> the corpus's phone set, as scripts/dataset/make_dataset.py folds them.
int foldPhone(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    static const std::map<std::string, std::string> fold = {
        {"pau", "sil"}, {"h#", "sil"}, {"#", "sil"}, {"ssil", "sil"}, {"sp", "sil"}, {"brth", "sil"},
        {"ax", "ah"},   {"axr", "er"}, {"ix", "ih"}, {"ux", "uw"},    {"dx", "t"},   {"nx", "n"},
        {"el", "l"},    {"em", "m"},   {"en", "n"},  {"eng", "ng"},   {"hv", "hh"},  {"q", "t"}};
    if (const auto it = fold.find(name); it != fold.end())
        name = it->second;
    return phoneClass(name);
}

// The voices speakText() can time phones with, and how flite registers each.
struct FliteVoice {
    const char* name;
    cst_voice* (*registerVoice)(const char* voxdir);
};
constexpr FliteVoice FliteVoices[] = {{"kal", register_cmu_us_kal},
                                      {"kal16", register_cmu_us_kal16},
                                      {"awb", register_cmu_us_awb},
                                      {"rms", register_cmu_us_rms},
                                      {"slt", register_cmu_us_slt}};

cst_voice* voiceNamed(const std::string& name)
{
    // Called with fliteLock held. Each voice is registered once and kept for the process.
    static std::map<std::string, cst_voice*> voices;
    static bool initialised = false;
    if (!initialised) {
        flite_init();
        initialised = true;
    }
    if (const auto it = voices.find(name); it != voices.end())
        return it->second;
    for (const FliteVoice& v : FliteVoices)
        if (name == v.name)
            if (cst_voice* voice = v.registerVoice(nullptr)) {
                voices[name] = voice;
                return voice;
            }
    throw ArgumentError("unknown front-end voice '" + name + "': expected kal, kal16, awb, rms or slt");
}

} // namespace

const std::vector<std::string>& frontEndVoices()
{
    static const std::vector<std::string> voices = [] {
        std::vector<std::string> names;
        for (const FliteVoice& v : FliteVoices)
            names.emplace_back(v.name);
        return names;
    }();
    return voices;
}

std::vector<TimedPhone> speakText(const std::string& text, const std::string& fliteVoice, double edgePauseSeconds)
{
    if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }))
        throw ArgumentError("there is no text to speak: it is empty");
    if (text.size() > 100000)
        throw ArgumentError("the text is " + std::to_string(text.size()) +
                            " bytes long, more than the 100000 one call speaks; give it in shorter pieces");
    std::vector<TimedPhone> phones;
    {
        std::lock_guard<std::mutex> guard(fliteLock());
        cst_voice* voice = voiceNamed(fliteVoice);
        cst_utterance* utterance = flite_synth_text(text.c_str(), voice);
        if (!utterance)
            throw ArgumentError("flite could not speak the text '" + text.substr(0, 80) + "'");
        double previousEnd = 0.0;
        std::string unknown;
        for (cst_item* s = relation_head(utt_relation(utterance, "Segment")); s; s = item_next(s)) {
            const std::string name = item_feat_string(s, "name");
            const double end = std::max(previousEnd, double(item_feat_float(s, "end")));
            const int phone = foldPhone(name);
            if (phone < 0) {
                unknown = name;
                break;
            }
            if (!phones.empty() && phones.back().phone == phone && phone == phoneClass("sil"))
                phones.back().end = end; // two pauses in a row are one
            else
                phones.push_back({phone, previousEnd, end});
            previousEnd = end;
        }
        delete_utterance(utterance);
        if (!unknown.empty())
            throw ArgumentError("flite gave the phone '" + unknown + "', which is not in the Talker's phone set");
    }
    const int sil = phoneClass("sil");
    phones.erase(std::remove_if(phones.begin(), phones.end(), [](const TimedPhone& p) { return p.end <= p.start; }),
                 phones.end());
    if (std::none_of(phones.begin(), phones.end(), [sil](const TimedPhone& p) { return p.phone != sil; }))
        throw ArgumentError("the text '" + text.substr(0, 80) + "' has no word flite can speak");
    // The corpus's utterances were cut to at most 0.2 s of silence at either end.
    if (phones.front().phone == sil && phones.front().end - phones.front().start > edgePauseSeconds) {
        const double shift = phones.front().end - edgePauseSeconds;
        for (auto& p : phones) {
            p.start = std::max(0.0, p.start - shift);
            p.end -= shift;
        }
    }
    if (phones.back().phone == sil && phones.back().end - phones.back().start > edgePauseSeconds)
        phones.back().end = phones.back().start + edgePauseSeconds;
    return phones;
}

} // namespace talker
