#!/usr/bin/env bash
# The differential fuzzers, each for a bounded time (FUZZ_SECONDS, default 60): built natively
# with clang, libFuzzer, ASan and UBSan in build/fuzz; started from the committed corpus
# (tests/fuzz/corpus/<fuzzer>) and the regression inputs (tests/fuzz/regressions/<fuzzer>),
# which are replayed first every run. A crash stops the run; its input is saved under
# build/fuzz/artifacts/ — copy it into tests/fuzz/regressions/<fuzzer>/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}

if [ ! -f build/fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAHASH_FUZZ=ON >/dev/null
fi
cmake --build build/fuzz --target fuzz_kernels fuzz_kdfs

mkdir -p build/fuzz/artifacts
for fuzzer in fuzz_kernels fuzz_kdfs; do
  echo "== $fuzzer, ${seconds} s"
  work=build/fuzz/corpus/$fuzzer
  mkdir -p "$work"
  # max_len: long enough for a multi-block message that `repeat` stretches past BLAKE3's
  # threaded threshold.
  build/fuzz/$fuzzer -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/artifacts/$fuzzer- "$work" tests/fuzz/corpus/$fuzzer tests/fuzz/regressions/$fuzzer \
    2>&1 | grep -E '^(MISMATCH|==|SUMMARY|INFO: (seed|Loaded [0-9]+ modules))|stat::number_of_executed_units|Done|runtime error|artifact' || true
  # grep hides the progress lines; the fuzzer's own status decides.
  if ls build/fuzz/artifacts/$fuzzer-* >/dev/null 2>&1; then
    echo "fuzz: $fuzzer found a failing input: $(ls build/fuzz/artifacts/$fuzzer-*)" >&2
    exit 1
  fi
done
