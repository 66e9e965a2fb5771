#!/bin/sh
# Runs llmlint through the pre-commit framework for real, as a user would meet it: installs pre-commit,
# makes a scratch repository whose pre-commit hook is `pre-commit try-repo <this checkout> llmlint`, stages
# a Python file with a direct LLM call, runs `git commit`, and checks that the warning (path, line, column,
# rule) is in the output and that the commit went through.
#
# Meant for CI (root, CI=true, no stdin) and for a developer's machine alike: everything it makes lives in
# one temporary directory, removed at the end; git runs with its own global config (so neither the
# machine's settings nor a checkout owned by another user get in the way). The framework builds this
# package with `swift build -c release`, from scratch, which takes a few minutes.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/llmlint-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
exec </dev/null

say() { printf '== %s\n' "$*"; }
fail() {
  printf 'pre-commit-framework: FAILED: %s\n' "$*" >&2
  exit 1
}

# --- git, isolated -----------------------------------------------------------------------------------
cat >"$work/gitconfig" <<CONFIG
[user]
	name = llmlint CI
	email = ci@example.com
[init]
	defaultBranch = main
[safe]
	directory = *
[advice]
	detachedHead = false
CONFIG
export GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME="$work/pre-commit-cache"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE 2>/dev/null || true

# --- pre-commit, in its own environment (PEP 668 systems refuse a system-wide pip install) ------------
say "installing pre-commit"
if python3 -m venv "$work/venv" >/dev/null 2>&1 && [ -x "$work/venv/bin/python" ]; then
  "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit
  pre_commit="$work/venv/bin/pre-commit"
else
  python3 -m pip install --quiet --disable-pip-version-check --target "$work/pylib" pre-commit
  pre_commit="$work/pre-commit"
  printf '#!/bin/sh\nPYTHONPATH="%s/pylib${PYTHONPATH:+:$PYTHONPATH}" exec python3 -m pre_commit "$@"\n' "$work" >"$pre_commit"
  chmod +x "$pre_commit"
fi
"$pre_commit" --version

# --- a scratch repository whose commits go through the framework -------------------------------------
say "scratch repository"
scratch="$work/scratch"
mkdir "$scratch"
cd "$scratch"
git init -q
printf 'print("hello")\n' >README.py
git add README.py
git commit -q -m initial
# try-repo uses the checkout as it is, uncommitted changes included. git gives hooks GIT_INDEX_FILE
# (relative: .git/index); try-repo would apply it to the checkout too, so it goes (the commit here uses the
# default index anyway).
cat >.git/hooks/pre-commit <<HOOK
#!/bin/sh
unset GIT_INDEX_FILE
exec "$pre_commit" try-repo "$root" llmlint --verbose
HOOK
chmod +x .git/hooks/pre-commit

mkdir -p "services/chat bot"
printf 'import os\nx = client.chat.completions.create(model="m")\n' >"services/chat bot/app.py"
git add "services/chat bot/app.py"

say "git commit (the framework builds llmlint first)"
status=0
git commit -m "add a direct call" >"$work/commit.log" 2>&1 || status=$?
cat "$work/commit.log"

say "checks"
[ "$status" = 0 ] || fail "git commit exited with $status; the hook must let the commit through"
[ "$(git log -1 --format=%s)" = "add a direct call" ] || fail "the commit is not there"
expected='services/chat bot/app.py:2:29: warning: '
grep -F -- "$expected" "$work/commit.log" | grep -qF -- '[openai-chat-completions]' ||
  fail "no line with '$expected...[openai-chat-completions]' in the output"
grep -qE '^llmlint.*Passed' "$work/commit.log" || fail "the framework did not report the hook as passed"
say "ok: the warning was shown and the commit went through"
