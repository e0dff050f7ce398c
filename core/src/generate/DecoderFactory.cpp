#include "Decoder.h"

#include "talker/Error.h"

namespace talker {

std::unique_ptr<Decoder> makeDecoder(const ModelBundle& bundle, Backend backend, std::string& fallbackReason)
{
    fallbackReason.clear();
    switch (backend) {
    case Backend::LibTorch:
        return makeLibTorchDecoder(bundle);
    case Backend::Fused:
        throw ArgumentError("the fused backend is not built into this version; use --backend libtorch");
    case Backend::Auto:
        break;
    }
    return makeLibTorchDecoder(bundle);
}

} // namespace talker
