#include "forecast_job.h"

#include <algorithm>

#include "clock.h"

namespace lstm {

void ForecastJob::start(Trainer& t, int rollout_steps) {
  running_ = false;
  if (!t.ready()) return;
  const Dataset& d = t.dataset();
  const Windows& w = d.windows;
  work_ = RunForecast{};
  work_.samples = t.progress().samples;
  work_.horizon = d.plan.horizon;
  work_.n_targets = int(d.plan.targets.size());
  work_.n_train = w.split.n_train;
  work_.n_val = w.split.n_val;
  work_.n_test = w.split.n_test;
  work_.x.resize(size_t(w.n));
  for (int i = 0; i < w.n; ++i) work_.x[i] = float(w.start[i] + w.look_back);
  work_.pred.assign(size_t(w.n) * w.n_outputs, 0.f);
  const LstmModel<float>& m = t.model();
  weights_.assign(m.params(), m.params() + m.n_params());
  chunk_ = std::max(1, t.config().train.batch);
  rollout_steps_ = rollout_steps;
  next_ = 0;
  running_ = true;
}

bool ForecastJob::step(Trainer& t, double seconds, RunForecast* out) {
  if (!running_) return false;
  const Windows& w = t.dataset().windows;
  const int O = w.n_outputs;
  const double t0 = now_seconds();
  // Every chunk predicts with the weights of start(), though training moves on between calls:
  // swapped in here and out again below (no allocation, two passes over the parameters).
  LstmModel<float>& m = t.model();
  if (weights_.size() != size_t(m.n_params())) {  // set up again since start()
    running_ = false;
    return false;
  }
  std::swap_ranges(weights_.begin(), weights_.end(), m.params());
  // At least one chunk per call: forwards of a whole batch are several times cheaper per
  // window than batch-1 forwards, and a job must finish even under a tiny budget.
  do {
    const int end = std::min(w.n, next_ + chunk_);
    const std::vector<float> p = t.predict_windows(next_, end);
    std::copy(p.begin(), p.end(), work_.pred.begin() + size_t(next_) * O);
    next_ = end;
  } while (next_ < w.n && now_seconds() - t0 < seconds);
  if (next_ < w.n) {
    std::swap_ranges(weights_.begin(), weights_.end(), m.params());
    return false;
  }
  ValidationReport r = validation_report(t.series(), t.dataset(),
                                         work_.pred.data() + size_t(w.split.n_train) * O);
  work_.model = r.model;
  work_.baseline = r.naive;
  work_.naive = std::move(r.naive_pred);
  work_.eval = evaluate_forecast(t.series(), t.dataset(), work_.pred.data());
  work_.rollout = t.rollout(rollout_steps_, &work_.rollout_error);
  if (!work_.rollout.empty()) {
    const Dataset& d = t.dataset();
    for (int b = 0; b < kBaselineCount; ++b) {
      const std::vector<float> p = baseline_path(Baseline(b), d.season, t.series(), d.plan.targets,
                                                 t.series().length() - 1, rollout_steps_);
      work_.baseline_paths.insert(work_.baseline_paths.end(), p.begin(), p.end());
    }
    work_.intervals = conformal_intervals(t, rollout_steps_);
  }
  work_.grad_by_lag = t.gradient_by_lag();
  std::swap_ranges(weights_.begin(), weights_.end(), m.params());
  *out = std::move(work_);
  running_ = false;
  return true;
}

RunTrace trace_window(Trainer& t, int window) {
  RunTrace tr;
  const Windows& w = t.dataset().windows;
  if (!t.ready() || window < 0 || window >= w.n) return tr;
  LstmModel<float>& m = t.model();
  tr.saliency = t.saliency(window);
  tr.n_features = w.n_features;
  m.forward(w.x.data() + size_t(window) * w.look_back * w.n_features, 1);  // the traced values
  tr.window = window;
  tr.cell = m.cell();
  for (int l = 0; l < m.n_layers(); ++l) {
    tr.units.push_back(m.units(l));
    for (int q = 0; q < trace_count(m.cell()); ++q) {
      std::vector<float> v(size_t(w.look_back) * m.units(l));
      m.trace(l, 0, q, v.data());
      tr.values.push_back(std::move(v));
    }
  }
  return tr;
}

}  // namespace lstm
