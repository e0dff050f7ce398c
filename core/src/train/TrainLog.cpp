// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/TrainLog.h"

#include "talker/FileWrite.h"
#include "talker/Config.h"
#include "talker/Error.h"
#include "talker/Json.h"

#include <climits>
#include <cmath>
#include <fstream>
#include <numeric>

namespace talker {

namespace fs = std::filesystem;

namespace {

bool isFiniteNumber(const nlohmann::json& value)
{
    return value.is_number() && std::isfinite(value.get<double>());
}

/// A list of one finite number per codebook, or why not.
std::vector<double> lossesByCodebook(const nlohmann::json& value, const char* key, const std::string& where)
{
    if (!value.is_array() || value.empty() || value.size() > std::size_t(MaxCodebooks))
        throw FileError(where + ": \"" + key + "\" is not a list of 1 to " + std::to_string(MaxCodebooks) +
                        " numbers (one loss per codebook)");
    std::vector<double> out;
    out.reserve(value.size());
    for (const nlohmann::json& v : value) {
        if (!isFiniteNumber(v))
            throw FileError(where + ": \"" + key + "\" holds " + v.dump() + ", not a finite number");
        out.push_back(v.get<double>());
    }
    return out;
}

TrainProgress stepOf(const nlohmann::json& line, const std::string& where)
{
    if (!line.is_object())
        throw FileError(where + ": not a training step (a JSON object with step, train_loss, train_loss_by_codebook)");
    const auto number = [&](const char* key, bool required) -> std::optional<double> {
        if (!line.contains(key)) {
            if (required)
                throw FileError(where + ": \"" + key + "\" is missing");
            return std::nullopt;
        }
        if (!isFiniteNumber(line[key]))
            throw FileError(where + ": \"" + key + "\" is " + line[key].dump() + ", not a finite number");
        return line[key].get<double>();
    };
    const auto whole = [&](const char* key, bool required, std::int64_t low) -> std::optional<int> {
        if (!line.contains(key)) {
            if (required)
                throw FileError(where + ": \"" + key + "\" is missing");
            return std::nullopt;
        }
        const nlohmann::json& v = line[key];
        if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT_MAX)) ||
            v.get<std::int64_t>() < low || v.get<std::int64_t>() > INT_MAX)
            throw FileError(where + ": \"" + key + "\" is " + v.dump() + ", not a whole number from " +
                            std::to_string(low) + " to " + std::to_string(INT_MAX));
        return int(v.get<std::int64_t>());
    };
    TrainProgress p;
    p.step = *whole("step", true, 1);
    p.trainLoss = *number("train_loss", true);
    if (!line.contains("train_loss_by_codebook"))
        throw FileError(where + ": \"train_loss_by_codebook\" is missing");
    p.trainLossByCodebook = lossesByCodebook(line["train_loss_by_codebook"], "train_loss_by_codebook", where);
    p.learningRate = number("lr", false).value_or(0.0);
    p.elapsedS = number("elapsed_s", false).value_or(0.0);
    if (p.elapsedS < 0)
        throw FileError(where + ": \"elapsed_s\" is negative");
    p.worldSize = whole("world_size", false, 1).value_or(1);
    if (line.contains("valid_loss_by_codebook")) {
        p.validLossByCodebook = lossesByCodebook(line["valid_loss_by_codebook"], "valid_loss_by_codebook", where);
        if (p.validLossByCodebook->size() != p.trainLossByCodebook.size())
            throw FileError(where + ": " + std::to_string(p.validLossByCodebook->size()) + " validation losses for " +
                            std::to_string(p.trainLossByCodebook.size()) + " codebooks");
    }
    return p;
}

} // namespace

std::string trainLogLine(const TrainProgress& p)
{
    nlohmann::json line = {{"step", p.step},
                           {"lr", p.learningRate},
                           {"train_loss", p.trainLoss},
                           {"train_loss_by_codebook", p.trainLossByCodebook},
                           {"elapsed_s", p.elapsedS},
                           {"world_size", p.worldSize}};
    if (p.validLossByCodebook) {
        line["valid_loss_by_codebook"] = *p.validLossByCodebook;
        line["valid_loss"] = std::accumulate(p.validLossByCodebook->begin(), p.validLossByCodebook->end(), 0.0);
    }
    return line.dump();
}

std::vector<TrainProgress> readTrainLog(const fs::path& path)
{
    const std::string name = "cannot read the loss log '" + path.string() + "'";
    std::string text;
    try {
        text = readJsonFile(path);
    } catch (const JsonTextError& e) {
        throw FileError(name + ": " + e.what());
    }
    std::vector<TrainProgress> steps;
    std::size_t begin = 0;
    for (int lineNumber = 1; begin < text.size(); ++lineNumber) {
        const std::size_t end = text.find('\n', begin);
        const bool complete = end != std::string::npos;
        const std::string_view line(text.data() + begin, (complete ? end : text.size()) - begin);
        begin = complete ? end + 1 : text.size();
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        const std::string where = name + ", line " + std::to_string(lineNumber);
        nlohmann::json json;
        try {
            json = parseJson(line);
        } catch (const JsonTextError& e) {
            if (!complete)
                break; // the line a running training is writing
            throw FileError(where + ": " + e.what());
        }
        TrainProgress p = stepOf(json, where);
        if (!steps.empty()) {
            if (p.trainLossByCodebook.size() != steps.front().trainLossByCodebook.size())
                throw FileError(where + ": " + std::to_string(p.trainLossByCodebook.size()) +
                                " codebooks, but line 1 of the log has " +
                                std::to_string(steps.front().trainLossByCodebook.size()));
            if (p.step <= steps.back().step)
                throw FileError(where + ": step " + std::to_string(p.step) + " after step " +
                                std::to_string(steps.back().step) + " (steps must increase)");
        }
        steps.push_back(std::move(p));
    }
    if (steps.empty())
        throw FileError(name + ": it holds no training steps");
    return steps;
}

void truncateTrainLog(const fs::path& path, int step)
{
    std::ifstream in(path);
    if (!in)
        return;
    std::string kept, line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        try {
            const nlohmann::json entry = parseJson(line);
            if (!entry.is_object() || (entry.contains("step") && !entry["step"].is_number_integer()))
                break; // not a line we wrote: drop it and what follows
            if (entry.value("step", std::int64_t(0)) <= step)
                kept += line + "\n";
        } catch (const JsonTextError&) {
            break; // a line cut short by a crash: drop it and what follows
        }
    }
    in.close();
    writeFileAtomically(path, kept);
}

} // namespace talker
