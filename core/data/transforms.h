// Transforms before scaling, for series a min-max scaler cannot extrapolate (a trend) or that
// repeat with a period (sktime's Differencer, Hyndman & Athanasopoulos, FPP3 ch. 9.1):
//   level[r] = log(y[r]) if log, else y[r]                 (positive values only)
//   w[r]     = level[r] - (a + b * r) if detrend           (least squares on the training rows)
//   z[r]     = w[r] - w[r - d] if differencing, else w[r]  (d = 1 or the season m; rows < d have none)
// Windows read z from row d on. A prediction of z at row r is inverted with w at r - d: the
// series' own value when r - d is observed, else the inverted prediction of that earlier step.
// Every step runs in double, so a round trip is exact to float precision.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "series.h"

namespace lstm {

struct Transform {
  bool log = false;
  bool detrend = false;
  int lag = 0;                           // d; 0 = no differencing
  std::vector<double> trend_a, trend_b;  // (W) level ~ a + b * row; (0, 0) for unfitted columns
  bool identity() const { return !log && !detrend && lag == 0; }
  double level_to_w(int col, int row, double level) const;
  double w_to_level(int col, int row, double w) const;
  double forward_w(int col, int row, float y) const;  // y -> w
  float inverse_w(int col, int row, double w) const;  // w -> y
};

// The lag differencing uses: 0, 1 or the season m (>= 1).
int difference_lag(Difference d, int season);

// Checks and fits: log needs every used value > 0, the lag must leave rows, detrend fits a and b
// per column in cols on rows [0, fit_rows). "" or a message for the user.
std::string fit_transform(const Series& raw, const DataConfig& cfg, int season, int fit_rows,
                          const std::vector<int>& cols, Transform* out);

// z of the columns in cols (others copied as they are); rows [0, lag) hold 0 and are never read.
Series apply_transform(const Transform& t, const Series& raw, const std::vector<int>& cols);

// In place: z predicted for column col at rows first_row, first_row + 1, ... (steps values, one
// every `stride` floats) -> data units. The series' rows before first_row are the known history.
void invert_path(const Transform& t, const Series& raw, int col, int first_row, int steps,
                 float* z, int stride);

// Model outputs y (n, K * J) step-major in z units -> data units; window i's step k predicts row
// first_rows[i] + k.
void invert_outputs(const Transform& t, const Series& raw, const std::vector<int>& targets,
                    int horizon, const int* first_rows, float* y, int n);

}  // namespace lstm
