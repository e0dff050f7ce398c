// SPDX-License-Identifier: GPL-3.0-or-later
// The fused CPU Talker: weights packed once at load, one pass per frame through all layers with no
// allocation, LibTorch or dispatch per step. It computes what core/src/model/Talker.cpp computes
// (the reference) and must match its logits within 1e-4 with float32 weights (bfloat16 weights,
// an option: within ~2e-2). Private to core.
#pragma once

#include "BatchDecoder.h"
#include "Kernels.h"

#include <memory>
#include <string>

namespace talker {

/// Why the fused path cannot run `config`, or empty when it can.
std::string fusedUnsupportedReason(const TalkerConfig& config);

/// B streams; `threads` workers split the streams (0 = the machine's cores). Small batches split
/// the rows of every product over two cores instead (below ~8 streams a share of streams is too
/// short). Both use persistent threads, started by the first step that needs them: a step
/// creates no thread and allocates nothing.
/// `format` is how the Linear weights are stored (bfloat16: half the bytes, float32 accumulation);
/// `isa` the instruction set the kernels run (ArgumentError when this CPU cannot run it).
std::unique_ptr<BatchDecoder> makeFusedBatchDecoder(const ModelBundle& bundle, int threads = 0,
                                                    kernels::WeightFormat format = kernels::WeightFormat::Float32,
                                                    kernels::Isa isa = kernels::defaultIsa());

} // namespace talker
