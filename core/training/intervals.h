// Split-conformal prediction intervals for a recursive forecast, per horizon step (Vovk et al.
// 2005; Angelopoulos & Bates 2021, sec. 1; sktime's ConformalIntervals, statsforecast's
// level=[80, 95]). The model rolls out from the last input row of each validation window; for
// step h the scores are |actual - forecast| at rows still inside the validation part, and the
// half width at level 1 - alpha is the ceil((n + 1)(1 - alpha))-th smallest of the n scores
// (none when that rank exceeds n). The test part then reports the share of its actual values
// inside the bands of rollouts from its own windows: the empirical coverage.
#pragma once
#include <vector>

#include "trainer.h"

namespace lstm {

constexpr int kIntervalLevels = 2;
constexpr double kIntervalLevel[kIntervalLevels] = {0.80, 0.95};
constexpr int kMaxIntervalOrigins = 200;  // evenly spaced, the latest included

struct Intervals {
  int steps = 0, n_targets = 0;
  int calibration_origins = 0;
  std::vector<float> half[kIntervalLevels];  // (steps, J) half widths; NaN: too few scores
  int test_origins = 0;
  int test_points[kIntervalLevels] = {0, 0};  // (origin, step, target) with an actual and a band
  double coverage[kIntervalLevels] = {0, 0};  // share of those inside the band; NaN without any
};

// The rank-based quantile above; scores are reordered. NaN when n is too small for the level.
float conformal_quantile(std::vector<float>& scores, double level);

// Last input rows of windows [begin, end), at most `cap` evenly spaced ones, the latest included.
std::vector<int> window_origins(const Windows& w, int begin, int end, int cap);

// Calibrates on the validation part and measures coverage on the test part of t's dataset.
// Needs a rollout (every input a target); else returns empty intervals.
Intervals conformal_intervals(Trainer& t, int steps);

}  // namespace lstm
