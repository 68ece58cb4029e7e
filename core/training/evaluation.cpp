#include "evaluation.h"

#include <cmath>
#include <cstdio>

#include "metrics.h"

namespace lstm {

std::string verdict_text(const SplitEvaluation& s, int season) {
  const double model = s.model.mase;
  const bool seasonal = season > 1 &&
      s.baselines[int(Baseline::SeasonalNaive)].mase < s.baselines[int(Baseline::Naive)].mase;
  const Baseline best = seasonal ? Baseline::SeasonalNaive : Baseline::Naive;
  const double base = s.baselines[int(best)].mase;
  char buf[96];
  if (std::isfinite(model) && std::isfinite(base) && base < kExactBaselineMase) {
    // A percentage of nothing says nothing: say why the baseline cannot be beaten.
    if (seasonal) std::snprintf(buf, sizeof buf, "can't beat seasonal naive: the series repeats every %d steps", season);
    else std::snprintf(buf, sizeof buf, "can't beat naive: the series is constant");
    return buf;
  }
  if (!(std::isfinite(model) && std::isfinite(base) && base > 0)) return "";
  const double gain = 1.0 - model / base;
  if (std::round(gain * 100) == 0)
    std::snprintf(buf, sizeof buf, "on par with %s", kBaselineNames[int(best)]);
  else if (gain > 0)
    std::snprintf(buf, sizeof buf, "beats %s by %.0f %%", kBaselineNames[int(best)], gain * 100);
  else
    std::snprintf(buf, sizeof buf, "worse than %s by %.0f %%", kBaselineNames[int(best)], -gain * 100);
  return buf;
}

namespace {

SplitEvaluation evaluate_split(const Series& raw, const Dataset& d, const float* pred, int begin,
                               int end, const std::vector<double>& scale) {
  SplitEvaluation s;
  const Windows& w = d.windows;
  s.windows = end - begin;
  const int J = int(d.plan.targets.size());
  const std::vector<float> truth = window_targets(raw, d.plan, w.start, w.look_back, begin, end);
  s.model = forecast_metrics(pred + size_t(begin) * w.n_outputs, truth.data(), truth.size(), J, scale);
  for (int b = 0; b < kBaselineCount; ++b) {
    const std::vector<float> f =
        baseline_forecast(Baseline(b), d.season, raw, d.plan, w.start, w.look_back, begin, end);
    s.baselines[b] = forecast_metrics(f.data(), truth.data(), truth.size(), J, scale);
  }
  s.verdict = verdict_text(s, d.season);
  return s;
}

}  // namespace

Evaluation evaluate_forecast(const Series& raw, const Dataset& d, const float* pred) {
  Evaluation e;
  if (!d.ok()) return e;
  e.season = d.season;
  e.season_detected = d.season_detected;
  e.mase_scale = mase_scales(raw, d.plan.targets, d.train_rows, d.season);
  const Split& s = d.windows.split;
  e.val = evaluate_split(raw, d, pred, s.n_train, s.n_train + s.n_val, e.mase_scale);
  e.test = evaluate_split(raw, d, pred, s.n_train + s.n_val, d.windows.n, e.mase_scale);
  return e;
}

}  // namespace lstm
