// Predictions and forecasts as CSV files (RFC 4180: comma separated, names quoted when they
// hold a comma, a quote or a line break; "\n" line ends), for spreadsheets and pandas.
#pragma once
#include <string>
#include <vector>

#include "trainer.h"

namespace lstm {

// One row per series row:
//   step,<target>,<target> predicted,...,split
// <target> is the actual value; "<target> predicted" the model's first-step prediction of the
// window ending just before that row (empty for rows no window predicts); split is "train",
// "val" or "test" for the window's part, empty otherwise. The trainer must be ready().
std::string predictions_csv(Trainer& trainer);

// rollout: (steps, J) data units, step-major, as Trainer::rollout returns it.
//   step,<name 0>,...,<name J-1>      steps numbered from start_step
std::string forecast_csv(const std::vector<float>& rollout, int n_targets,
                         const std::vector<std::string>& names, int start_step);
// The same for a trainer's rollout: target names, steps from the series length on.
std::string forecast_csv(const Trainer& trainer, const std::vector<float>& rollout);

// Shortest decimal that reads back as the same float ("0.1", not "0.100000001").
std::string float_text(float v);

// RFC 4180 field: quoted (inner quotes doubled) when it holds , " CR or LF.
std::string csv_field(const std::string& s);

}  // namespace lstm
