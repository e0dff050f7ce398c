#include "talker/Runtime.h"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <thread>

namespace {

// Idle OpenMP workers should sleep instead of spinning: the studio's GUI thread, the audio callback
// and other processes need the cores between the engine's short parallel regions, and on 2 cores a
// spinning worker starves the thread doing the serial work (measured with bench_take under load:
// a 200-frame take 0.67 s spinning, 0.33 s passive). libgomp reads OMP_WAIT_POLICY once, in its
// constructor, which runs before main() and so before configureThreads(). An executable's
// .preinit_array runs before the constructors of the shared libraries it loads, so the default is
// set there. A value the user set is kept. Runtime.cpp is linked into every executable that calls
// configureThreads() (talker_core is a static library; .preinit_array is not allowed in a DSO).
void preferPassiveOpenMp(int, char**, char**)
{
    setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/0);
}

__attribute__((section(".preinit_array"), used)) void (*const passiveOpenMpAtLoad)(int, char**, char**) =
    &preferPassiveOpenMp;

} // namespace

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
