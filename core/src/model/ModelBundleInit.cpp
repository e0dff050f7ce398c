// SPDX-License-Identifier: GPL-3.0-or-later
// ModelBundle::initialise, apart from the rest of ModelBundle.cpp: a context codec starts from its
// LibTorch module's initialisation, and loading a bundle (ModelBundle.cpp) needs no LibTorch (the
// fuzz build has none).
#include "talker/Codec.h"
#include "talker/ModelBundle.h"

#include <cmath>
#include <random>

namespace talker {

namespace {

// Platform-independent normal draws (std::normal_distribution differs between libraries).
class NormalSource {
  public:
    explicit NormalSource(std::uint64_t seed) : m_engine(seed) {}
    float next(double stddev)
    {
        const double u1 = (double((m_engine() >> 11) + 1)) * 0x1.0p-53; // (0, 1]
        const double u2 = double(m_engine() >> 11) * 0x1.0p-53;
        return float(stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2));
    }

  private:
    std::mt19937_64 m_engine;
};

HostTensor filled(const std::vector<std::int64_t>& shape, float value)
{
    HostTensor t;
    t.shape = shape;
    t.values.assign(std::size_t(t.numel()), value);
    return t;
}

HostTensor randomNormal(const std::vector<std::int64_t>& shape, double stddev, NormalSource& source)
{
    HostTensor t = filled(shape, 0.0f);
    for (auto& v : t.values)
        v = source.next(stddev);
    return t;
}

} // namespace

ModelBundle ModelBundle::initialise(const ModelConfig& config, std::uint64_t seed)
{
    ModelBundle bundle;
    bundle.config = config;
    NormalSource source(seed);
    // GPT-2 style: weights ~ N(0, 0.02), RMSNorm gains 1.
    for (const auto& [name, shape] : expectedTalkerShapes(config.talker)) {
        const bool isNorm = name.find("norm") != std::string::npos;
        bundle.talkerWeights[name] = isNorm ? filled(shape, 1.0f) : randomNormal(shape, 0.02, source);
    }
    if (config.codec.contextual()) {
        bundle.rvqWeights = initialiseContextCodec(config, seed);
        bundle.config.provenance = {{"recipe", "talker init"}, {"seed", seed}, {"trained", false}};
        return bundle;
    }
    // An untrained codec: random projections scaled to keep variance, codebooks ~ N(0, 1), and a
    // decoder bias at a quiet log-mel level so an untrained bundle does not decode to full scale.
    const double stacked = double(config.codec.subframes) * config.audio.melBins;
    for (const auto& [name, shape] : expectedRvqShapes(config)) {
        if (name == "proj_in.weight")
            bundle.rvqWeights[name] = randomNormal(shape, 1.0 / std::sqrt(stacked), source);
        else if (name == "proj_out.weight")
            bundle.rvqWeights[name] = randomNormal(shape, 1.0 / std::sqrt(double(config.codec.latentDim)), source);
        else if (name == "proj_out.bias")
            bundle.rvqWeights[name] = filled(shape, -4.0f);
        else if (name == "proj_in.bias")
            bundle.rvqWeights[name] = filled(shape, 0.0f);
        else
            bundle.rvqWeights[name] = randomNormal(shape, 1.0, source);
    }
    bundle.config.provenance = {{"recipe", "talker init"}, {"seed", seed}, {"trained", false}};
    return bundle;
}

} // namespace talker
