#include "forecast_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lstm {

ForecastMetrics forecast_metrics(const float* pred, const float* truth, size_t values, int J,
                                 const std::vector<double>& scale) {
  ForecastMetrics m;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (values == 0 || J <= 0) {
    m.rmse = m.mae = m.mape = m.smape = m.mase = nan;
    return m;
  }
  double sq = 0, ab = 0, ape = 0, sape = 0, mean_abs = 0;
  std::vector<double> ab_j(size_t(J), 0.0);
  std::vector<int> n_j(size_t(J), 0);
  for (size_t i = 0; i < values; ++i) mean_abs += std::fabs(double(truth[i]));
  mean_abs /= double(values);
  for (size_t i = 0; i < values; ++i) {
    const double y = truth[i], p = pred[i], e = p - y, ae = std::fabs(e);
    sq += e * e;
    ab += ae;
    ab_j[i % J] += ae;
    ++n_j[i % J];
    if (std::fabs(y) <= kNearZero * mean_abs) ++m.near_zero;
    else ape += ae / std::fabs(y);
    const double denom = std::fabs(y) + std::fabs(p);
    if (denom > 0) sape += 2 * ae / denom;
  }
  const double n = double(values);
  m.count = int(values);
  m.rmse = std::sqrt(sq / n);
  m.mae = ab / n;
  m.mape = m.near_zero ? nan : 100 * ape / n;
  m.smape = 100 * sape / n;
  double mase = 0;
  for (int j = 0; j < J; ++j) {
    const double s = j < int(scale.size()) ? scale[j] : nan;
    mase += (s > 0 && n_j[j]) ? ab_j[j] / n_j[j] / s : nan;
  }
  m.mase = mase / J;
  return m;
}

std::vector<double> mase_scales(const Series& raw, const std::vector<int>& targets, int rows,
                                int m) {
  const auto naive_mae = [&](const std::vector<float>& y, int lag) {
    double sum = 0;
    int n = 0;
    for (int t = lag; t < rows && t < int(y.size()); ++t, ++n) sum += std::fabs(double(y[t]) - y[t - lag]);
    return n ? sum / n : std::numeric_limits<double>::quiet_NaN();
  };
  std::vector<double> s;
  m = std::max(m, 1);
  for (int c : targets) {
    const std::vector<float>& y = raw.columns[c];
    double scale = naive_mae(y, m);
    if (m > 1) {
      const double lag1 = naive_mae(y, 1);
      if (!(scale > kExactSeasonal * lag1) && lag1 > 0) scale = lag1;
    }
    s.push_back(scale);
  }
  return s;
}

std::string mape_note(const ForecastMetrics& m) {
  if (!m.near_zero) return "";
  return "MAPE is undefined: " + std::to_string(m.near_zero) + " actual value" +
         (m.near_zero == 1 ? " is" : "s are") + " zero or near zero (use MASE or sMAPE).";
}

}  // namespace lstm
