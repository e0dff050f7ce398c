// SPDX-License-Identifier: GPL-3.0-or-later
// Private to the MainWindow*.cpp files: constants and small helpers they share.
#pragma once

#include <QString>

#include <exception>
#include <filesystem>

namespace talker::ui {

inline constexpr int PlayheadIntervalMs = 30;  // ~33 Hz: smooth enough for a moving line
inline constexpr int ScrollUnitsPerFrame = 10; // the scroll bar moves in tenths of a frame
inline constexpr int StatusMessageMs = 8000;
inline constexpr double MinExportScale = 0.25; // PNG export: a thumbnail ...
inline constexpr double MaxExportScale = 8.0;  // ... to poster size (a 1000 px view: 8000 px)

inline QString toQString(const std::exception& e)
{
    return QString::fromStdString(e.what());
}
inline std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(path.toStdString());
}

} // namespace talker::ui
