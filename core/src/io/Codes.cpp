// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Codes.h"

#include "talker/Error.h"
#include "talker/FileWrite.h"
#include "talker/Json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace talker {

namespace {

constexpr const char* CodesFormat = "talker-codes";
constexpr int CodesVersion = 1;

[[noreturn]] void throwCodesError(const std::filesystem::path& path, const std::string& why)
{
    throw FileError("cannot read codes file '" + path.string() + "': " + why);
}

std::string readWholeFile(const std::filesystem::path& path)
{
    try {
        return readJsonFile(path); // the same size limit for CSV as for JSON
    } catch (const JsonTextError& e) {
        throwCodesError(path, e.what());
    }
}

void checkFrameCount(const std::filesystem::path& path, std::size_t frames)
{
    if (frames > std::size_t(MaxCodeFrames))
        throwCodesError(path, "it holds more than " + std::to_string(MaxCodeFrames) +
                                  " frames, the most this program reads (22 hours at 12.5 Hz)");
}

// Shortest decimal text that reads back as the same float (std::to_chars round-trip guarantee).
void appendNumber(std::string& out, float value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void appendNumber(std::string& out, double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void checkCodesForWriting(const std::filesystem::path& path, const Codes& codes, int codebookSize)
{
    const auto refuse = [&](const std::string& why) {
        throw ArgumentError("cannot write codes file '" + path.string() + "': " + why);
    };
    if (codes.codebooks <= 0)
        refuse("the codes have " + std::to_string(codes.codebooks) + " codebooks");
    if (codes.values.size() % std::size_t(codes.codebooks) != 0)
        refuse(std::to_string(codes.values.size()) + " values do not fill rows of " + std::to_string(codes.codebooks) +
               " codebooks");
    for (std::size_t i = 0; i < codes.values.size(); ++i)
        if (codes.values[i] < 0 || (codebookSize > 0 && codes.values[i] >= codebookSize))
            refuse("code " + std::to_string(codes.values[i]) + " at frame " +
                   std::to_string(i / std::size_t(codes.codebooks)) + " is outside [0, " +
                   (codebookSize > 0 ? std::to_string(codebookSize) : std::string("inf")) + ")");
}

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        fields.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos)
            return fields;
        start = comma + 1;
    }
}

bool parseInteger(const std::string& text, std::int64_t& value)
{
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size() && !text.empty();
}

} // namespace

Codes Codes::head(FrameIndex n) const
{
    const FrameIndex kept = std::clamp<FrameIndex>(n, 0, frames());
    Codes result;
    result.codebooks = codebooks;
    result.values.assign(values.begin(), values.begin() + kept * codebooks);
    return result;
}

void writeCodesJson(const std::filesystem::path& path, const Codes& codes, const ModelConfig& config)
{
    checkCodesForWriting(path, codes, config.codec.codebookSize);
    if (codes.codebooks != config.codec.codebooks)
        throw ArgumentError("cannot write codes file '" + path.string() + "': the codes have " +
                            std::to_string(codes.codebooks) + " codebooks but bundle '" + config.name + "' has " +
                            std::to_string(config.codec.codebooks));

    const nlohmann::json header = {{"format", CodesFormat},
                                   {"version", CodesVersion},
                                   {"bundle", config.name},
                                   {"codebooks", codes.codebooks},
                                   {"codebook_size", config.codec.codebookSize},
                                   {"frame_rate_hz", config.frameRateHz()}};
    // The header through nlohmann (escaping), then the codes by hand: one frame per line, which
    // keeps a take readable and diffable (nlohmann's pretty printer puts every number on a line).
    std::string text = header.dump();
    text.pop_back(); // the closing brace
    text += ",\"codes\":[";
    for (FrameIndex t = 0; t < codes.frames(); ++t) {
        text += t ? ",\n  [" : "\n  [";
        for (int k = 0; k < codes.codebooks; ++k) {
            if (k)
                text += ',';
            text += std::to_string(codes.at(t, k));
        }
        text += ']';
    }
    text += codes.frames() ? "\n]}\n" : "]}\n";
    writeFileAtomically(path, text);
}

Codes readCodesJson(const std::filesystem::path& path)
{
    const std::string text = readWholeFile(path);
    nlohmann::json json;
    try {
        json = parseJson(text);
    } catch (const JsonTextError& error) {
        throwCodesError(path, error.what());
    }
    if (!json.is_object())
        throwCodesError(path, "not a JSON object");
    if (!json.contains("format") || json["format"] != CodesFormat)
        throwCodesError(path, std::string("\"format\" is not \"") + CodesFormat + "\"");
    if (!json.contains("version") || json["version"] != CodesVersion)
        throwCodesError(path, "unsupported \"version\" " +
                                  (json.contains("version") ? json["version"].dump() : "(missing)") +
                                  ", this build reads version " + std::to_string(CodesVersion));
    // Integers in range, compared before any narrowing: 4294967298 must not read as 2.
    const std::pair<const char*, std::int64_t> limits[] = {{"codebooks", MaxCodebooks},
                                                           {"codebook_size", MaxCodebookSize}};
    for (const auto& [key, most] : limits) {
        if (!json.contains(key) || !json[key].is_number_integer())
            throwCodesError(path, std::string("missing or invalid \"") + key + "\" (an integer in 1.." +
                                      std::to_string(most) + ")");
        const nlohmann::json& value = json[key];
        // nlohmann reads every non-negative integer as unsigned: 0 is an unsigned value too.
        if (value.is_number_unsigned()
                ? value.get<std::uint64_t>() < 1 || value.get<std::uint64_t>() > std::uint64_t(most)
                : value.get<std::int64_t>() < 1 || value.get<std::int64_t>() > most)
            throwCodesError(path,
                            std::string("\"") + key + "\" " + value.dump() + " is outside 1.." + std::to_string(most));
    }
    if (!json.contains("codes"))
        throwCodesError(path, "missing \"codes\"");
    const nlohmann::json& rows = json["codes"];
    if (!rows.is_array())
        throwCodesError(path, "\"codes\" is not an array of frames");
    checkFrameCount(path, rows.size());

    Codes codes;
    codes.codebooks = json["codebooks"].get<int>();
    const std::int64_t codebookSize = json["codebook_size"].get<std::int64_t>();
    codes.values.reserve(rows.size() * std::size_t(codes.codebooks));
    for (std::size_t t = 0; t < rows.size(); ++t) {
        const nlohmann::json& row = rows[t];
        if (!row.is_array() || row.size() != std::size_t(codes.codebooks))
            throwCodesError(path, "frame " + std::to_string(t) + " has " +
                                      (row.is_array() ? std::to_string(row.size()) : std::string("no list of")) +
                                      " codes, expected " + std::to_string(codes.codebooks));
        for (std::size_t k = 0; k < row.size(); ++k) {
            if (!row[k].is_number_integer())
                throwCodesError(path, "frame " + std::to_string(t) + ", codebook " + std::to_string(k) + ": " +
                                          row[k].dump() + " is not an integer");
            // Compared as the JSON number it is: 2^64 - 1 must not read as -1.
            const bool inRange = row[k].is_number_unsigned()
                                     ? row[k].get<std::uint64_t>() < std::uint64_t(codebookSize)
                                     : row[k].get<std::int64_t>() >= 0 && row[k].get<std::int64_t>() < codebookSize;
            const std::int64_t code = row[k].get<std::int64_t>();
            if (!inRange)
                throwCodesError(path, "code " + row[k].dump() + " at frame " + std::to_string(t) + ", codebook " +
                                          std::to_string(k) + " is outside [0, " + std::to_string(codebookSize) + ")");
            codes.values.push_back(std::int32_t(code));
        }
    }
    return codes;
}

void writeCodesCsv(const std::filesystem::path& path, const Codes& codes, double frameRateHz)
{
    if (!(frameRateHz > 0))
        throw ArgumentError("cannot write codes file '" + path.string() + "': frame rate " +
                            std::to_string(frameRateHz) + " Hz is not positive");
    checkCodesForWriting(path, codes, /*codebookSize=*/0);

    std::string text = "frame,time_s";
    for (int k = 0; k < codes.codebooks; ++k)
        text += ",cb" + std::to_string(k);
    text += '\n';
    for (FrameIndex t = 0; t < codes.frames(); ++t) {
        text += std::to_string(t);
        text += ',';
        appendNumber(text, double(t) / frameRateHz);
        for (int k = 0; k < codes.codebooks; ++k) {
            text += ',';
            text += std::to_string(codes.at(t, k));
        }
        text += '\n';
    }
    writeFileAtomically(path, text);
}

Codes readCodesCsv(const std::filesystem::path& path)
{
    std::istringstream stream(readWholeFile(path));
    std::string line;
    if (!std::getline(stream, line))
        throwCodesError(path, "the file is empty (expected a header \"frame,time_s,cb0,...\")");
    const std::vector<std::string> header = splitCsvLine(line);
    if (header.size() < 3 || header[0] != "frame" || header[1] != "time_s")
        throwCodesError(path, "line 1: the header \"" + line + "\" does not start with \"frame,time_s,cb0\"");
    if (header.size() - 2 > std::size_t(MaxCodebooks))
        throwCodesError(path, "line 1: " + std::to_string(header.size() - 2) + " codebooks, more than " +
                                  std::to_string(MaxCodebooks));
    Codes codes;
    codes.codebooks = int(header.size()) - 2;
    for (int k = 0; k < codes.codebooks; ++k)
        if (header[std::size_t(k) + 2] != "cb" + std::to_string(k))
            throwCodesError(path, "line 1: column " + std::to_string(k + 3) + " is \"" + header[std::size_t(k) + 2] +
                                      "\", expected \"cb" + std::to_string(k) + "\"");

    int lineNumber = 1;
    while (std::getline(stream, line)) {
        ++lineNumber;
        if (line.empty())
            continue; // a trailing newline
        checkFrameCount(path, std::size_t(codes.frames()) + 1);
        const std::vector<std::string> fields = splitCsvLine(line);
        const std::string where = "line " + std::to_string(lineNumber) + ": ";
        if (fields.size() != header.size())
            throwCodesError(path, where + std::to_string(fields.size()) + " fields, expected " +
                                      std::to_string(header.size()));
        std::int64_t frame = 0;
        if (!parseInteger(fields[0], frame) || frame != codes.frames())
            throwCodesError(path, where + "frame \"" + fields[0] + "\", expected " + std::to_string(codes.frames()));
        for (int k = 0; k < codes.codebooks; ++k) {
            std::int64_t code = 0;
            const std::string& field = fields[std::size_t(k) + 2];
            if (!parseInteger(field, code) || code < 0 || code > INT32_MAX)
                throwCodesError(path,
                                where + "cb" + std::to_string(k) + " \"" + field + "\" is not a non-negative integer");
            codes.values.push_back(std::int32_t(code));
        }
    }
    return codes;
}

void writeMelCsv(const std::filesystem::path& path, const Mel& mel)
{
    if (mel.bins <= 0 || mel.values.size() % std::size_t(mel.bins) != 0)
        throw ArgumentError("cannot write mel file '" + path.string() + "': " + std::to_string(mel.values.size()) +
                            " values do not fill rows of " + std::to_string(mel.bins) + " bins");
    std::string text;
    text.reserve(mel.values.size() * 10);
    for (FrameIndex t = 0; t < mel.frames(); ++t) {
        const float* row = mel.frame(t);
        for (int b = 0; b < mel.bins; ++b) {
            if (b)
                text += ',';
            appendNumber(text, row[b]);
        }
        text += '\n';
    }
    writeFileAtomically(path, text);
}

} // namespace talker
