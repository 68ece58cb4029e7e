#include "intervals.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lstm {

float conformal_quantile(std::vector<float>& scores, double level) {
  const size_t n = scores.size();
  const double rank = std::ceil((double(n) + 1.0) * level - 1e-9);
  if (n == 0 || rank > double(n)) return std::numeric_limits<float>::quiet_NaN();
  const size_t k = size_t(std::max(rank, 1.0)) - 1;
  std::nth_element(scores.begin(), scores.begin() + k, scores.end());
  return scores[k];
}

std::vector<int> window_origins(const Windows& w, int begin, int end, int cap) {
  std::vector<int> o;
  const int n = end - begin;
  if (n <= 0) return o;
  const int take = std::min(n, cap);
  for (int i = 0; i < take; ++i) {
    // Evenly spaced, the last window always in.
    const int idx = end - 1 - int(std::llround(double(take - 1 - i) * (n - 1) / std::max(take - 1, 1)));
    o.push_back(w.start[idx] + w.look_back - 1);
  }
  o.erase(std::unique(o.begin(), o.end()), o.end());
  return o;
}

Intervals conformal_intervals(Trainer& t, int steps) {
  Intervals iv;
  const Dataset& d = t.dataset();
  const Windows& w = d.windows;
  const Split& s = w.split;
  const Series& raw = t.series();
  const int J = int(d.plan.targets.size()), T = raw.length();
  if (steps < 1 || s.n_val < 1) return iv;
  // Rows from here on belong to the test part (the first row its windows predict).
  const int test_row = s.n_test > 0 ? w.start[s.n_train + s.n_val] + w.look_back : T;

  const std::vector<int> cal = window_origins(w, s.n_train, s.n_train + s.n_val, kMaxIntervalOrigins);
  std::string error;
  const std::vector<float> path = t.rollout_from(cal, steps, &error);
  if (path.empty()) return iv;
  iv.steps = steps;
  iv.n_targets = J;
  iv.calibration_origins = int(cal.size());
  for (auto& h : iv.half) h.assign(size_t(steps) * J, std::numeric_limits<float>::quiet_NaN());
  std::vector<float> scores;
  for (int h = 0; h < steps; ++h)
    for (int j = 0; j < J; ++j) {
      scores.clear();
      const std::vector<float>& y = raw.columns[d.plan.targets[j]];
      for (size_t i = 0; i < cal.size(); ++i) {
        const int row = cal[i] + 1 + h;
        if (row < test_row) scores.push_back(std::fabs(path[(i * steps + h) * J + j] - y[row]));
      }
      for (int l = 0; l < kIntervalLevels; ++l) {
        std::vector<float> sc = scores;
        iv.half[l][size_t(h) * J + j] = conformal_quantile(sc, kIntervalLevel[l]);
      }
    }

  const std::vector<int> test = window_origins(w, s.n_train + s.n_val, w.n, kMaxIntervalOrigins);
  iv.test_origins = int(test.size());
  const std::vector<float> tp = test.empty() ? std::vector<float>{} : t.rollout_from(test, steps, &error);
  int inside[kIntervalLevels] = {0, 0};
  for (size_t i = 0; i < test.size() && !tp.empty(); ++i)
    for (int h = 0; h < steps; ++h) {
      const int row = test[i] + 1 + h;
      if (row >= T) break;
      for (int j = 0; j < J; ++j) {
        const float e = std::fabs(tp[(i * steps + h) * J + j] - raw.columns[d.plan.targets[j]][row]);
        for (int l = 0; l < kIntervalLevels; ++l) {
          const float half = iv.half[l][size_t(h) * J + j];
          if (!std::isfinite(half)) continue;
          ++iv.test_points[l];
          inside[l] += e <= half;
        }
      }
    }
  for (int l = 0; l < kIntervalLevels; ++l)
    iv.coverage[l] = iv.test_points[l] ? double(inside[l]) / iv.test_points[l]
                                    : std::numeric_limits<double>::quiet_NaN();
  return iv;
}

}  // namespace lstm
