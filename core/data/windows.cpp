#include "windows.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace lstm {

ColumnPlan plan_columns(const DataConfig& cfg) {
  ColumnPlan p;
  const int n_in = cfg.n_inputs < 1 ? 1 : (cfg.n_inputs > kMaxColumns ? kMaxColumns : cfg.n_inputs);
  const int n_out =
      cfg.n_targets < 1 ? 1 : (cfg.n_targets > kMaxColumns ? kMaxColumns : cfg.n_targets);
  switch (cfg.setup) {
    case WindowSetup::Univariate:
      p.inputs = {cfg.input_cols[0]};
      p.targets = p.inputs;
      break;
    case WindowSetup::MultivariateIn:
      p.inputs.assign(cfg.input_cols.begin(), cfg.input_cols.begin() + n_in);
      p.targets = {cfg.target_cols[0]};
      break;
    case WindowSetup::Parallel:
      p.inputs.assign(cfg.input_cols.begin(), cfg.input_cols.begin() + n_in);
      p.targets = p.inputs;
      break;
    case WindowSetup::MultiStep:
      p.inputs.assign(cfg.input_cols.begin(), cfg.input_cols.begin() + n_in);
      p.targets.assign(cfg.target_cols.begin(), cfg.target_cols.begin() + n_out);
      p.horizon = cfg.horizon;
      break;
  }
  return p;
}

DataConfig data_config(WindowSetup setup, int look_back, const std::vector<int>& inputs,
                       const std::vector<int>& targets, int horizon, float val_split,
                       Scaling scaling) {
  assert(!inputs.empty() && inputs.size() <= size_t(kMaxColumns));
  assert(!targets.empty() && targets.size() <= size_t(kMaxColumns));
  DataConfig c;
  c.setup = setup;
  c.look_back = look_back;
  c.horizon = horizon;
  c.val_split = val_split;
  c.scaling = scaling;
  c.n_inputs = static_cast<int>(std::min(inputs.size(), size_t(kMaxColumns)));
  c.n_targets = static_cast<int>(std::min(targets.size(), size_t(kMaxColumns)));
  std::copy(inputs.begin(), inputs.begin() + c.n_inputs, c.input_cols.begin());
  std::copy(targets.begin(), targets.begin() + c.n_targets, c.target_cols.begin());
  return c;
}

Split split_windows(int n_windows, float val_split, float test_split) {
  Split s;
  if (n_windows <= 0) return s;
  auto fraction = [](float f) {
    const double v = std::round(double(f) * 1e6) / 1e6;
    return v > 0.0 ? std::min(v, 1.0) : 0.0;
  };
  s.n_test = static_cast<int>(std::lround(n_windows * fraction(test_split)));
  const int rest = n_windows - s.n_test;
  s.n_train = static_cast<int>(std::floor(rest * (1.0 - fraction(val_split))));
  s.n_val = rest - s.n_train;
  return s;
}

int count_windows(int length, int look_back, int horizon, int stride) {
  const long long span = (long long)length - look_back - horizon;
  return span >= 0 && stride >= 1 ? static_cast<int>(span / stride + 1) : 0;
}

int training_rows(const Split& split, int look_back, int horizon, int stride) {
  return split.n_train > 0 ? (split.n_train - 1) * stride + look_back + horizon : 0;
}

namespace {

constexpr double kMaxWindowFloats = double(1 << 26);  // 256 MB of x and y: wasm memory is finite

std::string column_error(const char* role, int col, int width) {
  return std::string(role) + " column " + std::to_string(col) + " does not exist: the series has " +
         std::to_string(width) +
         (width == 1 ? " column (index 0)."
                     : " columns (indexes 0-" + std::to_string(width - 1) + ").");
}

}  // namespace

std::string check_windows(const Series& s, const DataConfig& cfg, int first_row) {
  if (s.empty()) return "The series is empty: load a CSV or choose a preset.";
  for (const auto& col : s.columns)
    if (static_cast<int>(col.size()) != s.length())
      return "The series columns have different lengths.";
  if (cfg.look_back < 1)
    return "look_back must be at least 1 (it is " + std::to_string(cfg.look_back) + ").";
  if (cfg.setup == WindowSetup::MultiStep && cfg.horizon < 1)
    return "horizon must be at least 1 (it is " + std::to_string(cfg.horizon) + ").";
  if (cfg.n_inputs < 1 || cfg.n_inputs > kMaxColumns)
    return "n_inputs must be between 1 and " + std::to_string(kMaxColumns) + ".";
  if (cfg.setup == WindowSetup::MultiStep && (cfg.n_targets < 1 || cfg.n_targets > kMaxColumns))
    return "n_targets must be between 1 and " + std::to_string(kMaxColumns) + ".";
  if (!(cfg.val_split >= 0.f && cfg.val_split < 1.f))
    return "val_split must be in [0, 1) (it is " + std::to_string(cfg.val_split) + ").";
  if (!(cfg.test_split >= 0.f && cfg.test_split < 1.f))
    return "test_split must be in [0, 1) (it is " + std::to_string(cfg.test_split) + ").";

  const ColumnPlan p = plan_columns(cfg);
  for (int c : p.inputs)
    if (c < 0 || c >= s.width()) return column_error("Input", c, s.width());
  for (int c : p.targets)
    if (c < 0 || c >= s.width()) return column_error("Target", c, s.width());

  if (cfg.stride < 1) return "stride must be at least 1 (it is " + std::to_string(cfg.stride) + ").";
  const int T = s.length(), L = cfg.look_back, K = p.horizon;
  const int N = count_windows(T - first_row, L, K, cfg.stride);
  if (N == 0)
    return "The series has " + std::to_string(T) + " rows but look_back " + std::to_string(L) +
           " + horizon " + std::to_string(K) +
           (first_row ? " + differencing lag " + std::to_string(first_row) : std::string()) +
           " needs at least " + std::to_string((long long)L + K + first_row) +
           " rows for one window. Shorten look_back or use a longer series.";

  const double floats = double(N) * (double(L) * p.n_features() + p.n_outputs());
  if (floats > kMaxWindowFloats)
    return "The windows would take " + std::to_string(static_cast<long long>(floats * 4 / 1e6)) +
           " MB (" + std::to_string(N) + " windows of " + std::to_string(L) +
           " steps). Shorten look_back or the series.";

  auto check_finite = [&](int c) -> std::string {
    const std::vector<float>& v = s.columns[c];
    for (int t = first_row; t < T; ++t)
      if (!std::isfinite(v[t]))
        return "Column '" + s.names[c] + "' has " + (std::isnan(v[t]) ? "a NaN" : "an infinite") +
               " value at time step " + std::to_string(t) + ". Remove or fill it.";
    return "";
  };
  for (int c : p.inputs)
    if (std::string e = check_finite(c); !e.empty()) return e;
  for (int c : p.targets)
    if (std::string e = check_finite(c); !e.empty()) return e;

  const Split split = split_windows(N, cfg.val_split, cfg.test_split);
  if (split.n_train < 1)
    return "Only " + std::to_string(N) + " window(s): with val_split " +
           std::to_string(cfg.val_split) + " and test_split " + std::to_string(cfg.test_split) +
           " none is left for training. Lower them, shorten look_back or use more data.";
  return "";
}

std::string make_windows(const Series& s, const DataConfig& cfg, Windows* out, int first_row) {
  *out = Windows{};
  if (std::string e = check_windows(s, cfg, first_row); !e.empty()) return e;
  const ColumnPlan p = plan_columns(cfg);
  const int L = cfg.look_back, K = p.horizon;
  const int F = p.n_features(), J = static_cast<int>(p.targets.size()), O = p.n_outputs();
  const int N = count_windows(s.length() - first_row, L, K, cfg.stride);
  Windows& w = *out;
  w.n = N;
  w.look_back = L;
  w.n_features = F;
  w.n_outputs = O;
  w.x.resize(size_t(N) * L * F);  // (N, L, F)
  w.y.resize(size_t(N) * O);      // (N, K, J)
  w.start.resize(N);
  for (int i = 0; i < N; ++i) {
    const int r0 = first_row + i * cfg.stride;
    w.start[i] = r0;
    float* x = &w.x[size_t(i) * L * F];
    for (int t = 0; t < L; ++t)
      for (int f = 0; f < F; ++f) x[t * F + f] = s.columns[p.inputs[f]][r0 + t];
    float* y = &w.y[size_t(i) * O];
    for (int k = 0; k < K; ++k)
      for (int j = 0; j < J; ++j) y[k * J + j] = s.columns[p.targets[j]][r0 + L + k];
  }
  w.split = split_windows(N, cfg.val_split, cfg.test_split);
  return "";
}

}  // namespace lstm
