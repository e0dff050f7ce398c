// Chooses the Talker step behind a Backend and a Device (one stream is a batch of one). The fused CPU path is the
// default wherever it covers the configuration; LibTorch stays the reference and the fallback, and
// a fallback is always announced with its reason, never silent.
#include "BatchDecoder.h"
#include "FusedDecoder.h"

#include "talker/Error.h"

namespace talker {

std::unique_ptr<BatchDecoder> makeBatchDecoder(const ModelBundle& bundle, Backend backend, Device device,
                                               std::string& fallbackReason)
{
    fallbackReason.clear();
    std::string unsupported = fusedUnsupportedReason(bundle.config.talker);
    if (device == Device::Cuda) {
        if (backend == Backend::Fused)
            throw ArgumentError("cannot use the fused backend on device 'cuda': it runs on the CPU only; use "
                                "--backend libtorch or auto");
        unsupported = "the fused path runs on the CPU only";
    }
    switch (backend) {
    case Backend::LibTorch:
        return makeLibTorchBatchDecoder(bundle, device);
    case Backend::Fused:
        if (!unsupported.empty())
            throw ArgumentError("cannot use the fused backend for model '" + bundle.config.name + "': " + unsupported);
        return makeFusedBatchDecoder(bundle);
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
