#!/usr/bin/env bash
# Every test: Catch2 natively, under ThreadSanitizer and AddressSanitizer, compiled with em++ and
# run by node; then the node:test suites against the built package.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs

native() { # name, extra cmake args…
  local dir=build/$1; shift
  [ -f "$dir/build.ninja" ] || cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" --target parahash_tests
  echo "== Catch2 ($dir)"
  (cd "$dir" && ctest --output-on-failure)
}

native native -DCMAKE_BUILD_TYPE=Release
native tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAHASH_SANITIZE=thread
native asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARAHASH_SANITIZE=address

cmake --build build/wasm --target parahash_tests
echo "== Catch2 (em++ under node)"
(cd build/wasm && ctest --output-on-failure)

echo "== node:test"
node --test --test-concurrency=1 tests/js/*.test.js
