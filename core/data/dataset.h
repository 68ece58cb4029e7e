// Series + DataConfig -> scaled training/validation/test windows: check, find the season, split
// (test last, then Keras' validation), fit the transforms (transforms.h) and then the scaler on the
// training rows only, transform, scale, window. What the trainer, CLI and UI start from.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "scaler.h"
#include "series.h"
#include "transforms.h"
#include "windows.h"

namespace lstm {

struct Dataset {
  ColumnPlan plan;
  int season = 1;               // m: DataConfig::season, or detected on the training rows
  bool season_detected = false;
  Transform transform;          // fitted on rows [0, train_rows) of the used columns
  Scaler scaler;       // fitted on the transformed rows [transform.lag, train_rows)
  Windows windows;     // scaled, transformed units; windows.split: training / validation / test
  int train_rows = 0;  // rows covered by the training windows (from row 0)
  std::vector<std::string> messages;  // warnings (e.g. a constant column), not errors
  std::string error;                  // why no dataset could be made; empty on success
  bool ok() const { return error.empty(); }
};

Dataset make_dataset(const Series& raw, const DataConfig& cfg);

// The names and fitted scaler parameters of some series columns, in their order: what every
// export (scripts, ONNX, TF.js) embeds for the inputs and the targets.
struct ColumnScaling {
  std::vector<std::string> names;
  std::vector<double> offset, scale;  // scaled = (x - offset) / scale
};
ColumnScaling column_scaling(const Dataset& d, const Series& raw, const std::vector<int>& cols);

}  // namespace lstm
