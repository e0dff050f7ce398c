// Process-wide runtime settings of the engine.
#pragma once

namespace talker {

/// Sets LibTorch's intra-op thread count to `threads` (0 = $TALKER_THREADS when set, else the
/// machine's cores; Debian's LibTorch defaults to 1). Call once at start-up, before any generation.
/// Idle OpenMP workers spin for a few milliseconds before they sleep; libgomp reads that policy
/// only from the environment the process starts with, so it cannot be set from here. With other
/// work competing for the cores, OMP_WAIT_POLICY=PASSIVE makes them sleep at once (measured: a
/// 200-frame take 10-15% faster beside a busy process; on an idle machine no faster). Forcing it
/// by re-executing the program cost ~0.9 s of start-up (LibTorch loads twice), so it is not done.
void configureThreads(int threads = 0);
/// The thread count in effect.
int threadCount();

} // namespace talker
