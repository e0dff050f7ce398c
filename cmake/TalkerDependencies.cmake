# SPDX-License-Identifier: GPL-3.0-or-later
# Every dependency comes from a Debian 12 package (scripts/setup installs them).
#
# One exception, for scripts/gpu-bench only: a machine with PyTorch's LibTorch and CUDA where nothing
# can be installed. There nlohmann-json and CLI11 (header-only) may come from a vendored copy under
# .deps/include (git-ignored, put there by whoever runs the script), and a core built with
# TALKER_BUILD_UI=OFF may go without libsndfile/soxr: audio files then cannot be read or written
# (readAudio/writeWav throw AudioFileError), which the benchmarks do not need.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

set(TALKER_VENDORED_INCLUDE "${PROJECT_SOURCE_DIR}/.deps/include")

find_package(Threads REQUIRED)
find_package(Torch REQUIRED)            # libtorch-dev (or PyTorch's cmake prefix on GPU machines)
# LibTorch's thread pool is OpenMP's; core sets a thread's own OpenMP thread count (Runtime.cpp)
# and links the runtime only: without -fopenmp, LibTorch's inline headers compile as they always did.
find_package(OpenMP REQUIRED COMPONENTS CXX)

find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  if(NOT EXISTS "${TALKER_VENDORED_INCLUDE}/nlohmann/json.hpp")
    message(FATAL_ERROR "nlohmann-json not found: install nlohmann-json3-dev (scripts/setup)")
  endif()
  message(STATUS "nlohmann-json: using the vendored copy in ${TALKER_VENDORED_INCLUDE}")
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${TALKER_VENDORED_INCLUDE}")
endif()

find_package(CLI11 QUIET)
if(NOT CLI11_FOUND)
  if(NOT EXISTS "${TALKER_VENDORED_INCLUDE}/CLI/CLI.hpp")
    message(FATAL_ERROR "CLI11 not found: install libcli11-dev (scripts/setup)")
  endif()
  message(STATUS "CLI11: using the vendored copy in ${TALKER_VENDORED_INCLUDE}")
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  set_target_properties(CLI11::CLI11 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${TALKER_VENDORED_INCLUDE}")
endif()

find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(SNDFILE QUIET IMPORTED_TARGET sndfile)
  pkg_check_modules(SOXR QUIET IMPORTED_TARGET soxr)
endif()
if(NOT SNDFILE_FOUND OR NOT SOXR_FOUND)
  if(TALKER_BUILD_UI)
    message(FATAL_ERROR "libsndfile and soxr are required (install libsndfile1-dev libsoxr-dev, scripts/setup)")
  endif()
  # Stand-ins that link nothing and tell core's sources to leave audio file IO out.
  message(STATUS "libsndfile/soxr not found: core is built without audio file IO (TALKER_BUILD_UI=OFF)")
  foreach(name SNDFILE SOXR)
    if(NOT TARGET PkgConfig::${name})
      add_library(PkgConfig::${name} INTERFACE IMPORTED)
      set_target_properties(PkgConfig::${name} PROPERTIES INTERFACE_COMPILE_DEFINITIONS "TALKER_WITHOUT_AUDIO_FILES=1")
    endif()
  endforeach()
endif()

if(TALKER_BUILD_UI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Test LinguistTools)
  find_package(QCustomPlotQt6 REQUIRED)
  pkg_check_modules(PORTAUDIO REQUIRED IMPORTED_TARGET portaudio-2.0)
endif()
