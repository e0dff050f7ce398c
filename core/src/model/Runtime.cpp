#include "talker/Runtime.h"

#include "talker/Error.h"

#include <ATen/Parallel.h>
#include <omp.h>

#include <charconv>
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

int threadCount() { return at::get_num_threads(); }

TorchOnThisThread::TorchOnThisThread()
    // at::get_num_threads() first: it gives a thread that has not used LibTorch yet the process's
    // count, which would otherwise overwrite the one set here at LibTorch's first operation.
    : m_saved(at::get_num_threads())
{
    omp_set_num_threads(1);
}

TorchOnThisThread::~TorchOnThisThread() { omp_set_num_threads(m_saved); }

} // namespace talker
