// The browser's runner: a run's engine in a dedicated Web Worker (run_worker.js loading the
// lstm-worker module). Commands and snapshots cross postMessage as transferable byte buffers; no
// SharedArrayBuffer, so the page works on any static host and inside an iframe.
#pragma once
#ifdef __EMSCRIPTEN__
#include <memory>

#include "runner.h"

// False when the browser has no Worker or the page was opened with ?worker=0.
bool web_workers_available();
std::unique_ptr<lstm::Runner> make_worker_runner();
#endif
