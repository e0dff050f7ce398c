#include "talker/Runtime.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <thread>

namespace talker {

void configureThreads(int threads)
{
    if (threads <= 0) {
        const char* fromEnvironment = std::getenv("TALKER_THREADS");
        threads = fromEnvironment ? std::atoi(fromEnvironment) : 0;
    }
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

int threadCount() { return at::get_num_threads(); }

} // namespace talker
