// SPDX-License-Identifier: GPL-3.0-or-later
// `--nproc N` of the training commands: this program started N times as the ranks of one local
// data-parallel run (talker/Distributed.h), the way torchrun starts them.
#pragma once

#include <string>
#include <vector>

namespace talker::cli {

/// Remembers the command line main() was given (the workers get it again, without --nproc).
void setCommandLine(int argc, char** argv);

/// Starts /proc/self/exe N times with the command line minus `--nproc N`, each with WORLD_SIZE=N,
/// RANK = LOCAL_RANK = 0..N-1, MASTER_ADDR=127.0.0.1 and MASTER_PORT a free port (or the one set),
/// and TALKER_THREADS = cores / N unless it is set. Waits for all of them. When one fails, the
/// others get `graceS` seconds to end by themselves (their collectives fail at once or after the
/// timeout), then SIGTERM, then SIGKILL after another `graceS`. SIGINT and SIGTERM to this process
/// are passed on to the workers. Throws Error naming the first rank that failed and how (exit
/// status or signal); returns when all exited 0. Refuses (ArgumentError) when WORLD_SIZE is set
/// already: a worker started by another launcher must not start workers of its own.
void runLocalWorkers(int nproc, double graceS = 5.0);

/// The part of a worker's error that says which rank it came from, for messages: "" for a single
/// process, "rank 1 of 2: " otherwise.
std::string rankPrefix();

} // namespace talker::cli
