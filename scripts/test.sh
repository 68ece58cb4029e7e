#!/usr/bin/env bash
# The README's test command: sets up, builds both trees and runs every suite through one CTest
# (native doctest, wasm doctest under node, browser end-to-end in headless Chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build.sh" all
cd "$ROOT/build/native"
ctest --output-on-failure "$@"
