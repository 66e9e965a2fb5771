#!/bin/sh
# Short fuzzing budget for CI: builds the libFuzzer targets (Fuzz/build.sh) and runs each for
# $FUZZ_SECONDS seconds (default 60), one after the other. Fails when a target finds a crash, an invariant
# violation, a hang (10 s on one input) or runaway memory; the input is left in Fuzz/out/crashes/.
# Needs a Linux toolchain with libFuzzer (`swiftc -sanitize=fuzzer,address`).
set -eu
cd "$(dirname "$0")/.."
exec Fuzz/run.sh "${FUZZ_SECONDS:-60}"
