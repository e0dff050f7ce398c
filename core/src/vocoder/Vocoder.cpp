// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Vocoder.h"

#include "talker/Error.h"
#include "talker/GriffinLim.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace talker {

std::unique_ptr<Vocoder> makeVocoder(const ModelConfig& config, Device device)
{
    if (config.vocoder.type == "griffin-lim") {
        if (device == Device::Cpu)
            return std::make_unique<GriffinLim>(config.audio, config.vocoder);
        return makeDeviceGriffinLim(config.audio, config.vocoder, device);
    }
    throw ArgumentError("unknown vocoder type '" + config.vocoder.type + "': this build supports \"griffin-lim\"");
}

void checkPeakLevel(double peakDbfs)
{
    if (!(peakDbfs <= 0.0))
        throw ArgumentError("invalid peak level '" + numberText(peakDbfs) +
                            " dBFS': must be at most 0 dBFS so the audio never clips");
}

void normalisePeak(std::vector<float>& samples, double peakDbfs)
{
    checkPeakLevel(peakDbfs);
    double peak = 0.0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!std::isfinite(samples[i]))
            throw ArgumentError("cannot normalise audio with sample '" + numberText(samples[i]) + "' at " +
                                std::to_string(i) + ": samples must be finite");
        peak = std::max(peak, double(std::abs(samples[i])));
    }
    if (peak == 0.0)
        return; // silence stays silence: no 0 / 0
    const double targetPeak = std::pow(10.0, peakDbfs / 20.0);
    const double gain = targetPeak / peak;
    // The clamp only catches float rounding of the product when peakDbfs is 0.
    const float limit = float(targetPeak);
    for (float& sample : samples)
        sample = std::clamp(float(sample * gain), -limit, limit);
}

} // namespace talker
