#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Install test (label "package"): builds the .deb and .tar.gz with CPack from a finished build tree,
# unpacks the .deb into a temporary root and uses what it installed the way a user would: from a
# directory outside the source tree, without TALKER_MODELS. Then validates the desktop entry, the
# AppStream metadata and the package itself (lintian: no error-severity finding).
#
#   test_install.sh BUILD_DIR SOURCE_DIR
#
# Every check prints what it found when it fails; the first failure ends the test.
set -euo pipefail

build_dir=$(realpath "$1")
source_dir=$(realpath "$2")
app_id=org.example.TalkerStudio

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $* ($(date +%T))"; }

for tool in cpack dpkg-deb file desktop-file-validate appstreamcli lintian python3; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (scripts/setup --tests installs it)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/talker-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unset TALKER_MODELS

step "packages (cpack)"
cpack --config "$build_dir/CPackConfig.cmake" -B "$tmp/packages" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")
[[ -n "$version" ]] || fail "no CPACK_PACKAGE_VERSION in $build_dir/CPackConfig.cmake"
debs=("$tmp"/packages/talker-studio_"$version"_*.deb)
tgzs=("$tmp"/packages/talker-studio-"$version"-*.tar.gz)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "expected one talker-studio_${version}_<arch>.deb, found: $(ls "$tmp/packages")"
[[ ${#tgzs[@]} -eq 1 && -f "${tgzs[0]}" ]] || fail "expected one talker-studio-${version}-<arch>.tar.gz, found: $(ls "$tmp/packages")"
deb=${debs[0]}
tgz=${tgzs[0]}
ls -l "$deb" "$tgz"

step "control fields"
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == talker-studio ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', expected '$version'"
[[ $(field Section) == sound ]] || fail "Section is '$(field Section)'"
depends=$(field Depends)
echo "Depends: $depends"
# dpkg-shlibdeps computed these from the executables; a package without them would install and not run.
for lib in libc6 libtorch libqt6widgets6 libqcustomplot libportaudio2 libsndfile1 libsoxr0; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

step "unpack the .deb into a temporary root"
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
prefix="$root/usr"
models="$prefix/share/talker-studio/models"
expected=(
  bin/talker bin/talker-studio
  share/talker-studio/models/chapter/model.json share/talker-studio/models/chapter/talker.safetensors
  share/talker-studio/models/chapter/rvq.safetensors
  share/talker-studio/models/clear/model.json share/talker-studio/models/clear/talker.safetensors
  share/talker-studio/models/clear/rvq.safetensors
  share/applications/$app_id.desktop share/metainfo/$app_id.metainfo.xml
  share/icons/hicolor/scalable/apps/$app_id.svg
  share/doc/talker-studio/copyright share/doc/talker-studio/changelog.gz
  share/man/man1/talker.1.gz share/man/man1/talker-studio.1.gz
)
for size in 16 22 24 32 48 64 128 256; do
  expected+=("share/icons/hicolor/${size}x${size}/apps/$app_id.png")
  file "$prefix/share/icons/hicolor/${size}x${size}/apps/$app_id.png" 2>/dev/null | grep -q "PNG image data, $size x $size" ||
    fail "icon ${size}x${size}: $(file "$prefix/share/icons/hicolor/${size}x${size}/apps/$app_id.png" 2>&1)"
done
for path in "${expected[@]}"; do
  [[ -f "$prefix/$path" ]] || fail "the package does not install /usr/$path"
done
# Training leftovers stay out of the package (only the bundle files and the training log ship).
unexpected=$(find "$models" -type f ! -name model.json ! -name '*.safetensors' ! -name train-log.jsonl)
[[ -z "$unexpected" ]] || fail "unexpected files under share/talker-studio/models: $unexpected"
# Translations (ui/CMakeLists.txt installs them): one .qm for every .ts in the source tree.
shopt -s nullglob
for ts in "$source_dir"/translations/talker-studio_*.ts; do
  qm=$(basename "${ts%.ts}.qm")
  [[ -s "$prefix/share/talker-studio/translations/$qm" ]] || fail "the package lacks share/talker-studio/translations/$qm"
  echo "translation: $qm"
done
shopt -u nullglob

step "the tarball holds the same tree"
tar -tzf "$tgz" >"$tmp/tgz.list"
for path in bin/talker bin/talker-studio share/talker-studio/models/chapter/model.json share/applications/$app_id.desktop; do
  grep -q "^talker-studio-$version-[^/]*/$path\$" "$tmp/tgz.list" || fail "the tarball lacks $path"
done

step "version records"
# The AppStream release list and the Debian changelog are written by hand; they must name this version.
newest_release=$(python3 -c 'import sys, xml.etree.ElementTree as E
print(E.parse(sys.argv[1]).getroot().find("releases/release").get("version"))' "$prefix/share/metainfo/$app_id.metainfo.xml")
[[ "$newest_release" == "$version" ]] || fail "the metainfo's newest release is '$newest_release', the package is '$version'"
changelog_top=$(zcat "$prefix/share/doc/talker-studio/changelog.gz" | head -1)
[[ "$changelog_top" == "talker-studio ($version) "* ]] || fail "the changelog starts with '$changelog_top', the package is '$version'"

# From here on the installed programs run from a directory outside the source and build trees.
work="$tmp/work"
mkdir "$work"
cd "$work"

step "talker --version"
out=$("$prefix/bin/talker" --version)
[[ "$out" == "talker $version" ]] || fail "talker --version printed '$out', expected 'talker $version'"

step "talker info on the installed bundles"
for bundle in chapter clear; do
  out=$("$prefix/bin/talker" info "$models/$bundle")
  echo "$out" | head -3
  grep -qx "bundle: *$models/$bundle" <<<"$out" || fail "talker info did not read $models/$bundle: $out"
  grep -qx "name: *$bundle" <<<"$out" || fail "talker info names another bundle: $out"
done

step "the default bundle is the installed one"
# Without --bundle the programs use <exe>/../share/talker-studio/models/chapter. The binary also knows
# the source tree's copy as a last resort, which holds the same model; to tell the two apart, the
# installed copy (in this temporary root only) gets another name, which generate then reports.
python3 - "$models/chapter/model.json" <<'EOF'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["name"] = "chapter-as-installed"
json.dump(config, open(path, "w"), indent=2)
EOF
"$prefix/bin/talker" generate --frames 4 --seed 1 -o "$work/take.wav" 2>"$work/generate.log" ||
  { cat "$work/generate.log" >&2; fail "talker generate with the default bundle failed"; }
grep -q "with 'chapter-as-installed'" "$work/generate.log" ||
  fail "talker generate did not use the installed default bundle: $(cat "$work/generate.log")"
[[ $(stat -c %s "$work/take.wav") -gt 44 ]] || fail "talker generate wrote an empty WAV"

step "talker-studio --screenshot"
QT_QPA_PLATFORM=offscreen "$prefix/bin/talker-studio" --screenshot "$work/studio.png" --generate --frames 25 --seed 1 \
  >"$work/studio.log" 2>&1 || { cat "$work/studio.log" >&2; fail "talker-studio --screenshot failed"; }
cat "$work/studio.log"
info=$(file "$work/studio.png")
[[ "$info" =~ PNG\ image\ data,\ ([0-9]+)\ x\ ([0-9]+) ]] || fail "not a PNG: $info"
(( BASH_REMATCH[1] >= 640 && BASH_REMATCH[2] >= 400 )) || fail "the screenshot is only ${BASH_REMATCH[1]}x${BASH_REMATCH[2]}"
# A window with its views drawn compresses to far more than a blank or single-colour image (~1 KB).
size=$(stat -c %s "$work/studio.png")
(( size > 30000 )) || fail "the screenshot is only $size bytes: an empty window?"
echo "screenshot: ${BASH_REMATCH[1]}x${BASH_REMATCH[2]}, $size bytes"

step "desktop-file-validate"
out=$(desktop-file-validate "$prefix/share/applications/$app_id.desktop" 2>&1) || fail "desktop-file-validate: $out"
[[ -z "$out" ]] || fail "desktop-file-validate reports: $out"
grep -qx "Icon=$app_id" "$prefix/share/applications/$app_id.desktop" || fail "the desktop entry's Icon is not $app_id"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$prefix/share/applications/$app_id.desktop")
[[ -x "$prefix/bin/$exec_name" ]] || fail "the desktop entry runs '$exec_name', which the package does not install"

step "appstreamcli validate"
appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate failed"

step "the committed icon PNGs match the SVG"
if command -v rsvg-convert >/dev/null; then
  "$source_dir/installer/render-icons" --check "$tmp/icons" || fail "stale icon PNGs"
else
  fail "rsvg-convert is not installed (scripts/setup --tests installs librsvg2-bin)"
fi

step "lintian"
# Error-severity findings fail the test (exit status 1 with --fail-on error; 2 and up: lintian itself
# failed); warnings and informational tags are printed for the record.
status=0
lintian --fail-on error --display-info --tag-display-limit 0 "$deb" >"$tmp/lintian.log" 2>&1 || status=$?
cat "$tmp/lintian.log"
(( status == 0 )) || fail "lintian exited with status $status"
! grep -q '^E: ' "$tmp/lintian.log" || fail "lintian reports errors"

step "done"
