#include "scaler.h"

#include <algorithm>
#include <cmath>

namespace lstm {

Scaler fit_scaler(const Series& s, Scaling kind, int rows, const std::vector<int>& cols,
                  std::vector<std::string>* messages, int first_row) {
  Scaler sc;
  sc.kind = kind;
  sc.offset.assign(s.width(), 0.0);
  sc.scale.assign(s.width(), 1.0);
  rows = std::min(rows, s.length());
  if (kind == Scaling::None || rows <= first_row) return sc;
  const int n = rows - first_row;
  std::vector<bool> done(s.width(), false);
  for (int c : cols) {
    if (c < 0 || c >= s.width() || done[c]) continue;
    done[c] = true;
    const std::vector<float>& v = s.columns[c];
    double offset = 0.0, scale = 0.0;
    if (kind == Scaling::MinMax) {
      const auto [lo, hi] = std::minmax_element(v.begin() + first_row, v.begin() + rows);
      offset = *lo;
      scale = double(*hi) - double(*lo);
    } else {
      double sum = 0.0;
      for (int t = first_row; t < rows; ++t) sum += v[t];
      offset = sum / n;
      double sq = 0.0;
      for (int t = first_row; t < rows; ++t) sq += (v[t] - offset) * (v[t] - offset);
      scale = std::sqrt(sq / n);
    }
    if (!(scale > 0.0) || !std::isfinite(1.0 / scale)) {
      scale = 1.0;
      if (messages)
        messages->push_back(
            "Column '" + s.names[c] + "' is constant on the training rows; it is scaled to 0 (" +
            (kind == Scaling::MinMax ? "min-max" : "z-score") + " would divide by zero).");
    }
    sc.offset[c] = offset;
    sc.scale[c] = scale;
  }
  return sc;
}

Series apply_scaler(const Scaler& scaler, const Series& s) {
  Series out = s;
  if (scaler.kind == Scaling::None) return out;
  for (int c = 0; c < out.width() && c < static_cast<int>(scaler.scale.size()); ++c)
    for (float& v : out.columns[c]) v = scaler.forward(c, v);
  return out;
}

namespace {

// y (N, K, J) step-major: element (n, k, j) belongs to series column targets[j].
void map_outputs(const Scaler& scaler, const std::vector<int>& targets, int horizon, float* y,
                 int n, bool inverse) {
  if (scaler.kind == Scaling::None) return;
  const size_t J = targets.size();
  for (size_t row = 0; row < size_t(n) * horizon; ++row)
    for (size_t j = 0; j < J; ++j) {
      float& v = y[row * J + j];
      v = inverse ? scaler.inverse(targets[j], v) : scaler.forward(targets[j], v);
    }
}

}  // namespace

void scale_outputs(const Scaler& scaler, const std::vector<int>& targets, int horizon, float* y,
                   int n) {
  map_outputs(scaler, targets, horizon, y, n, false);
}

void unscale_outputs(const Scaler& scaler, const std::vector<int>& targets, int horizon, float* y,
                     int n) {
  map_outputs(scaler, targets, horizon, y, n, true);
}

}  // namespace lstm
