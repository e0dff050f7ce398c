#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The formatting check (issue 16): every C++ and CUDA source of the project is as .clang-format
# lays it out. Fails with the list of files that are not, and the command that formats them.
#   tests/style/check-format.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
# clang-format 14, Debian 12's (another version may lay some lines out differently).
tool=$(command -v clang-format-14 || true)
[[ -n $tool ]] || { echo "FAIL: clang-format-14 is not installed (scripts/setup --tests installs it)" >&2; exit 1; }
cd "$source_dir"
mapfile -t files < <(find core ui app tests bench \( -name '*.cpp' -o -name '*.h' -o -name '*.cu' -o -name '*.cuh' \) \
                       -not -path 'tests/fuzz/corpus/*' | sort)
((${#files[@]} > 100)) || { echo "FAIL: found only ${#files[@]} sources under $source_dir" >&2; exit 1; }
unformatted=()
for file in "${files[@]}"; do
  "$tool" --dry-run -Werror "$file" >/dev/null 2>&1 || unformatted+=("$file")
done
if ((${#unformatted[@]} > 0)); then
  echo "FAIL: ${#unformatted[@]} of ${#files[@]} files differ from .clang-format:" >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  echo "format them with: $tool -i ${unformatted[*]}" >&2
  exit 1
fi
echo "${#files[@]} files formatted as .clang-format says"
