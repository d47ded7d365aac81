#!/usr/bin/env bash
# Every test, in stages, each timed against its budget (CONTRIBUTING.md "Tests and their time budget";
# CI's limit is 90 minutes, the whole run aims at 30 on a fresh 2-core machine):
#   Catch2 natively, under ThreadSanitizer, AddressSanitizer and UBSan; Catch2 compiled with em++
#   and run by node; the differential fuzzers for a bounded time; the node:test suites (the
#   bad-input matrix and the 10^4-call soak among them).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs

stage() { # name, budget in seconds, command…
  local name=$1 budget=$2; shift 2
  local start=$SECONDS
  echo "== $name (budget ${budget} s)"
  "$@"
  local took=$((SECONDS - start))
  echo "== $name: ${took} s of ${budget} s"
  [ "$took" -le "$budget" ] || echo "parahash: stage '$name' ran over its budget (${took} s > ${budget} s)" >&2
}

native() { # name, extra cmake args…
  local dir=build/$1; shift
  [ -f "$dir/build.ninja" ] || cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" --target parahash_tests
  (cd "$dir" && ctest --output-on-failure)
}

wasm_catch2() {
  cmake --build build/wasm --target parahash_tests
  (cd build/wasm && ctest --output-on-failure)
}

stage "Catch2 native" 240 native native -DCMAKE_BUILD_TYPE=Release
stage "Catch2 ThreadSanitizer" 360 native tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAHASH_SANITIZE=thread
stage "Catch2 AddressSanitizer" 360 native asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAHASH_SANITIZE=address
stage "Catch2 UBSan" 360 native ubsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAHASH_SANITIZE=undefined
stage "Catch2 em++ under node" 300 wasm_catch2
stage "differential fuzzers" 300 bash scripts/fuzz.sh
stage "types (tsc --strict)" 60 npx --no-install tsc -p tests/types
# The browsers (Chromium, Firefox, WebKit twice, and the browser types) have a stage of their own.
node_tests=()
for f in tests/js/*.test.js; do case "$f" in tests/js/browser*) ;; *) node_tests+=("$f") ;; esac; done
stage "node:test" 900 node --test --test-concurrency=1 "${node_tests[@]}"
# In Node the threads hash through node:crypto where it is faster (js/engine/host-choice.js), so
# the suite above runs the host kernels. The portable kernels, which every browser runs, are
# checked again here against the independent implementations, and the bad-input, abort,
# timeout and crash suites run over them too.
portable_tests=(tests/js/{kernels-match-node-crypto,kernels-match-noble,vectors,hmac,kdf,bad-input,bad-input-matrix,crash,file-abort,shared-signal,hash-stream,hasher-writable,create-hash}.test.js)
stage "node:test, portable kernels" 300 env PARAHASH_HOST_CRYPTO=0 node --test --test-concurrency=1 "${portable_tests[@]}"
stage "browsers (node:test)" 600 node --test --test-concurrency=1 tests/js/browser*.test.js
