// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Json.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

namespace talker {

nlohmann::json parseJson(std::string_view text)
{
    // The parser itself is iterative; the callback discards every value below the limit, so a
    // deep document is neither kept in memory nor handed to the recursive parts of nlohmann.
    bool tooDeep = false;
    const nlohmann::json::parser_callback_t limitDepth = [&](int depth, nlohmann::json::parse_event_t,
                                                             nlohmann::json&) {
        if (depth > MaxJsonDepth)
            tooDeep = true;
        return !tooDeep;
    };
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.begin(), text.end(), limitDepth);
    } catch (const nlohmann::json::exception& e) {
        // parse_error for syntax, and out_of_range for a number too large for a double (1e400):
        // the fuzzer found the second one escaping as a raw nlohmann exception.
        throw JsonTextError(std::string("not valid JSON (") + e.what() + ")");
    }
    if (tooDeep)
        throw JsonTextError("JSON nested deeper than " + std::to_string(MaxJsonDepth) +
                            " levels (the most this program reads)");
    return json;
}

std::string readJsonFile(const std::filesystem::path& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw JsonTextError(std::strerror(errno));
    // Read in blocks up to the limit, not by the size the file system reports: a device or a FIFO
    // has none, and /dev/zero never ends.
    std::string text;
    char block[1 << 16];
    while (stream.read(block, sizeof block) || stream.gcount() > 0) {
        text.append(block, std::size_t(stream.gcount()));
        if (text.size() > MaxJsonFileBytes)
            throw JsonTextError("the file is larger than the " + std::to_string(MaxJsonFileBytes) +
                                " bytes this program reads as JSON");
    }
    if (stream.bad())
        throw JsonTextError(std::strerror(errno));
    return text;
}

} // namespace talker
