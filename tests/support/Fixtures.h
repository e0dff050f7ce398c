// SPDX-License-Identifier: GPL-3.0-or-later
// Fixtures shared by the test programs (header-only: each test is its own executable).
#pragma once

#include "talker/Audio.h"
#include "talker/Config.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace talker::test {

/// A model scaled down so that a training step takes milliseconds: codebooks of 16 entries, a
/// latent of 8, one layer of d_model 32.
inline ModelConfig tinyConfig()
{
    ModelConfig c = ModelConfig::chapter();
    c.name = "tiny";
    c.codec.codebookSize = 16;
    c.codec.latentDim = 8;
    c.talker.codebookSize = 16;
    c.talker.dModel = 32;
    c.talker.layers = 1;
    c.talker.queryHeads = 2;
    c.talker.kvHeads = 1;
    c.talker.headDim = 16;
    c.talker.ffnHidden = 64;
    c.talker.maxFrames = 256;
    return c;
}

/// A synthetic corpus in `dir` (train.tsv, valid.tsv, wavs/): two "voices", each utterance 30
/// tokens of 80 ms tones cycling through four pitches (the voice sets the base pitch), so the next
/// token is predictable from the last ones. 12 training utterances (360 tokens: enough for a
/// codebook of 128 entries) and 4 validation utterances.
inline void writeToneCorpus(const std::filesystem::path& dir)
{
    std::filesystem::create_directories(dir / "wavs");
    const int rate = 16000, tokenSamples = 1280, tokens = 30;
    for (const std::string split : {"train", "valid"}) {
        std::ofstream list(dir / (split + ".tsv"));
        list << "path\tvoice\tduration_s\tsha256\ttext\n";
        for (int voice = 0; voice < 2; ++voice)
            for (int u = 0; u < (split == "train" ? 6 : 2); ++u) {
                std::vector<float> samples(std::size_t(tokens * tokenSamples));
                for (std::size_t i = 0; i < samples.size(); ++i) {
                    const int token = int(i / std::size_t(tokenSamples));
                    const double hz = (voice ? 300.0 : 180.0) * (1.0 + 0.25 * ((token + u) % 4));
                    samples[i] = float(0.3 * std::sin(2 * M_PI * hz * double(i) / rate));
                }
                const std::string name = split + "-" + std::to_string(voice) + "-" + std::to_string(u) + ".wav";
                writeWav(dir / "wavs" / name, samples, rate);
                list << "wavs/" << name << "\tvoice_" << voice << "\t" << double(samples.size()) / rate
                     << "\t-\tla la la\n";
            }
    }
}

/// Keeps the studio's settings (and anything in the standard locations) of a GUI test inside
/// `dir`, away from the user's own.
inline void isolateStudioSettings(const QString& dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Talker Studio Tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir + QStringLiteral("/settings"));
}

} // namespace talker::test
