#!/bin/sh
# Builds the llmlint platform wheel: dist/llmlint-VERSION-py3-none-manylinux_X_Y_ARCH.whl (Linux only).
#
#   scripts/build-wheel.sh                    # swift build -c release, then the wheel in dist/
#   scripts/build-wheel.sh --binary PATH      # wrap an already built binary instead
#   scripts/build-wheel.sh --out DIR          # write the wheel to DIR (default: dist/ in the checkout)
#
# The version is the binary's own (`llmlint --version`, i.e. LLMLint.version in the sources), so it is
# written in one place. The binary must be linked with the Swift runtime statically (the default release
# build on Linux is; see Package.swift); scripts/make_wheel.py refuses one that needs a Swift library, and
# reads the manylinux tag off its GLIBC symbol versions. A stripped copy goes into the wheel (the binary's
# symbol table and debug info are a fifth of its size); the build output is left as it is.
# Needs: swift (unless --binary), python3 (standard library only); strip if present.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/dist"
binary=
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=${2:?--binary needs a path}; shift 2 ;;
    --binary=*) binary=${1#--binary=}; shift ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --out=*) out=${1#--out=}; shift ;;
    -h | --help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-wheel: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  echo "== swift build -c release" >&2
  swift build -c release --package-path "$root" >&2
  binary="$(swift build -c release --package-path "$root" --show-bin-path)/llmlint"
fi
[ -x "$binary" ] || { echo "build-wheel: $binary is not an executable" >&2; exit 1; }

version=$("$binary" --version)
version=${version#llmlint }
case $version in
  "" | *[!0-9A-Za-z.+-]*) echo "build-wheel: cannot read a version from '$binary --version'" >&2; exit 1 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/llmlint-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
if command -v strip >/dev/null 2>&1; then
  strip -o "$work/llmlint" "$binary"
else
  cp "$binary" "$work/llmlint"
fi
chmod 755 "$work/llmlint"
"$work/llmlint" --version >/dev/null

python3 "$root/scripts/make_wheel.py" --binary "$work/llmlint" --version "$version" --out "$out" \
  --package "$root/python/llmlint"
