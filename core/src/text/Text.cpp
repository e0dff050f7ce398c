// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Text.h"

#include "talker/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace talker {

const std::vector<std::string>& phoneInventory()
{
    static const std::vector<std::string> phones = {"aa", "ae", "ah", "ao", "aw", "ay", "b",  "ch", "d",  "dh",
                                                    "eh", "er", "ey", "f",  "g",  "hh", "ih", "iy", "jh", "k",
                                                    "l",  "m",  "n",  "ng", "ow", "oy", "p",  "r",  "s",  "sh",
                                                    "t",  "th", "uh", "uw", "v",  "w",  "y",  "z",  "zh", "sil"};
    return phones;
}

int phoneClass(const std::string& name)
{
    static const std::map<std::string, int> index = [] {
        std::map<std::string, int> m;
        for (std::size_t p = 0; p < phoneInventory().size(); ++p)
            m[phoneInventory()[p]] = int(p);
        return m;
    }();
    const auto it = index.find(name);
    return it == index.end() ? -1 : it->second;
}

FrameIndex textFrames(const std::vector<TimedPhone>& phones, double tokenSeconds)
{
    if (phones.empty() || !(tokenSeconds > 0))
        return 0;
    // A hair of tolerance: an end of exactly k tokens (to the millisecond the notation keeps) is k.
    return FrameIndex(std::ceil(phones.back().end / tokenSeconds - 1e-6));
}

std::vector<std::int32_t> textColumns(const TextConfig& text, const std::vector<TimedPhone>& phones, FrameIndex frames,
                                      double tokenSeconds, int voice)
{
    if (!text.enabled())
        throw ArgumentError("the Talker has no text conditioning");
    if (text.phoneSlots != TextPhoneSlots || text.phones != phoneInventory())
        throw ArgumentError("the Talker's text conditioning (" + std::to_string(text.phoneSlots) + " phone slots, " +
                            std::to_string(text.phones.size()) + " phones) is not this version's (" +
                            std::to_string(TextPhoneSlots) + " slots over the " +
                            std::to_string(phoneInventory().size()) + " phones of the corpus alignments)");
    if (voice < 0 || voice >= int(text.voices.size()))
        throw ArgumentError("voice index " + std::to_string(voice) + " is outside the Talker's " +
                            std::to_string(text.voices.size()) + " voices");
    const int C = text.columns(), none = text.noPhone();
    std::vector<std::int32_t> out(std::size_t(std::max<FrameIndex>(frames, 0)) * std::size_t(C), none);
    std::size_t centreIndex = 0, onsetIndex = 0;
    for (FrameIndex t = 0; t < frames; ++t) {
        std::int32_t* row = out.data() + std::size_t(t) * std::size_t(C);
        const double begin = double(t) * tokenSeconds, end = double(t + 1) * tokenSeconds;
        const double centre = (double(t) + 0.5) * tokenSeconds;
        // Slot 0: the phone spoken at the frame's centre (none past the last phone).
        while (centreIndex < phones.size() && phones[centreIndex].end <= centre)
            ++centreIndex;
        if (centreIndex < phones.size() && phones[centreIndex].start <= centre)
            row[0] = phones[centreIndex].phone;
        // Slots 1-3: phones that begin inside the frame; 4-5: the next two that begin after it.
        while (onsetIndex < phones.size() && phones[onsetIndex].start < begin)
            ++onsetIndex;
        std::size_t j = onsetIndex;
        for (int s = 1; s <= 3 && j < phones.size() && phones[j].start < end; ++s, ++j)
            row[s] = phones[j].phone;
        while (j < phones.size() && phones[j].start < end)
            ++j; // a fourth phone beginning in one 80 ms frame: only its centre slot can hold it
        for (int s = 4; s <= 5 && j < phones.size(); ++s, ++j)
            row[s] = phones[j].phone;
        row[TextPhoneSlots] = voice;
    }
    return out;
}

std::string phonesText(const std::vector<TimedPhone>& phones)
{
    std::string out;
    char buffer[64];
    for (const auto& p : phones) {
        std::snprintf(buffer, sizeof buffer, "%s:%.3f:%.3f", phoneInventory().at(std::size_t(p.phone)).c_str(), p.start,
                      p.end);
        if (!out.empty())
            out += ' ';
        out += buffer;
    }
    return out;
}

std::string frontEndVoiceFor(const std::string& talkerVoice)
{
    const std::string prefix = "flite_";
    if (talkerVoice.rfind(prefix, 0) == 0) {
        const std::string voice = talkerVoice.substr(prefix.size());
        const auto& voices = frontEndVoices();
        if (std::find(voices.begin(), voices.end(), voice) != voices.end())
            return voice;
    }
    return "kal16";
}

} // namespace talker
