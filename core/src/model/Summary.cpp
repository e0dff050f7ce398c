// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Summary.h"

#include <cmath>
#include <cstdio>

namespace talker {

namespace {

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The unit a key's suffix names (" s" for "wall_time_s"), or "".
std::string unitOf(const std::string& key)
{
    static const std::pair<const char*, const char*> units[] = {
        {"_ms", " ms"}, {"_s", " s"}, {"_hz", " Hz"}, {"_hours", " h"}};
    for (const auto& [suffix, unit] : units)
        if (endsWith(key, suffix))
            return unit;
    return {};
}

std::string number(const nlohmann::json& value)
{
    if (value.is_number_integer())
        return value.dump();
    return formatSignificant(value.get<double>());
}

// Word error rates as the model cards write them: one decimal of a percent.
std::string percentDigits(double fraction)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", 100.0 * fraction);
    return text;
}

std::string percent(double fraction)
{
    return percentDigits(fraction) + " %";
}

// {"wer": 0.643, "ci95": [0.608, 0.680], "words": 2439, "utterances": 240, ...} as one line.
bool isWordErrorEntry(const nlohmann::json& value)
{
    return value.is_object() && value.contains("wer") && value["wer"].is_number() && value.contains("ci95") &&
           value["ci95"].is_array() && value["ci95"].size() == 2 && value["ci95"][0].is_number() &&
           value["ci95"][1].is_number();
}

std::string wordErrorLine(const nlohmann::json& value)
{
    std::string line = percent(value["wer"].get<double>()) + " [" + percentDigits(value["ci95"][0].get<double>()) +
                       ", " + percentDigits(value["ci95"][1].get<double>()) + "]";
    if (value.contains("words") && value["words"].is_number_integer())
        line += ", " + value["words"].dump() + " words";
    if (value.contains("utterances") && value["utterances"].is_number_integer())
        line += ", " + value["utterances"].dump() + " utterances";
    return line;
}

std::string scalar(const std::string& key, const nlohmann::json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_boolean())
        return value.get<bool>() ? "yes" : "no";
    if (value.is_null())
        return "null";
    if (key == "wer")
        return percent(value.get<double>());
    return number(value) + unitOf(key);
}

std::string array(const std::string& key, const nlohmann::json& value)
{
    bool numbers = true, strings = true;
    for (const auto& item : value) {
        numbers = numbers && item.is_number();
        strings = strings && item.is_string();
    }
    if (value.empty())
        return "(none)";
    std::string line;
    if (numbers || strings) {
        for (const auto& item : value)
            line += (line.empty() ? "" : ", ") + (numbers ? number(item) : item.get<std::string>());
        return numbers ? line + unitOf(key) : line;
    }
    return std::to_string(value.size()) + " entries";
}

void addRows(const nlohmann::json& object, int depth, std::vector<SummaryRow>& rows)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        const nlohmann::json& value = it.value();
        if (isWordErrorEntry(value)) {
            rows.push_back({depth, key, wordErrorLine(value)});
        } else if (value.is_object()) {
            if (value.empty()) {
                rows.push_back({depth, key, "(none)"});
            } else {
                rows.push_back({depth, key, {}});
                addRows(value, depth + 1, rows);
            }
        } else if (value.is_array()) {
            rows.push_back({depth, key, array(key, value)});
        } else {
            rows.push_back({depth, key, scalar(key, value)});
        }
    }
}

} // namespace

std::string formatSignificant(double value, int digits)
{
    if (!std::isfinite(value))
        return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
    if (digits < 1)
        digits = 1;
    char text[64];
    // Whole numbers of `digits` or more digits: rounded to a whole number, never "1.38e+03".
    if (std::fabs(value) >= std::pow(10.0, digits - 1) - 0.5)
        std::snprintf(text, sizeof text, "%.0f", value);
    else
        std::snprintf(text, sizeof text, "%.*g", digits, value);
    return text;
}

std::vector<SummaryRow> summariseJson(const nlohmann::json& value)
{
    std::vector<SummaryRow> rows;
    if (value.is_object())
        addRows(value, 0, rows);
    else if (value.is_array())
        rows.push_back({0, {}, array({}, value)});
    else
        rows.push_back({0, {}, scalar({}, value)});
    return rows;
}

} // namespace talker
