// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/Sampler.h"

#include "talker/Error.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace talker {

void SamplingParams::validate(int vocabularySize) const
{
    auto refuse = [](const std::string& what) { throw ArgumentError(what); };
    if (!std::isfinite(temperature) || temperature < 0 || temperature > 100)
        refuse("invalid temperature " + numberText(temperature) + ": expected 0 (argmax) .. 100");
    if (topK < 0 || topK > vocabularySize)
        refuse("invalid top-k " + std::to_string(topK) + ": expected 0 (off) .. " + std::to_string(vocabularySize));
    if (!std::isfinite(topP) || topP <= 0 || topP > 1)
        refuse("invalid top-p " + numberText(topP) + ": expected a value in (0, 1]");
    if (streamOffsetFrames < 0 || streamOffsetFrames > 1'000'000)
        refuse("invalid random-stream offset of " + std::to_string(streamOffsetFrames) +
               " frames: expected 0 .. 1000000");
}

std::string SamplingParams::describe() const
{
    std::ostringstream s;
    if (argmax || temperature == 0)
        s << "argmax";
    else
        s << "temperature " << temperature;
    if (topK > 0)
        s << ", top-k " << topK;
    if (topP < 1)
        s << ", top-p " << topP;
    s << ", seed " << seed;
    if (streamOffsetFrames > 0)
        s << " (stream from frame " << streamOffsetFrames << ")";
    return s.str();
}

Sampler::Sampler(const SamplingParams& params) : m_params(params), m_engine(params.seed) {}

double Sampler::uniform()
{
    return double(m_engine() >> 11) * 0x1.0p-53;
}

void Sampler::distribution(const float* logits, int V, const SamplingParams& params, float* probabilities)
{
    // Order of candidates: most probable first, lower code first among equals.
    std::vector<int> order(static_cast<std::size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return logits[a] > logits[b]; });

    std::vector<double> p(std::size_t(V), 0.0);
    if (params.temperature == 0) {
        p[std::size_t(order[0])] = 1.0; // the limit of softmax(logits / T) as T -> 0
    } else {
        const double maxLogit = logits[order[0]];
        double sum = 0;
        for (int i = 0; i < V; ++i) {
            p[std::size_t(i)] = std::exp((double(logits[i]) - maxLogit) / params.temperature);
            sum += p[std::size_t(i)];
        }
        for (auto& x : p)
            x /= sum;
    }

    int keep = V;
    if (params.topK > 0)
        keep = std::min(keep, params.topK);
    if (params.topP < 1) {
        // The smallest prefix whose mass reaches top-p. The tolerance absorbs rounding in the sum
        // (0.4 + 0.3 must count as reaching 0.7).
        double mass = 0;
        int n = 0;
        while (n < keep) {
            mass += p[std::size_t(order[std::size_t(n)])];
            ++n;
            if (mass >= params.topP - 1e-9)
                break;
        }
        keep = std::max(1, n);
    }
    double keptMass = 0;
    for (int i = 0; i < keep; ++i)
        keptMass += p[std::size_t(order[std::size_t(i)])];
    std::fill(probabilities, probabilities + V, 0.0f);
    for (int i = 0; i < keep; ++i) {
        const int code = order[std::size_t(i)];
        probabilities[code] = float(p[std::size_t(code)] / keptMass);
    }
}

int Sampler::sample(const float* logits, int V, float* probabilities)
{
    if (int(m_scratch.size()) != V)
        m_scratch.assign(std::size_t(V), 0.0f);
    float* probs = probabilities ? probabilities : m_scratch.data();
    distribution(logits, V, m_params, probs);
    // One draw per call whatever the mode, so the random stream never depends on argmax.
    const double u = uniform();
    if (m_params.argmax || m_params.temperature == 0)
        return int(std::max_element(probs, probs + V) - probs); // first maximum: lowest code wins ties
    double total = 0;
    for (int i = 0; i < V; ++i)
        total += probs[i];
    const double target = u * total;
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < V; ++i) {
        if (probs[i] <= 0)
            continue;
        cumulative += probs[i];
        last = i;
        if (cumulative > target)
            return i;
    }
    return last; // rounding left target at the very top: the last candidate
}

double entropyBits(const float* probabilities, int count)
{
    double bits = 0.0;
    for (int i = 0; i < count; ++i)
        if (probabilities[i] > 0.0f)
            bits -= double(probabilities[i]) * std::log2(double(probabilities[i]));
    return bits;
}

} // namespace talker
