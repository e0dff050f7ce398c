// SPDX-License-Identifier: GPL-3.0-or-later
#include "AudioFiles.h"

#include "talker/Audio.h"

#include <QFile>
#include <QUrl>

namespace talker::ui {

QStringList audioNameFilters()
{
    QStringList patterns;
    for (const std::string& extension : audioFileExtensions())
        patterns << QStringLiteral("*.") + QString::fromStdString(extension);
    return patterns;
}

bool isAudioUrl(const QUrl& url)
{
    return url.isLocalFile() && hasAudioFileExtension(QFile::encodeName(url.toLocalFile()).toStdString());
}

} // namespace talker::ui
