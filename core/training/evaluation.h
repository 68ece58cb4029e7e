// How good a forecast is, split by split: the model and the four baselines (baselines.h) on the
// validation and the test windows, in data units, with a plain verdict. The test part decides
// nothing (no early stopping, no choice of m: the season comes from the training rows), so its
// figures are an honest estimate; the validation part calibrates the intervals (intervals.h).
#pragma once
#include <string>
#include <vector>

#include "baselines.h"
#include "dataset.h"
#include "forecast_metrics.h"

namespace lstm {

struct SplitEvaluation {
  int windows = 0;
  ForecastMetrics model;
  ForecastMetrics baselines[kBaselineCount];
  std::string verdict;  // "beats seasonal naive by 23 %", "worse than naive by 5 %", or ""
};

struct Evaluation {
  int season = 1;
  bool season_detected = false;
  std::vector<double> mase_scale;  // (J) in-sample seasonal naive MAE per target
  SplitEvaluation val, test;
};

// pred: (N, O) step-major predictions of every window of d, data units.
Evaluation evaluate_forecast(const Series& raw, const Dataset& d, const float* pred);

// The verdict against the stronger of naive and seasonal naive (by MASE): the model's MASE
// relative to it, in whole per cent. m = 1 names only naive. A baseline with MASE under
// kExactBaselineMase is exact (a noiseless periodic or constant series): the verdict says so.
constexpr double kExactBaselineMase = 1e-3;
std::string verdict_text(const SplitEvaluation& s, int season);

}  // namespace lstm
