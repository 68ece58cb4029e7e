// Sliding windows for the four setups of the tutorials. Window i reads rows [s, s + L) of the
// input columns and predicts the target columns at rows [s + L, s + L + K), s = i * stride.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "series.h"

namespace lstm {

// Which series columns go in and which come out, resolved from DataConfig per setup:
//   Univariate     input_cols[0] -> input_cols[0], K = 1
//   MultivariateIn input_cols[0..n_inputs) -> target_cols[0], K = 1
//   Parallel       input_cols[0..n_inputs) -> the same columns, K = 1
//   MultiStep      input_cols[0..n_inputs) -> target_cols[0..n_targets), K = horizon
struct ColumnPlan {
  std::vector<int> inputs;   // (F)
  std::vector<int> targets;  // (J)
  int horizon = 1;           // K
  int n_features() const { return static_cast<int>(inputs.size()); }
  int n_outputs() const { return static_cast<int>(targets.size()) * horizon; }  // O = J * K
};
ColumnPlan plan_columns(const DataConfig& cfg);

// A DataConfig in one call (presets, tests, CLI); inputs / targets are series column indexes,
// at most kMaxColumns of each.
DataConfig data_config(WindowSetup setup, int look_back, const std::vector<int>& inputs,
                       const std::vector<int>& targets, int horizon = 1, float val_split = 0.2f,
                       Scaling scaling = Scaling::MinMax);

struct Split {
  int n_train = 0;  // windows [0, n_train) train
  int n_val = 0;    // windows [n_train, n_train + n_val) validate
  int n_test = 0;   // windows [n_train + n_val, N): held out, never used for a choice
};
// The test part first: the last round(N * test_split) windows. Then Keras validation_split on the
// N' windows left: split_at = floor(N' * (1 - val_split)), the last N' - split_at validate (taken
// before shuffling). Fractions are rounded to 6 decimals first so that the float 0.2f splits
// like Python's 0.2 (e.g. N = 10 gives 8 / 2, not 7 / 3).
Split split_windows(int n_windows, float val_split, float test_split = 0.f);

// N = floor((T - L - K) / stride) + 1, or 0 when the series is too short. Window i starts at
// row i * stride (plus make_windows' first_row).
int count_windows(int length, int look_back, int horizon, int stride = 1);

struct Windows {
  int n = 0;               // N
  int look_back = 0;       // L
  int n_features = 0;      // F
  int n_outputs = 0;       // O = J * K
  std::vector<float> x;    // (N, L, F) row-major
  std::vector<float> y;    // (N, O) step-major: y[n * O + k * J + j] = target j at step k
  std::vector<int> start;  // (N) first input row of each window (for highlighting)
  Split split;
};

// "" when cfg can window s, else a message saying what to change: empty series, look_back < 1,
// bad column indexes, a series too short for look_back + horizon, NaN/Inf in a used column,
// val_split outside [0, 1), or no window left for training.
// first_row: rows before it are not read (differencing leaves no value there).
std::string check_windows(const Series& s, const DataConfig& cfg, int first_row = 0);

// Builds the windows of s (already scaled if wanted), window i starting at row
// first_row + i * stride. Returns check_windows(s, cfg, first_row).
std::string make_windows(const Series& s, const DataConfig& cfg, Windows* out, int first_row = 0);

// Rows [0, n) covered by the first n_train windows: the rows a scaler may be fitted on.
int training_rows(const Split& split, int look_back, int horizon, int stride = 1);

}  // namespace lstm
