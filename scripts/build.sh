#!/usr/bin/env bash
# Builds the web tree (build/web: lstm-playground.js/.wasm, index.html, lstm_tests.js) and, unless
# told `web`, the native tree (build/native: lstm-playground, lstm-cli, lstm_tests).
# Usage: scripts/build.sh [web|all]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
what="${1:-all}"
export NODE_PATH=/usr/share/nodejs   # emcc's node scripts need acorn (TOOLCHAIN.md)
JOBS=$(nproc)
if [ ! -f "$ROOT/build/web/build.ninja" ]; then
  emcmake cmake -S "$ROOT" -B "$ROOT/build/web" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$ROOT/build/web" -j "$JOBS"
if [ "$what" = all ]; then
  if [ ! -f "$ROOT/build/native/build.ninja" ]; then
    cmake -S "$ROOT" -B "$ROOT/build/native" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DLSTM_WEB_BUILD_DIR="$ROOT/build/web" >/dev/null
  fi
  cmake --build "$ROOT/build/native" -j "$JOBS"
fi
