#!/bin/sh
# The toolchain-free install, checked as a Python user meets it: one release build (`swift build -c release`,
# which links the Swift runtime and Foundation statically on Linux), then
#   - the binary needs no Swift library (ldd), and runs with the toolchain hidden;
#   - scripts/build-wheel.sh makes dist/llmlint-VERSION-py3-none-manylinux_X_Y_ARCH.whl; its listing,
#     WHEEL tag, METADATA and RECORD digests are checked, and auditwheel agrees with the tag;
#   - the wheel installs with pip into a fresh virtualenv (no index), and `llmlint --version`,
#     `python -m llmlint --version` and a scan of a fixture run from it with PATH=venv/bin:/usr/bin:/bin
#     and nothing else in the environment, and with the toolchain's directory hidden (a private mount
#     namespace with an empty tmpfs over it) where unshare is allowed;
#   - the pre-commit framework's `llmlint-system` hook (pre-commit installed from PyPI into the same
#     virtualenv) warns about a staged file and passes, with no toolchain on PATH.
# Everything it makes lives in one temporary directory, removed at the end. Needs swift, python3 (venv,
# pip), ldd, git; auditwheel and pre-commit are installed from PyPI into virtualenvs (auditwheel required under
# CI=true).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/llmlint-wheel-ci.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
exec </dev/null
cd "$root"

say() { printf '== %s\n' "$*"; }
fail() {
  printf 'wheel: FAILED: %s\n' "$*" >&2
  exit 1
}

say "swift build -c release"
swift build -c release
binary="$(swift build -c release --show-bin-path)/llmlint"
version=$("$binary" --version)
version=${version#llmlint }
say "llmlint $version: $(wc -c <"$binary") bytes"

say "the binary needs no Swift library"
ldd "$binary" | tee "$work/ldd.txt"
if grep -Ei 'swift|Foundation|dispatch|BlocksRuntime|icu' "$work/ldd.txt"; then
  fail "ldd names a Swift library (is the runtime linked statically? see Package.swift)"
fi

say "scripts/build-wheel.sh"
sh scripts/build-wheel.sh --binary "$binary" --out "$work/dist"
tag=$(python3 scripts/make_wheel.py --binary "$binary" --print-tag)
wheel="$work/dist/llmlint-$version-py3-none-$tag.whl"
[ -f "$wheel" ] || fail "no $wheel (found: $(ls "$work/dist"))"
say "wheel: ${wheel##*/}, $(wc -c <"$wheel") bytes"

say "wheel contents (python -m zipfile -l)"
python3 -m zipfile -l "$wheel"
python3 - "$wheel" "$version" "$tag" <<'PY'
import base64, hashlib, sys, zipfile

path, version, tag = sys.argv[1:]
info = f"llmlint-{version}.dist-info"
archive = zipfile.ZipFile(path)
names = sorted(archive.namelist())
expected = sorted([f"llmlint-{version}.data/scripts/llmlint", "llmlint/__init__.py", "llmlint/__main__.py",
                   f"{info}/METADATA", f"{info}/WHEEL", f"{info}/RECORD"])
assert names == expected, f"wheel holds {names}, expected {expected}"
mode = archive.getinfo(f"llmlint-{version}.data/scripts/llmlint").external_attr >> 16
assert mode & 0o111, f"the binary's mode in the wheel is {oct(mode)}"
wheel = dict(line.split(": ", 1) for line in archive.read(f"{info}/WHEEL").decode().splitlines())
assert wheel == {"Wheel-Version": "1.0", "Generator": "llmlint scripts/make_wheel.py", "Root-Is-Purelib": "false",
                 "Tag": f"py3-none-{tag}"}, wheel
metadata = archive.read(f"{info}/METADATA").decode()
head = dict(line.split(": ", 1) for line in metadata.split("\n\n", 1)[0].splitlines() if ": " in line)
assert head["Metadata-Version"] == "2.1" and head["Name"] == "llmlint" and head["Version"] == version, head
record = archive.read(f"{info}/RECORD").decode().splitlines()
assert sorted(line.split(",")[0] for line in record) == expected, record
for line in record:
    name, digest, size = line.rsplit(",", 2)
    if name == f"{info}/RECORD":
        assert digest == size == "", line
        continue
    data = archive.read(name)
    want = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    assert digest == want and int(size) == len(data), f"RECORD line {line!r} does not match {name}"
print(f"wheel: {len(names)} files, WHEEL tag py3-none-{tag}, RECORD digests match")
PY

say "auditwheel show"
if python3 -m venv "$work/auditwheel" && "$work/auditwheel/bin/pip" install --quiet --disable-pip-version-check auditwheel; then
  "$work/auditwheel/bin/auditwheel" show "$wheel" | tee "$work/auditwheel.txt"
  tr '\n' ' ' <"$work/auditwheel.txt" | grep -qF "consistent with the following platform tag: \"$tag\"" ||
    fail "auditwheel does not find the wheel consistent with $tag"
elif [ "${CI:-}" = true ]; then
  fail "cannot install auditwheel"
else
  echo "(auditwheel could not be installed: skipped)"
fi

say "pip install into a fresh virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
"$work/venv/bin/python" -m pip show llmlint | tee "$work/show.txt"
grep -qx 'Name: llmlint' "$work/show.txt" || fail "pip show: no 'Name: llmlint'"
grep -qx "Version: $version" "$work/show.txt" || fail "pip show: no 'Version: $version'"
[ -x "$work/venv/bin/llmlint" ] || fail "the wheel put no executable llmlint into the virtualenv's bin/"

# The checks run with nothing of this shell's environment: no toolchain on PATH, no library path.
fixture=Tests/LLMLintCoreTests/Fixtures/python/openai_calls.py
expected_findings=$(grep -c '# expect: [a-z]' "$fixture")
"$binary" "$fixture" >"$work/expected.txt" 2>/dev/null
cat >"$work/checks.sh" <<CHECKS
set -eu
fail() { printf 'wheel: FAILED: %s\n' "\$*" >&2; exit 1; }
command -v swift >/dev/null 2>&1 && fail "swift is on PATH"
[ "\$(command -v llmlint)" = "$work/venv/bin/llmlint" ] || fail "llmlint on PATH is \$(command -v llmlint)"
[ "\$(llmlint --version)" = "llmlint $version" ] || fail "llmlint --version printed '\$(llmlint --version)'"
[ "\$(python -m llmlint --version)" = "llmlint $version" ] || fail "python -m llmlint --version"
llmlint "$fixture" >"$work/scan.txt"
cmp -s "$work/scan.txt" "$work/expected.txt" || fail "the installed llmlint's scan differs from the build's"
[ "\$(grep -c ': warning: ' "$work/scan.txt")" = "$expected_findings" ] || fail "not $expected_findings findings"
python -m llmlint --format json "$fixture" | python -c 'import json, sys; assert len(json.load(sys.stdin)) == $expected_findings'
status=0; python -m llmlint --strict "$fixture" >/dev/null 2>&1 || status=\$?
[ "\$status" = 1 ] || fail "python -m llmlint --strict exited \$status, not 1"
echo "ok: llmlint $version from the wheel: --version, python -m llmlint, $expected_findings findings in $fixture"
CHECKS
run_clean() { env -i PATH="$work/venv/bin:/usr/bin:/bin" HOME="$work" LC_ALL=C.UTF-8 "$@"; }

say "from the virtualenv, env -i PATH=venv/bin:/usr/bin:/bin"
run_clean /bin/sh "$work/checks.sh"

toolchain=$(dirname "$(dirname "$(command -v swift)")") # .../usr of the toolchain
say "with the toolchain ($toolchain) hidden"
if unshare -m /bin/sh -c "mount -t tmpfs none '$toolchain'" 2>/dev/null; then
  run_clean unshare -m /bin/sh -c "mount -t tmpfs none '$toolchain' && [ ! -e '$toolchain/lib/swift' ] && /bin/sh '$work/checks.sh'"
  run_clean unshare -m /bin/sh -c "mount -t tmpfs none '$toolchain' && '$binary' --version >/dev/null" ||
    fail "the build's binary does not run with the toolchain hidden"
else
  echo "(unshare -m is not allowed here: the toolchain could not be hidden; ldd above is the check)"
fi
say "pre-commit framework: the llmlint-system hook, with the wheel's llmlint and no toolchain on PATH"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit
cat >"$work/gitconfig" <<CONFIG
[user]
	name = llmlint CI
	email = ci@example.com
[init]
	defaultBranch = main
[safe]
	directory = *
CONFIG
mkdir "$work/scratch"
mkdir -p "$work/scratch/services"
printf 'import os\nx = client.chat.completions.create(model="m")\n' >"$work/scratch/services/app.py"
status=0
(
  cd "$work/scratch"
  run_clean GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME="$work/pre-commit-cache" \
    /bin/sh -c 'git init -q && git add services/app.py && pre-commit try-repo "$1" llmlint-system --verbose' sh "$root"
) >"$work/pre-commit.log" 2>&1 || status=$?
cat "$work/pre-commit.log"
[ "$status" = 0 ] || fail "pre-commit try-repo llmlint-system exited $status"
grep -F 'services/app.py:2:5: warning: ' "$work/pre-commit.log" | grep -qF '[openai-chat-completions]' ||
  fail "pre-commit: no warning for services/app.py:2:5"
grep -qE '^llmlint.*Passed' "$work/pre-commit.log" || fail "pre-commit did not report the hook as passed"
say "ok: the wheel installs and runs without a Swift toolchain"
