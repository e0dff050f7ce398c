// SPDX-License-Identifier: GPL-3.0-or-later
// Data-parallel training over LibTorch's c10d: a process group of WORLD_SIZE processes (Gloo over
// TCP; a TCP store on rank 0 for the rendezvous), as PyTorch's torch.distributed sets one up.
//
//   const talker::DistributedEnv env = talker::DistributedEnv::fromEnvironment(); // WORLD_SIZE, RANK, ...
//   talker::ProcessGroup group(env);           // world size 1: no group, every call is a no-op
//   group.broadcast(parameters);               // every rank starts from rank 0's weights
//   ... loss.backward() on this rank's share of the batch ...
//   group.allReduceMean(gradients);            // the gradient of the mean loss over the global batch
//
// What the trainers (TalkerTrainer.cpp, ContextCodecTrainer.cpp) do with it: every rank holds the
// whole model and draws the whole global batch from the shared seed, keeps its slice (rank r of W
// with batch b: rows r*b .. (r+1)*b-1, the rows one process with batch W*b puts there), and the
// gradients are averaged before the optimiser step, so all ranks keep identical weights; only rank
// 0 writes checkpoints, the loss log and the bundle.
//
// Failure: every collective runs under `timeoutS` (TALKER_DIST_TIMEOUT, default 60 s). A rank that
// dies closes its sockets, and the others' next collective throws DistributedError at once (or
// after the timeout when the peer hangs instead); a rank that cannot reach the rendezvous throws
// after the timeout. The error names the operation, the rank and the cause.
//
// Thread safety: a ProcessGroup is used from one thread; every rank must make the same calls in
// the same order with tensors of the same shapes (c10d's rule).
#pragma once

#include "talker/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace talker {

/// A collective operation failed (a peer died or hung, the rendezvous was not reached in time).
class DistributedError : public Error {
  public:
    using Error::Error;
};

/// Where this process sits in a data-parallel run, from the environment PyTorch's launchers set.
struct DistributedEnv {
    int worldSize = 1;                    // WORLD_SIZE: processes in the run
    int rank = 0;                         // RANK: 0 .. worldSize - 1; rank 0 writes the outputs
    int localRank = 0;                    // LOCAL_RANK: index on this machine (picks the GPU)
    std::string masterAddr = "127.0.0.1"; // MASTER_ADDR: host of rank 0's TCP store
    int masterPort = 29500;               // MASTER_PORT: its port, 1..65535
    double timeoutS = 60.0;               // TALKER_DIST_TIMEOUT: seconds a collective or the rendezvous may wait

    bool distributed() const { return worldSize > 1; }
    bool isMain() const { return rank == 0; }

    /// Reads WORLD_SIZE, RANK, LOCAL_RANK, MASTER_ADDR, MASTER_PORT and TALKER_DIST_TIMEOUT. None
    /// set: a single process (world size 1). Throws ArgumentError naming the variable and its value
    /// when one is not a number in range (WORLD_SIZE >= 1, 0 <= RANK < WORLD_SIZE, 0 <= LOCAL_RANK,
    /// port 1..65535, timeout > 0) or when WORLD_SIZE > 1 lacks RANK, MASTER_ADDR or MASTER_PORT.
    static DistributedEnv fromEnvironment();
};

/// Whether this build can run more than one process (LibTorch's Gloo and the Gloo headers were found).
bool distributedAvailable();

/// A c10d process group, or nothing at world size 1 (then every operation returns at once and
/// training is byte for byte what it was without one).
class ProcessGroup {
  public:
    /// Connects to the rendezvous (rank 0 serves it) and builds the Gloo group; waits up to
    /// env.timeoutS for every rank. Gloo reduces host memory: tensors on a CUDA device are copied
    /// through the host, one flat buffer per call (this LibTorch has no NCCL to do it on the GPU).
    /// Throws DistributedError when the rendezvous fails, ArgumentError when this build has no
    /// distributed support and env.worldSize > 1.
    explicit ProcessGroup(const DistributedEnv& env);
    ~ProcessGroup();
    ProcessGroup(const ProcessGroup&) = delete;
    ProcessGroup& operator=(const ProcessGroup&) = delete;

    int rank() const { return m_env.rank; }
    int worldSize() const { return m_env.worldSize; }
    bool isMain() const { return m_env.rank == 0; }
    const DistributedEnv& env() const { return m_env; }
    /// "gloo" or "none".
    std::string backendName() const;

    /// In place: each tensor becomes the mean of its values over the ranks. All must be defined,
    /// of one floating dtype and on one device; they travel as one flat buffer, one collective.
    void allReduceMean(std::vector<at::Tensor>& tensors);
    /// The gradients of `parameters` (a parameter without one on this rank counts as zeros and
    /// gets a zero gradient) and the `extras` (loss values for the log) averaged over the ranks
    /// in one collective. After it every rank holds the gradient of the mean loss of the global
    /// batch, when each rank's loss is the mean over an equal share of it.
    void averageGradients(const std::vector<at::Tensor>& parameters, std::vector<at::Tensor> extras = {});
    /// In place: the sum over the ranks (float64 counts and sums).
    void allReduceSum(std::vector<at::Tensor>& tensors);
    /// In place: every rank receives rank 0's values (defined tensors of equal shapes on every rank).
    void broadcast(std::vector<at::Tensor>& tensors);
    /// Returns when every rank has reached it.
    void barrier();

  private:
    void reduce(std::vector<at::Tensor>& tensors, bool mean);
    struct Impl;
    DistributedEnv m_env;
    std::unique_ptr<Impl> m_impl;
};

} // namespace talker
