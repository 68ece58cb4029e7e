// The Web Worker's module (lstm-worker.js/.wasm): one RunEngine, driven by run_worker.js.
// Commands arrive as bytes; the worker works in short slices between its messages, so a Pause
// waits at most for the batch in flight (no SharedArrayBuffer to interrupt one).
#include <emscripten.h>

#include <vector>

#include "out_of_memory.h"
#include "presets.h"
#include "run_engine.h"

namespace {
constexpr double kSliceSeconds = 0.004;  // whole batches, at least one, per slice
[[maybe_unused]] const bool kReportsOutOfMemory = (install_out_of_memory_report(), true);
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

// Tests only (tests/e2e/limits.mjs, through run_worker.js's {test_crash}): the worker dies as a
// bug would kill it (kind 0, abort) or as running out of memory does (kind 1: 64 MB blocks until
// the heap cannot grow).
EMSCRIPTEN_KEEPALIVE void lstm_worker_test_crash(int kind) {
  if (kind == 0) std::abort();
  std::vector<char*> blocks;
  for (;;) blocks.push_back(new char[size_t(64) << 20]);
}

// Bench entry points (bench/runs.js, not used by the page): set a run up on the "sine" preset
// (the page's default data) without the command codec, start it, and read its progress back.
EMSCRIPTEN_KEEPALIVE void lstm_worker_bench_setup(int length, int look_back, int units, int batch,
                                                  int epochs, int seed) {
  const int p = lstm::find_preset("sine");
  lstm::RunCommand c{lstm::RunCommandKind::Setup};
  c.config.data = lstm::presets()[size_t(p)].suggested;
  c.config.data.look_back = look_back;
  c.config.model.n_layers = 1;
  c.config.model.units[0] = units;
  c.config.model.seed = uint64_t(seed);
  c.config.train.batch = batch;
  c.config.train.epochs = epochs;
  c.series = lstm::make_preset(p, length, lstm::presets()[size_t(p)].default_noise);
  engine().handle(c);
  engine().handle(lstm::RunCommand{lstm::RunCommandKind::Start});
}
// Trainer samples and seconds inside Trainer::step of the last published snapshot (-1: none yet).
EMSCRIPTEN_KEEPALIVE double lstm_worker_bench_progress(int what) {
  lstm::RunSnapshot s;
  if (outbox().empty() || !lstm::decode_snapshot(outbox().data(), outbox().size(), &s)) return -1;
  return what == 0 ? double(s.progress.samples) : s.train_seconds;
}
}
