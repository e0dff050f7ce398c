// SPDX-License-Identifier: GPL-3.0-or-later
#include "LocalWorkers.h"

#include "talker/Distributed.h"
#include "talker/Error.h"

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <thread>

extern char** environ;

namespace talker::cli {

namespace {

std::vector<std::string> g_commandLine;
volatile std::sig_atomic_t g_signal = 0;

void rememberSignal(int signal)
{
    g_signal = signal;
}

// A TCP port that nothing listens on now (the kernel's pick for port 0 on loopback). Another
// program could take it before rank 0 binds it; rank 0 then fails with "address already in use".
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        throw Error(std::string("cannot find a free port for --nproc: socket: ") + std::strerror(errno));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string why = std::strerror(errno);
        ::close(fd);
        throw Error("cannot find a free port for --nproc: " + why);
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string statusText(int status)
{
    if (WIFEXITED(status))
        return "exit status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return std::string("signal ") + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    return "status " + std::to_string(status);
}

bool isRendezvousVariable(const std::string& entry)
{
    for (const char* name : {"WORLD_SIZE=", "RANK=", "LOCAL_RANK=", "MASTER_ADDR=", "MASTER_PORT="})
        if (entry.rfind(name, 0) == 0)
            return true;
    return false;
}

} // namespace

void setCommandLine(int argc, char** argv)
{
    g_commandLine.assign(argv, argv + argc);
}

std::string rankPrefix()
{
    const char* size = std::getenv("WORLD_SIZE");
    const char* rank = std::getenv("RANK");
    if (!size || !rank || std::string(size) == "1")
        return "";
    return std::string("rank ") + rank + " of " + size + ": ";
}

void runLocalWorkers(int nproc, double graceS)
{
    if (nproc < 1)
        throw ArgumentError("invalid --nproc '" + std::to_string(nproc) + "': must be at least 1");
    if (const char* size = std::getenv("WORLD_SIZE"); size && *size)
        throw ArgumentError("cannot use --nproc " + std::to_string(nproc) + ": WORLD_SIZE is set already ('" + size +
                            "'); a worker of another launcher starts no workers of its own");
    if (!distributedAvailable() && nproc > 1)
        throw ArgumentError("cannot use --nproc " + std::to_string(nproc) +
                            ": this build has no distributed support (LibTorch without Gloo, or the Gloo headers "
                            "of libgloo-dev missing at build time)");

    // The workers' arguments: ours without --nproc N / --nproc=N.
    std::vector<std::string> arguments;
    for (std::size_t i = 0; i < g_commandLine.size(); ++i) {
        if (g_commandLine[i] == "--nproc") {
            ++i;
            continue;
        }
        if (g_commandLine[i].rfind("--nproc=", 0) == 0)
            continue;
        arguments.push_back(g_commandLine[i]);
    }
    const char* portText = std::getenv("MASTER_PORT");
    const int port = portText && *portText ? std::atoi(portText) : freePort();
    std::vector<std::string> common;
    for (char** e = environ; *e; ++e)
        if (!isRendezvousVariable(*e))
            common.emplace_back(*e);
    common.push_back("WORLD_SIZE=" + std::to_string(nproc));
    common.push_back("MASTER_ADDR=127.0.0.1");
    common.push_back("MASTER_PORT=" + std::to_string(port));
    if (const char* threads = std::getenv("TALKER_THREADS"); !threads || !*threads)
        common.push_back("TALKER_THREADS=" +
                         std::to_string(std::max(1u, std::thread::hardware_concurrency() / unsigned(nproc))));

    struct sigaction action {};
    action.sa_handler = rememberSignal;
    sigemptyset(&action.sa_mask);
    struct sigaction previousInt {
    }, previousTerm{};
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);

    std::vector<pid_t> pids;
    auto stopAll = [&](int signal) {
        for (pid_t pid : pids)
            if (pid > 0)
                ::kill(pid, signal);
    };
    for (int rank = 0; rank < nproc; ++rank) {
        std::vector<std::string> env = common;
        env.push_back("RANK=" + std::to_string(rank));
        env.push_back("LOCAL_RANK=" + std::to_string(rank));
        std::vector<char*> argv, envp;
        for (auto& a : arguments)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        pid_t pid = 0;
        const int error = ::posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), envp.data());
        if (error != 0) {
            stopAll(SIGTERM);
            for (pid_t p : pids)
                ::waitpid(p, nullptr, 0);
            throw Error("cannot start worker rank " + std::to_string(rank) + " of --nproc " + std::to_string(nproc) +
                        ": " + std::strerror(error));
        }
        pids.push_back(pid);
    }

    using Clock = std::chrono::steady_clock;
    int running = nproc;
    int failedRank = -1, failedStatus = 0;
    Clock::time_point failedAt{};
    int stage = 0; // after a failure: 0 waiting for the others, 1 SIGTERM sent, 2 SIGKILL sent
    int forwarded = 0;
    while (running > 0) {
        if (g_signal != 0 && forwarded != g_signal) {
            forwarded = g_signal;
            stopAll(g_signal);
        }
        int status = 0;
        const pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            const auto it = std::find(pids.begin(), pids.end(), pid);
            if (it == pids.end())
                continue;
            const int rank = int(it - pids.begin());
            *it = -1;
            --running;
            const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
            if (!ok && failedRank < 0) {
                failedRank = rank;
                failedStatus = status;
                failedAt = Clock::now();
            }
            continue;
        }
        if (failedRank >= 0) {
            const double waited = std::chrono::duration<double>(Clock::now() - failedAt).count();
            if (stage == 0 && waited > graceS) {
                stopAll(SIGTERM);
                stage = 1;
            } else if (stage == 1 && waited > 2 * graceS) {
                stopAll(SIGKILL);
                stage = 2;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);
    if (failedRank >= 0)
        throw Error("worker rank " + std::to_string(failedRank) + " of --nproc " + std::to_string(nproc) +
                    " failed with " + statusText(failedStatus) + (stage > 0 ? "; the other workers were stopped" : "") +
                    " (the workers' errors are above)");
    if (g_signal != 0)
        throw CancelledError("--nproc " + std::to_string(nproc) + " run stopped by signal " + std::to_string(g_signal));
}

} // namespace talker::cli
