// Forecast accuracy in data units (FPP3 ch. 5.8; Hyndman & Koehler 2006):
//   RMSE  sqrt(mean(e^2))            MAE  mean(|e|)            e = prediction - actual
//   MAPE  100 * mean(|e| / |y|)      undefined when an actual value is zero or near it
//   sMAPE 100 * mean(2 |e| / (|y| + |yhat|))   (a term with y = yhat = 0 counts 0)
//   MASE  mean over targets j of MAE_j / s_j, s_j = the in-sample seasonal naive MAE of target j
//         on the training rows: mean(|y[t] - y[t - m]|), t in [m, train_rows)
#pragma once
#include <string>
#include <vector>

#include "series.h"

namespace lstm {

struct ForecastMetrics {
  double rmse = 0, mae = 0, mape = 0, smape = 0, mase = 0;  // NaN when undefined
  int count = 0;      // values compared; 0 = nothing to compare
  int near_zero = 0;  // actual values with |y| <= kNearZero * mean|y|: MAPE is NaN then
};

constexpr double kNearZero = 1e-3;

// pred, truth: (n, O) step-major with J targets (index % J = target). scale: (J) MASE scales.
ForecastMetrics forecast_metrics(const float* pred, const float* truth, size_t values, int J,
                                 const std::vector<double>& scale);

// s_j of each target on rows [0, rows); m >= 1. A zero scale (a constant series) gives NaN MASE.
// Where the seasonal naive is exact in-sample (under kExactSeasonal of the lag-1 naive's MAE: a
// noiseless periodic series), MASE would divide by zero: the lag-1 naive MAE scales it instead.
constexpr double kExactSeasonal = 1e-4;
std::vector<double> mase_scales(const Series& raw, const std::vector<int>& targets, int rows,
                                int m);

// "MAPE is undefined: 3 actual values are zero or near zero." or "".
std::string mape_note(const ForecastMetrics& m);

}  // namespace lstm
