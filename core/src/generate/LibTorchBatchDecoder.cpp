// SPDX-License-Identifier: GPL-3.0-or-later
// The reference module for B streams at once, on the CPU or a CUDA device: one KvCache with batch
// dimension B, one module step per frame for all streams.
#include "BatchDecoder.h"
#include "../model/TorchDevice.h"

#include "talker/Error.h"
#include "talker/Talker.h"

namespace talker {

namespace {

class LibTorchBatchDecoder final : public BatchDecoder {
  public:
    LibTorchBatchDecoder(const ModelBundle& bundle, torch::Device device)
        : m_config(bundle.config.talker), m_device(device), m_model(bundle.config.talker)
    {
        m_model->loadWeights(bundle.talkerWeights); // on the CPU, then moved once
        m_model->to(device);
        m_model->eval();
        m_model->packForInference();
    }

    void reset(int batch, std::int64_t positions) override
    {
        if (batch < 1 || positions < 1)
            throw ArgumentError("invalid batch " + std::to_string(batch) + " x " + std::to_string(positions) +
                                " positions: expected at least one of each");
        if (!m_cache || batch != m_batch || positions > m_cache->capacity) {
            m_cache = std::make_unique<KvCache>(m_config, batch, m_device, positions);
            m_batch = batch;
            m_input = torch::empty({batch, m_config.inputColumns()}, torch::kLong); // (B, W), on the CPU
            m_logits.resize(std::size_t(batch) * m_config.codebooks * m_config.codebookSize);
            m_attention.assign(std::size_t(m_config.layers) * std::size_t(m_config.queryHeads) * std::size_t(positions),
                               0.0f);
        }
        m_cache->clear();
        m_cache->keepAttention = m_keepAttention;
        m_attentionPositions = 0;
    }

    const float* step(const std::int32_t* codes) override
    {
        torch::InferenceMode inference;
        auto* input = m_input.data_ptr<std::int64_t>();
        for (std::int64_t i = 0; i < m_input.numel(); ++i)
            input[i] = codes[i];
        auto logits = m_model->step(m_input.to(m_device), *m_cache).to(torch::kCPU).contiguous(); // (B, K, V)
        std::copy_n(logits.data_ptr<float>(), m_logits.size(), m_logits.data());
        if (m_keepAttention) {
            // Stream 0, the one appended position: (Hq, S) per layer, into rows of capacity floats.
            const std::int64_t S = m_cache->length, stride = m_cache->capacity;
            for (int l = 0; l < m_config.layers; ++l) {
                const auto weights =
                    m_cache->attention[std::size_t(l)].select(0, 0).select(1, 0).to(torch::kCPU).contiguous();
                for (int h = 0; h < m_config.queryHeads; ++h)
                    std::copy_n(weights.data_ptr<float>() + h * S, S,
                                m_attention.data() +
                                    (std::size_t(l) * std::size_t(m_config.queryHeads) + std::size_t(h)) *
                                        std::size_t(stride));
            }
            m_attentionPositions = S;
        }
        return m_logits.data();
    }

    const char* name() const override { return "libtorch"; }

    bool captureAttention(bool on) override
    {
        m_keepAttention = on;
        if (m_cache)
            m_cache->keepAttention = on;
        return true;
    }

    AttentionWeights attention() const override
    {
        if (!m_keepAttention || m_attentionPositions == 0)
            return {};
        return {m_attention.data(), m_config.layers, m_config.queryHeads, m_attentionPositions, m_cache->capacity};
    }

  private:
    TalkerConfig m_config;
    torch::Device m_device;
    Talker m_model;
    std::unique_ptr<KvCache> m_cache;
    int m_batch = 0;
    torch::Tensor m_input;       // (B, W): K codes, then any text columns
    std::vector<float> m_logits; // (B, K, V)
    bool m_keepAttention = false;
    std::vector<float> m_attention; // (layers, Hq, capacity): stream 0's weights of the last step
    std::int64_t m_attentionPositions = 0;
};

} // namespace

std::unique_ptr<BatchDecoder> makeLibTorchBatchDecoder(const ModelBundle& bundle, Device device)
{
    return std::make_unique<LibTorchBatchDecoder>(bundle, torchDevice(device));
}

} // namespace talker
