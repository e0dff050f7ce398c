// SPDX-License-Identifier: GPL-3.0-or-later
// The sampler's arithmetic as plain functions that compile for the host and for a CUDA device, so
// that the GPU draws the codes the CPU Sampler (core/src/generate/Sampler.cpp) draws, and so that a
// test without a GPU checks the very code the kernels run. Private to core; no CUDA header needed
// (under nvcc the functions are __host__ __device__).
//
// What must agree with Sampler for the same codes:
//   - the random stream: std::mt19937_64 seeded with the seed, one 53-bit uniform per sampled
//     codebook (Mt64 below reproduces it; test_cuda checks the first outputs against the library's);
//   - the order of candidates: std::stable_sort by logit, descending; stableRank() gives every
//     code its place in that order without sorting (so a thread per code can compute it);
//   - every sum in double, in the order Sampler sums: index order for the softmax and the draw,
//     candidate order for top-p and the kept mass.
// exp() is the one operation whose last bit may differ (glibc's against CUDA's, both within an ulp):
// a code can differ only when the draw lands within ~1e-16 of a boundary between two codes.
#pragma once

#include <cmath>
#include <cstdint>

#ifdef __CUDACC__
#define TALKER_HD __host__ __device__
#else
#define TALKER_HD
#endif

namespace talker::cuda {

/// std::mt19937_64: the 64-bit Mersenne Twister (state of 312 words), the same outputs for a seed.
struct Mt64 {
    static constexpr int N = 312, M = 156;
    std::uint64_t state[N];
    int index;

    TALKER_HD void seed(std::uint64_t value)
    {
        state[0] = value;
        for (int i = 1; i < N; ++i)
            state[i] = 6364136223846793005ULL * (state[i - 1] ^ (state[i - 1] >> 62)) + std::uint64_t(i);
        index = N;
    }

    TALKER_HD std::uint64_t next()
    {
        if (index >= N)
            twist();
        std::uint64_t y = state[index++];
        y ^= (y >> 29) & 0x5555555555555555ULL;
        y ^= (y << 17) & 0x71D67FFFEDA60000ULL;
        y ^= (y << 37) & 0xFFF7EEE000000000ULL;
        y ^= y >> 43;
        return y;
    }

    /// Sampler::uniform(): [0, 1) from the top 53 bits.
    TALKER_HD double uniform() { return double(next() >> 11) * 0x1.0p-53; }

  private:
    TALKER_HD void twist()
    {
        constexpr std::uint64_t upper = 0xFFFFFFFF80000000ULL, lower = 0x7FFFFFFFULL;
        for (int i = 0; i < N; ++i) {
            const std::uint64_t x = (state[i] & upper) | (state[(i + 1) % N] & lower);
            std::uint64_t shifted = x >> 1;
            if (x & 1)
                shifted ^= 0xB5026F5AA96619E9ULL;
            state[i] = state[(i + M) % N] ^ shifted;
        }
        index = 0;
    }
};

/// The sampling parameters as the kernels read them (SamplingParams without the seed).
struct SamplingRule {
    double temperature = 1.0;
    bool argmax = false;
    int topK = 0;
    double topP = 1.0;
    TALKER_HD bool greedy() const { return argmax || temperature == 0; }
};

/// Code i's place when the codes are sorted most probable first, the lower code first among equal
/// logits: what std::stable_sort with `a > b` gives (finite logits).
TALKER_HD inline int stableRank(const float* logits, int V, int i)
{
    const float mine = logits[i];
    int rank = 0;
    for (int j = 0; j < V; ++j) {
        const float other = logits[j];
        rank += (other > mine || (other == mine && j < i)) ? 1 : 0;
    }
    return rank;
}

/// Code i's unnormalised weight: exp((logit - max) / T), or the one-hot of the most probable code
/// at temperature 0 (the limit Sampler takes). `best` is the code of rank 0.
TALKER_HD inline double softmaxWeight(const float* logits, int i, int best, const SamplingRule& rule)
{
    if (rule.temperature == 0)
        return i == best ? 1.0 : 0.0;
    return exp((double(logits[i]) - double(logits[best])) / rule.temperature);
}

/// How many candidates (a prefix of `order`) top-k and top-p keep, given the normalised `p`.
TALKER_HD inline int keptCount(const double* p, const int* order, int V, const SamplingRule& rule)
{
    int keep = V;
    if (rule.topK > 0 && rule.topK < keep)
        keep = rule.topK;
    if (rule.topP < 1) {
        double mass = 0;
        int n = 0;
        while (n < keep) {
            mass += p[order[n]];
            ++n;
            if (mass >= rule.topP - 1e-9)
                break;
        }
        keep = n > 1 ? n : 1;
    }
    return keep;
}

/// The draw from the reported probabilities (float, zero outside the kept set), as Sampler::sample.
TALKER_HD inline int drawCode(const float* probabilities, int V, const SamplingRule& rule, double u)
{
    if (rule.greedy()) {
        int best = 0;
        for (int i = 1; i < V; ++i)
            if (probabilities[i] > probabilities[best])
                best = i;
        return best;
    }
    double total = 0;
    for (int i = 0; i < V; ++i)
        total += probabilities[i];
    const double target = u * total;
    double cumulative = 0;
    int last = 0;
    for (int i = 0; i < V; ++i) {
        if (probabilities[i] <= 0)
            continue;
        cumulative += probabilities[i];
        last = i;
        if (cumulative > target)
            return i;
    }
    return last;
}

/// One codebook's sample, all steps on one thread, with scratch `order`, `rank` (V ints) and `p`
/// (V doubles): the sequence the kernel runs with a thread per code for the parallel steps. The
/// host uses it in tests, to check it against Sampler.
TALKER_HD inline int sampleRow(const float* logits, int V, const SamplingRule& rule, double u, int* order, int* rank,
                               double* p, float* probabilities)
{
    for (int i = 0; i < V; ++i) {
        rank[i] = stableRank(logits, V, i);
        order[rank[i]] = i;
    }
    for (int i = 0; i < V; ++i)
        p[i] = softmaxWeight(logits, i, order[0], rule);
    if (rule.temperature != 0) {
        double sum = 0;
        for (int i = 0; i < V; ++i)
            sum += p[i];
        for (int i = 0; i < V; ++i)
            p[i] /= sum;
    }
    const int keep = keptCount(p, order, V, rule);
    double keptMass = 0;
    for (int n = 0; n < keep; ++n)
        keptMass += p[order[n]];
    for (int i = 0; i < V; ++i)
        probabilities[i] = rank[i] < keep ? float(p[i] / keptMass) : 0.0f;
    return drawCode(probabilities, V, rule, u);
}

} // namespace talker::cuda
