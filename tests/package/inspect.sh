#!/usr/bin/env bash
# Reads back the package ci/package made: its name, its control fields and
# the files it installs.
#   inspect.sh PACKAGE_DIR VERSION LIBEXEC IMPL_TARGET TARGET...
set -uo pipefail
"$(dirname "$0")/tools.sh" true || exit $?
dir=$1 version=$2 libexec=$3 impl=$4
shift 4
deb=$dir/spawncheck_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] || { echo "FAIL: no $deb"; ls "$dir"; exit 1; }
failed=0
fail() { echo "FAIL: $*"; failed=1; }

info=$(dpkg-deb -I "$deb") || fail "dpkg-deb -I $deb"
field() { sed -n "s/^ $1: //p" <<<"$info"; }
[[ $(field Package) == spawncheck ]] || fail "Package: $(field Package)"
[[ $(field Version) == "$version" ]] || fail "Version: $(field Version)"
depends=$(field Depends | tr ',' '\n' | sed 's/^ *//; s/ .*//')
for dep in libc6 libstdc++6 libfmt9; do
	grep -qxF "$dep" <<<"$depends" || fail "Depends lacks $dep: $(field Depends)"
done
grep -q 'qemu-user' <<<"$(field Recommends)" || fail "Recommends lacks qemu-user: $(field Recommends)"
grep -q 'qemu-system-' <<<"$(field Recommends)" || fail "Recommends lacks qemu-system-*: $(field Recommends)"

files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|') || fail "dpkg-deb -c $deb"
want=(/usr/bin/spawncheck "/usr/$libexec/spawncheck-binfmt"
	/usr/share/man/man1/spawncheck.1 /usr/share/man/man1/spawncheck-check.1 /usr/share/man/man1/spawncheck-matrix.1
	/usr/share/doc/spawncheck/README.md /usr/share/doc/spawncheck/docs/ci.md
	/usr/share/doc/spawncheck/docs/capabilities.md /usr/share/doc/spawncheck/docs/capabilities.schema.json
	/usr/include/spawncheck/refcore.h /usr/lib/pkgconfig/spawncheck-refcore.pc)
for t in "$@"; do
	want+=("/usr/$libexec/$t/spawncheck-agent" "/usr/$libexec/$t/spawncheck-probe")
	[[ $t == "$impl" ]] && want+=("/usr/$libexec/$t/spawncheck-agent-dynamic")
done
for f in "${want[@]}"; do
	grep -qxF "$f" <<<"$files" || fail "missing $f"
done
# Nothing of the build tree: no test program, no broken library.
if grep -E 'sc-broken|_test$|/build/' <<<"$files"; then fail "test artefacts in the package"; fi
((failed)) && exit 1
echo "ok: $deb ($(field Installed-Size) KiB installed), $(grep -c . <<<"$files") entries, targets: $*"
