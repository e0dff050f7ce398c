#include "talker/Runtime.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <thread>

namespace talker {

void configureThreads(int threads)
{
    // Idle OpenMP workers sleep instead of spinning: the studio's GUI thread, the audio callback and
    // other processes need the cores between the engine's short parallel regions. Must be set before
    // the OpenMP runtime starts (the first call below); a value the user set is kept.
    setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/0);
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
