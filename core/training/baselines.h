// The baselines a forecast has to beat (FPP3 ch. 5.2; statsforecast's Naive, SeasonalNaive,
// RandomWalkWithDrift, HistoricAverage), each from the data known at the forecast origin o (the
// last input row) for steps h = 1, 2, ...:
//   naive           y[o]
//   seasonal naive  y[o + h - m * ceil(h / m)]       (the same season's last value; naive if m = 1)
//   drift           y[o] + h * (y[o] - y[0]) / o     (the line through the first and last value)
//   mean            mean(y[0..o])
// Data units, from the raw (untransformed) series.
#pragma once
#include <cstdint>
#include <vector>

#include "series.h"
#include "windows.h"

namespace lstm {

enum class Baseline : uint8_t { Naive, SeasonalNaive, Drift, Mean };
constexpr int kBaselineCount = 4;
constexpr const char* kBaselineNames[kBaselineCount] = {"naive", "seasonal naive", "drift", "mean"};
constexpr const char* kBaselineKeys[kBaselineCount] = {"naive", "seasonal_naive", "drift", "mean"};

// Column `col` at step h (>= 1) ahead of origin o. prefix: (o + 1) running sums of the column or
// null (the mean then sums itself).
float baseline_value(Baseline b, int m, const std::vector<float>& y, int origin, int h,
                     const double* prefix = nullptr);

// Windows [begin, end): (n, O) step-major, like Trainer::predict_windows.
std::vector<float> baseline_forecast(Baseline b, int m, const Series& raw, const ColumnPlan& plan,
                                     const std::vector<int>& start, int look_back, int begin,
                                     int end);

// (steps, J) from `origin` for the target columns: the baselines beside a rollout.
std::vector<float> baseline_path(Baseline b, int m, const Series& raw,
                                 const std::vector<int>& targets, int origin, int steps);

}  // namespace lstm
