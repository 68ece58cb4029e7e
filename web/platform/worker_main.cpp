// The Web Worker's module (lstm-worker.js/.wasm): one RunEngine, driven by run_worker.js.
// Commands arrive as bytes; the worker works in short slices between its messages, so a Pause
// waits at most for the batch in flight (no SharedArrayBuffer to interrupt one).
#include <emscripten.h>

#include <vector>

#include "run_engine.h"

namespace {
constexpr double kSliceSeconds = 0.004;  // whole batches, at least one, per slice
lstm::RunEngine& engine() {
  static lstm::RunEngine e;
  return e;
}
std::vector<uint8_t>& outbox() {
  static std::vector<uint8_t> b;
  return b;
}
}  // namespace

extern "C" {
// 1 when the bytes were a command, 0 when they were damaged.
EMSCRIPTEN_KEEPALIVE int lstm_worker_command(const uint8_t* data, int n) {
  lstm::RunCommand c;
  if (!lstm::decode_command(data, size_t(n), &c)) return 0;
  engine().handle(c);
  return 1;
}
// One slice of work; 1 while there is more to do.
EMSCRIPTEN_KEEPALIVE int lstm_worker_tick() {
  if (engine().busy()) engine().work(kSliceSeconds);
  return engine().busy() ? 1 : 0;
}
// The bytes of a snapshot when one is due (then lstm_worker_snapshot_data points at them), else 0.
EMSCRIPTEN_KEEPALIVE int lstm_worker_snapshot_size() {
  if (!engine().snapshot_due()) return 0;
  outbox() = lstm::encode_snapshot(engine().snapshot());
  return int(outbox().size());
}
EMSCRIPTEN_KEEPALIVE const uint8_t* lstm_worker_snapshot_data() { return outbox().data(); }
}
