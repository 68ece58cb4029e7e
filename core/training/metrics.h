// Forecast errors in data units, and the naive persistence baseline a model has to beat.
#pragma once
#include <vector>

#include "dataset.h"
#include "series.h"
#include "windows.h"

namespace lstm {

struct Metrics {
  double rmse = 0.0;  // sqrt(mean((pred - truth)^2)) over every output of every window
  double mae = 0.0;   // mean(|pred - truth|)
  int count = 0;      // values compared; 0 means no validation window
};

Metrics compute_metrics(const float* pred, const float* truth, size_t n);

// Targets of windows [begin, end) in data units, read from the unscaled series: (n, O) step-major.
std::vector<float> window_targets(const Series& raw, const ColumnPlan& plan,
                                  const std::vector<int>& start, int look_back, int begin, int end);

// Persistence: every step of every target predicts that target's value at the window's last
// input row (whether or not the target is among the inputs). (n, O) step-major, data units.
std::vector<float> persistence_forecast(const Series& raw, const ColumnPlan& plan,
                                        const std::vector<int>& start, int look_back, int begin,
                                        int end);

// The persistence baseline on the validation windows of d, in data units.
Metrics persistence_baseline(const Series& raw, const Dataset& d);

// Model against persistence on the validation windows of d, in data units, from the model's
// predictions of those windows (val_pred: (n_val, O) step-major). The one place the CLI, the
// page and the exports get their validation figures from.
struct ValidationReport {
  Metrics model, naive;
  std::vector<float> naive_pred;  // (n_val, O) the persistence forecast itself
};
ValidationReport validation_report(const Series& raw, const Dataset& d, const float* val_pred);

}  // namespace lstm
