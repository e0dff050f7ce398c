// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Distributed.h"

#include <torch/torch.h>

// LibTorch's CMake config defines USE_C10D_GLOO when it was built with Gloo; the Gloo headers
// themselves come from Debian's libgloo-dev (scripts/setup). Without either, a world size above 1
// is refused with a message that says which is missing.
#if defined(USE_C10D_GLOO) && __has_include(<gloo/config.h>)
#define TALKER_HAVE_GLOO 1
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#else
#define TALKER_HAVE_GLOO 0
#endif

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <limits>

namespace talker {

namespace {

// The variable's value, or nullptr when it is unset or empty.
const char* envValue(const char* name)
{
    const char* value = std::getenv(name);
    return value && *value ? value : nullptr;
}

long integerVariable(const char* name, long fallback, long low, long high, const std::string& range)
{
    const char* text = envValue(name);
    if (!text)
        return fallback;
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value < low || value > high)
        throw ArgumentError("invalid environment variable " + std::string(name) + " '" + text + "': " + range);
    return value;
}

// The first line of a c10 or Gloo error (c10::Error appends a C++ backtrace).
std::string firstLine(const std::exception& e)
{
    std::string text;
    if (const auto* c10Error = dynamic_cast<const c10::Error*>(&e))
        text = c10Error->what_without_backtrace();
    else
        text = e.what();
    const auto newline = text.find('\n');
    return newline == std::string::npos ? text : text.substr(0, newline);
}

} // namespace

DistributedEnv DistributedEnv::fromEnvironment()
{
    DistributedEnv env;
    env.worldSize = int(integerVariable("WORLD_SIZE", 1, 1, 1 << 20, "must be a whole number of at least 1"));
    if (env.worldSize > 1) {
        for (const char* name : {"RANK", "MASTER_ADDR", "MASTER_PORT"})
            if (!envValue(name))
                throw ArgumentError("environment variable " + std::string(name) + " is not set: WORLD_SIZE is " +
                                    std::to_string(env.worldSize) + ", so RANK, MASTER_ADDR and MASTER_PORT must be");
    }
    env.rank = int(integerVariable("RANK", 0, 0, env.worldSize - 1,
                                   "must be 0 .. WORLD_SIZE - 1 = " + std::to_string(env.worldSize - 1)));
    env.localRank = int(integerVariable("LOCAL_RANK", env.rank, 0, 1 << 20, "must be a whole number of at least 0"));
    if (const char* addr = envValue("MASTER_ADDR"))
        env.masterAddr = addr;
    env.masterPort = int(integerVariable("MASTER_PORT", env.masterPort, 1, 65535, "must be a port, 1 .. 65535"));
    if (const char* text = envValue("TALKER_DIST_TIMEOUT")) {
        char* end = nullptr;
        const double value = std::strtod(text, &end);
        if (end == text || *end != '\0' || !std::isfinite(value) || value <= 0 || value > 86400.0 * 7)
            throw ArgumentError("invalid environment variable TALKER_DIST_TIMEOUT '" + std::string(text) +
                                "': must be seconds, more than 0 and at most a week");
        env.timeoutS = value;
    }
    return env;
}

bool distributedAvailable()
{
    return TALKER_HAVE_GLOO;
}

struct ProcessGroup::Impl {
#if TALKER_HAVE_GLOO
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
#endif
};

ProcessGroup::ProcessGroup(const DistributedEnv& env) : m_env(env)
{
    if (!env.distributed())
        return;
#if TALKER_HAVE_GLOO
    const auto timeout = std::chrono::milliseconds(std::int64_t(env.timeoutS * 1000.0));
    const std::string where = env.masterAddr + ":" + std::to_string(env.masterPort);
    m_impl = std::make_unique<Impl>();
    try {
        c10d::TCPStoreOptions options;
        options.port = std::uint16_t(env.masterPort);
        options.isServer = env.rank == 0;
        options.numWorkers = std::size_t(env.worldSize);
        options.waitWorkers = true;
        options.timeout = timeout;
        m_impl->store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, options);
    } catch (const std::exception& e) {
        throw DistributedError("rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                               " cannot " + (env.rank == 0 ? "serve" : "reach") + " the rendezvous at '" + where +
                               "' within " + numberText(env.timeoutS) + " s (TALKER_DIST_TIMEOUT): " + firstLine(e));
    }
    // Gloo's TCP transport sends with writev(), which raises SIGPIPE when the peer has died. The
    // signal's default action would end this rank on the spot, silently, instead of letting the
    // failed send surface as the error below says (EPIPE then fails the collective): ignore it,
    // as the Python interpreter that PyTorch's launchers run under already does.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        // This machine's address for the peers: GLOO_SOCKET_IFNAME (as PyTorch reads it) names an
        // interface; a loopback rendezvous binds loopback; otherwise the address of the hostname.
        if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
        else if (env.masterAddr == "127.0.0.1" || env.masterAddr == "localhost")
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        options->threads = 1;
        m_impl->group = c10::make_intrusive<c10d::ProcessGroupGloo>(m_impl->store, env.rank, env.worldSize, options);
    } catch (const std::exception& e) {
        throw DistributedError("rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                               " cannot join the Gloo process group at '" + where + "' within " +
                               numberText(env.timeoutS) + " s (TALKER_DIST_TIMEOUT): " + firstLine(e));
    }
#else
    throw ArgumentError("cannot train with WORLD_SIZE " + std::to_string(env.worldSize) +
                        ": this build has no distributed support (LibTorch without Gloo, or the Gloo headers of "
                        "libgloo-dev missing at build time)");
#endif
}

ProcessGroup::~ProcessGroup() = default;

std::string ProcessGroup::backendName() const
{
    return m_env.distributed() ? "gloo" : "none";
}

void ProcessGroup::reduce(std::vector<at::Tensor>& tensors, bool mean)
{
    if (!m_env.distributed() || tensors.empty())
        return;
#if TALKER_HAVE_GLOO
    std::vector<at::Tensor> flat{torch::cat([&] {
                                     std::vector<at::Tensor> parts;
                                     for (const auto& t : tensors)
                                         parts.push_back(t.detach().reshape(-1));
                                     return parts;
                                 }())
                                     .to(torch::kCPU)
                                     .contiguous()};
    try {
        m_impl->group->allreduce(flat)->wait();
    } catch (const std::exception& e) {
        throw DistributedError("all-reduce on rank " + std::to_string(m_env.rank) + " of " +
                               std::to_string(m_env.worldSize) + " failed (a worker died, hung past the timeout of " +
                               numberText(m_env.timeoutS) + " s, or the network broke): " + firstLine(e));
    }
    if (mean)
        flat[0].div_(double(m_env.worldSize));
    const auto device = tensors.front().device();
    const auto reduced = flat[0].to(device);
    std::int64_t offset = 0;
    torch::NoGradGuard noGrad;
    for (auto& t : tensors) {
        t.copy_(reduced.narrow(0, offset, t.numel()).view(t.sizes()));
        offset += t.numel();
    }
#endif
}

void ProcessGroup::allReduceMean(std::vector<at::Tensor>& tensors)
{
    reduce(tensors, true);
}

void ProcessGroup::allReduceSum(std::vector<at::Tensor>& tensors)
{
    reduce(tensors, false);
}

void ProcessGroup::averageGradients(const std::vector<at::Tensor>& parameters, std::vector<at::Tensor> extras)
{
    if (!m_env.distributed())
        return;
    std::vector<at::Tensor> tensors;
    for (auto p : parameters) {
        if (!p.grad().defined())
            p.mutable_grad() = torch::zeros_like(p);
        tensors.push_back(p.grad());
    }
    for (auto& e : extras)
        tensors.push_back(e.to(torch::kFloat32));
    reduce(tensors, true);
    // The extras were converted (a copy): write the means back into the caller's tensors.
    for (std::size_t i = 0; i < extras.size(); ++i)
        extras[i].copy_(tensors[parameters.size() + i]);
}

void ProcessGroup::broadcast(std::vector<at::Tensor>& tensors)
{
    if (!m_env.distributed() || tensors.empty())
        return;
#if TALKER_HAVE_GLOO
    // One flat buffer per dtype would be faster; broadcasts happen once per run, so one per tensor.
    torch::NoGradGuard noGrad;
    for (auto& t : tensors) {
        std::vector<at::Tensor> host{t.detach().to(torch::kCPU).contiguous().clone()};
        try {
            m_impl->group->broadcast(host)->wait();
        } catch (const std::exception& e) {
            throw DistributedError("broadcast from rank 0 to rank " + std::to_string(m_env.rank) + " of " +
                                   std::to_string(m_env.worldSize) +
                                   " failed (a worker died, hung past the timeout of " + numberText(m_env.timeoutS) +
                                   " s, or the network broke): " + firstLine(e));
        }
        t.copy_(host[0].to(t.device()));
    }
#endif
}

void ProcessGroup::barrier()
{
    if (!m_env.distributed())
        return;
#if TALKER_HAVE_GLOO
    try {
        m_impl->group->barrier()->wait();
    } catch (const std::exception& e) {
        throw DistributedError("barrier on rank " + std::to_string(m_env.rank) + " of " +
                               std::to_string(m_env.worldSize) + " failed (a worker died, hung past the timeout of " +
                               numberText(m_env.timeoutS) + " s, or the network broke): " + firstLine(e));
    }
#endif
}

} // namespace talker
