// lstm-cli's JSON for the forecasting report: metrics per split and per baseline, the verdicts,
// the baselines' and the model's forecasts, the interval bounds and their test coverage.
#pragma once
#include <nlohmann/json.hpp>

#include "run_protocol.h"
#include "session.h"

namespace lstm {

nlohmann::json evaluation_json(const Evaluation& e);
// {"levels": [0.8, 0.95], "lower": {"80": (steps, J), ...}, "upper": {...}, coverage...}
nlohmann::json intervals_json(const RunForecast& f);
// {"naive": (steps, J), "seasonal_naive": ..., "drift": ..., "mean": ...}
nlohmann::json baseline_forecasts_json(const RunForecast& f);
// {"folds": [{"fold", "rows", "test": split}], "mean": {"model": {...}, "baselines": {...}}}
nlohmann::json backtest_json(const Session& s);

}  // namespace lstm
