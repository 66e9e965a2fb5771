#!/bin/sh
# A worst case for the name bindings: one Python file where one name is bound N times in one scope and
# used N times (`x = client.chat` ... `x.completions.create(...)`), at N, 2N and 4N. Every use looks the
# name up; the cost must grow with N, not N² (before the bindings were grouped by scope once, 16,000 of
# each took 2.0 s against 0.39 s for 8,000). Builds llmlint (release), times each size with hyperfine
# and prints the ratios of the means.
#
# Usage: Benchmarks/rebinding.sh [N]     (default: 4000)
set -eu
cd "$(dirname "$0")/.."
n=${1:-4000}
swift build -c release --scratch-path .build-rel >/dev/null
bin=.build-rel/release/llmlint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for size in "$n" $((2 * n)) $((4 * n)); do
  python3 - "$size" "$work/rebind-$size.py" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
lines = ["from openai import OpenAI", "client = OpenAI()"]
lines += ["x = client.chat"] * n
lines += ['x.completions.create(model="m", messages=[])'] * n
open(path, "w").write("\n".join(lines) + "\n")
PY
done
hyperfine -N -w 1 -r 5 --export-json "$work/times.json" \
  -n "$n" "$bin --quiet --no-cache $work/rebind-$n.py" \
  -n "$((2 * n))" "$bin --quiet --no-cache $work/rebind-$((2 * n)).py" \
  -n "$((4 * n))" "$bin --quiet --no-cache $work/rebind-$((4 * n)).py" >/dev/null
python3 - "$work/times.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["mean"]
for result in results:
    print(f"{result['command']:>8} bindings and uses: {result['mean'] * 1000:8.1f} ms  ({result['mean'] / base:.2f}x the first)")
PY
