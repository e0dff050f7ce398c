// SPDX-License-Identifier: GPL-3.0-or-later
// Writing a file so that what the user named is never left half-written or replaced by something
// else: the engine's writers (WAV, codes, take files, bundles, checkpoints, logs) and the studio's
// PNG export all go through writeFileAtomically.
//
// Thread safety: a free function without shared state; two threads writing the same path at once
// each leave a whole file, the later rename wins.
#pragma once

#include <filesystem>
#include <string>

namespace talker {

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so an existing
/// file is never left half-written. A symlink is written through (its target replaced), a FIFO or
/// character device written to in place; a replaced file keeps its permissions without setuid,
/// setgid or sticky bits. Temporary files of `path` that a killed write left (unlocked, over a
/// minute old) are removed first. Throws FileError naming the path and the OS's reason.
void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes);

} // namespace talker
