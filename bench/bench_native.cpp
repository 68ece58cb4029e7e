// Native bench: bench_native SPEC.json -> one JSON line per workload of the spec.
// SPEC: {"warm_s", "cap_s", "workloads": [{"name", "series": [...], "look_back", "layers",
// "units", "batch", "max_epochs", optional "cell": lstm | gru | simple_rnn (default lstm)}]}
// (bench/run.mjs and bench/run_cells.mjs write it).
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "bench_core.h"
#include "config_enums.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_native SPEC.json\n");
    return 2;
  }
  std::ifstream f(argv[1]);
  const nlohmann::json spec = nlohmann::json::parse(f);
  for (const auto& w : spec["workloads"]) {
    const std::vector<float> series = w["series"].get<std::vector<float>>();
    bench::Spec s;
    s.series = series.data();
    s.n = int(series.size());
    s.look_back = w["look_back"];
    s.layers = w["layers"];
    s.units = w["units"];
    s.batch = w["batch"];
    s.max_epochs = w["max_epochs"];
    s.warm_s = spec["warm_s"];
    s.cap_s = spec["cap_s"];
    const std::string cell = w.value("cell", std::string("lstm"));
    if (!lstm::parse_enum(cell, &s.cell)) {
      std::fprintf(stderr, "bench_native: unknown cell \"%s\" (lstm, gru, simple_rnn)\n", cell.c_str());
      return 2;
    }
    std::printf("{\"name\": \"%s\", \"result\": %s}\n", w["name"].get<std::string>().c_str(),
                bench::run(s).c_str());
    std::fflush(stdout);
  }
  return 0;
}
