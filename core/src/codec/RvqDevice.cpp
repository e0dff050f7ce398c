// SPDX-License-Identifier: GPL-3.0-or-later
// The RVQ decoder of a frame of B streams as tensor operations on a LibTorch device: the codes of
// all streams are one (B, K) index tensor, the chosen entries are gathered and summed in one
// pass, and proj_out maps all B latents at once. On a GPU this keeps the codec beside the Talker
// (a 1024-stream batch would otherwise cost the CPU ~40 M multiply-adds per frame).
// ref: Rvq::decodeFrame (the same arithmetic, one stream at a time on the CPU)
#include "../generate/TakeLoop.h"
#include "../model/TorchDevice.h"

#include "../io/TensorLookup.h"
#include "talker/Error.h"

#include <torch/torch.h>

namespace talker {

namespace {

torch::Tensor tensorOf(const TensorMap& weights, const std::string& name)
{
    const HostTensor& host = requireTensor(weights, name, "RVQ");
    return torch::tensor(host.values, torch::kFloat).reshape(host.shape);
}

class DeviceFrameCodec final : public FrameCodec {
  public:
    DeviceFrameCodec(const ModelBundle& bundle, Device device)
        : m_device(torchDevice(device)), m_codebooks(bundle.config.codec.codebooks),
          m_codebookSize(bundle.config.codec.codebookSize)
    {
        torch::InferenceMode inference;
        std::vector<torch::Tensor> books;
        for (int k = 0; k < m_codebooks; ++k)
            books.push_back(tensorOf(bundle.rvqWeights, "codebooks." + std::to_string(k)));
        // (K * V, D): entry v of codebook k is row k * V + v, so one index_select reads all K.
        m_entries = torch::cat(books, 0).to(m_device);
        m_projOutWeight = tensorOf(bundle.rvqWeights, "proj_out.weight").to(m_device);        // (S*bins, D)
        m_projOutBias = tensorOf(bundle.rvqWeights, "proj_out.bias").to(m_device);            // (S*bins)
        m_offsets = (torch::arange(m_codebooks, torch::kLong) * m_codebookSize).to(m_device); // (K)
    }

    bool decode(const std::int32_t* codes, int batch, float* mel) override
    {
        torch::InferenceMode inference;
        const auto latent = summedEntries(codes, batch, m_codebookSize, m_entries, m_offsets); // (B, D)
        const auto out =
            torch::addmm(m_projOutBias, latent, m_projOutWeight.t()).to(torch::kCPU).contiguous(); // (B, S*bins)
        std::copy_n(out.data_ptr<float>(), out.numel(), mel);
        return true;
    }

  private:
    torch::Device m_device;
    int m_codebooks;
    int m_codebookSize;
    torch::Tensor m_entries;       // (K * V, D)
    torch::Tensor m_projOutWeight; // (S * bins, D)
    torch::Tensor m_projOutBias;   // (S * bins)
    torch::Tensor m_offsets;       // (K): k * V
};

} // namespace

torch::Tensor summedEntries(const std::int32_t* codes, int batch, int codebookSize, const torch::Tensor& entries,
                            const torch::Tensor& offsets)
{
    const auto K = offsets.size(0);
    for (std::int64_t i = 0; i < std::int64_t(batch) * K; ++i)
        if (codes[i] < 0 || codes[i] >= codebookSize)
            throw ArgumentError("code " + std::to_string(codes[i]) + " of codebook " + std::to_string(i % K) +
                                " is outside 0.." + std::to_string(codebookSize - 1));
    const auto index =
        torch::from_blob(const_cast<std::int32_t*>(codes), {batch, K}, torch::kInt).to(entries.device(), torch::kLong) +
        offsets; // (B, K)
    return entries.index_select(0, index.reshape(-1)).view({batch, K, -1}).sum(1);
}

std::unique_ptr<FrameCodec> makeDeviceFrameCodec(const ModelBundle& bundle, Device device)
{
    if (bundle.config.codec.contextual())
        return makeContextFrameCodec(bundle, device);
    return std::make_unique<DeviceFrameCodec>(bundle, device);
}

} // namespace talker
