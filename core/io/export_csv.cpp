#include "export_csv.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>

namespace lstm {

std::string float_text(float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string predictions_csv(Trainer& t) {
  assert(t.ready());
  const Series& s = t.series();
  const Dataset& d = t.dataset();
  const Windows& w = d.windows;
  const std::vector<int>& targets = d.plan.targets;
  const int J = int(targets.size()), O = w.n_outputs, T = s.length();
  const int n = w.n;
  const std::vector<float> pred = t.predict_windows(0, n);  // (n, O), step 0 first
  // Window i predicts rows [start + L, start + L + K); its step 0 lands on row start + L.
  std::vector<int> window_of(size_t(T), -1);
  for (int i = 0; i < n; ++i) {
    const int row = w.start[i] + w.look_back;
    if (row < T) window_of[row] = i;
  }
  std::string out = "step";
  for (int col : targets)
    out += "," + csv_field(s.names[col]) + "," + csv_field(s.names[col] + " predicted");
  out += ",split\n";
  for (int r = 0; r < T; ++r) {
    const int i = window_of[r];
    out += std::to_string(r);
    for (int j = 0; j < J; ++j) {
      out += "," + float_text(s.columns[targets[j]][r]) + ",";
      if (i >= 0) out += float_text(pred[size_t(i) * O + j]);
    }
    out += i < 0 ? "," : i < w.split.n_train ? ",train" : i < w.split.n_train + w.split.n_val ? ",val" : ",test";
    out += "\n";
  }
  return out;
}

std::string forecast_csv(const std::vector<float>& rollout, int J,
                         const std::vector<std::string>& names, int start_step) {
  assert(J > 0 && int(names.size()) == J && rollout.size() % size_t(J) == 0);
  std::string out = "step";
  for (const std::string& name : names) out += "," + csv_field(name);
  out += "\n";
  const int steps = int(rollout.size()) / J;
  for (int k = 0; k < steps; ++k) {
    out += std::to_string(start_step + k);
    for (int j = 0; j < J; ++j) out += "," + float_text(rollout[size_t(k) * J + j]);
    out += "\n";
  }
  return out;
}

std::string forecast_csv(const Trainer& t, const std::vector<float>& rollout) {
  std::vector<std::string> names;
  for (int col : t.dataset().plan.targets) names.push_back(t.series().names[col]);
  return forecast_csv(rollout, int(names.size()), names, t.series().length());
}

}  // namespace lstm
