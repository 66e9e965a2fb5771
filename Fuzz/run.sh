#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time, one after the other.
#
#   Fuzz/run.sh [SECONDS-PER-TARGET] [TARGET ...]
#
# SECONDS-PER-TARGET defaults to 60; TARGET is one of PythonTokenizerFuzz, SwiftTokenizerFuzz,
# YAMLReaderFuzz, LinterFuzz, FactCacheFuzz (default: all). Corpora grow in Fuzz/out/corpus/TARGET (git-ignored) and are
# reused by the next run; seeds come from the test fixtures, the tests' own sources and rules.yml.
# A crash, an invariant violation, a timeout (a hang) or running out of memory leaves the input in
# Fuzz/out/crashes/TARGET/ and makes the script exit 1. Set FUZZ_SKIP_BUILD=1 to reuse the binaries.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(PythonTokenizerFuzz SwiftTokenizerFuzz YAMLReaderFuzz LinterFuzz FactCacheFuzz)
fi

out=Fuzz/out
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then Fuzz/build.sh 2>&1 | grep -v 'Cannot export local symbol' || true; fi

seed() {
  local target=$1 directory=$2
  mkdir -p "$directory"
  local fixtures=Tests/LLMLintCoreTests/Fixtures
  case $target in
    PythonTokenizerFuzz) find "$fixtures" -name '*.py' -print0 ;;
    SwiftTokenizerFuzz) { find "$fixtures" -name '*.swift' -print0; find Tests -name '*Tokenizer*.swift' -print0; } ;;
    YAMLReaderFuzz) { printf '%s\0' Sources/LLMLintCore/rules.yml; find "$fixtures" -name '*.yml' -print0; } ;;
    LinterFuzz) find "$fixtures" \( -name '*.py' -o -name '*.swift' \) -print0 ;;
    # Real caches when this machine has some (llmlint --staged writes them), and code as bodies.
    FactCacheFuzz)
      {
        find "${XDG_CACHE_HOME:-$HOME/.cache}/llmlint" -name 'facts-*.bin*' -size -64k -print0 2>/dev/null || true
        find "$fixtures/projects" -name '*.py' -print0
      } ;;
  esac | xargs -0 -I{} cp {} "$directory/"
}

dictionary() {
  case $1 in
    PythonTokenizerFuzz) echo Fuzz/Dictionaries/python.dict ;;
    SwiftTokenizerFuzz) echo Fuzz/Dictionaries/swift.dict ;;
    YAMLReaderFuzz) echo Fuzz/Dictionaries/yaml.dict ;;
    LinterFuzz) echo Fuzz/Dictionaries/python.dict ;;
    FactCacheFuzz) echo Fuzz/Dictionaries/cache.dict ;;
  esac
}

status=0
mkdir -p "$out/logs"
for target in "${targets[@]}"; do
  corpus=$out/corpus/$target
  seeds=$out/seeds/$target
  crashes=$out/crashes/$target/
  log=$out/logs/$target.log
  rm -rf "$seeds"
  seed "$target" "$seeds"
  mkdir -p "$corpus" "$crashes"
  echo "== $target: ${seconds}s (log: $log)"
  # -timeout: one input taking 10 s is a hang; -max_len 16 KiB keeps inputs big enough for nesting and
  # long lines; -rss_limit_mb catches memory that grows out of proportion.
  # SWIFT_BACKTRACE=enable=no: the Swift runtime's crash handler reads memory ASan calls invalid, which
  # would bury the real report.
  if SWIFT_BACKTRACE=enable=no nice -n 10 "$out/bin/$target" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -max_len=16384 \
    -rss_limit_mb=2048 -dict="$(dictionary "$target")" -artifact_prefix="$crashes" -print_final_stats=1 \
    >"$log" 2>&1; then
    :
  else
    status=1
    echo "!! $target found a problem; see $log and $crashes"
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo '?')
  echo "   $runs executions in ${took}s; corpus: $(ls "$corpus" | wc -l) inputs"
  printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$seconds" "$runs" >>"$out/runs.tsv"
done
exit $status
