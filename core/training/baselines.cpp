#include "baselines.h"

#include <algorithm>

namespace lstm {

float baseline_value(Baseline b, int m, const std::vector<float>& y, int origin, int h,
                     const double* prefix) {
  switch (b) {
    case Baseline::Naive: return y[origin];
    case Baseline::SeasonalNaive: {
      m = std::max(m, 1);
      const int back = m * ((h + m - 1) / m);  // m * ceil(h / m)
      const int r = origin + h - back;
      return r >= 0 ? y[r] : y[origin];  // too little history for a season: naive
    }
    case Baseline::Drift:
      return origin > 0 ? float(y[origin] + double(h) * (double(y[origin]) - y[0]) / origin)
                        : y[origin];
    case Baseline::Mean: {
      double s = 0;
      if (prefix) s = prefix[origin];
      else for (int r = 0; r <= origin; ++r) s += y[r];
      return float(s / (origin + 1));
    }
  }
  return y[origin];
}

namespace {
std::vector<double> running_sums(const std::vector<float>& y) {
  std::vector<double> p(y.size());
  double s = 0;
  for (size_t r = 0; r < y.size(); ++r) p[r] = s += y[r];
  return p;
}
}  // namespace

std::vector<float> baseline_forecast(Baseline b, int m, const Series& raw, const ColumnPlan& plan,
                                     const std::vector<int>& start, int look_back, int begin,
                                     int end) {
  const int J = int(plan.targets.size()), K = plan.horizon;
  std::vector<float> out(size_t(std::max(end - begin, 0)) * J * K);
  for (int j = 0; j < J; ++j) {
    const std::vector<float>& y = raw.columns[plan.targets[j]];
    const std::vector<double> prefix = b == Baseline::Mean ? running_sums(y) : std::vector<double>{};
    for (int i = begin; i < end; ++i)
      for (int k = 0; k < K; ++k)
        out[(size_t(i - begin) * K + k) * J + j] = baseline_value(
            b, m, y, start[i] + look_back - 1, k + 1, prefix.empty() ? nullptr : prefix.data());
  }
  return out;
}

std::vector<float> baseline_path(Baseline b, int m, const Series& raw,
                                 const std::vector<int>& targets, int origin, int steps) {
  const int J = int(targets.size());
  std::vector<float> out(size_t(steps) * J);
  for (int j = 0; j < J; ++j)
    for (int h = 1; h <= steps; ++h)
      out[size_t(h - 1) * J + j] = baseline_value(b, m, raw.columns[targets[j]], origin, h);
  return out;
}

}  // namespace lstm
