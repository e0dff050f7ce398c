#include "talker/Runtime.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <thread>
#include <unistd.h>

namespace talker {

void restartWithPassiveOpenMp(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY") || std::getenv("GOMP_SPINCOUNT") || !argv || !argv[0])
        return; // the user's choice, or already restarted
    setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/1);
    setenv("GOMP_SPINCOUNT", "0", /*overwrite=*/1);
    execv("/proc/self/exe", argv);
    // Only reached when exec failed: go on with the default (spinning) workers, which are slower
    // under load but correct.
}

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
