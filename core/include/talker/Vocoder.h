// SPDX-License-Identifier: GPL-3.0-or-later
// Vocoders turn a log-mel spectrogram into audio.
//
//   auto vocoder = talker::makeVocoder(bundle.config);          // Griffin-Lim unless the bundle ships another
//   std::vector<float> audio = vocoder->render(take.mel);     // 16 kHz mono, peak at config.peakDbfs
//
// Thread safety: render() is const and may run on any thread; one vocoder may serve several.
#pragma once

#include "talker/Codes.h"
#include "talker/Config.h"
#include "talker/Device.h"

#include <atomic>
#include <memory>
#include <vector>

namespace talker {

class Vocoder {
  public:
    virtual ~Vocoder() = default;
    /// Audio for a whole log-mel spectrogram, (frames - 1) * hop samples, peak-normalised. When
    /// `cancel` is given and becomes true, rendering stops early with CancelledError.
    virtual std::vector<float> render(const Mel& logMel, const std::atomic<bool>* cancel = nullptr) const = 0;
    /// Audio without the final peak normalisation (the streaming vocoder scales chunks itself).
    virtual std::vector<float> renderUnnormalised(const Mel& logMel,
                                                  const std::atomic<bool>* cancel = nullptr) const = 0;
    virtual const char* name() const = 0;
};

/// The vocoder the configuration names, on `device` (Griffin-Lim on CUDA runs as tensor operations
/// on the GPU). Throws ArgumentError for an unknown type, or CUDA without CUDA.
std::unique_ptr<Vocoder> makeVocoder(const ModelConfig& config, Device device = Device::Cpu);

/// Throws ArgumentError unless `peakDbfs` is at most 0 dBFS (a higher peak would clip): the one
/// check of a peak level for the vocoders, the streaming vocoder and normalisePeak.
void checkPeakLevel(double peakDbfs);

/// Scales samples so the peak is at `peakDbfs`; all-zero input stays zero (no 0/0). Throws
/// ArgumentError for peakDbfs > 0 (it would clip) or a non-finite sample.
void normalisePeak(std::vector<float>& samples, double peakDbfs);

} // namespace talker
