// SPDX-License-Identifier: GPL-3.0-or-later
// The file size limit of the calling process (RLIMIT_FSIZE), lifted again when it goes out of
// scope: a write past it fails with EFBIG, as a full disk refuses every block, and SIGXFSZ is
// ignored meanwhile so that the write fails instead of ending the process. Header-only, for the
// write-failure tests (issue 14).
#pragma once

#include <csignal>

#include <sys/resource.h>

namespace talker::test {

class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool ok() const { return m_ok; }

  private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace talker::test
