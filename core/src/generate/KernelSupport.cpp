// SPDX-License-Identifier: GPL-3.0-or-later
// What the kernels stand on: aligned buffers, bfloat16 conversion, and which instruction sets
// this CPU runs (TALKER_ISA may force one).
#include "Kernels.h"
#include "KernelTargets.h"

#include "talker/Error.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace talker::kernels {

AlignedFloats::AlignedFloats(std::size_t count) : m_count(count)
{
    // aligned_alloc wants a multiple of the alignment.
    const std::size_t bytes = std::max<std::size_t>(64, (count * sizeof(float) + 63) / 64 * 64);
    auto* p = static_cast<float*>(std::aligned_alloc(64, bytes));
    if (!p)
        throw std::bad_alloc();
    std::memset(p, 0, bytes);
    m_values.reset(p);
}

void AlignedFloats::Free::operator()(float* p) const
{
    std::free(p);
}

std::uint16_t toBFloat16(float value)
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    if ((bits & 0x7fffffffu) > 0x7f800000u)
        return std::uint16_t((bits >> 16) | 0x40u); // NaN: keep it a (quiet) NaN
    bits += 0x7fffu + ((bits >> 16) & 1u);          // round to nearest, ties to even
    return std::uint16_t(bits >> 16);
}

float fromBFloat16(std::uint16_t bits)
{
    const std::uint32_t wide = std::uint32_t(bits) << 16;
    float value;
    std::memcpy(&value, &wide, sizeof value);
    return value;
}

std::string supportedIsaNames()
{
    std::string names;
    for (Isa isa : supportedIsas())
        names += (names.empty() ? "" : ", ") + std::string(isaName(isa));
    return names;
}

const char* isaName(Isa isa)
{
    switch (isa) {
    case Isa::Avx512:
        return "avx512";
    case Isa::Avx2:
        return "avx2";
    case Isa::Generic:
        break;
    }
    return "generic";
}

Isa parseIsa(const std::string& name)
{
    for (Isa isa : {Isa::Avx512, Isa::Avx2, Isa::Generic})
        if (name == isaName(isa))
            return isa;
    throw ArgumentError("unknown instruction set '" + name + "': expected avx512, avx2 or generic");
}

bool isaSupported(Isa isa)
{
    switch (isa) {
    case Isa::Generic:
        return true;
#if TALKER_X86_KERNELS
    case Isa::Avx2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("x86-64-v3");
    case Isa::Avx512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("x86-64-v4");
#else
    case Isa::Avx2:
    case Isa::Avx512:
        break;
#endif
    }
    return false;
}

std::vector<Isa> supportedIsas()
{
    std::vector<Isa> isas;
    for (Isa isa : {Isa::Avx512, Isa::Avx2, Isa::Generic})
        if (isaSupported(isa))
            isas.push_back(isa);
    return isas;
}

Isa defaultIsa()
{
    const char* forced = std::getenv("TALKER_ISA");
    if (!forced || !*forced)
        return supportedIsas().front();
    Isa isa;
    try {
        isa = parseIsa(forced);
    } catch (const ArgumentError&) {
        throw ArgumentError(std::string("TALKER_ISA '") + forced + "': expected avx512, avx2 or generic");
    }
    if (!isaSupported(isa))
        throw ArgumentError(std::string("TALKER_ISA '") + forced + "': this CPU runs " + supportedIsaNames());
    return isa;
}

} // namespace talker::kernels
