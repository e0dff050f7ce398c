// SPDX-License-Identifier: GPL-3.0-or-later
// The "context" codec's tensor names and shapes, written out from the module tree that
// ContextCodecNetImpl (ContextCodec.cpp) builds, without LibTorch: ModelBundle validates a bundle
// with them, and the fuzz build, which has no LibTorch, loads bundles. test_context_codec checks
// that they equal the module's own for the shipped configurations.
#include "talker/Codec.h"

#include <algorithm>

namespace talker {

namespace {

using Shapes = std::map<std::string, std::vector<std::int64_t>>;

void conv(Shapes& shapes, const std::string& name, std::int64_t in, std::int64_t out, std::int64_t kernel)
{
    shapes[name + ".weight"] = {out, in, kernel};
    shapes[name + ".bias"] = {out};
}

void block(Shapes& shapes, const std::string& name, std::int64_t channels)
{
    conv(shapes, name + ".conv", channels, channels, 3);
    conv(shapes, name + ".pw", channels, channels, 1);
}

} // namespace

std::map<std::string, std::vector<std::int64_t>> contextCodecShapes(const ModelConfig& c)
{
    const std::int64_t bins = c.audio.melBins, C = c.codec.channels, D = c.codec.latentDim, S = c.codec.subframes;
    const std::int64_t L = c.codec.lookupDim, M = std::max<std::int64_t>(1, C / 2);
    Shapes shapes;
    shapes["mel_mean"] = {bins};
    shapes["mel_std"] = {bins};
    conv(shapes, "enc_in", bins, C, 3 * S);
    for (int i = 0; i < 3; ++i)
        block(shapes, "enc_blocks." + std::to_string(i), C);
    conv(shapes, "enc_out", C, D, 1);
    for (int k = 0; k < c.codec.codebooks; ++k) {
        const std::string q = "quantiser." + std::to_string(k);
        shapes[q + ".in.weight"] = {L, D};
        shapes[q + ".in.bias"] = {L};
        shapes[q + ".out.weight"] = {D, L};
        shapes[q + ".out.bias"] = {D};
        shapes[q + ".book"] = {c.codec.codebookSize, L};
    }
    conv(shapes, "dec_in", D, C, 3);
    for (int i = 0; i < 3; ++i)
        block(shapes, "dec_blocks." + std::to_string(i), C);
    conv(shapes, "dec_out", C, S * bins, 1);
    shapes["dec_up.weight"] = {C, M, S}; // ConvTranspose1d: (in, out, kernel)
    shapes["dec_up.bias"] = {M};
    for (int i = 0; i < 3; ++i)
        block(shapes, "mel_blocks." + std::to_string(i), M);
    conv(shapes, "mel_out", M, bins, 1);
    return shapes;
}

} // namespace talker
