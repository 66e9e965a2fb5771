#!/usr/bin/env bash
# The dense tree shape (issue 11): many LLM call sites, thousands of distinct helper names, callers across
# files and directories, files of ~20 KB (Benchmarks/generate_dense.py). llmlint against ripgrep on the tree
# at 1x and at ${DENSE_SCALE}x, its findings against the generator's expectations, and --staged there.
#
#   Benchmarks/dense.sh                        1x = 20,000 files (~400 MB), 10x = 200,000 files (~4 GB)
#   DENSE_FILES=500 Benchmarks/dense.sh        a quick check (1x 500 files, 10x 5,000)
#   DENSE_SCALE=0 Benchmarks/dense.sh          the 1x tree only
#
# Environment: DENSE_FILES (1x size, default 20000), DENSE_SCALE (default 10; 0 or 1: no big tree),
# DENSE_SEED (1), DENSE_RUNS (most hyperfine runs a command, default 10; fewer when one run is slow),
# DENSE_TIMEOUT (seconds one llmlint run may take before the tree's timings are skipped, default 1800),
# DENSE_ONE_RUN (past this many seconds, default 120, the first run's figures stand for llmlint on a tree),
# LLMLINT (a binary to use instead of building), RESULTS (where results go; run.sh passes its own).
# Trees go to Benchmarks/work/corpora/dense-N (git-ignored, reused while size and seed are the same); the 1x
# tree is a git repository (for --staged). When the disk cannot hold both trees, 1x falls back to 2,000
# files (and says so). Prints a summary (report.py --dense) unless given --no-report.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=$HERE/work
CORPORA=$WORK/corpora
RESULTS=${RESULTS:-$WORK/results-dense}
DENSE_FILES=${DENSE_FILES:-20000}
DENSE_SCALE=${DENSE_SCALE:-10}
DENSE_SEED=${DENSE_SEED:-1}
DENSE_RUNS=${DENSE_RUNS:-10}
DENSE_TIMEOUT=${DENSE_TIMEOUT:-1800}
DENSE_ONE_RUN=${DENSE_ONE_RUN:-120}
STAGED=20
REPORT=1
[ "${1:-}" = "--no-report" ] && REPORT=0
PYTHON=$(command -v python3)
mkdir -p "$RESULTS" "$CORPORA"
rm -f "$RESULTS"/dense-*

note() { printf '\n== %s\n' "$*" >&2; }
say() { printf '%s\n' "$*" | tee -a "$RESULTS/dense-notes.txt" >&2; }

# ---------------------------------------------------------------- tools
apt_install() {
  command -v apt-get >/dev/null || return 1
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1
}
command -v hyperfine >/dev/null || apt_install hyperfine || { echo "dense.sh: hyperfine is required" >&2; exit 1; }
command -v rg >/dev/null || apt_install ripgrep || { echo "dense.sh: ripgrep is required" >&2; exit 1; }
[ -x /usr/bin/time ] || apt_install time || true
HAVE_TIME=$([ -x /usr/bin/time ] && echo 1 || echo 0)

if [ -n "${LLMLINT:-}" ] && [ -x "$LLMLINT" ]; then
  :
else
  note "building llmlint (release, static Swift runtime)"
  (cd "$ROOT" && { swift build -c release --static-swift-stdlib >"$RESULTS/dense-build.log" 2>&1 ||
    swift build -c release >"$RESULTS/dense-build.log" 2>&1; }) || { cat "$RESULTS/dense-build.log"; exit 1; }
  LLMLINT=$(cd "$ROOT" && swift build -c release --show-bin-path)/llmlint
fi
"$LLMLINT" --version >&2
"$PYTHON" "$HERE/patterns.py" "$LLMLINT" "$WORK"
cat "$WORK/rg-python.txt" "$WORK/rg-swift.txt" >"$WORK/rg-all.txt"
RG=(rg --no-unicode -t py -t swift -c -f "$WORK/rg-all.txt" .)

# ---------------------------------------------------------------- trees
BIG=$((DENSE_FILES * DENSE_SCALE))
[ "$DENSE_SCALE" -le 1 ] && BIG=0
# About 20 KB a file on disk, the 1x tree once more in git objects, and a margin.
need_kib=$(((DENSE_FILES * 2 + BIG) * 20 * 13 / 10))
avail_kib=$(df -Pk "$CORPORA" | awk 'NR == 2 {print $4}')
for old in "$CORPORA"/dense-*; do  # trees of other sizes are about to be replaced: count them as free
  [ -d "$old" ] && case "$(basename "$old")" in "dense-$DENSE_FILES" | "dense-$BIG") ;; *) avail_kib=$((avail_kib + $(du -sk "$old" | cut -f1))) ;; esac
done
if [ "$need_kib" -gt "$avail_kib" ]; then
  say "NOTE: the trees need about $((need_kib / 1024 / 1024)) GB and $((avail_kib / 1024 / 1024)) GB are free: using 2,000 files at 1x instead of $DENSE_FILES"
  DENSE_FILES=2000
  BIG=$((DENSE_FILES * DENSE_SCALE))
  [ "$DENSE_SCALE" -le 1 ] && BIG=0
fi
for old in "$CORPORA"/dense-*; do
  [ -d "$old" ] && case "$(basename "$old")" in "dense-$DENSE_FILES" | "dense-$BIG") ;; *) rm -rf "$old" ;; esac
done

make_dense() {  # FILES [git]: the tree of FILES files, generated once for a size and seed
  local dir=$CORPORA/dense-$1
  if [ ! -f "$dir/.ready" ] || [ "$(cat "$dir/.ready")" != "$1 $DENSE_SEED ${2:-}" ]; then
    note "generating a dense tree of $1 files in $dir"
    rm -rf "$dir"
    "$PYTHON" "$HERE/generate_dense.py" "$dir" --files "$1" --seed "$DENSE_SEED" >&2 || exit 1
    if [ "${2:-}" = git ]; then
      (cd "$dir" && git init -q && git add -A &&
        git -c user.name=bench -c user.email=bench@example.com commit -qm dense) >/dev/null 2>&1
    fi
    echo "$1 $DENSE_SEED ${2:-}" >"$dir/.ready"
  fi
}
make_dense "$DENSE_FILES" git
TREES=("$DENSE_FILES")
if [ "$BIG" -gt 0 ]; then
  make_dense "$BIG"
  TREES+=("$BIG")
fi
for n in "${TREES[@]}"; do
  dir=$CORPORA/dense-$n
  "$PYTHON" - "$dir" "$n" >>"$RESULTS/dense-corpora.txt" <<'EOF'
import json, sys
d, n = sys.argv[1], sys.argv[2]
s = json.load(open(f"{d}/EXPECTED.json"))["summary"]
print(f"dense-{n} files={s['files']} bytes={s['bytes']} files_with_calls={s['files_with_calls']} calls={s['calls']} "
      f"reported={s['reported']} names={s['distinct_names']} sites={s['call_sites']}")
EOF
done
cat "$RESULTS/dense-corpora.txt" >&2

# ---------------------------------------------------------------- timings and findings
for n in "${TREES[@]}"; do
  dir=$CORPORA/dense-$n
  tag=dense-$n
  note "timing on $tag"
  echo "load average before $tag: $(cat /proc/loadavg)" >>"$RESULTS/dense-notes.txt"
  # One run first, under GNU time: the findings (JSON), wall and CPU time, peak RSS; and how many runs fit.
  start=$(date +%s.%N)
  if [ "$HAVE_TIME" = 1 ]; then
    (cd "$dir" && timeout "$DENSE_TIMEOUT" /usr/bin/time -v -o "$RESULTS/$tag-time.txt" "$LLMLINT" --format json --quiet . \
      >"$RESULTS/$tag-findings.json")
  else
    (cd "$dir" && timeout "$DENSE_TIMEOUT" "$LLMLINT" --format json --quiet . >"$RESULTS/$tag-findings.json")
  fi
  status=$?
  end=$(date +%s.%N)
  seconds=$("$PYTHON" -c "print(round($end - $start, 3))")
  rss=$(grep -s 'Maximum resident' "$RESULTS/$tag-time.txt" | awk '{print $NF}')
  echo "llmlint probe seconds=$seconds status=$status rss_kib=${rss:-n/a}" >"$RESULTS/$tag-facts.txt"
  if [ "$status" = 124 ]; then
    say "$tag: llmlint took more than DENSE_TIMEOUT=${DENSE_TIMEOUT}s; no timings for this tree"
    continue
  fi
  runs=$("$PYTHON" -c "print(max(2, min($DENSE_RUNS, int(60 / max($seconds, 0.001)))))")
  warmup=$("$PYTHON" -c "print(1 if $seconds < 10 else 0)")
  if "$PYTHON" -c "import sys; sys.exit(0 if $seconds > $DENSE_ONE_RUN else 1)"; then
    # One run takes minutes: its figures stand for llmlint (as run.sh does for its slow peers); rg is timed.
    say "$tag: one llmlint run took ${seconds}s: its timing is that one run (JSON output), not hyperfine's mean"
    (cd "$dir" && hyperfine -N -i --warmup 1 --runs "$DENSE_RUNS" --export-json "$RESULTS/$tag-rg.json" -n rg "${RG[*]}" >&2)
    "$PYTHON" - "$seconds" "$RESULTS/$tag-time.txt" "$RESULTS/$tag-rg.json" "$RESULTS/$tag-fast.json" <<'EOF2'
import json, os, re, sys
seconds, timefile, rg, out = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
text = open(timefile).read() if os.path.exists(timefile) else ""
def field(label):
    m = re.search(re.escape(label) + r":\s*([\d.]+)", text)
    return float(m.group(1)) if m else 0.0
one = {"command": "llmlint", "mean": seconds, "stddev": None, "min": seconds, "max": seconds,
       "user": field("User time (seconds)"), "system": field("System time (seconds)"), "times": [seconds]}
json.dump({"results": [one] + json.load(open(rg))["results"]}, open(out, "w"))
EOF2
  else
    (cd "$dir" && hyperfine -N -i --warmup "$warmup" --runs "$runs" --export-json "$RESULTS/$tag-fast.json" \
      -n llmlint "$LLMLINT --quiet ." -n rg "${RG[*]}" >&2)
  fi
  echo "rg findings $(cd "$dir" && "${RG[@]}" | awk -F: '{s+=$NF} END {print s+0}')" >>"$RESULTS/$tag-facts.txt"
  "$PYTHON" "$HERE/dense_check.py" "$dir/EXPECTED.json" "$RESULTS/$tag-findings.json" --label "$tag" \
    --out "$RESULTS/$tag-check.json" --examples 3 >"$RESULTS/$tag-check.txt"
  cat "$RESULTS/$tag-check.txt" >&2
done

# ---------------------------------------------------------------- --staged in the 1x tree
note "--staged: $STAGED staged files with LLM calls in dense-$DENSE_FILES"
(
  cd "$CORPORA/dense-$DENSE_FILES" || exit 1
  git reset -q --hard
  export XDG_CACHE_HOME="$WORK/dense-cache"
  rm -rf "$XDG_CACHE_HOME"
  # $STAGED files that already hold LLM calls (every k-th of them, sorted), each gaining one direct call.
  "$PYTHON" - "$STAGED" "$RESULTS/dense-staged.txt" "$RESULTS/dense-staged-expected.json" <<'EOF'
import json, sys
count, listing, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
data = json.load(open("EXPECTED.json"))
paths = sorted({c["path"] for c in data["calls"]})
step = max(1, len(paths) // count)
chosen = paths[::step][:count]
calls = [c for c in data["calls"] if c["path"] in chosen]
for n, path in enumerate(chosen):
    with open(path) as f:
        lines = f.read().count("\n")
    if path.endswith(".py"):
        text = f"\n\ndef added_direct_call_{n}(client):\n    return client.chat.completions.create(model=\"gpt-4o-mini\", messages=[])\n"
        line = lines + 4
    else:
        text = f"\nfunc addedDirectCall{n}(_ openAI: OpenAI, _ query: ChatQuery) async throws -> ChatResult {{\n  try await openAI.chats(query: query)\n}}\n"
        line = lines + 3
    with open(path, "a") as f:
        f.write(text)
    calls.append({"path": path, "line": line, "reported": True, "kind": "staged_addition",
                  "language": "python" if path.endswith(".py") else "swift", "function": None})
open(listing, "w").write("\n".join(chosen) + "\n")
json.dump({"calls": calls}, open(out, "w"))
EOF
  xargs git add -- <"$RESULTS/dense-staged.txt"
  echo "staged $(git diff --cached --name-only | wc -l) files" >&2
  # Empty facts cache before each run: every blob of the index is read and its facts extracted.
  hyperfine -N -i --runs 3 --prepare "rm -rf $XDG_CACHE_HOME/llmlint" --export-json "$RESULTS/dense-hook-empty.json" \
    -n "llmlint --staged (empty facts cache)" "$LLMLINT --staged --quiet" >&2
  "$LLMLINT" --staged --quiet --format json >"$RESULTS/dense-staged-findings.json"
  hyperfine -N -i --warmup 3 --runs 20 --export-json "$RESULTS/dense-hook.json" \
    -n "git diff --cached --name-only" "git diff --cached --name-only" \
    -n "llmlint --staged" "$LLMLINT --staged --quiet" >&2
  {
    echo "cache bytes $(du -sb "$XDG_CACHE_HOME/llmlint" 2>/dev/null | cut -f1)"
    echo "source bytes $(git ls-files -z -- '*.py' '*.swift' | du -cb --files0-from=- | tail -1 | cut -f1)"
    echo "source files $(git ls-files -- '*.py' '*.swift' | wc -l)"
    [ "$HAVE_TIME" = 1 ] && echo "llmlint-staged rss $(/usr/bin/time -v "$LLMLINT" --staged --quiet 2>&1 >/dev/null | grep 'Maximum resident' | awk '{print $NF}')"
  } >"$RESULTS/dense-hook-facts.txt"
  xargs "$PYTHON" "$HERE/dense_check.py" "$RESULTS/dense-staged-expected.json" "$RESULTS/dense-staged-findings.json" \
    --label "--staged ($STAGED files)" --out "$RESULTS/dense-staged-check.json" --paths <"$RESULTS/dense-staged.txt" \
    >"$RESULTS/dense-staged-check.txt"
  cat "$RESULTS/dense-staged-check.txt" >&2
  git reset -q --hard
)

[ "$REPORT" = 1 ] && "$PYTHON" "$HERE/report.py" --dense "$RESULTS"
exit 0
