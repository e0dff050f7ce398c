#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The licence check (issue 16): every source, CMake file and script of the project names its
# licence in its first two lines, the LICENSE file's: GPL-3.0-or-later (QCustomPlot, which the
# studio links, is GPL-3.0-or-later). Fails with the list of files that do not.
#   tests/style/check-spdx.sh SOURCE_DIR
set -euo pipefail
cd "$1"
tag='SPDX-License-Identifier: GPL-3.0-or-later'
grep -q 'GPL-3.0-or-later' LICENSE || { echo "FAIL: LICENSE does not name GPL-3.0-or-later" >&2; exit 1; }
mapfile -t files < <(
  { find core ui app tests bench cmake \( -name '*.cpp' -o -name '*.h' -o -name '*.cu' -o -name '*.cuh' \
           -o -name '*.py' -o -name '*.sh' -o -name '*.cmake' -o -name CMakeLists.txt \) -not -path 'tests/fuzz/corpus/*'
    find scripts -type f -not -name '*.json'
    echo CMakeLists.txt; echo .ci/run; echo bench/busy-take; } | sort -u)
((${#files[@]} > 200)) || { echo "FAIL: found only ${#files[@]} files under $1" >&2; exit 1; }
missing=()
for file in "${files[@]}"; do
  head -n 2 "$file" | grep -qF "$tag" || missing+=("$file")
done
if ((${#missing[@]} > 0)); then
  echo "FAIL: ${#missing[@]} of ${#files[@]} files lack '$tag' in their first two lines:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "${#files[@]} files name their licence ($tag)"
