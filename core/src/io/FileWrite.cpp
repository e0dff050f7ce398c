// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/FileWrite.h"

#include "talker/Error.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace talker {

namespace {

// Writes every byte (a write may take fewer, or be interrupted by a signal); 0 when all are
// written, else the errno of the failed write.
int writeAll(int fd, std::string_view bytes)
{
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        written += std::size_t(n);
    }
    return 0;
}

// Writes to a FIFO or character device as it is. O_NONBLOCK on open: a FIFO nobody reads fails at
// once instead of waiting forever; the writes themselves block as usual.
void writeInPlace(const std::filesystem::path& path, const std::filesystem::path& target, const std::string& bytes)
{
    const auto fail = [&](const std::string& why) {
        throw FileError("cannot write file '" + path.string() + "': " + why);
    };
    const int fd = ::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        fail(errno == ENXIO ? std::string("no process is reading the FIFO") : std::strerror(errno));
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        const int errorNumber = errno;
        ::close(fd);
        fail(std::strerror(errorNumber));
    }
    if (const int errorNumber = writeAll(fd, bytes); errorNumber != 0) {
        ::close(fd);
        fail(std::strerror(errorNumber));
    }
    if (::close(fd) != 0)
        fail(std::strerror(errno));
}

// A writer holds an exclusive lock on its temporary file from creation to rename; the lock ends
// with the process. A temporary file of `name` that nobody locks and that is older than a minute
// (not one whose writer is between mkstemp and flock) was left by a killed write: removed, so they
// do not pile up beside the file.
constexpr auto StaleTemporaryAge = std::chrono::minutes(1);

void removeStaleTemporaries(const std::filesystem::path& directory, const std::string& name)
{
    const std::string prefix = "." + name + ".tmp-";
    std::error_code error;
    for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        const std::string entry = it->path().filename().string();
        if (entry.size() != prefix.size() + 6 || entry.compare(0, prefix.size(), prefix) != 0)
            continue;
        struct stat info {};
        if (::lstat(it->path().c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
            std::chrono::system_clock::now() - std::chrono::system_clock::from_time_t(info.st_mtime) <
                StaleTemporaryAge)
            continue;
        const int fd = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            ::unlink(it->path().c_str()); // best effort: a file we cannot remove stays
        ::close(fd);
    }
}

} // namespace

void writeFileAtomically(const std::filesystem::path& path, const std::string& bytes)
{
    const auto fail = [&](int errorNumber) {
        throw FileError("cannot write file '" + path.string() + "': " + std::strerror(errorNumber));
    };
    if (path.filename().empty())
        throw FileError("cannot write file '" + path.string() + "': the path names no file");

    // What the user named is written through, never replaced by the rename below: a symlink's
    // target is replaced and the link stays; a FIFO or a character device (/dev/null, a terminal)
    // is written to (as root, a rename replaced /dev/null for the whole machine).
    std::filesystem::path target = path;
    std::error_code error;
    for (int hops = 0; std::filesystem::is_symlink(target, error); ++hops) {
        if (hops == 40)
            fail(ELOOP);
        const std::filesystem::path link = std::filesystem::read_symlink(target, error);
        if (error)
            fail(error.value());
        target = link.is_absolute() ? link : target.parent_path() / link;
    }
    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (exists && (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode))) {
        writeInPlace(path, target, bytes);
        return;
    }
    if (exists && (S_ISBLK(existing.st_mode) || S_ISSOCK(existing.st_mode)))
        throw FileError("cannot write file '" + path.string() + "': it is a block device or a socket, not a file");

    // The temporary file lives in the target's directory so that rename() stays on one file
    // system and therefore replaces the target in one step: readers see the old or the new file.
    const std::filesystem::path directory = target.parent_path().empty() ? "." : target.parent_path();
    std::string temporary = (directory / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    removeStaleTemporaries(directory, target.filename().string());
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        fail(errno);
    ::flock(fd, LOCK_EX); // ours until the rename (removeStaleTemporaries leaves locked files alone)

    const auto abandon = [&](int errorNumber) {
        ::close(fd);
        ::unlink(temporary.c_str());
        fail(errorNumber);
    };
    // mkstemp creates the file 0600; give it the mode a newly created document gets
    // (rw-r--r--), or keep the permissions of the file it replaces, without setuid, setgid and
    // sticky bits (a document we write is no program).
    const mode_t mode = exists ? (existing.st_mode & 0777) : 0644;
    if (::fchmod(fd, mode) != 0)
        abandon(errno);

    if (const int errorNumber = writeAll(fd, bytes); errorNumber != 0)
        abandon(errorNumber);
    // Data on disk before the rename publishes it; otherwise a crash could leave an empty target.
    if (::fsync(fd) != 0)
        abandon(errno);
    if (::close(fd) != 0) {
        const int errorNumber = errno;
        ::unlink(temporary.c_str());
        fail(errorNumber);
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int errorNumber = errno;
        ::unlink(temporary.c_str());
        fail(errorNumber);
    }
}

} // namespace talker
