#include "talker/Runtime.h"

#include <ATen/Parallel.h>

#include <thread>

namespace talker {

void configureThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads);
}

int threadCount() { return at::get_num_threads(); }

} // namespace talker
