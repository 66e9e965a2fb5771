#!/usr/bin/env bash
# The llmlint benchmark: llmlint side by side with ripgrep, semgrep and a Python regex script, in one run.
#
#   Benchmarks/run.sh            everything (20-30 minutes on 2 cores, most of it semgrep and Python, plus dense.sh)
#   FILES=2000 Benchmarks/run.sh a smaller monorepo (the scale check then uses FILES/10)
#   DENSE=0 Benchmarks/run.sh    without the dense tree shape (Benchmarks/dense.sh; DENSE_FILES sets its size)
#
# Builds llmlint in release (static Swift runtime), prepares the corpora under Benchmarks/work/ (git-ignored):
#   stdlib    the Python standard library of the machine's newest CPython (site-packages left out)
#   swiftpkgs the .swift files of each local Swift package mirror (/opt/swift-packages/*/*.git) at its newest tag
#   monorepo  a generated tree of $FILES (default 20000) Python and Swift files with a few hundred LLM calls
# then times each tool on each corpus with hyperfine, the pre-commit case (20 staged files) against
# `git diff --cached --name-only`, the start-up against a trivial Foundation program, and the scale checks
# (10x tree, peak RSS, a 50 MB one-line file, 1,000,000 nested brackets). Prints a table at the end; raw
# results are in Benchmarks/work/results/. A peer that cannot be installed is skipped with a note.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=$HERE/work
RESULTS=$WORK/results
CORPORA=$WORK/corpora
FILES=${FILES:-20000}
mkdir -p "$RESULTS" "$CORPORA"
rm -f "$RESULTS"/*

note() { printf '\n== %s\n' "$*" >&2; }
skip() { printf 'SKIPPED: %s\n' "$*" | tee -a "$RESULTS/notes.txt" >&2; }

# ---------------------------------------------------------------- tools
apt_install() {
  command -v apt-get >/dev/null || return 1
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1
}
command -v hyperfine >/dev/null || apt_install hyperfine || { echo "hyperfine is required" >&2; exit 1; }
command -v rg >/dev/null || apt_install ripgrep || skip "ripgrep is not installed and could not be installed"
[ -x /usr/bin/time ] || apt_install time || skip "GNU time is missing: no peak RSS figures"
PYTHON=$(command -v python3)
if ! command -v semgrep >/dev/null; then
  note "installing semgrep (pip)"
  "$PYTHON" -m pip install -q semgrep >/dev/null 2>&1 || true
  hash -r
fi
command -v semgrep >/dev/null || skip "semgrep is not installed and could not be installed (pip install semgrep)"
HAVE_RG=$(command -v rg >/dev/null && echo 1 || echo 0)
HAVE_SEMGREP=$(command -v semgrep >/dev/null && echo 1 || echo 0)
HAVE_TIME=$([ -x /usr/bin/time ] && echo 1 || echo 0)

# ---------------------------------------------------------------- builds
note "building llmlint (release, static Swift runtime)"
cd "$ROOT"
if swift build -c release --static-swift-stdlib >"$RESULTS/build.log" 2>&1; then
  echo "static-swift-stdlib" >"$RESULTS/build-kind"
else
  swift build -c release >"$RESULTS/build.log" 2>&1 || { cat "$RESULTS/build.log"; exit 1; }
  echo "dynamic" >"$RESULTS/build-kind"
fi
LLMLINT=$(swift build -c release --show-bin-path)/llmlint
"$LLMLINT" --version

note "building the trivial Foundation program"
mkdir -p "$WORK/trivial"
printf 'import Foundation\nprint(ProcessInfo.processInfo.arguments.count)\n' >"$WORK/trivial/main.swift"
swiftc -O "$WORK/trivial/main.swift" -o "$WORK/trivial/trivial" 2>/dev/null
swiftc -O -static-stdlib "$WORK/trivial/main.swift" -o "$WORK/trivial/trivial-static" 2>/dev/null

"$PYTHON" "$HERE/patterns.py" "$LLMLINT" "$WORK"
cat "$WORK/rg-python.txt" "$WORK/rg-swift.txt" >"$WORK/rg-all.txt"

# ---------------------------------------------------------------- corpora
commit_tree() {  # a corpus is its own git work tree, so every tool sees the same files
  (cd "$1" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -qm corpus) >/dev/null 2>&1
}

STDLIB_SRC=$("$PYTHON" - <<'EOF'
import glob, os, subprocess, sysconfig
best = sysconfig.get_paths()["stdlib"]
for exe in sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.1[3-9]*/bin/python3.1[3-9]"))):
    best = subprocess.run([exe, "-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])"],
                          capture_output=True, text=True).stdout.strip() or best
print(best)
EOF
)
if [ ! -f "$CORPORA/stdlib/.ready" ]; then
  note "copying the standard library from $STDLIB_SRC"
  rm -rf "$CORPORA/stdlib" && mkdir -p "$CORPORA/stdlib"
  tar -C "$STDLIB_SRC" --exclude=./site-packages --exclude=__pycache__ -cf - . | tar -C "$CORPORA/stdlib" -xf -
  commit_tree "$CORPORA/stdlib" && touch "$CORPORA/stdlib/.ready"
fi

if [ ! -f "$CORPORA/swiftpkgs/.ready" ]; then
  note "extracting the Swift packages from /opt/swift-packages"
  rm -rf "$CORPORA/swiftpkgs" && mkdir -p "$CORPORA/swiftpkgs"
  for repo in /opt/swift-packages/*/*.git; do
    [ -d "$repo" ] || continue
    owner=$(basename "$(dirname "$repo")")
    name=$(basename "$repo" .git)
    ref=$(git -C "$repo" for-each-ref --sort=-creatordate --count=1 --format='%(refname)' refs/tags)
    [ -n "$ref" ] || ref=HEAD
    dest="$CORPORA/swiftpkgs/$owner/$name"
    mkdir -p "$dest"
    git -C "$repo" archive --format=tar "$ref" 2>/dev/null | tar -C "$dest" -xf - --wildcards '*.swift' 2>/dev/null
  done
  commit_tree "$CORPORA/swiftpkgs" && touch "$CORPORA/swiftpkgs/.ready"
fi

make_monorepo() {  # DIR FILES
  if [ ! -f "$1/.ready" ] || [ "$(cat "$1/.ready")" != "$2" ]; then
    note "generating a monorepo of $2 files in $1"
    rm -rf "$1" && "$PYTHON" "$HERE/generate_monorepo.py" "$1" --files "$2" >&2
    commit_tree "$1" && echo "$2" >"$1/.ready"
  fi
}
make_monorepo "$CORPORA/monorepo" "$FILES"
make_monorepo "$CORPORA/monorepo-tenth" "$((FILES / 10))"

for corpus in stdlib swiftpkgs monorepo monorepo-tenth; do
  dir=$CORPORA/$corpus
  printf '%s files=%s bytes=%s\n' "$corpus" \
    "$(cd "$dir" && git ls-files -- '*.py' '*.pyi' '*.swift' | wc -l)" \
    "$(cd "$dir" && git ls-files -z -- '*.py' '*.pyi' '*.swift' | du -cb --files0-from=- | tail -1 | cut -f1)" \
    >>"$RESULTS/corpora.txt"
done
cat "$RESULTS/corpora.txt"

# ---------------------------------------------------------------- counts, memory, timings
count_json() { "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(len(d["results"] if isinstance(d, dict) else d))'; }
peak_rss() {  # DIR command... -> peak RSS in KiB
  if [ "$HAVE_TIME" = 1 ]; then
    (cd "$1" && shift && /usr/bin/time -v "$@" >/dev/null 2>"$RESULTS/time.tmp"; grep 'Maximum resident' "$RESULTS/time.tmp" | awk '{print $NF}')
  else echo "n/a"; fi
}
# A slow peer runs once, under GNU time: wall and CPU time, peak RSS and its output (for the count) in one go.
once() {  # NAME DIR JSON OUT command...
  local name=$1 dir=$2 json=$3 out=$4
  shift 4
  local start end
  start=$("$PYTHON" -c 'import time; print(time.time())')
  if [ "$HAVE_TIME" = 1 ]; then
    (cd "$dir" && /usr/bin/time -v -o "$RESULTS/time.tmp" "$@" >"$out" 2>/dev/null)
  else
    (cd "$dir" && "$@" >"$out" 2>/dev/null)
    : >"$RESULTS/time.tmp"
  fi
  end=$("$PYTHON" -c 'import time; print(time.time())')
  "$PYTHON" - "$name" "$start" "$end" "$RESULTS/time.tmp" "$json" <<'EOF'
import json, re, sys
name, start, end, timefile, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
text = open(timefile).read()
def field(label):
    m = re.search(re.escape(label) + r":\s*([\d.]+)", text)
    return float(m.group(1)) if m else 0.0
json.dump({"results": [{"command": name, "mean": end - start, "stddev": 0.0, "user": field("User time (seconds)"),
                        "system": field("System time (seconds)"), "rss_kib": int(field("Maximum resident set size (kbytes)"))}]},
          open(out, "w"))
EOF
}

bench() {  # CORPUS
  echo "load average before timing $1: $(cat /proc/loadavg)" >>"$RESULTS/notes.txt"
  local corpus=$1 dir=$CORPORA/$1
  note "timing on $corpus"
  local commands=(-n llmlint "$LLMLINT --quiet .")
  [ "$HAVE_RG" = 1 ] && commands+=(-n rg "rg --no-unicode -t py -t swift -c -f $WORK/rg-all.txt .")
  (cd "$dir" && hyperfine -N -i --warmup 2 --runs 10 --export-json "$RESULTS/$corpus-fast.json" "${commands[@]}" >&2)
  once regex-script "$dir" "$RESULTS/$corpus-regex.json" "$RESULTS/$corpus-regex.out" \
    "$PYTHON" "$HERE/regex_lint.py" "$WORK/patterns.json" .
  [ "$HAVE_SEMGREP" = 1 ] && once semgrep "$dir" "$RESULTS/$corpus-semgrep.json" "$RESULTS/$corpus-semgrep.out" \
    semgrep scan --config "$WORK/semgrep-rules.yml" --metrics=off --quiet --json .
  {
    echo "llmlint findings $(cd "$dir" && "$LLMLINT" --format json --quiet . | count_json)"
    echo "llmlint-noprefilter findings $(cd "$dir" && LLMLINT_NO_PREFILTER=1 "$LLMLINT" --format json --quiet . | count_json)"
    [ "$HAVE_RG" = 1 ] && echo "rg findings $(cd "$dir" && rg --no-unicode -t py -t swift -c -f "$WORK/rg-all.txt" . | awk -F: '{s+=$NF} END {print s+0}')"
    echo "regex-script findings $(wc -l <"$RESULTS/$corpus-regex.out")"
    [ "$HAVE_SEMGREP" = 1 ] && echo "semgrep findings $(count_json <"$RESULTS/$corpus-semgrep.out")"
    echo "llmlint rss $(peak_rss "$dir" "$LLMLINT" --quiet .)"
    [ "$HAVE_RG" = 1 ] && echo "rg rss $(peak_rss "$dir" rg --no-unicode -t py -t swift -c -f "$WORK/rg-all.txt" .)"
    for peer in regex semgrep; do
      [ -f "$RESULTS/$corpus-$peer.json" ] && "$PYTHON" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["command"], "rss", r["rss_kib"] or "n/a")' "$RESULTS/$corpus-$peer.json"
    done
  } >"$RESULTS/$corpus-facts.txt"
  cat "$RESULTS/$corpus-facts.txt" >&2
}

bench stdlib
bench swiftpkgs
bench monorepo

note "scale: the monorepo at a tenth of its size"
(cd "$CORPORA/monorepo-tenth" && hyperfine -N -i --warmup 2 --runs 10 --export-json "$RESULTS/monorepo-tenth-fast.json" \
  -n llmlint "$LLMLINT --quiet ." >&2)
[ -f "$CORPORA/monorepo/EXPECTED" ] && echo "generated untracked calls $(cat "$CORPORA/monorepo/EXPECTED")" >>"$RESULTS/monorepo-facts.txt"

# ---------------------------------------------------------------- the pre-commit hook
note "hook: 20 staged files in the monorepo"
(
  cd "$CORPORA/monorepo" || exit 1
  git reset -q --hard
  # The project-facts cache of these runs only.
  export XDG_CACHE_HOME="$WORK/hook-cache"
  rm -rf "$XDG_CACHE_HOME"
  stage() {  # PYTHON-TEXT SWIFT-TEXT: appends to each file of staged.txt and stages it
    while read -r path; do
      case "$path" in
        *.py) printf '%b' "$1" >>"$path" ;;
        *.swift) printf '%b' "$2" >>"$path" ;;
      esac
      git add "$path"
    done <"$RESULTS/staged.txt"
  }
  # A clean commit: 20 files without LLM calls gain code without any; no finding, so no project facts.
  git ls-files -- '*.py' '*.swift' | awk 'NR % 997 == 2' | head -60 |
    xargs grep -L -E 'openai|anthropic|litellm|OpenAI|chats|completions' | head -20 >"$RESULTS/staged.txt"
  stage '\ndef added(value):\n    return {"v": value}\n' '\nfunc added() -> Int { 1 }\n'
  echo "clean commit: staged $(git diff --cached --name-only | wc -l) files" >&2
  hyperfine -N -i --warmup 3 --runs 30 --export-json "$RESULTS/hook-clean.json" \
    -n "git diff --cached --name-only" "git diff --cached --name-only" \
    -n "llmlint --staged" "$LLMLINT --staged --quiet" >&2
  git reset -q --hard

  # A commit with findings: each staged file gains a direct call, so project facts come from the index.
  git ls-files -- '*.py' '*.swift' | awk 'NR % 997 == 1' | head -20 >"$RESULTS/staged.txt"
  stage '\ndef added(client):\n    return client.chat.completions.create(model="m")\n' \
    '\nfunc added() async throws { _ = try await openAI.chats(query: q) }\n'
  echo "commit with findings: staged $(git diff --cached --name-only | wc -l) files" >&2
  # The very first run in a repository (empty cache) reads and extracts the whole index.
  hyperfine -N -i --runs 1 --export-json "$RESULTS/hook-empty.json" -n "llmlint --staged (empty facts cache)" \
    "$LLMLINT --staged --quiet" >&2
  # The staged files change again: the first run after that extracts only their new blobs.
  stage '\n\ndef added_again(client):\n    return added(client)\n' '\nfunc addedAgain() async throws { try await added() }\n'
  hyperfine -N -i --runs 1 --export-json "$RESULTS/hook-cold.json" -n "llmlint --staged (first run after staging)" \
    "$LLMLINT --staged --quiet" >&2
  "$LLMLINT" --staged --quiet --format json | "$PYTHON" -c 'import json,sys; print("hook findings", len(json.load(sys.stdin)))' \
    >"$RESULTS/hook-facts.txt"
  hyperfine -N -i --warmup 3 --runs 30 --export-json "$RESULTS/hook.json" \
    -n "git diff --cached --name-only" "git diff --cached --name-only" \
    -n "llmlint --staged" "$LLMLINT --staged --quiet" >&2
  echo "llmlint-staged rss $(peak_rss . "$LLMLINT" --staged --quiet)" >>"$RESULTS/hook-facts.txt"
  git reset -q --hard
)

# ---------------------------------------------------------------- the dense tree shape (issue 11)
# Benchmarks/dense.sh: a tree of many LLM call sites and helper names at 1x and 10x, against rg, its findings
# against the generator's expectations, --staged there. DENSE=0 leaves it out; DENSE_FILES sets its 1x size.
if [ "${DENSE:-1}" != 0 ]; then
  note "dense tree shape (Benchmarks/dense.sh)"
  LLMLINT="$LLMLINT" RESULTS="$RESULTS" DENSE_FILES="${DENSE_FILES:-$FILES}" "$HERE/dense.sh" --no-report >&2 ||
    skip "Benchmarks/dense.sh failed"
fi

# ---------------------------------------------------------------- start-up
note "start-up"
hyperfine -N -i --warmup 5 --runs 50 --export-json "$RESULTS/startup.json" \
  -n "trivial Foundation program" "$WORK/trivial/trivial" \
  -n "trivial Foundation program (static stdlib)" "$WORK/trivial/trivial-static" \
  -n "llmlint --version" "$LLMLINT --version" >&2

# ---------------------------------------------------------------- huge inputs
note "huge inputs"
mkdir -p "$WORK/huge"
"$PYTHON" - "$WORK/huge" <<'EOF'
import sys
out = sys.argv[1]
def one_line(path, megabytes):
    # One line of calls whose names are anchors (so the file is tokenized), with one real finding at the end.
    unit = b"parse(x), create(y), stream(z), "
    count = megabytes * 1_000_000 // len(unit)
    with open(path, "wb") as f:
        f.write(b"x = [" + unit * count + b"client.chat.completions.create(model=m)]\n")
def nested(path, depth, language):
    call = b"x.create(" if language == "py" else b"x.chats("
    # Python's `create` counts only with a companion word such as `completions` somewhere in the file.
    head = b"completions = None\ny = " if language == "py" else b"let y = "
    with open(path, "wb") as f:
        f.write(head + call * depth + b")" * depth + b"\n")
one_line(f"{out}/line5.py", 5)
one_line(f"{out}/line50.py", 50)
nested(f"{out}/nested100k.py", 100_000, "py")
nested(f"{out}/nested1m.py", 1_000_000, "py")
nested(f"{out}/nested100k.swift", 100_000, "swift")
nested(f"{out}/nested1m.swift", 1_000_000, "swift")
EOF
for file in line5.py line50.py nested100k.py nested1m.py nested100k.swift nested1m.swift; do
  start=$(date +%s.%N)
  if [ "$HAVE_TIME" = 1 ]; then
    /usr/bin/time -v "$LLMLINT" --quiet --format json "$WORK/huge/$file" >"$RESULTS/huge.out" 2>"$RESULTS/time.tmp"
    status=$?
    rss=$(grep 'Maximum resident' "$RESULTS/time.tmp" | awk '{print $NF}')
  else
    "$LLMLINT" --quiet --format json "$WORK/huge/$file" >"$RESULTS/huge.out" 2>/dev/null
    status=$?
    rss=n/a
  fi
  end=$(date +%s.%N)
  findings=$("$PYTHON" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$RESULTS/huge.out" 2>/dev/null || echo "?")
  echo "$file status=$status seconds=$("$PYTHON" -c "print(round($end - $start, 3))") rss_kib=$rss findings=$findings" | tee -a "$RESULTS/huge.txt" >&2
done

# ---------------------------------------------------------------- table
"$PYTHON" "$HERE/report.py" "$RESULTS"
