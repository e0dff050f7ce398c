// Process-wide runtime settings of the engine.
#pragma once

namespace talker {

/// Idle OpenMP workers should sleep, not spin: between the engine's short parallel regions the
/// studio's GUI thread, the audio callback and other processes need the cores, and on 2 cores a
/// spinning worker starves the thread doing the serial work (Griffin-Lim on 1000 frames under
/// load: 0.6 s with spinning workers, 0.23 s with sleeping ones). libgomp reads OMP_WAIT_POLICY
/// and GOMP_SPINCOUNT once, when it is loaded, from the environment the process started with
/// (libc resets the environment after an executable's .preinit_array runs, so there is no earlier
/// hook). So when neither is set, this sets them and re-executes the program (/proc/self/exe) with
/// the same arguments; it returns when they are set (by the user, or after the restart) or when
/// exec fails. Call it first thing in main(), before any thread starts.
void restartWithPassiveOpenMp(char** argv);

/// Sets LibTorch's intra-op thread count to `threads` (0 = $TALKER_THREADS when set, else the
/// machine's cores; Debian's LibTorch defaults to 1). Call once at start-up, before any generation.
void configureThreads(int threads = 0);
/// The thread count in effect.
int threadCount();

} // namespace talker
