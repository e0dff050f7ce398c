// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/BatchGenerator.h"

#include "TakeLoop.h"
#include "talker/Error.h"

namespace talker {

BatchGenerator::BatchGenerator(std::shared_ptr<const ModelBundle> bundle, Backend backend, Device device)
    : m_bundle(std::move(bundle)), m_device(device)
{
    if (!m_bundle)
        throw ArgumentError("BatchGenerator needs a model bundle");
    m_decoder = makeBatchDecoder(*m_bundle, backend, device, m_fallbackReason);
    m_codec = device == Device::Cpu ? makeCpuFrameCodec(*m_bundle) : makeDeviceFrameCodec(*m_bundle, device);
}

BatchGenerator::~BatchGenerator() = default;

std::string BatchGenerator::backendName() const
{
    return m_decoder->name();
}

std::vector<Take> BatchGenerator::run(const GenerationParams& params, const std::vector<std::uint64_t>& seeds,
                                      const BatchFrameCallback& onFrame, const std::atomic<bool>* cancel)
{
    return runTakeLoop(*m_bundle, *m_decoder, *m_codec, params, seeds, /*pace=*/false, onFrame, cancel);
}

} // namespace talker
