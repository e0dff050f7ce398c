// SPDX-License-Identifier: GPL-3.0-or-later
// The `talker` command line: one function per subcommand registers it on the app.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

namespace talker::cli {

void addInfoCommand(CLI::App& app);
void addInitCommand(CLI::App& app);
void addGenerateCommand(CLI::App& app);
void addEncodeCommand(CLI::App& app);
void addDecodeCommand(CLI::App& app);
void addRoundtripCommand(CLI::App& app);
void addReplayCommand(CLI::App& app);
void addMelCommand(CLI::App& app);
void addMakeCorpusCommand(CLI::App& app);
void addTrainCodecCommand(CLI::App& app);
void addTrainCommand(CLI::App& app);
void addEvalCommand(CLI::App& app);
void addSayCommand(CLI::App& app);

/// Adds `--bundle DIR` (default: the shipped `chapter` bundle) to a subcommand.
CLI::Option* addBundleOption(CLI::App& command, std::string& bundle);
/// The bundle path the user gave, or the default bundle's.
std::filesystem::path bundlePathOrDefault(const std::string& bundle);
/// Checks a --seed: digits that fit 64 bits (CLI11 alone reads "-1" as 2^64 - 1 and clamps 2^70).
CLI::Validator seedValidator();
/// Progress line on stderr ("generating: 50/200 frames").
void progress(const std::string& what, long done, long total);

} // namespace talker::cli
