// The generation loop behind Generator (one stream, optionally paced at the frame rate) and
// BatchGenerator (B streams): feed BOS, then per step one Talker step for every stream, sampling
// of every codebook, the codec's decoding of the completed frame, and a FrameEvent per stream.
// Private to core.
#pragma once

#include "BatchDecoder.h"

#include "talker/BatchGenerator.h"
#include "talker/Device.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace talker {

/// The codec's decoder for one frame of B streams, on the device the generation runs on.
class FrameCodec {
public:
    virtual ~FrameCodec() = default;
    /// codes (B, K) of one frame -> its S log-mel sub-frames per stream, mel (B, S * bins), with
    /// every codebook.
    virtual void decode(const std::int32_t* codes, int batch, float* mel) = 0;
};

/// Rvq::decodeFrame per stream on the calling thread.
std::unique_ptr<FrameCodec> makeCpuFrameCodec(const ModelBundle& bundle);
/// The RVQ decoder as tensor operations on `device`, all streams in one pass (RvqDevice.cpp).
std::unique_ptr<FrameCodec> makeDeviceFrameCodec(const ModelBundle& bundle, Device device);

/// One take per seed; `pace` holds each generated frame back until its time at the model's frame
/// rate (for watching one take). Resets `decoder` for B = seeds.size() streams. Stream b's take is
/// the take of seed b alone: streams never mix.
std::vector<Take> runTakeLoop(const ModelBundle& bundle, BatchDecoder& decoder, FrameCodec& codec,
                              const GenerationParams& params, const std::vector<std::uint64_t>& seeds, bool pace,
                              const BatchFrameCallback& onFrame, const std::atomic<bool>* cancel);

} // namespace talker
