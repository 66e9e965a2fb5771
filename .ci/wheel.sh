#!/bin/sh
# The toolchain-free installs, checked as their users meet them. One release build, made by the GitHub
# Action itself (action.yml run here by .ci/run_action.py, no `wheel:` input: `swift build -c release`, which
# links the Swift runtime and Foundation statically on Linux), then:
#   - the action annotated every finding of a fixture and wrote the SARIF;
#   - the binary needs no Swift library (ldd), and runs with the toolchain hidden;
#   - scripts/build-wheel.sh makes llmlint-VERSION-py3-none-manylinux_X_Y_ARCH.whl; its listing, WHEEL tag,
#     METADATA and RECORD digests are checked, and auditwheel agrees with the tag;
#   - the wheel installs with pip into a fresh virtualenv (no index), and `llmlint --version`,
#     `python -m llmlint --version` and a scan of the fixture run from it with PATH=venv/bin:/usr/bin:/bin
#     and nothing else in the environment, and again with the toolchain's directory hidden (a private mount
#     namespace with an empty tmpfs over it) where unshare is allowed;
#   - the pre-commit framework's `llmlint-system` hook (pre-commit installed from PyPI into that
#     virtualenv) warns about a staged file and passes, with no toolchain on PATH (and, with no llmlint
#     on PATH, says so and passes);
#   - the action given the wheel (`wheel:`), with no toolchain on PATH, annotates, writes the SARIF, and
#     with `args: --strict` fails after writing it.
# Everything it makes lives in one temporary directory, removed at the end, except the action's build,
# kept in .build-action/ (git-ignored) so that a second run on a developer's machine builds nothing.
# Needs swift, python3 (venv, pip), ldd, git; auditwheel, PyYAML and pre-commit come from PyPI.
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

fixture=Tests/LLMLintCoreTests/Fixtures/python/openai_calls.py
expected_findings=$(grep -c '# expect: [a-z]' "$fixture")
mkdir -p "$work/workspace/app"
cp "$fixture" "$work/workspace/app/calls.py"

say "tools: auditwheel, PyYAML"
python3 -m venv "$work/tools"
"$work/tools/bin/python" -m pip install --quiet --disable-pip-version-check auditwheel pyyaml

# Runs action.yml with `paths: app` in the workspace; checks the annotations and the SARIF.
check_action() { # LOG OUTPUTS_JSON SARIF
  [ "$(grep -c '^::warning file=app/calls.py,' "$1")" = "$expected_findings" ] ||
    { cat "$1"; fail "the action did not annotate $expected_findings findings"; }
  "$work/tools/bin/python" - "$2" "$expected_findings" "$3" <<'PY'
import json, sys
outputs = json.load(open(sys.argv[1]))
assert outputs["sarif-file"] == sys.argv[3], outputs
log = json.load(open(outputs["sarif-file"]))
results = [r for r in log["runs"][0]["results"] if not r.get("suppressions")]
assert log["runs"][0]["tool"]["driver"]["name"] == "llmlint" and len(results) == int(sys.argv[2]), len(results)
print(f"action: {sys.argv[2]} annotations; SARIF {outputs['sarif-file']}: {len(results)} results")
PY
}

say "the GitHub Action, building llmlint from source (swift build -c release)"
"$work/tools/bin/python" .ci/run_action.py --workdir "$work/workspace" --runner-temp "$root/.build-action" \
  --input paths=app --outputs "$work/action-source.json" >"$work/action-source.log" 2>&1 ||
  { cat "$work/action-source.log"; fail "the action (source build) failed"; }
grep -v '^::warning ' "$work/action-source.log"
check_action "$work/action-source.log" "$work/action-source.json" "$work/workspace/llmlint.sarif"
binary=$("$work/tools/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["llmlint"])' "$work/action-source.json")
version=$("$binary" --version)
version=${version#llmlint }
say "llmlint $version: $binary, $(wc -c <"$binary") bytes"

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
"$work/tools/bin/auditwheel" show "$wheel" | tee "$work/auditwheel.txt"
tr '\n' ' ' <"$work/auditwheel.txt" | grep -qF "consistent with the following platform tag: \"$tag\"" ||
  fail "auditwheel does not find the wheel consistent with $tag"

say "pip install into a fresh virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
"$work/venv/bin/python" -m pip show llmlint | tee "$work/show.txt"
grep -qx 'Name: llmlint' "$work/show.txt" || fail "pip show: no 'Name: llmlint'"
grep -qx "Version: $version" "$work/show.txt" || fail "pip show: no 'Version: $version'"
[ -x "$work/venv/bin/llmlint" ] || fail "the wheel put no executable llmlint into the virtualenv's bin/"

# The checks run with nothing of this shell's environment: no toolchain on PATH, no library path.
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
grep -F 'services/app.py:2:29: warning: ' "$work/pre-commit.log" | grep -qF '[openai-chat-completions]' ||
  fail "pre-commit: no warning for services/app.py:2:29"
grep -qE '^llmlint.*Passed' "$work/pre-commit.log" || fail "pre-commit did not report the hook as passed"
# With no llmlint on PATH the hook says so and passes (llmlint never blocks a commit).
mkdir "$work/pre-commit-only"
ln -s "$work/venv/bin/pre-commit" "$work/pre-commit-only/pre-commit"
status=0
(
  cd "$work/scratch"
  env -i PATH="$work/pre-commit-only:/usr/bin:/bin" HOME="$work" LC_ALL=C.UTF-8 GIT_CONFIG_GLOBAL="$work/gitconfig" \
    GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME="$work/pre-commit-cache" pre-commit try-repo "$root" llmlint-system --verbose
) >"$work/pre-commit-missing.log" 2>&1 || status=$?
[ "$status" = 0 ] && grep -q '^llmlint: not found on PATH, files not checked' "$work/pre-commit-missing.log" ||
  { cat "$work/pre-commit-missing.log"; fail "with no llmlint on PATH the llmlint-system hook did not pass with a note"; }
echo "ok: with no llmlint on PATH the hook passes and says so"

say "the GitHub Action given the wheel, no toolchain on PATH"
python_dir=$(dirname "$(python3 -c 'import sys; print(sys.executable)')")
run_action_wheel() {
  env -i PATH="$python_dir:/usr/bin:/bin" HOME="$work" LC_ALL=C.UTF-8 \
    "$work/tools/bin/python" .ci/run_action.py --workdir "$work/workspace" --input wheel="$wheel" --input paths=app "$@"
}
rm -f "$work/workspace/llmlint.sarif"
run_action_wheel --outputs "$work/action-wheel.json" >"$work/action-wheel.log" 2>&1 ||
  { cat "$work/action-wheel.log"; fail "the action (wheel) failed"; }
grep -v '^::warning ' "$work/action-wheel.log"
grep -q '^llmlint' "$work/action-wheel.log" && ! grep -q 'swift build' "$work/action-wheel.log" ||
  fail "the action given a wheel did not install it"
check_action "$work/action-wheel.log" "$work/action-wheel.json" "$work/workspace/llmlint.sarif"
status=0
run_action_wheel --input args=--strict --input sarif-file=reports/strict.sarif --outputs "$work/strict.json" \
  >"$work/strict.log" 2>&1 || status=$?
[ "$status" = 1 ] || { cat "$work/strict.log"; fail "the action with args: --strict exited $status, not 1"; }
[ -s "$work/workspace/reports/strict.sarif" ] || fail "the action with args: --strict wrote no SARIF"
echo "ok: with args: --strict the action fails (1) after writing the SARIF"
say "ok: llmlint installs and runs without a Swift toolchain: the binary, the wheel, pre-commit, the action"
