#include "export_windows.h"

#include <algorithm>
#include <cassert>
#include <nlohmann/json.hpp>

namespace lstm {

std::string windows_json(Trainer& t) {
  assert(t.ready());
  using nlohmann::json;
  const Dataset& d = t.dataset();
  const Windows& w = d.windows;
  const ColumnPlan& plan = d.plan;
  std::vector<int> cols = plan.inputs;
  cols.insert(cols.end(), plan.targets.begin(), plan.targets.end());
  const Series z = apply_transform(d.transform, t.series(), cols);  // the graph's input units
  const int n = w.n, O = w.n_outputs;
  const size_t xs = size_t(w.look_back) * w.n_features;
  LstmModel<float>& m = t.model();
  std::vector<float> pred(size_t(n) * O);  // (n, O) scaled, then unscaled
  for (int i = 0; i < n; i += m.max_batch()) {
    const int b = std::min(m.max_batch(), n - i);
    m.forward(w.x.data() + i * xs, b);
    std::copy_n(m.output(), size_t(b) * O, pred.data() + size_t(i) * O);
  }
  unscale_outputs(d.scaler, plan.targets, plan.horizon, pred.data(), n);
  json inputs = json::array(), outputs = json::array(), start = json::array();
  for (int i = 0; i < n; ++i) {
    json rows = json::array();
    for (int r = w.start[i]; r < w.start[i] + w.look_back; ++r) {
      json row = json::array();
      for (int col : plan.inputs) row.push_back(z.columns[col][r]);
      rows.push_back(std::move(row));
    }
    inputs.push_back(std::move(rows));
    outputs.push_back(std::vector<float>(pred.begin() + size_t(i) * O, pred.begin() + size_t(i + 1) * O));
    start.push_back(w.start[i]);
  }
  return json{{"inputs", inputs}, {"outputs", outputs}, {"start", start}}.dump();
}

}  // namespace lstm
