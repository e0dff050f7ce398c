// SPDX-License-Identifier: GPL-3.0-or-later
// The "context" codec's network (LibTorch), shared by inference (ContextCodec.cpp) and training
// (ContextCodecTrainer.cpp). Private to core: it needs torch headers.
//
//   encoder   normalised log-mel (62.5 Hz) -> conv k=3S stride S (one token per S frames, reading
//             the S frames of the token before and after too) -> residual convs k3, dilation 1, 2, 4
//             -> latent (D) at 12.5 Hz. Non-causal, "same" padding: encoding is offline (files,
//             recordings, training data).
//   quantiser K residual stages; stage k projects the residual to `lookupDim`, takes the nearest of
//             V unit-length entries by cosine, projects it back to D and subtracts it.
//   decoder   token rate: latent -> conv k3 -> residual convs k3 (dilation 1, 2, 4, causal) ->
//             S x bins per token (the coarse mel); and up to the mel rate (a transposed conv, S
//             frames per token, C/2 channels) -> residual convs k3 (dilation 1, 2, 1, centred) at
//             62.5 Hz -> bins per frame added to the coarse mel, so the frames inside a token and
//             across token boundaries are shaped by their neighbours.
//             Unpadded ("valid") convolutions on a latent padded with kContext zero tokens before
//             and kLookahead after, so a token's mel depends on exactly the kContext tokens before
//             it and kLookahead after it, whether a whole take or a sliding window is decoded.
#pragma once

#include "talker/Config.h"
#include "talker/Safetensors.h"

#include <torch/torch.h>

#include <vector>

namespace talker {

constexpr int kContext = 16;  // token rate: 1 (input conv) + 2 + 4 + 8; mel rate: 1 token
constexpr int kLookahead = 2; // token rate: 1 (input conv); mel rate: 1 token (4 of its S frames)

/// A residual block: x + pw(gelu(conv(gelu(x)))), "same"-padded (encoder) or cropped (decoder).
struct ContextBlockImpl : torch::nn::Module {
    ContextBlockImpl(int channels, int kernel, int dilation, bool same, bool causal);
    torch::Tensor forward(const torch::Tensor& x);
    torch::nn::Conv1d conv{nullptr}, pw{nullptr};
    int left = 0, right = 0; // tokens a cropped block consumes on each side
};
TORCH_MODULE(ContextBlock);

/// One quantiser stage.
struct LookupImpl : torch::nn::Module {
    LookupImpl(int latent, int lookup, int entries);
    torch::nn::Linear in{nullptr}, out{nullptr};
    torch::Tensor book; // (V, lookup); unit length after normalisation
};
TORCH_MODULE(Lookup);

struct ContextCodecNetImpl : torch::nn::Module {
    explicit ContextCodecNetImpl(const ModelConfig& config);

    /// (B, frames, bins) log-mel -> (B, bins, frames) normalised, and back (the way back applies
    /// codec.output_gain: it is used on decoded mel only).
    torch::Tensor normalise(const torch::Tensor& logMel) const;
    torch::Tensor denormalise(const torch::Tensor& normalised) const;

    /// (B, bins, T * S) normalised -> (B, D, T).
    torch::Tensor encode(const torch::Tensor& normMel);

    struct Quantised {
        torch::Tensor latent;               // (B, D, T): the sum of the used stages (straight-through)
        torch::Tensor base;                 // (B, D, T): stage 0 alone
        torch::Tensor codes;                // (B, T, K) long
        torch::Tensor commitment, entry;    // losses (training)
        std::vector<torch::Tensor> lookups; // per stage (B * T, lookup) unit vectors (for restarts)
    };
    /// `used` (B) long: stages that count for each item (quantiser dropout); undefined = all.
    /// `snap` false: every stage passes its lookup on unquantised (the codec without its quantiser;
    /// the decoder reads the sum of stage outputs, not the raw latent).
    Quantised quantise(const torch::Tensor& latent, const torch::Tensor& used = {}, bool snap = true);
    /// (B, T, n) long codes -> (B, D, T): the sum of the first n stages' entries.
    torch::Tensor latentOfCodes(const torch::Tensor& codes);
    /// Stage k's entries as latents: (V, D).
    torch::Tensor entries(int k);

    /// (B, D, T + kContext + kLookahead) -> (B, bins, T * S) normalised.
    torch::Tensor decodePadded(const torch::Tensor& padded);
    /// (B, D, T) -> (B, bins, T * S) normalised, zero tokens around.
    torch::Tensor decode(const torch::Tensor& latent);

    ModelConfig config;
    torch::Tensor melMean, melStd; // (bins) buffers
    torch::nn::Conv1d encIn{nullptr}, encOut{nullptr}, decIn{nullptr}, decOut{nullptr}, melOut{nullptr};
    torch::nn::ConvTranspose1d decUp{nullptr};
    torch::nn::ModuleList encBlocks{nullptr}, quantiser{nullptr}, decBlocks{nullptr}, melBlocks{nullptr};
};
TORCH_MODULE(ContextCodecNet);

/// Copies `weights` (validated names and shapes) into the network's parameters and buffers.
void loadContextWeights(ContextCodecNet& net, const TensorMap& weights);
/// The network's parameters and buffers as bundle tensors.
TensorMap contextWeights(ContextCodecNet& net);

} // namespace talker
