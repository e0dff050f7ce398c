# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings on for our own targets only (LibTorch headers are included as system headers). nvcc
# passes them on to the host compiler for the host code of CUDA sources.
function(talker_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra>
    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)
endfunction()
