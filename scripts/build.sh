#!/usr/bin/env bash
# Builds the shipped WebAssembly module into dist/ (incremental; a no-op when up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-toolchain.sh
# Without it, emcc's -O1+ links fail with "Cannot find module 'acorn'" (TOOLCHAIN.md §0).
export NODE_PATH=/usr/share/nodejs
if [ ! -f build/wasm/build.ninja ]; then
  emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" >/dev/null
fi
cmake --build build/wasm --target parahash_wasm parahash_web
# Browsers without cross-origin isolation get a module without threads, from its own folder
# (every object of a threaded module must be compiled with -pthread, and of this one without).
if [ ! -f build/wasm-single/build.ninja ]; then
  emcmake cmake -S . -B build/wasm-single -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARAHASH_THREADS=OFF >/dev/null
fi
cmake --build build/wasm-single --target parahash_single
node scripts/gen-algorithms.js
node scripts/build-browser.js
