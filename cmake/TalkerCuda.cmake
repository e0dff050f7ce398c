# SPDX-License-Identifier: GPL-3.0-or-later
# TALKER_WITH_CUDA: the Talker's CUDA kernels (core/src/generate/cuda/), compiled by nvcc.
#
#   AUTO (default)  built wherever check_language(CUDA) finds nvcc (on PATH, in CUDACXX, or at
#                   /usr/local/cuda/bin/nvcc), left out otherwise
#   ON              required: configuring fails without nvcc
#   OFF             left out; nvcc is not looked for
#
# The kernels take raw device pointers and use the CUDA runtime only, so a CPU-only LibTorch
# (Debian's) is fine: the build compiles them, and they run wherever a CUDA device is present.
# Without them the build is what it was before, and the CUDA decoder reports that this build has no
# CUDA kernels. The outcome is TALKER_CUDA_KERNELS (ON/OFF), which the other CMake files read.
include(CheckLanguage)

set(TALKER_WITH_CUDA AUTO CACHE STRING "CUDA Talker kernels: AUTO (where nvcc is found), ON (require nvcc) or OFF")
set_property(CACHE TALKER_WITH_CUDA PROPERTY STRINGS AUTO ON OFF)
string(TOUPPER "${TALKER_WITH_CUDA}" talker_cuda_mode)
if(talker_cuda_mode MATCHES "^(ON|TRUE|YES|1)$")
  set(talker_cuda_mode ON)
elseif(talker_cuda_mode MATCHES "^(OFF|FALSE|NO|0)$")
  set(talker_cuda_mode OFF)
elseif(NOT talker_cuda_mode STREQUAL "AUTO")
  message(FATAL_ERROR "TALKER_WITH_CUDA='${TALKER_WITH_CUDA}': expected AUTO, ON or OFF")
endif()

set(TALKER_CUDA_KERNELS OFF)
if(talker_cuda_mode STREQUAL "OFF")
  message(STATUS "CUDA kernels: off (TALKER_WITH_CUDA=OFF)")
  return()
endif()

# check_language() looks only while CMAKE_CUDA_COMPILER is undefined: forget an earlier NOTFOUND,
# so nvcc installed since the last configure is found.
if(DEFINED CMAKE_CUDA_COMPILER AND NOT CMAKE_CUDA_COMPILER)
  unset(CMAKE_CUDA_COMPILER CACHE)
endif()
if(NOT CMAKE_CUDA_COMPILER AND NOT DEFINED ENV{CUDACXX})
  find_program(TALKER_NVCC nvcc)
  if(NOT TALKER_NVCC AND EXISTS /usr/local/cuda/bin/nvcc)
    set(ENV{CUDACXX} /usr/local/cuda/bin/nvcc)
  endif()
endif()
check_language(CUDA)
if(NOT CMAKE_CUDA_COMPILER)
  if(talker_cuda_mode STREQUAL "ON")
    message(FATAL_ERROR "TALKER_WITH_CUDA=ON but no CUDA compiler was found: set CUDACXX or CMAKE_CUDA_COMPILER")
  endif()
  message(STATUS "CUDA kernels: off (no nvcc found; set CUDACXX or CMAKE_CUDA_COMPILER to build them)")
  return()
endif()

# sm_80 (A100) and sm_90 (H100/H200) as machine code, plus compute_90 PTX that newer GPUs compile
# when they load it. Two architectures keep the nvcc part of the build short.
if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
  set(CMAKE_CUDA_ARCHITECTURES "80-real;90" CACHE STRING "CUDA architectures of the Talker kernels")
endif()
if(CMAKE_CXX_COMPILER_LAUNCHER AND NOT CMAKE_CUDA_COMPILER_LAUNCHER)
  set(CMAKE_CUDA_COMPILER_LAUNCHER "${CMAKE_CXX_COMPILER_LAUNCHER}")
endif()
# nvcc drives the same host compiler as the C++ code (g++ 12 here, which nvcc 13 supports).
if(NOT CMAKE_CUDA_HOST_COMPILER)
  set(CMAKE_CUDA_HOST_COMPILER "${CMAKE_CXX_COMPILER}" CACHE FILEPATH "Host compiler of nvcc")
endif()
enable_language(CUDA)
find_package(CUDAToolkit REQUIRED)
set(TALKER_CUDA_KERNELS ON)
message(STATUS "CUDA kernels: on (nvcc ${CMAKE_CUDA_COMPILER_VERSION}, architectures ${CMAKE_CUDA_ARCHITECTURES})")
