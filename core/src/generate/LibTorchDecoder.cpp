// The reference decoder: the torch::nn::Module Talker with an explicit KvCache, one frame a step,
// on its packed inference weights (TalkerImpl::packForInference).
#include "Decoder.h"

#include "talker/Talker.h"

namespace talker {

namespace {

class LibTorchDecoder final : public Decoder {
public:
    explicit LibTorchDecoder(const ModelBundle& bundle)
        : m_config(bundle.config.talker), m_model(bundle.config.talker), m_cache(bundle.config.talker, 1)
    {
        m_model->loadWeights(bundle.talkerWeights);
        m_model->eval();
        m_model->packForInference();
        m_input = torch::empty({1, m_config.codebooks}, torch::kLong);
        m_logits.resize(std::size_t(m_config.codebooks) * m_config.codebookSize);
    }

    void reset() override { m_cache.clear(); }

    const float* step(const std::int32_t* codes) override
    {
        torch::InferenceMode inference;
        auto* input = m_input.data_ptr<std::int64_t>();
        for (int k = 0; k < m_config.codebooks; ++k)
            input[k] = codes[k];
        auto logits = m_model->step(m_input, m_cache).contiguous(); // (1, K, V)
        std::copy_n(logits.data_ptr<float>(), m_logits.size(), m_logits.data());
        return m_logits.data();
    }

    std::int64_t capacity() const override { return m_cache.capacity; }
    const char* name() const override { return "libtorch"; }

private:
    TalkerConfig m_config;
    Talker m_model;
    KvCache m_cache;
    torch::Tensor m_input;       // (1, K)
    std::vector<float> m_logits; // (K, V)
};

} // namespace

std::unique_ptr<Decoder> makeLibTorchDecoder(const ModelBundle& bundle)
{
    return std::make_unique<LibTorchDecoder>(bundle);
}

} // namespace talker
