#!/usr/bin/env bash
# The README's test command: sets up, builds both trees and runs every suite through one CTest
# (native doctest, wasm doctest under node, browser end-to-end in headless Chromium, and the
# doctest suite and lstm-cli built with ASan + UBSan in build/sanitize: cmake/sanitize.cmake).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh" all
# The sanitized tree: only lstm_tests and lstm-cli (CTest's sanitize_* entries run them).
if [ ! -f "$ROOT/build/sanitize/build.ninja" ]; then
  cmake -S "$ROOT" -B "$ROOT/build/sanitize" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLSTM_SANITIZE=ON \
    -DLSTM_BUILD_UI=OFF >/dev/null
fi
cmake --build "$ROOT/build/sanitize" -j "$(nproc)" --target lstm_tests lstm-cli
cd "$ROOT/build/native"
ctest --output-on-failure "$@"
