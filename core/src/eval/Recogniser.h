// SPDX-License-Identifier: GPL-3.0-or-later
// The speech recogniser that `talker eval` scores takes with: pocketsphinx_continuous (or the
// program TALKER's --recogniser names), run on a 16 kHz mono WAV, its transcript read from its
// standard output. Private to core.
//
//   Recogniser recogniser("pocketsphinx_continuous");
//   std::string words = recogniser.transcribe("take.wav");
//
// The program is started directly (posix_spawnp: found on PATH, its arguments passed as they are,
// no shell), so a path with spaces or quotes is one argument and nothing in it is interpreted.
// Thread safety: transcribe() may be called from several threads at once.
#pragma once

#include <filesystem>
#include <string>

namespace talker {

class Recogniser {
  public:
    explicit Recogniser(std::string program);

    /// The transcript of `wav` (the program's standard output; its standard error and log are
    /// discarded). Throws Error naming the program and the file when it cannot be started, ends
    /// with a non-zero status or is ended by a signal.
    std::string transcribe(const std::filesystem::path& wav) const;

    const std::string& program() const { return m_program; }

  private:
    std::string m_program;
};

} // namespace talker
