// The bench page's entry point: bench_run(...) -> JSON (see bench_core.h), series from JS memory.
// cell: lstm::CellKind as an int (0 LSTM, 1 GRU, 2 SimpleRNN; bench/page.js maps the names).
#include <emscripten/emscripten.h>

#include <stdexcept>
#include <string>

#include "bench_core.h"

extern "C" EMSCRIPTEN_KEEPALIVE const char* bench_run(const float* series, int n, int look_back,
                                                      int layers, int units, int batch,
                                                      double warm_s, double cap_s,
                                                      int max_epochs, int cell) {
  static std::string out;
  if (cell < 0 || cell > int(lstm::CellKind::SimpleRnn)) {
    out = "{\"error\": \"unknown cell " + std::to_string(cell) + "\"}";
    return out.c_str();
  }
  bench::Spec s{series, n, look_back, layers, units, batch, warm_s, cap_s, max_epochs};
  s.cell = lstm::CellKind(cell);
  try {
    out = bench::run(s);
  } catch (const std::exception& e) {
    out = std::string("{\"error\": \"") + e.what() + "\"}";
  }
  return out.c_str();
}
