// SPDX-License-Identifier: GPL-3.0-or-later
// Private to the kernels (Kernels.cpp, KernelSupport.cpp): the instruction sets they are compiled for.
//
// The kernels are plain C++ on GCC's vector extension, written once as templates over the vector
// width and the register tile, and compiled three times: for x86-64-v4 (AVX-512), x86-64-v3 (AVX2,
// FMA) and the build's baseline (SSE2 on x86-64) through `target` attributes on three small entry
// points, so the build never requires AVX2 and needs no per-file flags. Which one runs is chosen
// per packed matrix (PackedMatrix::isa), not by the CPU alone, so every path can be tested here.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define TALKER_X86_KERNELS 1
#define TALKER_TARGET_AVX512 __attribute__((target("arch=x86-64-v4")))
#define TALKER_TARGET_AVX2 __attribute__((target("arch=x86-64-v3")))
#else
#define TALKER_X86_KERNELS 0
#endif
