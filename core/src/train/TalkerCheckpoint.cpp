// SPDX-License-Identifier: GPL-3.0-or-later
// The Talker trainer's checkpoints: written as one unit, and the optimiser state shared over the
// ranks of a data-parallel run.
#include "TalkerTraining.h"

#include "talker/Error.h"
#include "talker/FileWrite.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>

namespace fs = std::filesystem;

namespace talker::training {

/// Writes a checkpoint as one unit: `writeFiles` fills a fresh directory beside `checkpoint`, which
/// is then exchanged for the old one in one step (renameat2 RENAME_EXCHANGE; where the file system
/// cannot exchange, the old one is moved aside first). A full disk or a killed run therefore leaves
/// the previous checkpoint whole, never one step's weights beside another step's optimiser state.
/// A directory a killed run left behind is removed by the next checkpoint of the same bundle.
void writeCheckpoint(const fs::path& checkpoint, const std::function<void(const fs::path&)>& writeFiles)
{
    const auto fail = [&](const std::string& why) {
        throw FileError("cannot write checkpoint '" + checkpoint.string() + "': " + why);
    };
    const fs::path parent = checkpoint.parent_path().empty() ? fs::path(".") : checkpoint.parent_path();
    const std::string prefix = "." + checkpoint.filename().string() + ".";
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) // leftovers
        if (const std::string name = it->path().filename().string();
            name.rfind(prefix + "tmp-", 0) == 0 || name.rfind(prefix + "old-", 0) == 0) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    std::string fresh = (parent / (prefix + "tmp-XXXXXX")).string();
    if (!::mkdtemp(fresh.data()))
        fail(std::strerror(errno));
    try {
        writeFiles(fresh);
    } catch (const FileError& e) {
        // Named as the user knows it: checkpoint/optimizer.pt, not the directory it was written in.
        std::string message = e.what();
        for (std::size_t at; (at = message.find(fresh)) != std::string::npos;)
            message.replace(at, fresh.size(), checkpoint.string());
        fs::remove_all(fresh, ec);
        throw FileError(message);
    } catch (...) {
        fs::remove_all(fresh, ec);
        throw;
    }
    if (!fs::exists(checkpoint)) {
        if (::rename(fresh.c_str(), checkpoint.c_str()) != 0) {
            const int error = errno;
            fs::remove_all(fresh, ec);
            fail(std::strerror(error));
        }
        return;
    }
    if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, checkpoint.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(fresh, ec); // now the old checkpoint
        return;
    }
    const std::string aside = (parent / (prefix + "old-" + fresh.substr(fresh.size() - 6))).string();
    if (::rename(checkpoint.c_str(), aside.c_str()) != 0 || ::rename(fresh.c_str(), checkpoint.c_str()) != 0) {
        const int error = errno;
        if (!fs::exists(checkpoint))
            ::rename(aside.c_str(), checkpoint.c_str());
        fs::remove_all(fresh, ec);
        fail(std::strerror(error));
    }
    fs::remove_all(aside, ec);
}

// Gives every rank rank 0's AdamW state (moments and step counts), after rank 0 read it from the
// checkpoint. The other ranks first take one step with zero gradients and learning rate 0, which
// creates zero state of the right shapes and leaves the weights as they are (AdamW's decay is
// lr * weight_decay = 0), so that rank 0's values can be broadcast into it.
void broadcastOptimizerState(torch::optim::AdamW& optimizer, ProcessGroup& group)
{
    if (group.worldSize() == 1)
        return;
    if (!group.isMain()) {
        std::vector<double> rates;
        for (auto& g : optimizer.param_groups()) {
            auto& o = static_cast<torch::optim::AdamWOptions&>(g.options());
            rates.push_back(o.lr());
            o.lr(0.0);
        }
        for (auto& g : optimizer.param_groups())
            for (auto& p : g.params())
                p.mutable_grad() = torch::zeros_like(p);
        optimizer.step();
        optimizer.zero_grad();
        std::size_t i = 0;
        for (auto& g : optimizer.param_groups())
            static_cast<torch::optim::AdamWOptions&>(g.options()).lr(rates[i++]);
    }
    std::vector<torch::Tensor> moments;
    std::vector<std::int64_t> stepCounts;
    std::vector<torch::optim::AdamWParamState*> states;
    for (auto& g : optimizer.param_groups())
        for (auto& p : g.params()) {
            auto it = optimizer.state().find(c10::guts::to_string(p.unsafeGetTensorImpl()));
            if (it == optimizer.state().end())
                throw DistributedError("cannot share the optimiser state of the checkpoint: a parameter of " +
                                       std::to_string(p.numel()) + " values has none on rank " +
                                       std::to_string(group.rank()));
            auto& state = static_cast<torch::optim::AdamWParamState&>(*it->second);
            states.push_back(&state);
            moments.push_back(state.exp_avg());
            moments.push_back(state.exp_avg_sq());
            stepCounts.push_back(state.step());
        }
    moments.push_back(torch::tensor(stepCounts, torch::kLong));
    group.broadcast(moments);
    const auto steps = moments.back();
    for (std::size_t i = 0; i < states.size(); ++i)
        states[i]->step(steps[std::int64_t(i)].item<std::int64_t>());
}

} // namespace talker::training
