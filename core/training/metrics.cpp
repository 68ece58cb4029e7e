#include "metrics.h"

#include <cmath>

namespace lstm {

Metrics compute_metrics(const float* pred, const float* truth, size_t n) {
  Metrics m;
  if (n == 0) return m;
  double sq = 0.0, ab = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double e = double(pred[i]) - double(truth[i]);
    sq += e * e;
    ab += std::fabs(e);
  }
  m.rmse = std::sqrt(sq / n);
  m.mae = ab / n;
  m.count = static_cast<int>(n);
  return m;
}

namespace {

// (n, K, J) values of the target columns: at row start + L + k (the truth) or, for persistence,
// at the last input row start + L - 1 for every step k.
std::vector<float> gather_targets(const Series& raw, const ColumnPlan& plan,
                                  const std::vector<int>& start, int look_back, int begin, int end,
                                  bool persistence) {
  const int J = static_cast<int>(plan.targets.size()), K = plan.horizon;
  std::vector<float> y;
  y.reserve(size_t(end > begin ? end - begin : 0) * J * K);
  for (int i = begin; i < end; ++i)
    for (int k = 0; k < K; ++k) {
      const int row = start[i] + look_back + (persistence ? -1 : k);
      for (int j = 0; j < J; ++j) y.push_back(raw.columns[plan.targets[j]][row]);
    }
  return y;
}

}  // namespace

std::vector<float> window_targets(const Series& raw, const ColumnPlan& plan,
                                  const std::vector<int>& start, int look_back, int begin,
                                  int end) {
  return gather_targets(raw, plan, start, look_back, begin, end, false);
}

std::vector<float> persistence_forecast(const Series& raw, const ColumnPlan& plan,
                                        const std::vector<int>& start, int look_back, int begin,
                                        int end) {
  return gather_targets(raw, plan, start, look_back, begin, end, true);
}

Metrics persistence_baseline(const Series& raw, const Dataset& d) {
  if (!d.ok()) return {};
  const Windows& w = d.windows;
  const int begin = w.split.n_train, end = w.split.n_train + w.split.n_val;
  const std::vector<float> truth = window_targets(raw, d.plan, w.start, w.look_back, begin, end);
  const std::vector<float> pred =
      persistence_forecast(raw, d.plan, w.start, w.look_back, begin, end);
  return compute_metrics(pred.data(), truth.data(), truth.size());
}

ValidationReport validation_report(const Series& raw, const Dataset& d, const float* val_pred) {
  ValidationReport r;
  const Windows& w = d.windows;
  const int begin = w.split.n_train, end = w.split.n_train + w.split.n_val;
  if (!d.ok() || end <= begin) return r;
  const std::vector<float> truth = window_targets(raw, d.plan, w.start, w.look_back, begin, end);
  r.naive_pred = persistence_forecast(raw, d.plan, w.start, w.look_back, begin, end);
  r.model = compute_metrics(val_pred, truth.data(), truth.size());
  r.naive = compute_metrics(r.naive_pred.data(), truth.data(), truth.size());
  return r;
}

}  // namespace lstm
