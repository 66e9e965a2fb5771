#!/bin/sh
# What the pre-commit hook costs: builds llmlint (release), makes a repository of 10,000 files with 20 staged
# Python and Swift files, and measures in one hyperfine run
#   - the floor: `git diff --cached --name-only` (asking git for the staged files, nothing more),
#   - `llmlint --staged`,
#   - the whole hook: `sh .git/hooks/pre-commit` as installed by `llmlint install-hook`,
#   - `llmlint --staged` with the project-facts cache emptied before each run (facts are gathered only
#     when there are findings, so in the clean case this is the same as the second line).
# The facts cache lives in the benchmark's own directory (XDG_CACHE_HOME); warm-up runs fill it.
# Twice: with 20 staged files holding direct calls (findings, so project facts are gathered from the
# whole index), then with 20 staged files without any (a clean commit).
# Goal (issue 3): the hook run within 2x the floor plus 10 ms. Prints the means and the ratios.
#
# Usage: Benchmarks/hook.sh [FILES] [STAGED]     (defaults: 10000 20)
#   STATIC=1 Benchmarks/hook.sh                  builds with --static-swift-stdlib (in .build-static)
# Needs hyperfine (installed with apt-get when missing and possible) and python3 or jq for the summary.
# On a busy machine the means wander; hyperfine's min and the User/System times are steadier.
set -eu

files=${1:-10000}
staged=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v hyperfine >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y hyperfine >/dev/null; }
  else
    echo "hook.sh: hyperfine is needed (https://github.com/sharkdp/hyperfine)" >&2
    exit 1
  fi
fi

if [ "${STATIC:-0}" = 1 ]; then
  echo "building llmlint (release, static Swift standard library)..." >&2
  swift build -c release --package-path "$root" --product llmlint --static-swift-stdlib \
    --build-path "$root/.build-static" >&2
  bin="$root/.build-static/release/llmlint"
else
  echo "building llmlint (release)..." >&2
  swift build -c release --package-path "$root" --product llmlint >&2
  bin="$root/.build/release/llmlint"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/llmlint-hook-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
repo="$work/repo"
mkdir "$repo"
cd "$repo"
# Isolated from the machine's git configuration.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git init -q -b main .
git config user.name bench
git config user.email bench@example.com

echo "making $files files..." >&2
# 100 files a directory; 4 in 10 Python, 2 in 10 Swift, the rest other text.
i=0
while [ "$i" -lt "$files" ]; do
  dir="pkg$((i / 100))"
  [ -d "$dir" ] || mkdir "$dir"
  case $((i % 10)) in
    0 | 1 | 2 | 3)
      printf 'import os\n\n\ndef handler_%d(event):\n    """Handle one event."""\n    value = os.environ.get("KEY_%d", "")\n    return {"id": %d, "value": value}\n' "$i" "$i" "$i" >"$dir/mod$i.py"
      ;;
    4 | 5)
      printf 'import Foundation\n\nstruct Model%d {\n  var id = %d\n  func describe() -> String { "model \\(id)" }\n}\n' "$i" "$i" >"$dir/Model$i.swift"
      ;;
    *)
      printf 'Notes for item %d.\nNothing to see here.\n' "$i" >"$dir/note$i.txt"
      ;;
  esac
  i=$((i + 1))
done
git add -A
git commit -q -m "$files files"

echo "staging $staged Python and Swift files..." >&2
# Half modified tracked files, half new files; some hold direct calls, one is tracked.
n=0
while [ "$n" -lt "$staged" ]; do
  if [ $((n % 2)) = 0 ]; then
    target="pkg$n/mod$((n * 100)).py"
    printf '\n\nasync def ask_%d(client, tracker):\n    async with tracker.track_llm_call(provider="openai"):\n        ok = await client.chat.completions.create(model="m")\n    return await client.chat.completions.create(model="m")\n' "$n" >>"$target"
  elif [ $((n % 4)) = 1 ]; then
    target="new/feature$n.py"
    mkdir -p new
    printf 'from openai import OpenAI\n\nclient = OpenAI()\nreply = client.responses.create(model="m", input="hi")\n' >"$target"
  else
    target="new/Feature$n.swift"
    mkdir -p new
    printf 'let reply = try await openAI.chats(query: query)\nlet tracked = try await trackLLMCall { try await client.chat.completions.create(model: "m") }\n' >"$target"
  fi
  git add -- "$target"
  n=$((n + 1))
done
echo "staged: $(git diff --cached --name-only | wc -l) files; tracked: $(git ls-files | wc -l) files" >&2

LLMLINT="$bin" "$bin" install-hook >&2
export LLMLINT="$bin"
export XDG_CACHE_HOME="$work/cache"
echo "llmlint --staged says:" >&2
"$bin" --staged >/dev/null

measure() { # NAME: one hyperfine run on what is staged now, then its summary
  hyperfine --warmup 10 --min-runs 100 -N --export-json "$work/$1.json" \
    --prepare true --command-name "git diff --cached --name-only" "git diff --cached --name-only" \
    --prepare true --command-name "llmlint --staged" "$bin --staged" \
    --prepare true --command-name "hook: sh .git/hooks/pre-commit" "sh .git/hooks/pre-commit" \
    --prepare "rm -rf $work/cache" --command-name "llmlint --staged, facts cache emptied first" "$bin --staged"
  if command -v python3 >/dev/null 2>&1; then
    python3 -c "$summary" "$work/$1.json" "$1"
  else
    jq -r '.results[0].mean as $f | .results[] | "\(.command): \(.mean * 1000) ms = \(.mean / $f)x the floor (goal: \(2 * $f * 1000 + 10) ms)"' "$work/$1.json"
  fi
}

summary='
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["mean"] * 1000
budget = 2 * floor + 10
floor_min = results[0]["min"] * 1000
print(f"[{sys.argv[2]}]")
print(f"floor  git diff --cached --name-only: mean {floor:.2f} ms, min {floor_min:.2f} ms")
for result in results[1:]:
    mean = result["mean"] * 1000
    low = result["min"] * 1000
    verdict = "within" if mean <= budget else "OVER"
    print(f"{result['"'"'command'"'"']}: mean {mean:.2f} ms = {mean / floor:.2f}x the floor "
          f"(goal 2x floor + 10 ms = {budget:.2f} ms: {verdict}); min {low:.2f} ms vs {2 * floor_min + 10:.2f} ms")
'

echo "== 1. $staged staged files with direct calls (findings: project facts are gathered from the index)" >&2
measure with-findings >"$work/with-findings.txt"

echo "== 2. $staged staged files without direct calls (a clean commit: no findings, no facts needed)" >&2
git commit -q --no-verify -m "the files with calls"
n=0
while [ "$n" -lt "$staged" ]; do
  if [ $((n % 2)) = 0 ]; then
    target="pkg$((n + 30))/mod$(((n + 30) * 100)).py"
    printf '\n\ndef helper_%d(value):\n    return {"value": value, "n": %d}\n' "$n" "$n" >>"$target"
  else
    target="pkg$((n + 30))/Model$(((n + 30) * 100 + 4)).swift"
    printf '\nextension Model%d { var twice: Int { id * 2 } }\n' "$(((n + 30) * 100 + 4))" >>"$target"
  fi
  git add -- "$target"
  n=$((n + 1))
done
echo "staged: $(git diff --cached --name-only | wc -l) files" >&2
"$bin" --staged >/dev/null
measure clean >"$work/clean.txt"

echo
cat "$work/with-findings.txt"
echo
cat "$work/clean.txt"
