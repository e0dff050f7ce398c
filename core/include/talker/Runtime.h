// Process-wide runtime settings of the engine.
#pragma once

namespace talker {

/// Sets LibTorch's intra-op thread count to `threads` (0 = $TALKER_THREADS when set, else the
/// machine's cores; Debian's LibTorch defaults to 1). Call once at start-up, before any generation.
void configureThreads(int threads = 0);
/// The thread count in effect.
int threadCount();

} // namespace talker
