// SPDX-License-Identifier: GPL-3.0-or-later
#include "Recogniser.h"

#include "talker/Error.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace talker {

Recogniser::Recogniser(std::string program) : m_program(std::move(program)) {}

std::string Recogniser::transcribe(const std::filesystem::path& wav) const
{
    const auto fail = [&](const std::string& why) -> std::string {
        throw Error("recogniser '" + m_program + "' on '" + wav.string() + "': " + why);
    };
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        fail(std::string("cannot make a pipe: ") + std::strerror(errno));
    // The child: stdout to the pipe's write end, stderr to /dev/null; the pipe's own descriptors
    // are close-on-exec.
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string file = wav.string();
    std::vector<std::string> words = {m_program, "-infile", file, "-logfn", "/dev/null"};
    std::vector<char*> argv;
    for (auto& word : words)
        argv.push_back(word.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, m_program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        fail(std::string("cannot start it: ") + std::strerror(spawned) +
             "; is pocketsphinx installed (scripts/setup)?");
    }
    std::string transcript;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n > 0) {
            transcript.append(buffer, std::size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // end of output (or a read error: the exit status tells)
    }
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            fail(std::string("cannot wait for it: ") + std::strerror(errno));
    if (WIFSIGNALED(status))
        fail("ended by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")");
    if (WEXITSTATUS(status) != 0)
        fail("exit status " + std::to_string(WEXITSTATUS(status)) + "; is pocketsphinx installed (scripts/setup)?");
    return transcript;
}

} // namespace talker
