// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QUrl;

namespace talker::ui {

/// "*.wav", "*.flac", ...: name filters for the audio files core reads (talker/Audio.h lists
/// their extensions), for file dialogs and for listing a folder of recordings.
QStringList audioNameFilters();

/// True when the URL is a local file with one of those extensions (a drop the studio can open).
bool isAudioUrl(const QUrl& url);

} // namespace talker::ui
