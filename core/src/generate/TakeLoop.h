// SPDX-License-Identifier: GPL-3.0-or-later
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

/// The codec's streaming decoder for B streams, on the device the generation runs on. Frames go in
/// one at a time; each frame's S log-mel sub-frames come out `lookahead()` frames later (a
/// contextual decoder reads that many later tokens), and flush() ends the streams. The mel equals
/// the codec's whole-take decoding of the same codes.
class FrameCodec {
  public:
    virtual ~FrameCodec() = default;
    /// Frames a frame's mel waits for (the codec's lookahead; 0 for the linear codec).
    virtual int lookahead() const { return 0; }
    /// Frames decoded in one pass once they are complete (default 1, applies from the next
    /// reset()): more costs less per frame (one pass for several) and gives each frame's mel up to
    /// `frames` - 1 frames later. Throws ArgumentError below 1. The linear codec ignores it.
    virtual void setChunk(int frames) { (void)frames; }
    /// Starts B new streams (forgets every frame pushed before).
    virtual void reset(int batch) { (void)batch; }
    /// Pushes codes (B, K) of the next frame of every stream, with every codebook. When a frame is
    /// complete (the one `lookahead()` frames back) writes its mel (B, S * bins) and returns true.
    /// With a chunk of several frames, the others of a pass come from next().
    virtual bool decode(const std::int32_t* codes, int batch, float* mel) = 0;
    /// The next frame of the last pass not yet handed out (as decode() writes it), or false. Call
    /// it until false after each decode(), before the next.
    virtual bool next(int batch, float* mel)
    {
        (void)batch;
        (void)mel;
        return false;
    }
    /// After the last frame: writes the mel (B, S * bins) of the next frame still held back (the
    /// tokens after the end read as the whole-take decoder's padding) and returns true; false when
    /// every pushed frame has come out.
    virtual bool flush(int batch, float* mel)
    {
        (void)batch;
        (void)mel;
        return false;
    }
};

/// The bundle's codec on the calling thread: Rvq::decodeFrame per stream for "rvq", the context
/// codec's sliding-window decoder (all streams in one LibTorch pass) for "context".
std::unique_ptr<FrameCodec> makeCpuFrameCodec(const ModelBundle& bundle);
/// The same as tensor operations on `device`, all streams in one pass (RvqDevice.cpp, ContextCodec.cpp).
std::unique_ptr<FrameCodec> makeDeviceFrameCodec(const ModelBundle& bundle, Device device);
/// The context codec's sliding-window decoder on `device` (ContextCodec.cpp).
std::unique_ptr<FrameCodec> makeContextFrameCodec(const ModelBundle& bundle, Device device);

/// One take per seed; `pace` holds each generated frame back until its time at the model's frame
/// rate (for watching one take). Resets `decoder` for B = seeds.size() streams. Stream b's take is
/// the take of seed b alone: streams never mix.
std::vector<Take> runTakeLoop(const ModelBundle& bundle, BatchDecoder& decoder, FrameCodec& codec,
                              const GenerationParams& params, const std::vector<std::uint64_t>& seeds, bool pace,
                              const BatchFrameCallback& onFrame, const std::atomic<bool>* cancel);

} // namespace talker
