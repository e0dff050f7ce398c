// SPDX-License-Identifier: GPL-3.0-or-later
// Process-wide runtime settings of the engine: the compute thread count, and a scope that keeps
// LibTorch's work on the calling thread.
//
//   talker::configureThreads();                 // at start-up: $TALKER_THREADS, else every core
//   { const talker::TorchOnThisThread one; ... }  // LibTorch operations here run on this thread only
//
// Thread safety: configureThreads() once, before other threads use the engine; threadCount() and
// TorchOnThisThread from any thread (each scope acts on its own thread).
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

/// While it lives, LibTorch operations started on the constructing thread run on that thread
/// alone: its own OpenMP thread count (other threads keep theirs) and, while any of these lives,
/// OpenBLAS's, which is one for the whole process. A take and a Griffin-Lim render hold one: the
/// fused Talker already has the second core, and the codec's small operations beside it gained
/// nothing from more threads, whose spinning took that core from it (measured: a 200-frame take
/// of `chapter`, generation 0.25 s with two LibTorch threads, 0.07 s with one, on two cores);
/// beside a busy process each operation waited for a descheduled worker (20 ms per frame with two
/// OpenBLAS threads). Not copyable; destroy it on the thread that made it.
class TorchOnThisThread {
  public:
    TorchOnThisThread();
    ~TorchOnThisThread();
    TorchOnThisThread(const TorchOnThisThread&) = delete;
    TorchOnThisThread& operator=(const TorchOnThisThread&) = delete;

  private:
    int m_saved;
};

} // namespace talker
