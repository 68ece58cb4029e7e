#include "forecast.h"

#include <algorithm>
#include <chrono>

using lstm::Trainer;

namespace {
double now_s() {
  using C = std::chrono::steady_clock;
  return std::chrono::duration<double>(C::now().time_since_epoch()).count();
}
}  // namespace

void ForecastJob::start(Trainer& t, int rollout_steps, int window) {
  if (!t.ready()) return;
  const lstm::Dataset& d = t.dataset();
  const lstm::Windows& w = d.windows;
  work_ = Forecast{};
  work_.samples = t.progress().samples;
  work_.look_back = w.look_back;
  work_.horizon = d.plan.horizon;
  work_.n_targets = int(d.plan.targets.size());
  work_.n_train = w.split.n_train;
  work_.n_val = w.split.n_val;
  work_.x.resize(size_t(w.n));
  for (int i = 0; i < w.n; ++i) work_.x[i] = float(w.start[i] + w.look_back);
  work_.pred.assign(size_t(w.n) * w.n_outputs, 0.f);
  chunk_ = std::max(1, t.config().train.batch);
  rollout_steps_ = rollout_steps;
  window_ = window;
  next_ = 0;
  running_ = true;
}

bool ForecastJob::step(Trainer& t, double seconds, Forecast* shown) {
  if (!running_) return false;
  if (!t.ready() || t.progress().samples < work_.samples) {  // trainer was set up again
    running_ = false;
    return false;
  }
  const lstm::Windows& w = t.dataset().windows;
  const int O = w.n_outputs;
  const double t0 = now_s();
  // At least one chunk per call: forwards of a whole batch are several times cheaper per
  // window than batch-1 forwards, and a job must finish even when frames are slow.
  do {
    const int end = std::min(w.n, next_ + chunk_);
    std::vector<float> p = t.predict_windows(next_, end);
    std::copy(p.begin(), p.end(), work_.pred.begin() + size_t(next_) * O);
    next_ = end;
  } while (next_ < w.n && now_s() - t0 < seconds);
  if (next_ < w.n) return false;
  const int b = w.split.n_train, e = b + w.split.n_val;
  const lstm::Dataset& d = t.dataset();
  if (e > b) {
    std::vector<float> truth =
        lstm::window_targets(t.series(), d.plan, w.start, w.look_back, b, e);
    work_.model = lstm::compute_metrics(work_.pred.data() + size_t(b) * O, truth.data(), truth.size());
    work_.naive = lstm::persistence_forecast(t.series(), d.plan, w.start, w.look_back, b, e);
    work_.baseline = lstm::compute_metrics(work_.naive.data(), truth.data(), truth.size());
  }
  work_.rollout = t.rollout(rollout_steps_, &work_.rollout_error);
  trace_window(t, std::clamp(window_, 0, std::max(w.n - 1, 0)), &work_);
  *shown = std::move(work_);
  running_ = false;
  return true;
}

void trace_window(Trainer& t, int window, Forecast* f) {
  const lstm::Windows& w = t.dataset().windows;
  f->traces.clear();
  f->traced_window = -1;
  if (window < 0 || window >= w.n) return;
  lstm::LstmModel<float>& m = t.model();
  m.forward(w.x.data() + size_t(window) * w.look_back * w.n_features, 1);
  f->traces.resize(size_t(m.n_layers()));
  for (int l = 0; l < m.n_layers(); ++l) {
    f->traces[l].resize(6);
    for (int q = 0; q < 6; ++q) {
      f->traces[l][q].resize(size_t(w.look_back) * m.units(l));
      m.trace(l, 0, lstm::Trace(q), f->traces[l][q].data());
    }
  }
  f->traced_window = window;
}
