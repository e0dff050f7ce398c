// Fixtures shared by the test programs (header-only: each test is its own executable).
#pragma once

#include "talker/Config.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

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

/// Keeps the studio's settings (and anything in the standard locations) of a GUI test inside
/// `dir`, away from the user's own.
inline void isolateStudioSettings(const QString& dir)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("Talker Studio Tests"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir + QStringLiteral("/settings"));
}

} // namespace talker::test
