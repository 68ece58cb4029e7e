#include "transforms.h"

#include <cmath>
#include <cstdio>

namespace lstm {

double Transform::level_to_w(int col, int row, double level) const {
  return detrend ? level - (trend_a[col] + trend_b[col] * row) : level;
}
double Transform::w_to_level(int col, int row, double w) const {
  return detrend ? w + (trend_a[col] + trend_b[col] * row) : w;
}
double Transform::forward_w(int col, int row, float y) const {
  return level_to_w(col, row, log ? std::log(double(y)) : double(y));
}
float Transform::inverse_w(int col, int row, double w) const {
  const double level = w_to_level(col, row, w);
  return float(log ? std::exp(level) : level);
}

int difference_lag(Difference d, int season) {
  return d == Difference::Lag1 ? 1 : d == Difference::Seasonal ? std::max(season, 1) : 0;
}

std::string fit_transform(const Series& raw, const DataConfig& cfg, int season, int fit_rows,
                          const std::vector<int>& cols, Transform* out) {
  Transform t;
  t.log = cfg.log;
  t.detrend = cfg.detrend;
  t.lag = difference_lag(cfg.difference, season);
  const int T = raw.length();
  if (t.lag >= T)
    return "Differencing at lag " + std::to_string(t.lag) + " needs more than " +
           std::to_string(t.lag) + " rows; the series has " + std::to_string(T) + ".";
  if (t.log)
    for (int c : cols)
      for (int r = 0; r < T; ++r)
        if (!(raw.columns[c][r] > 0.f)) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%g", double(raw.columns[c][r]));
          return "The log transform needs positive values, but '" + raw.names[c] + "' has " + buf +
                 " at row " + std::to_string(r + 1) + ". Turn log off or shift the series.";
        }
  t.trend_a.assign(size_t(raw.width()), 0.0);
  t.trend_b.assign(size_t(raw.width()), 0.0);
  if (t.detrend) {
    if (fit_rows < 2) return "Removing a trend needs at least 2 training rows.";
    for (int c : cols) {  // least squares level = a + b * r over r in [0, fit_rows)
      double sr = 0, sl = 0, srr = 0, srl = 0;
      const double n = fit_rows;
      for (int r = 0; r < fit_rows; ++r) {
        const double l = t.log ? std::log(double(raw.columns[c][r])) : double(raw.columns[c][r]);
        sr += r, sl += l, srr += double(r) * r, srl += r * l;
      }
      const double b = (n * srl - sr * sl) / (n * srr - sr * sr);
      t.trend_b[c] = b;
      t.trend_a[c] = (sl - b * sr) / n;
    }
  }
  *out = std::move(t);
  return "";
}

Series apply_transform(const Transform& t, const Series& raw, const std::vector<int>& cols) {
  Series z = raw;
  if (t.identity()) return z;
  const int T = raw.length();
  std::vector<bool> done(size_t(raw.width()), false);
  std::vector<double> w(static_cast<size_t>(T));
  for (int c : cols) {
    if (done[c]) continue;
    done[c] = true;
    for (int r = 0; r < T; ++r) w[r] = t.forward_w(c, r, raw.columns[c][r]);
    for (int r = 0; r < T; ++r)
      z.columns[c][r] = r < t.lag ? 0.f : float(t.lag ? w[r] - w[r - t.lag] : w[r]);
  }
  return z;
}

void invert_path(const Transform& t, const Series& raw, int col, int first_row, int steps,
                 float* z, int stride) {
  if (t.identity()) return;
  // w of the predicted steps, for the undifferencing of steps further than the lag ahead.
  std::vector<double> w(static_cast<size_t>(steps));
  for (int k = 0; k < steps; ++k) {
    const int r = first_row + k;
    double wr = z[size_t(k) * stride];
    if (t.lag) {
      const int prev = r - t.lag;
      wr += prev < first_row ? t.forward_w(col, prev, raw.columns[col][prev]) : w[k - t.lag];
    }
    w[k] = wr;
    z[size_t(k) * stride] = t.inverse_w(col, r, wr);
  }
}

void invert_outputs(const Transform& t, const Series& raw, const std::vector<int>& targets,
                    int horizon, const int* first_rows, float* y, int n) {
  if (t.identity()) return;
  const int J = int(targets.size()), O = J * horizon;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < J; ++j)
      invert_path(t, raw, targets[j], first_rows[i], horizon, y + size_t(i) * O + j, J);
}

}  // namespace lstm
