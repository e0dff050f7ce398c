// SPDX-License-Identifier: GPL-3.0-or-later
#include "talker/GriffinLim.h"

#include "talker/Error.h"
#include "talker/Runtime.h"

#include "../generate/FusedThreads.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>

namespace talker {

namespace {

// Multiplicative non-negative least-squares steps after the clamped pseudo-inverse (see
// melToMagnitude). Measured with bench_vocoder on 16 s of speech-like audio: 0 steps give a mean
// log-mel error of the vocoded audio of 0.164, 10 steps 0.139, 30 steps 0.133; 10 cost ~30 ms.
constexpr int NnlsRefinements = 10;

// A whole-signal render uses a second thread from 2 x this many frames on (see GriffinLim::render).
constexpr std::int64_t MinFramesPerThread = 256;

// The frames of one piece of work that a thread claims (the mel inversion's and Griffin-Lim's).
constexpr std::int64_t ChunkFrames = 64;

int chunkCount(std::int64_t frames)
{
    return int((frames + ChunkFrames - 1) / ChunkFrames);
}

void validate(const VocoderConfig& config)
{
    if (config.iterations < 0)
        throw ArgumentError("invalid Griffin-Lim iteration count '" + std::to_string(config.iterations) +
                            "': must be at least 0");
    // Above 1 the extrapolation overshoots and the iteration diverges (Perraudin et al. 2013).
    if (!(config.momentum >= 0.0 && config.momentum < 1.0))
        throw ArgumentError("invalid Griffin-Lim momentum '" + numberText(config.momentum) + "': must be in [0, 1)");
    checkPeakLevel(config.peakDbfs);
}

// The STFT pair of the Griffin-Lim loop, with torch.stft / torch.istft's conventions (centred
// frames, zero padding outside the signal, periodic Hann centred in n_fft, istft dividing by the
// summed squared window) but written as framing + batched torch::fft::rfft / irfft + overlap-add.
// Why not torch::stft / torch::istft themselves: in LibTorch 1.13 on CPU their complex element-wise
// steps are not vectorised, and one istft of 1000 frames took ~100 ms on the 2-core reference
// machine against ~3 ms for the FFT itself; 32 iterations of that would take seconds. Buffers are
// allocated once per render, not per iteration.
//
// The work is cut into chunks of ChunkFrames frames that may run on different threads: a chunk's
// FFTs touch only its own rows, and its overlap-add writes only the samples it owns (from its
// first frame's start to the next chunk's), summing every frame that reaches them in frame order,
// as one sequential overlap-add would. The chunks are the same whatever the thread count, so the
// audio is too.
// ref: torch.stft(center=True, pad_mode="constant"), torch.istft(center=True, length=...)
class StftPair {
  public:
    StftPair(const AudioConfig& audio, std::int64_t frames)
        : m_nFft(audio.nFft), m_hop(audio.hopSamples), m_frames(frames), m_samples((frames - 1) * audio.hopSamples),
          m_window(std::size_t(audio.nFft), 0.0f), m_padded(std::size_t(m_samples + audio.nFft), 0.0f),
          m_inverseEnvelope(std::size_t(m_samples), 0.0f),
          m_frameBuffer(torch::empty({frames, audio.nFft}, torch::kFloat)) // (frames, nFft)
    {
        // ref: torch.hann_window(periodic=True), zero-padded to n_fft on both sides like torch.stft
        const torch::Tensor hann = torch::hann_window(audio.winLength, /*periodic=*/true, torch::kFloat);
        std::copy(hann.data_ptr<float>(), hann.data_ptr<float>() + audio.winLength,
                  m_window.begin() + (audio.nFft - audio.winLength) / 2);

        // istft divides the overlap-added frames by the overlap-added squared window, so that
        // istft(stft(x)) == x wherever that sum is not zero ("NOLA").
        std::vector<double> envelope(m_padded.size(), 0.0);
        for (std::int64_t f = 0; f < m_frames; ++f)
            for (std::int64_t n = 0; n < m_nFft; ++n)
                envelope[std::size_t(f * m_hop + n)] += double(m_window[std::size_t(n)]) * m_window[std::size_t(n)];
        for (std::int64_t s = 0; s < m_samples; ++s) {
            const double sum = envelope[std::size_t(s + m_nFft / 2)];
            if (sum < 1e-11)
                throw ArgumentError("cannot invert an STFT with hop '" + std::to_string(m_hop) +
                                    "': the windows do not overlap enough to cover every sample");
            m_inverseEnvelope[std::size_t(s)] = float(1.0 / sum);
        }
    }

    int chunks() const { return chunkCount(m_frames); }
    std::int64_t firstFrame(int chunk) const { return std::min(m_frames, chunk * ChunkFrames); }

    /// Chunk `chunk` of spectrum (frames, nFft/2+1) complex -> its windowless frames (irfft).
    void inverseFrames(const torch::Tensor& spectrum, int chunk)
    {
        const std::int64_t first = firstFrame(chunk), count = firstFrame(chunk + 1) - first;
        torch::Tensor rows = m_frameBuffer.narrow(0, first, count);
        at::fft_irfft_out(rows, spectrum.narrow(0, first, count), m_nFft, /*dim=*/1); // (count, nFft)
    }

    /// After inverseFrames of every chunk: the samples chunk `chunk` owns, overlap-added,
    /// normalised, and zero in the padding around the signal (which stft must see as zeros).
    void overlapAdd(int chunk)
    {
        const std::int64_t begin = firstFrame(chunk) * m_hop;
        const std::int64_t end = chunk + 1 == chunks() ? std::int64_t(m_padded.size()) : firstFrame(chunk + 1) * m_hop;
        float* padded = m_padded.data();
        std::fill(padded + begin, padded + end, 0.0f);
        const float* frames = m_frameBuffer.data_ptr<float>();
        const std::int64_t earliest = std::max<std::int64_t>(0, (begin - m_nFft) / m_hop);
        for (std::int64_t f = earliest; f < m_frames && f * m_hop < end; ++f) {
            const float* frame = frames + f * m_nFft;
            const std::int64_t from = std::max<std::int64_t>(0, begin - f * m_hop);
            const std::int64_t to = std::min(m_nFft, end - f * m_hop);
            float* out = padded + f * m_hop;
            for (std::int64_t n = from; n < to; ++n)
                out[n] += frame[n] * m_window[std::size_t(n)];
        }
        const std::int64_t pad = m_nFft / 2;
        for (std::int64_t p = begin; p < end; ++p) {
            const std::int64_t s = p - pad;
            padded[p] = s >= 0 && s < m_samples ? padded[p] * m_inverseEnvelope[std::size_t(s)] : 0.0f;
        }
    }

    /// After overlapAdd of every chunk: the spectrum of chunk `chunk`'s frames of the kept signal,
    /// written into its rows of `spectrum` (frames, nFft/2+1) complex.
    void forwardFrames(torch::Tensor& spectrum, int chunk)
    {
        const std::int64_t first = firstFrame(chunk), count = firstFrame(chunk + 1) - first;
        float* frames = m_frameBuffer.data_ptr<float>();
        const float* padded = m_padded.data();
        for (std::int64_t f = first; f < first + count; ++f)
            for (std::int64_t n = 0; n < m_nFft; ++n)
                frames[f * m_nFft + n] = padded[f * m_hop + n] * m_window[std::size_t(n)];
        torch::Tensor rows = spectrum.narrow(0, first, count);
        at::fft_rfft_out(rows, m_frameBuffer.narrow(0, first, count), m_nFft, /*dim=*/1);
    }

    std::vector<float> signal() const
    {
        const auto begin = m_padded.begin() + m_nFft / 2;
        return std::vector<float>(begin, begin + m_samples);
    }

  private:
    std::int64_t m_nFft;
    std::int64_t m_hop;
    std::int64_t m_frames;
    std::int64_t m_samples;               // (frames - 1) * hop
    std::vector<float> m_window;          // (nFft)
    std::vector<float> m_padded;          // (samples + nFft): nFft / 2 zeros, the signal, nFft / 2 zeros
    std::vector<float> m_inverseEnvelope; // (samples)
    torch::Tensor m_frameBuffer;          // (frames, nFft)
};

// Runs task(chunk) for chunks 0 .. count - 1: on the pool's threads when there is one, else here.
template <typename Task> void forEachChunk(WorkerPool* pool, int count, Task&& task)
{
    if (!pool) {
        for (int chunk = 0; chunk < count; ++chunk)
            task(chunk);
        return;
    }
    auto call = [&](int chunk) {
        const torch::InferenceMode inference; // thread-local: the pool's workers need their own
        task(chunk);
    };
    pool->run(call, count);
}

// GriffinLim::magnitudeToAudio on `pool`'s threads, or on this one when it is null.
std::vector<float> griffinLim(const AudioConfig& audio, const VocoderConfig& vocoder,
                              const std::vector<float>& magnitude, std::int64_t frames, const std::atomic<bool>* cancel,
                              WorkerPool* pool)
{
    const std::int64_t freqBins = audio.nFft / 2 + 1;
    if (frames < 0 || std::int64_t(magnitude.size()) != frames * freqBins)
        throw ArgumentError("cannot run Griffin-Lim on a magnitude of '" + std::to_string(magnitude.size()) +
                            " values': expected " + std::to_string(frames) + " frames x " + std::to_string(freqBins) +
                            " bins");
    // Centred frames t = 0 .. frames - 1 sit on samples t * hop, so the audio ends at the last centre.
    if (frames < 2)
        return {};

    torch::InferenceMode inferenceMode;
    StftPair stft(audio, frames);
    const float* target = magnitude.data(); // (frames, nFft/2+1)
    const std::int64_t binCount = frames * freqBins;

    // Start from zero phase: deterministic (the same mel always gives the same audio, which the
    // streaming vocoder relies on to line chunks up with each other), and for speech it converges
    // as well as a random start does (measured: see bench_vocoder).
    torch::Tensor spectrum = torch::zeros({frames, freqBins}, torch::kComplexFloat); // (frames, nFft/2+1)
    {
        float* values = reinterpret_cast<float*>(spectrum.data_ptr());
        for (std::int64_t i = 0; i < binCount; ++i)
            values[2 * i] = target[i];
    }
    torch::Tensor rebuilt = torch::empty_like(spectrum);  // c_n, (frames, nFft/2+1)
    torch::Tensor previous = torch::zeros_like(spectrum); // c_{n-1}, (frames, nFft/2+1)

    // Fast Griffin-Lim: each iteration projects onto the consistent spectrograms (istft, then
    // stft) and extrapolates along the last step, t_n = c_n + a (c_n - c_{n-1}); only the phase
    // of t_n is kept, so scaling it by 1 / (1 + a) gives c_n - a / (1 + a) c_{n-1} below.
    // ref: Perraudin, Balazs, Sondergaard, "A fast Griffin-Lim algorithm", WASPAA 2013;
    //      librosa.griffinlim(momentum=0.99)
    const float extrapolation = float(vocoder.momentum / (1.0 + vocoder.momentum));
    const int chunks = stft.chunks();
    // Each iteration: the inverse of every chunk, then each chunk's samples; then per chunk the
    // forward transform of its frames, the extrapolation and the next inverse of its rows (they
    // touch only that chunk's rows, so they need no wait in between).
    const auto update = [&](int chunk) {
        stft.forwardFrames(rebuilt, chunk);
        const float* current = reinterpret_cast<const float*>(rebuilt.data_ptr());
        const float* last = reinterpret_cast<const float*>(previous.data_ptr());
        float* next = reinterpret_cast<float*>(spectrum.data_ptr());
        const std::int64_t end = stft.firstFrame(chunk + 1) * freqBins;
        for (std::int64_t b = stft.firstFrame(chunk) * freqBins; b < end; ++b) {
            const float re = current[2 * b] - extrapolation * last[2 * b];
            const float im = current[2 * b + 1] - extrapolation * last[2 * b + 1];
            // The target magnitude with the new phase; a zero bin stays zero (0 / tiny, not
            // 0 / 0), so silence stays silence.
            const float scale = target[b] / (std::sqrt(re * re + im * im) + 1e-16f);
            next[2 * b] = re * scale;
            next[2 * b + 1] = im * scale;
        }
        stft.inverseFrames(spectrum, chunk);
    };
    forEachChunk(pool, chunks, [&](int chunk) { stft.inverseFrames(spectrum, chunk); });
    for (int i = 0; i < vocoder.iterations; ++i) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            throw CancelledError("Griffin-Lim rendering of " + std::to_string(frames) + " frames cancelled after " +
                                 std::to_string(i) + " of " + std::to_string(vocoder.iterations) + " iterations");
        forEachChunk(pool, chunks, [&](int chunk) { stft.overlapAdd(chunk); });
        forEachChunk(pool, chunks, update);
        std::swap(rebuilt, previous);
    }
    forEachChunk(pool, chunks, [&](int chunk) { stft.overlapAdd(chunk); });
    return stft.signal();
}

} // namespace

GriffinLim::GriffinLim(const AudioConfig& audio, const VocoderConfig& vocoder)
    : m_audio(audio), m_vocoder(vocoder), m_frontEnd(audio)
{
    validate(m_vocoder);
    const int bands = m_audio.melBins;
    const int freqBins = m_audio.nFft / 2 + 1;
    const std::vector<float>& filterbank = m_frontEnd.filterbank(); // (mels, nFft/2+1)
    const auto weight = [&](int m, int f) {
        return double(filterbank[std::size_t(m) * std::size_t(freqBins) + std::size_t(f)]);
    };

    m_bandFirstBin.assign(std::size_t(bands), 0);
    m_bandEndBin.assign(std::size_t(bands), 0);
    for (int m = 0; m < bands; ++m) {
        int first = 0;
        while (first < freqBins && weight(m, first) == 0.0)
            ++first;
        int end = freqBins;
        while (end > first && weight(m, end - 1) == 0.0)
            --end;
        m_bandFirstBin[std::size_t(m)] = first;
        m_bandEndBin[std::size_t(m)] = end;
    }

    // G = F F^T. Triangle m spans band edges m .. m + 2, so it shares FFT bins with m - 1 and
    // m + 1 only: G is tridiagonal, symmetric and, with no empty band, positive definite.
    // Its LDL^T factorisation (in double) turns every frame's solve into two short sweeps.
    m_gramPivots.assign(std::size_t(bands), 0.0);
    m_gramMultipliers.assign(std::size_t(std::max(0, bands - 1)), 0.0);
    for (int m = 0; m < bands; ++m) {
        double diagonal = 0.0;
        for (int f = m_bandFirstBin[std::size_t(m)]; f < m_bandEndBin[std::size_t(m)]; ++f)
            diagonal += weight(m, f) * weight(m, f);
        if (m > 0) {
            double offDiagonal = 0.0; // G(m, m - 1)
            for (int f = m_bandFirstBin[std::size_t(m)]; f < m_bandEndBin[std::size_t(m - 1)]; ++f)
                offDiagonal += weight(m, f) * weight(m - 1, f);
            const double multiplier = offDiagonal / m_gramPivots[std::size_t(m - 1)];
            m_gramMultipliers[std::size_t(m - 1)] = multiplier;
            diagonal -= multiplier * offDiagonal;
        }
        if (m_bandEndBin[std::size_t(m)] <= m_bandFirstBin[std::size_t(m)] || !(diagonal > 0.0))
            throw ArgumentError("cannot invert mel band '" + std::to_string(m) +
                                "': it contains no FFT bin (use fewer mel bins or a larger n_fft)");
        m_gramPivots[std::size_t(m)] = diagonal;
    }
}

std::vector<float> GriffinLim::render(const Mel& logMel, const std::atomic<bool>* cancel) const
{
    // A whole signal: on every core the process may use (threadCount()) once it is long enough
    // that each thread gets MinFramesPerThread frames. Its chunks are claimed, not assigned, so a
    // worker that another process keeps off its core costs at most the chunk it holds (WorkerPool).
    // Shorter renders stay on this thread: evaluation renders its utterances side by side.
    const int threads = int(std::min<std::int64_t>(threadCount(), logMel.frames() / MinFramesPerThread));
    const TorchOnThisThread oneThread; // LibTorch's own threads stay out (threadCount() is 1 from here)
    std::optional<WorkerPool> pool;
    if (threads >= 2)
        pool.emplace(threads);
    WorkerPool* const workers = pool ? &*pool : nullptr;
    std::vector<float> audio =
        griffinLim(m_audio, m_vocoder, melToMagnitude(logMel, workers), logMel.frames(), cancel, workers);
    normalisePeak(audio, m_vocoder.peakDbfs);
    return audio;
}

std::vector<float> GriffinLim::renderUnnormalised(const Mel& logMel, const std::atomic<bool>* cancel) const
{
    // On the calling thread alone: the streaming vocoder calls this beside generation, which has
    // the other core (Runtime.h); a second LibTorch thread made a 200-frame render 6 % faster on
    // an idle 2-core machine and several times slower beside a busy process (its OpenMP barrier
    // waits for a descheduled worker).
    const TorchOnThisThread oneThread;
    return magnitudeToAudio(melToMagnitude(logMel), logMel.frames(), cancel);
}

std::vector<float> GriffinLim::melToMagnitude(const Mel& logMel) const
{
    return melToMagnitude(logMel, nullptr);
}

std::vector<float> GriffinLim::melToMagnitude(const Mel& logMel, WorkerPool* pool) const
{
    if (logMel.bins != m_audio.melBins)
        throw ArgumentError("cannot vocode a mel spectrogram of '" + std::to_string(logMel.bins) +
                            " bins': the front end has " + std::to_string(m_audio.melBins));
    for (std::size_t i = 0; i < logMel.values.size(); ++i)
        if (!std::isfinite(logMel.values[i]))
            throw ArgumentError("cannot vocode a mel spectrogram with value '" + numberText(logMel.values[i]) +
                                "' at frame " + std::to_string(i / std::size_t(logMel.bins)) + ", bin " +
                                std::to_string(i % std::size_t(logMel.bins)) + ": values must be finite");

    const std::int64_t frames = logMel.frames();
    const std::int64_t freqBins = m_audio.nFft / 2 + 1;

    // A value at the log floor says only "at most the floor": the true level is unknown and
    // usually far below it, so it counts as zero. That is what makes an all-floor (silent) mel
    // vocode to exact zeros instead of faint noise that peak normalisation would then blow up.
    // The 1e-3 margin absorbs float rounding of log(floor) on the way through files and models.
    const float floorLog = float(std::log(m_audio.logFloor) + 1e-3);
    const int bands = m_audio.melBins;
    const std::vector<float>& filterbank = m_frontEnd.filterbank(); // (mels, nFft/2+1)

    // Linear magnitude S >= 0 with F S ~ mel, frame by frame. The system is underdetermined
    // (513 unknowns, 128 equations): the pseudo-inverse S = F^T (F F^T)^-1 mel is the
    // minimum-norm solution, which spreads each band's energy smoothly over its FFT bins and dips
    // below zero where a band is much weaker than its neighbours; clamping those dips gives a
    // non-negative magnitude. ref: librosa.feature.inverse.mel_to_stft (same problem, by NNLS)
    std::vector<float> magnitude(std::size_t(frames * freqBins), 0.0f); // (frames, nFft/2+1)
    // Frames are independent: any split into chunks gives the same values.
    forEachChunk(pool, chunkCount(frames), [&](int chunk) {
        const std::int64_t begin = chunk * ChunkFrames, end = std::min(frames, begin + ChunkFrames);
        std::vector<double> mel(static_cast<std::size_t>(bands));        // (mels) linear
        std::vector<double> z(static_cast<std::size_t>(bands));          // (mels)
        std::vector<double> melBack(static_cast<std::size_t>(freqBins)); // (nFft/2+1) F^T mel
        std::vector<double> gramS(static_cast<std::size_t>(freqBins));   // (nFft/2+1) F^T F S
        // y = F^T x for a per-band x, over the non-zero weights only.
        const auto addTransposed = [&](const std::vector<double>& perBand, auto* perBin) {
            for (int m = 0; m < bands; ++m) {
                const float* weights = filterbank.data() + std::size_t(m) * std::size_t(freqBins);
                for (int f = m_bandFirstBin[std::size_t(m)]; f < m_bandEndBin[std::size_t(m)]; ++f)
                    perBin[f] += weights[f] * perBand[std::size_t(m)];
            }
        };
        for (std::int64_t t = begin; t < end; ++t) {
            const float* logRow = logMel.frame(t);
            for (int m = 0; m < bands; ++m)
                mel[std::size_t(m)] = logRow[m] <= floorLog ? 0.0 : std::exp(double(logRow[m]));

            // z = (F F^T)^-1 mel: forward sweep with L, divide by D, backward sweep with L^T.
            for (int m = 0; m < bands; ++m)
                z[std::size_t(m)] =
                    mel[std::size_t(m)] - (m > 0 ? m_gramMultipliers[std::size_t(m - 1)] * z[std::size_t(m - 1)] : 0.0);
            for (int m = 0; m < bands; ++m)
                z[std::size_t(m)] /= m_gramPivots[std::size_t(m)];
            for (int m = bands - 2; m >= 0; --m)
                z[std::size_t(m)] -= m_gramMultipliers[std::size_t(m)] * z[std::size_t(m + 1)];
            // S = max(F^T z, 0)
            float* out = magnitude.data() + t * freqBins;
            addTransposed(z, out);
            for (std::int64_t f = 0; f < freqBins; ++f)
                out[f] = std::max(out[f], 0.0f);

            // Non-negative least squares min |F S - mel|, S >= 0, by multiplicative updates
            // S <- S * (F^T mel) / (F^T F S), which keep S >= 0 and never increase the error.
            // They cannot move a bin off exactly zero, so the clamped bins first get a floor of
            // 1e-3 of the frame's mean level. ref: Lee & Seung, "Algorithms for non-negative
            // matrix factorization", NIPS 2001 (the update for a fixed dictionary)
            double meanMel = 0.0;
            for (double value : mel)
                meanMel += value / bands;
            if (meanMel == 0.0)
                continue; // silent frame: S = 0 already
            for (std::int64_t f = 0; f < freqBins; ++f)
                out[f] += float(1e-3 * meanMel);
            std::fill(melBack.begin(), melBack.end(), 0.0);
            addTransposed(mel, melBack.data());
            for (int i = 0; i < NnlsRefinements; ++i) {
                for (int m = 0; m < bands; ++m) { // z = F S
                    const float* weights = filterbank.data() + std::size_t(m) * std::size_t(freqBins);
                    double sum = 0.0;
                    for (int f = m_bandFirstBin[std::size_t(m)]; f < m_bandEndBin[std::size_t(m)]; ++f)
                        sum += weights[f] * out[f];
                    z[std::size_t(m)] = sum;
                }
                std::fill(gramS.begin(), gramS.end(), 0.0);
                addTransposed(z, gramS.data());
                for (std::int64_t f = 0; f < freqBins; ++f)
                    out[f] = gramS[std::size_t(f)] > 0.0
                                 ? float(out[f] * melBack[std::size_t(f)] / gramS[std::size_t(f)])
                                 : 0.0f;
            }
        }
    });
    return magnitude;
}

std::vector<float> GriffinLim::magnitudeToAudio(const std::vector<float>& magnitude, std::int64_t frames,
                                                const std::atomic<bool>* cancel) const
{
    return griffinLim(m_audio, m_vocoder, magnitude, frames, cancel, nullptr);
}

} // namespace talker
