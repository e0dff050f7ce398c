// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Runtime.h"

#include "talker/Error.h"

#include <ATen/Parallel.h>
#include <omp.h>

#include <charconv>
#include <dlfcn.h>
#include <mutex>
#include <cstdlib>
#include <string>
#include <thread>

namespace talker {

void configureThreads(int threads)
{
    // More threads than this is a typo, not a machine: a million made LibTorch hang starting them.
    constexpr int MaxThreads = 1024;
    if (threads <= 0) {
        const char* fromEnvironment = std::getenv("TALKER_THREADS");
        if (fromEnvironment && *fromEnvironment) {
            const std::string text = fromEnvironment;
            const auto result = std::from_chars(text.data(), text.data() + text.size(), threads);
            if (result.ec != std::errc() || result.ptr != text.data() + text.size() || threads < 1 ||
                threads > MaxThreads)
                throw ArgumentError("invalid TALKER_THREADS '" + text + "': expected an integer in 1.." +
                                    std::to_string(MaxThreads));
        }
    }
    if (threads > MaxThreads)
        throw ArgumentError("invalid thread count " + std::to_string(threads) + ": expected 1.." +
                            std::to_string(MaxThreads));
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

int threadCount()
{
    return at::get_num_threads();
}

namespace {

// OpenBLAS (Debian's LibTorch multiplies through it) has one pool for the whole process, apart from
// OpenMP's: its count is set while any TorchOnThisThread lives and put back when the last one goes.
// Looked up at run time, so a LibTorch on another BLAS (MKL, on GPU machines) links as before.
std::mutex blasMutex;
int blasHolders = 0, blasSaved = 0;

void setBlasThreads(int threads)
{
    using Set = void (*)(int);
    static const auto set = reinterpret_cast<Set>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (set)
        set(threads);
}

int blasThreads()
{
    using Get = int (*)();
    static const auto get = reinterpret_cast<Get>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return get ? get() : 1;
}

} // namespace

TorchOnThisThread::TorchOnThisThread()
    // at::get_num_threads() first: it gives a thread that has not used LibTorch yet the process's
    // count, which would otherwise overwrite the one set here at LibTorch's first operation.
    : m_saved(at::get_num_threads())
{
    omp_set_num_threads(1);
    const std::lock_guard lock(blasMutex);
    if (blasHolders++ == 0) {
        blasSaved = blasThreads();
        setBlasThreads(1);
    }
}

TorchOnThisThread::~TorchOnThisThread()
{
    omp_set_num_threads(m_saved);
    const std::lock_guard lock(blasMutex);
    if (--blasHolders == 0)
        setBlasThreads(blasSaved);
}

} // namespace talker
