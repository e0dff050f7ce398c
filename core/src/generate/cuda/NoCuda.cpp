// SPDX-License-Identifier: GPL-3.0-or-later
// The CUDA side of a build without TALKER_WITH_CUDA (no nvcc when it was configured): there are no
// devices to run on, and every entry point that would need one says why. CudaTalker checks
// deviceCount() before anything else, so the others are reached only by a caller that skipped it.
#include "DeviceApi.h"

#include "talker/Error.h"

namespace talker::cuda::detail {

namespace {

const char* const NotBuilt = "this build has no CUDA kernels (it was configured without TALKER_WITH_CUDA)";

[[noreturn]] void notBuilt()
{
    throw Error(std::string("CUDA Talker: ") + NotBuilt);
}

} // namespace

bool built()
{
    return false;
}

int deviceCount(std::string& reason)
{
    reason = NotBuilt;
    return 0;
}

DeviceProperties deviceProperties(int)
{
    notBuilt();
}
DeviceTalker* createTalker(int, const Dims&, const HostWeights&)
{
    notBuilt();
}
void destroyTalker(DeviceTalker*) {} // nothing can have been created
void resetTalker(DeviceTalker*, int, std::int64_t, const float*, const float*)
{
    notBuilt();
}
void stepTalker(DeviceTalker*, std::int64_t, const std::int32_t*, float*)
{
    notBuilt();
}
double generateOnDevice(DeviceTalker*, int, const int*, const SamplingRule&, const std::uint64_t*, std::int32_t*)
{
    notBuilt();
}
std::size_t linearBytes(const DeviceTalker*)
{
    notBuilt();
}
void sampleOnDevice(int, const float*, int, int, int, int, const SamplingRule&, const std::uint64_t*, std::int32_t*,
                    float*)
{
    notBuilt();
}

} // namespace talker::cuda::detail
