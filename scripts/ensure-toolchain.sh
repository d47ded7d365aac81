#!/usr/bin/env bash
# Installs what the build and the tests need when it is missing: Debian's emscripten, binaryen,
# catch2, cmake, ninja (build); clang and the native oracles OpenSSL, libxxhash, libargon2, libb2
# and zlib (the differential fuzzers); b3sum and xxhsum (benches); and the npm devDependencies
# (npm ci); chromium, firefox-esr, WebKitGTK's WebDriver and Xvfb for the browser tests, and
# tmux for the terminal ones. Says what to do where it can't install by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v em++ >/dev/null 2>&1 || missing+=(emscripten)
command -v wasm-opt >/dev/null 2>&1 || missing+=(binaryen)
[ -f /usr/include/catch2/catch.hpp ] || missing+=(catch2)
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v ninja >/dev/null 2>&1 || missing+=(ninja-build)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
# node-gyp builds the `argon2` devDependency from source when its prebuilt addon does not load.
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The fuzzers (tests/fuzz): clang with libFuzzer, and the implementations they compare against.
command -v clang++ >/dev/null 2>&1 || missing+=(clang)
[ -f /usr/include/openssl/evp.h ] || missing+=(libssl-dev)
[ -f /usr/include/xxhash.h ] || missing+=(libxxhash-dev)
[ -f /usr/include/argon2.h ] || missing+=(libargon2-dev)
[ -f /usr/include/blake2.h ] || missing+=(libb2-dev)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
# The command-line tools the benches compare against (b3sum, xxhsum; sha256sum is coreutils').
command -v b3sum >/dev/null 2>&1 || missing+=(b3sum)
command -v xxhsum >/dev/null 2>&1 || missing+=(xxhash)
# The browser tests drive Debian's chromium with playwright-core (TOOLCHAIN.md §9), firefox-esr
# with puppeteer-core over WebDriver BiDi, and WebKitGTK's MiniBrowser through WebKitWebDriver,
# which needs an X display: Xvfb (§9b).
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
# The CLI's progress bar is tested in a real terminal.
command -v tmux >/dev/null 2>&1 || missing+=(tmux)

if [ ${#missing[@]} -gt 0 ]; then
  echo "parahash: installing missing build tools: ${missing[*]}"
  if [ "$(id -u)" != 0 ]; then
    echo "parahash: need root to install them. Run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
    echo "parahash: automatic install supports Debian only. Install ${missing[*]} (emscripten 3.1.x," \
      "Catch2 2.x) with your package manager, then run this again." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lockfile lists packages and node_modules is absent or older than it.
if grep -q '"node_modules/' package-lock.json 2>/dev/null; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "parahash: npm ci"
    npm ci --no-audit --no-fund
  fi
fi
