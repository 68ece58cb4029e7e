#include "forecast_json.h"

#include <cmath>
#include <string>

namespace lstm {
using nlohmann::json;

namespace {
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json metrics_json(const ForecastMetrics& m) {
  json j = {{"rmse", num(m.rmse)}, {"mae", num(m.mae)}, {"mape", num(m.mape)},
            {"smape", num(m.smape)}, {"mase", num(m.mase)}, {"count", m.count}};
  if (m.near_zero) j["mape_note"] = mape_note(m);
  return j;
}

json split_json(const SplitEvaluation& s) {
  json b = json::object();
  for (int i = 0; i < kBaselineCount; ++i) b[kBaselineKeys[i]] = metrics_json(s.baselines[i]);
  return {{"windows", s.windows}, {"model", metrics_json(s.model)}, {"baselines", b},
          {"verdict", s.verdict}};
}

std::string level_key(double level) { return std::to_string(int(std::lround(level * 100))); }
}  // namespace

json evaluation_json(const Evaluation& e) {
  json scale = json::array();
  for (double s : e.mase_scale) scale.push_back(num(s));
  return {{"season", e.season}, {"season_detected", e.season_detected}, {"mase_scale", scale},
          {"val", split_json(e.val)}, {"test", split_json(e.test)}};
}

json intervals_json(const RunForecast& f) {
  const Intervals& iv = f.intervals;
  json out = {{"levels", json::array()}, {"calibration_origins", iv.calibration_origins},
              {"test_origins", iv.test_origins}, {"lower", json::object()},
              {"upper", json::object()}, {"test_coverage", json::object()},
              {"test_points", json::object()}};
  const size_t J = size_t(std::max(iv.n_targets, 0));
  for (int l = 0; l < kIntervalLevels; ++l) {
    const std::string k = level_key(kIntervalLevel[l]);
    out["levels"].push_back(kIntervalLevel[l]);
    json lo = json::array(), hi = json::array();
    for (int h = 0; h < iv.steps && J; ++h) {
      json lrow = json::array(), hrow = json::array();
      for (size_t j = 0; j < J; ++j) {
        const size_t at = size_t(h) * J + j;
        const double center = at < f.rollout.size() ? f.rollout[at] : NAN, half = iv.half[l][at];
        lrow.push_back(num(center - half));
        hrow.push_back(num(center + half));
      }
      lo.push_back(lrow), hi.push_back(hrow);
    }
    out["lower"][k] = lo;
    out["upper"][k] = hi;
    out["test_coverage"][k] = num(iv.coverage[l]);
    out["test_points"][k] = iv.test_points[l];
  }
  return out;
}

json baseline_forecasts_json(const RunForecast& f) {
  json out = json::object();
  const size_t J = size_t(std::max(f.n_targets, 1)), per = f.rollout.size();
  if (f.baseline_paths.size() != per * kBaselineCount) return out;
  for (int b = 0; b < kBaselineCount; ++b) {
    json rows = json::array();
    for (size_t h = 0; h * J < per; ++h) {
      json row = json::array();
      for (size_t j = 0; j < J; ++j) row.push_back(f.baseline_paths[size_t(b) * per + h * J + j]);
      rows.push_back(row);
    }
    out[kBaselineKeys[b]] = rows;
  }
  return out;
}

json backtest_json(const Session& s) {
  json folds = json::array();
  const int k = s.backtest_folds();
  // Means over the folds of each metric, for the model and each baseline.
  const char* keys[] = {"rmse", "mae", "mape", "smape", "mase"};
  auto values = [](const ForecastMetrics& m) {
    return std::vector<double>{m.rmse, m.mae, m.mape, m.smape, m.mase};
  };
  std::vector<double> model_sum(5, 0.0), base_sum(5 * kBaselineCount, 0.0);
  for (int f = 0; f < k; ++f)
    for (int i = 0; i < s.n_runs(); ++i) {
      const RunView& v = s.run(i);
      if (v.fold != f) continue;
      const SplitEvaluation& t = v.s.forecast.eval.test;
      folds.push_back({{"fold", f}, {"rows", v.rows ? v.rows : s.series().length()},
                       {"test", split_json(t)}});
      const std::vector<double> m = values(t.model);
      for (int q = 0; q < 5; ++q) model_sum[q] += m[q] / k;
      for (int b = 0; b < kBaselineCount; ++b) {
        const std::vector<double> bv = values(t.baselines[b]);
        for (int q = 0; q < 5; ++q) base_sum[size_t(b) * 5 + q] += bv[q] / k;
      }
    }
  json mean = {{"model", json::object()}, {"baselines", json::object()}};
  for (int q = 0; q < 5; ++q) mean["model"][keys[q]] = num(model_sum[q]);
  for (int b = 0; b < kBaselineCount; ++b)
    for (int q = 0; q < 5; ++q) mean["baselines"][kBaselineKeys[b]][keys[q]] = num(base_sum[size_t(b) * 5 + q]);
  return {{"folds", folds}, {"mean", mean}};
}

}  // namespace lstm
