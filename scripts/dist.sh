#!/usr/bin/env bash
# The deployable static bundle: builds the web tree, then writes dist/ (or OUT_DIR) with
# content-hashed file names, .gz and .br copies and relative URLs only (scripts/dist.mjs).
# Prints the sizes. DIST_NO_BUILD=1 reuses build/web as it is.
# Usage: scripts/dist.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/dist}"
if [ "${DIST_NO_BUILD:-0}" != 1 ]; then
  # One web build at a time (concurrent builds corrupt wasm-opt's output).
  flock /tmp/lstm-web.lock bash "$ROOT/scripts/build.sh" web
fi
node "$ROOT/scripts/dist.mjs" "$ROOT/build/web" "$OUT"
