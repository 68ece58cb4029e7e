// Series + DataConfig -> scaled training/validation windows: check, split (Keras order), fit the
// scaler on the training rows only, scale, window. What the trainer, CLI and UI start from.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "scaler.h"
#include "series.h"
#include "windows.h"

namespace lstm {

struct Dataset {
  ColumnPlan plan;
  Scaler scaler;       // fitted on rows [0, train_rows) of the used columns
  Windows windows;     // scaled units; windows.split says which are training / validation
  int train_rows = 0;  // rows covered by the training windows
  std::vector<std::string> messages;  // warnings (e.g. a constant column), not errors
  std::string error;                  // why no dataset could be made; empty on success
  bool ok() const { return error.empty(); }
};

Dataset make_dataset(const Series& raw, const DataConfig& cfg);

}  // namespace lstm
