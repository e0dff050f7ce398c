// SPDX-License-Identifier: GPL-3.0-or-later
// The fused CPU path's threads (private to core): RowHelper, a second core for the products of
// one small batch, and WorkerPool, persistent workers for a batch split by streams (and for the
// chunks of a Griffin-Lim render, GriffinLim.cpp). Both hand out
// work so that a thread descheduled by another process costs at most the piece it holds.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <type_traits>
#include <vector>

namespace talker {

/// One iteration of a spin wait: tells the core this is a spin loop (x86 PAUSE), or yields elsewhere.
inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

/// A second core for one small batch: the main thread posts the second half of a piece of work (the
/// bottom rows of a split matrix, the later attention heads, the later half of the activation),
/// does the first half, and takes the second back if the helper has not started it (so a descheduled helper costs at
/// most one half, never a wait for its time slice). Between products the helper spins briefly (a frame's products
/// follow each other within microseconds), then sleeps on a futex until the next frame. Not thread-safe: one owner
/// thread.
class RowHelper {
  public:
    RowHelper() : m_thread([this] { loop(); }) {}
    ~RowHelper()
    {
        m_stop.store(true, std::memory_order_release);
        m_posted.fetch_add(1, std::memory_order_release);
        m_posted.notify_one();
        m_thread.join();
    }
    RowHelper(const RowHelper&) = delete;
    RowHelper& operator=(const RowHelper&) = delete;

    /// Runs `first` on this thread and `second` on the helper core, returning when both have run;
    /// `second` runs here, after `first`, when the helper has not started it by then. The two must
    /// not write the same memory.
    template <typename First, typename Second> void split(First&& first, Second&& second)
    {
        m_task = [](void* task) { (*static_cast<std::remove_reference_t<Second>*>(task))(); };
        m_context = &second;
        const std::uint64_t job = m_posted.fetch_add(1, std::memory_order_release) + 1;
        m_posted.notify_one();
        first();
        if (claim(job)) {
            second();
            return;
        }
        if (m_done.load(std::memory_order_acquire) == job)
            return;
        const auto waitFrom = std::chrono::steady_clock::now();
        while (m_done.load(std::memory_order_acquire) != job)
            cpuRelax();
        m_waited += std::chrono::steady_clock::now() - waitFrom;
    }

    /// Whether the next frame should use the helper: not while it rests after a late frame.
    bool wanted() const { return m_frame >= m_restUntil; }

    /// After a frame that took `frame` (with the helper or without): when another process holds
    /// the helper's core, the helper is descheduled inside a half it has claimed and this thread
    /// waits for its time slice (milliseconds). A frame that spent more than a third of its time
    /// waiting so is late: the helper rests (this thread works alone, the helper sleeps) for 16
    /// frames, twice as long after each late frame that follows a rest (up to 1024, 82 s of audio),
    /// and the rest halves again after each frame on time.
    void endFrame(std::chrono::steady_clock::duration frame)
    {
        const bool used = wanted();
        ++m_frame;
        if (!used)
            return;
        if (m_waited * 3 > frame) {
            m_rest = std::min(MaxRest, std::max(MinRest, 2 * m_rest));
            m_restUntil = m_frame + m_rest;
        } else {
            m_rest /= 2;
        }
        m_waited = {};
    }

  private:
    /// Whoever moves `claimed` from job - 1 to job runs the job.
    bool claim(std::uint64_t job)
    {
        std::uint64_t expected = job - 1;
        return m_claimed.compare_exchange_strong(expected, job, std::memory_order_acq_rel);
    }

    void loop()
    {
        std::uint64_t seen = 0;
        for (;;) {
            for (int spins = 0; m_posted.load(std::memory_order_acquire) == seen; ++spins) {
                if (spins < SpinLimit)
                    cpuRelax();
                else
                    m_posted.wait(seen, std::memory_order_acquire);
            }
            seen = m_posted.load(std::memory_order_acquire);
            if (m_stop.load(std::memory_order_acquire))
                return;
            if (claim(seen)) {
                m_task(m_context);
                m_done.store(seen, std::memory_order_release);
            }
        }
    }

    // ~0.3 ms of PAUSE on current x86 cores: longer than the gaps inside a frame, far shorter
    // than a real-time frame (80 ms), so the helper sleeps between paced frames.
    static constexpr int SpinLimit = 1 << 12;
    static constexpr std::int64_t MinRest = 16, MaxRest = 1024; // frames
    std::chrono::steady_clock::duration m_waited{};             // this frame's wait for the helper's halves
    std::int64_t m_frame = 0, m_restUntil = 0, m_rest = 0;
    void (*m_task)(void*) = nullptr; // the posted job: m_task(m_context)
    void* m_context = nullptr;
    std::atomic<std::uint64_t> m_posted{0};  // jobs posted
    std::atomic<std::uint64_t> m_claimed{0}; // jobs claimed by either thread
    std::atomic<std::uint64_t> m_done{0};    // the last job the helper finished
    std::atomic<bool> m_stop{false};
    std::thread m_thread; // last: starts after the members above exist
};

/// Persistent workers for a batch split by streams: run(task, chunks) calls task(i) once for every
/// chunk i in 0 .. chunks - 1 and returns when all have returned. The calling thread and the
/// workers claim the chunks in order, as RowHelper's halves are claimed: a worker descheduled by
/// another process costs at most the chunk it holds, never a wait for its time slice before it
/// starts. The threads start with the pool, not per step; between steps they spin briefly (the
/// next step of a batch follows within microseconds), then sleep on a futex. Not thread-safe: one
/// owner thread.
class WorkerPool {
  public:
    /// `threads` - 1 workers beside the calling thread.
    explicit WorkerPool(int threads)
    {
        for (int w = 1; w < threads; ++w)
            m_threads.emplace_back([this] { loop(); });
    }
    ~WorkerPool()
    {
        m_stop.store(true, std::memory_order_release);
        m_posted.fetch_add(1, std::memory_order_release);
        m_posted.notify_all();
        for (auto& t : m_threads)
            t.join();
    }
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    template <typename Task> void run(Task& task, int chunks)
    {
        // Chunks are numbered on from the last step's (all claimed and done by now), so a worker
        // that wakes late for an old step finds nothing left to claim in it.
        m_call = [](void* context, int chunk) { (*static_cast<Task*>(context))(chunk); };
        m_context = &task;
        const std::uint64_t first = m_end.load(std::memory_order_relaxed), end = first + std::uint64_t(chunks);
        m_first.store(first, std::memory_order_relaxed);
        m_end.store(end, std::memory_order_release); // publishes m_call, m_context and m_first
        m_posted.fetch_add(1, std::memory_order_release);
        m_posted.notify_all();
        work();
        // What is left is a chunk a worker holds, as long as this thread's: a short spin, then
        // give the core away (a descheduled worker must not be starved by this thread spinning).
        for (int spins = 0; m_done.load(std::memory_order_acquire) != end; ++spins) {
            if (spins < SpinLimit)
                cpuRelax();
            else
                std::this_thread::yield();
        }
    }

  private:
    /// Claims and runs chunks of the current step until none is left.
    void work()
    {
        for (std::uint64_t chunk = m_next.load(std::memory_order_acquire);;) {
            if (chunk >= m_end.load(std::memory_order_acquire))
                return;
            if (!m_next.compare_exchange_weak(chunk, chunk + 1, std::memory_order_acq_rel))
                continue; // `chunk` now holds the next unclaimed one
            m_call(m_context, int(chunk - m_first.load(std::memory_order_relaxed)));
            m_done.fetch_add(1, std::memory_order_release);
            chunk = m_next.load(std::memory_order_acquire);
        }
    }

    void loop()
    {
        std::uint64_t seen = 0;
        for (;;) {
            for (int spins = 0; m_posted.load(std::memory_order_acquire) == seen; ++spins) {
                if (spins < SpinLimit)
                    cpuRelax();
                else
                    m_posted.wait(seen, std::memory_order_acquire);
            }
            seen = m_posted.load(std::memory_order_acquire);
            if (m_stop.load(std::memory_order_acquire))
                return;
            work();
        }
    }

    static constexpr int SpinLimit = 1 << 12; // ~0.3 ms of PAUSE, as RowHelper
    void (*m_call)(void*, int) = nullptr;
    void* m_context = nullptr;
    std::atomic<std::uint64_t> m_first{0};  // the current step's first chunk
    std::atomic<std::uint64_t> m_end{0};    // one past its last chunk
    std::atomic<std::uint64_t> m_next{0};   // the next chunk to claim
    std::atomic<std::uint64_t> m_done{0};   // chunks finished, all steps
    std::atomic<std::uint64_t> m_posted{0}; // steps posted (what the workers sleep on)
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads; // last: start after the members above exist
};

} // namespace talker
