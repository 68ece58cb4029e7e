// The bench page's entry point: bench_run(...) -> JSON (see bench_core.h), series from JS memory.
#include <emscripten/emscripten.h>

#include <stdexcept>
#include <string>

#include "bench_core.h"

extern "C" EMSCRIPTEN_KEEPALIVE const char* bench_run(const float* series, int n, int look_back,
                                                      int layers, int units, int batch,
                                                      double warm_s, double cap_s,
                                                      int max_epochs) {
  static std::string out;
  bench::Spec s{series, n, look_back, layers, units, batch, warm_s, cap_s, max_epochs};
  try {
    out = bench::run(s);
  } catch (const std::exception& e) {
    out = std::string("{\"error\": \"") + e.what() + "\"}";
  }
  return out.c_str();
}
