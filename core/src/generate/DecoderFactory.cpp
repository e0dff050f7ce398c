// Chooses the Talker step behind a Backend and a Device (one stream is a batch of one). The fused
// CPU path is the default wherever it covers the configuration; LibTorch stays the reference and
// the fallback, and a fallback is always announced with its reason, never silent.
#include "BatchDecoder.h"
#include "FusedDecoder.h"
#include "Kernels.h"

#include "talker/Error.h"

namespace talker {

std::unique_ptr<BatchDecoder> makeBatchDecoder(const ModelBundle& bundle, Backend backend, Device device,
                                               std::string& fallbackReason)
{
    fallbackReason.clear();
    std::string unsupported = fusedUnsupportedReason(bundle.config.talker);
    const bool fused = backend == Backend::Fused || backend == Backend::FusedBf16;
    const std::string fusedName = backend == Backend::FusedBf16 ? "fused-bf16" : "fused";
    if (device == Device::Cuda) {
        if (fused)
            throw ArgumentError("cannot use the " + fusedName + " backend on device 'cuda': it runs on the CPU only; use "
                                "--backend libtorch or auto");
        unsupported = "the fused path runs on the CPU only";
    }
    switch (backend) {
    case Backend::LibTorch:
        return makeLibTorchBatchDecoder(bundle, device);
    case Backend::Fused:
    case Backend::FusedBf16:
        if (!unsupported.empty())
            throw ArgumentError("cannot use the " + fusedName + " backend for model '" + bundle.config.name + "': " +
                                unsupported);
        return makeFusedBatchDecoder(bundle, 0,
                                     backend == Backend::FusedBf16 ? kernels::WeightFormat::BFloat16
                                                                   : kernels::WeightFormat::Float32);
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
