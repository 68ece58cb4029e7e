#include "export_windows.h"

#include <cassert>
#include <nlohmann/json.hpp>

namespace lstm {

std::string windows_json(Trainer& t) {
  assert(t.ready());
  using nlohmann::json;
  const Windows& w = t.dataset().windows;
  const ColumnPlan& plan = t.dataset().plan;
  const Series& s = t.series();
  const int n = w.split.n_train + w.split.n_val, O = w.n_outputs;
  const std::vector<float> pred = t.predict_windows(0, n);  // (n, O) data units
  json inputs = json::array(), outputs = json::array(), start = json::array();
  for (int i = 0; i < n; ++i) {
    json rows = json::array();
    for (int r = w.start[i]; r < w.start[i] + w.look_back; ++r) {
      json row = json::array();
      for (int col : plan.inputs) row.push_back(s.columns[col][r]);
      rows.push_back(std::move(row));
    }
    inputs.push_back(std::move(rows));
    outputs.push_back(std::vector<float>(pred.begin() + size_t(i) * O, pred.begin() + size_t(i + 1) * O));
    start.push_back(w.start[i]);
  }
  return json{{"inputs", inputs}, {"outputs", outputs}, {"start", start}}.dump();
}

}  // namespace lstm
