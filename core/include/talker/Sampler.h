// SPDX-License-Identifier: GPL-3.0-or-later
// Turns one codebook's logits into a code, and reports the distribution it drew from.
//
//   talker::Sampler sampler({.temperature = 0.8, .topK = 40, .seed = 7});
//   std::vector<float> probs(128);
//   int code = sampler.sample(logits, 128, probs.data());
//
// Order of operations: logits / temperature -> softmax -> keep the top-k most probable -> keep the
// smallest set whose probability reaches top-p -> renormalise -> draw (or take the most probable
// when argmax). Ties are broken towards the lower code so results never depend on sort stability.
//
// Thread safety: a Sampler owns its random generator; use one per thread.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace talker {

struct SamplingParams {
    double temperature = 1.0; // > 0; 0 means argmax
    bool argmax =
        false;         // take the most probable code (temperature, top-k, top-p still shape the reported probabilities)
    int topK = 0;      // 0 = no limit; otherwise 1..V
    double topP = 1.0; // (0, 1]
    std::uint64_t seed = 0;
    /// The random stream starts where it stood after this many frames had been drawn (one draw
    /// per codebook and frame): a take regenerated from frame N, with its frames before N as the
    /// prompt, then draws the same random numbers the take drew after N, so any difference is
    /// the doing of what changed (an edited code). 0: from the seed's start. At most 1 000 000.
    std::int64_t streamOffsetFrames = 0;

    /// Throws ArgumentError naming the parameter and value when out of range (never clamps).
    void validate(int vocabularySize) const;
    std::string describe() const; // "temperature 0.8, top-k 40, top-p 1, seed 7"
};

class Sampler {
  public:
    explicit Sampler(const SamplingParams& params);

    /// Draws a code from `logits` (size V). Writes the V probabilities it drew from (after
    /// temperature, top-k, top-p, renormalised; zero outside the kept set) to `probabilities` when
    /// not null.
    int sample(const float* logits, int vocabularySize, float* probabilities);

    const SamplingParams& params() const { return m_params; }
    /// Moves the random stream on by `draws` draws without using them.
    void skipDraws(std::uint64_t draws) { m_engine.discard(draws); }

    /// The distribution sample() would draw from, without drawing (used by tests and the UI).
    static void distribution(const float* logits, int vocabularySize, const SamplingParams& params,
                             float* probabilities);

  private:
    double uniform(); // [0, 1), 53 random bits: identical on every platform for a seed

    SamplingParams m_params;
    std::mt19937_64 m_engine;
    std::vector<float> m_scratch;
};

/// The Shannon entropy, in bits, of `count` probabilities that sum to 1 (zeros add nothing):
/// 0 when one code is certain, log2(count) when all are equally likely. The studio's sampling row
/// shows it per frame and codebook.
double entropyBits(const float* probabilities, int count);

} // namespace talker
