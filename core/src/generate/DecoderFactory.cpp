// SPDX-License-Identifier: GPL-3.0-or-later
// Chooses the Talker step behind a Backend and a Device (one stream is a batch of one). The fused
// CPU path is the default wherever it covers the configuration; LibTorch stays the reference and
// the fallback, and a fallback is always announced with its reason, never silent. On CUDA, fused
// and fused-bf16 name the project's own kernels (cuda/TalkerKernels.cu); Auto there stays LibTorch
// until the kernels' parity has been checked on a GPU (docs/architecture.md, "Devices").
#include "BatchDecoder.h"
#include "FusedDecoder.h"
#include "Kernels.h"
#include "cuda/CudaTalker.h"

#include "talker/Error.h"

namespace talker {

std::unique_ptr<BatchDecoder> makeBatchDecoder(const ModelBundle& bundle, Backend backend, Device device,
                                               std::string& fallbackReason)
{
    fallbackReason.clear();
    std::string unsupported = fusedUnsupportedReason(bundle.config.talker);
    const bool fused = backend == Backend::Fused || backend == Backend::FusedBf16;
    const std::string fusedName = backend == Backend::FusedBf16 ? "fused-bf16" : "fused";
    const auto format =
        backend == Backend::FusedBf16 ? kernels::WeightFormat::BFloat16 : kernels::WeightFormat::Float32;
    if (device == Device::Cuda) {
        if (fused) {
            if (!cuda::kernelsBuilt())
                throw ArgumentError("cannot use the " + fusedName +
                                    " backend on device 'cuda': this build has no CUDA "
                                    "kernels (configured without TALKER_WITH_CUDA); use --backend libtorch or auto");
            if (const std::string reason = cuda::unsupportedReason(bundle.config.talker); !reason.empty())
                throw ArgumentError("cannot use the " + fusedName + " backend on device 'cuda' for model '" +
                                    bundle.config.name + "': " + reason);
            return cuda::makeCudaBatchDecoder(bundle, format);
        }
        unsupported = "the fused path runs on the CPU only";
    }
    switch (backend) {
    case Backend::LibTorch:
        return makeLibTorchBatchDecoder(bundle, device);
    case Backend::Fused:
    case Backend::FusedBf16:
        if (!unsupported.empty())
            throw ArgumentError("cannot use the " + fusedName + " backend for model '" + bundle.config.name +
                                "': " + unsupported);
        return makeFusedBatchDecoder(bundle, 0, format);
    case Backend::Auto:
        break;
    }
    if (!unsupported.empty()) {
        // On CUDA LibTorch is simply the engine, not a fallback: say nothing then.
        if (device == Device::Cpu)
            fallbackReason = "using LibTorch for model '" + bundle.config.name + "': " + unsupported;
        return makeLibTorchBatchDecoder(bundle, device);
    }
    return makeFusedBatchDecoder(bundle);
}

} // namespace talker
