// SPDX-License-Identifier: GPL-3.0-or-later
// The two critics of context-codec training (ContextCodecTrainer.cpp): a phone reader that reads the
// decoded mel, and a mel judge that tells it from the real one. Private to core/src/train.
#pragma once

#include "../codec/ContextCodecNet.h"

#include "talker/Config.h"

#include <torch/torch.h>

#include <algorithm>
#include <vector>

namespace talker {

// The phone reader: a small convolutional phone classifier of normalised log-mel, one label per
// token (the codec's token grid). Trained on real mel before the codec, then frozen, it reads the
// decoded mel during codec training: its cross entropy there tells the decoder which details make
// one phone differ from another, which the mel L1 + L2 alone averages away. Discarded afterwards.
struct PhoneReaderImpl : torch::nn::Module {
    PhoneReaderImpl(const ModelConfig& c, std::int64_t phones)
    {
        const int S = c.codec.subframes, C = c.codec.channels;
        in = register_module(
            "in", torch::nn::Conv1d(torch::nn::Conv1dOptions(c.audio.melBins, C, 3 * S).stride(S).padding(S)));
        blocks = register_module("blocks", torch::nn::ModuleList());
        for (int d : {1, 2})
            blocks->push_back(ContextBlock(C, 3, d, true, false));
        out = register_module("out", torch::nn::Conv1d(torch::nn::Conv1dOptions(C, phones, 1)));
    }
    // (B, bins, N * S) -> (B * N, phones); `features` (if given) receives each block's output.
    torch::Tensor forward(const torch::Tensor& normMel, std::vector<torch::Tensor>* features = nullptr)
    {
        auto x = torch::nn::functional::gelu(in(normMel));
        for (const auto& block : *blocks) {
            x = block->as<ContextBlock>()->forward(x);
            if (features)
                features->push_back(x);
        }
        const auto logits = out(torch::nn::functional::gelu(x)); // (B, P, N)
        return logits.transpose(1, 2).reshape({-1, logits.size(1)});
    }
    torch::nn::Conv1d in{nullptr}, out{nullptr};
    torch::nn::ModuleList blocks{nullptr};
};
TORCH_MODULE(PhoneReader);

// A mel discriminator (LSGAN): dilated convolutions over the 62.5 Hz frames of normalised log-mel,
// one realness score per frame. It learns to tell the decoded mel from the real one; the decoder
// learns to be taken for real and to match its features. A mean-error decoder answers a token with
// the average of the mels it could stand for, smoother than any real one (its frame-to-frame
// change is about two thirds of speech's); this judge sees that smoothness, where L1 + L2 rewards it.
struct MelJudgeImpl : torch::nn::Module {
    explicit MelJudgeImpl(const ModelConfig& c)
    {
        // A quarter of the codec's width: at the full width the judge's four passes a step cost
        // more than the codec's own (measured on one thread, beside other runs: 1.6 s a step against 0.4 s).
        const int C = std::max(16, c.codec.channels / 4);
        layers = register_module("layers", torch::nn::ModuleList());
        int in = c.audio.melBins;
        for (int dilation : {1, 2, 4}) {
            layers->push_back(
                torch::nn::Conv1d(torch::nn::Conv1dOptions(in, C, 5).dilation(dilation).padding(2 * dilation)));
            in = C;
        }
        score = register_module("score", torch::nn::Conv1d(torch::nn::Conv1dOptions(C, 1, 3).padding(1)));
    }
    // (B, bins, T) -> (B, 1, T); `features` (if given) receives each layer's activation.
    torch::Tensor forward(const torch::Tensor& normMel, std::vector<torch::Tensor>* features = nullptr)
    {
        auto x = normMel;
        for (const auto& layer : *layers) {
            x = torch::nn::functional::leaky_relu(layer->as<torch::nn::Conv1d>()->forward(x),
                                                  torch::nn::functional::LeakyReLUFuncOptions().negative_slope(0.2));
            if (features)
                features->push_back(x);
        }
        return score(x);
    }
    torch::nn::ModuleList layers{nullptr};
    torch::nn::Conv1d score{nullptr};
};
TORCH_MODULE(MelJudge);

} // namespace talker
