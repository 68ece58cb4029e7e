#include "run_engine.h"

#include <algorithm>

#include "clock.h"

namespace lstm {

void RunEngine::fail(const std::string& message) {
  phase_ = RunPhase::Failed;
  error_ = message;
  changed_ = true;
}

void RunEngine::weights_changed() {
  job_.cancel();
  forecast_for_ = -2;
  trace_.window = -1;
  weights_ready_ = true;
  changed_ = true;
}

void RunEngine::handle(const RunCommand& c) {
  changed_ = true;
  acked_ = c.seq;
  notice_.clear();
  switch (c.kind) {
    case RunCommandKind::Setup: {
      ++generation_;
      set_up_ = false;  // a refused Setup leaves nothing to train: not even the previous data
      loaded_weights_ = false;
      job_.cancel();
      forecast_ = RunForecast{};
      trace_ = RunTrace{};
      forecast_ready_ = trace_ready_ = weights_ready_ = false;
      train_seconds_ = 0.0;
      rollout_steps_ = c.rollout_steps;
      trace_window_ = c.window;
      error_ = trainer_.setup(c.config, c.series);
      if (!error_.empty()) {
        fail(error_);
        return;
      }
      set_up_ = true;
      phase_ = RunPhase::Idle;
      for (const std::string& m : trainer_.dataset().messages) notice_ = m;
      weights_changed();
      return;
    }
    case RunCommandKind::LoadWeights:
      if (!ready()) return;
      if (c.weights.size() != size_t(trainer_.model().n_params())) {
        error_ = "The weights do not fit the model (" + std::to_string(c.weights.size()) + " values for " +
                 std::to_string(trainer_.model().n_params()) + " parameters).";
        return;
      }
      std::copy(c.weights.begin(), c.weights.end(), trainer_.model().params());
      loaded_weights_ = true;
      phase_ = RunPhase::Idle;
      weights_changed();
      return;
    case RunCommandKind::LoadState: {
      if (!ready()) return;
      const std::string err = trainer_.load_state(c.state);
      if (!err.empty()) {
        error_ = err;
        return;
      }
      phase_ = RunPhase::Idle;
      train_seconds_ = 0.0;
      notice_ = "Restored, paused after epoch " + std::to_string(trainer_.progress().epoch) + ": Train continues.";
      weights_changed();
      state_ready_ = true;
      return;
    }
    case RunCommandKind::Predict:
      rollout_steps_ = c.rollout_steps;
      job_.cancel();
      forecast_for_ = -2;
      return;
    case RunCommandKind::Trace:
      trace_window_ = c.window;
      trace_.window = -1;
      return;
    default:
      break;
  }
  if (!ready()) return;  // Start / Pause / Step / Reset need a successful Setup
  error_.clear();
  const bool loaded = loaded_weights_;
  loaded_weights_ = loaded && c.kind == RunCommandKind::Pause;  // until training touches them
  switch (c.kind) {
    case RunCommandKind::Start:
      if (trainer_.progress().done && loaded) {
        notice_ = "Training the loaded weights through every epoch.";
        trainer_.restart_from_weights();
        train_seconds_ = 0.0;
        weights_changed();
      } else if (trainer_.progress().done) {
        notice_ = trainer_.progress().diverged
                      ? "Training had diverged: fresh weights. Try a lower learning rate or a clip norm."
                      : "All epochs were done: training again from fresh weights.";
        trainer_.reset_weights();
        train_seconds_ = 0.0;
        weights_changed();
      }
      phase_ = RunPhase::Training;
      return;
    case RunCommandKind::Pause:
      if (phase_ == RunPhase::Training) phase_ = RunPhase::Idle;
      weights_ready_ = state_ready_ = true;
      return;
    case RunCommandKind::Step: {
      phase_ = RunPhase::Idle;
      if (trainer_.progress().done) trainer_.reset_weights();
      const double t0 = now_seconds();
      const Progress& p = trainer_.step({0.0, std::max(c.batches, 1)});
      train_seconds_ += now_seconds() - t0;
      if (p.diverged) error_ = p.message;
      weights_changed();
      state_ready_ = true;
      return;
    }
    case RunCommandKind::Reset:
      phase_ = RunPhase::Idle;
      trainer_.reset_weights();
      train_seconds_ = 0.0;
      notice_ = "Fresh weights from the seed; history cleared.";
      weights_changed();
      state_ready_ = true;
      return;
    default:
      return;
  }
}

bool RunEngine::busy() const {
  if (phase_ == RunPhase::Training) return true;
  if (!ready()) return false;
  return job_.running() || forecast_for_ != trainer_.progress().samples || trace_.window != trace_window_;
}

void RunEngine::work(double seconds, const std::atomic<bool>* interrupt) {
  if (!ready()) return;
  const double t0 = now_seconds();
  if (phase_ == RunPhase::Training) {
    // A state is due: this slice ends at the next epoch boundary, where it is taken.
    const bool state_due = t0 - last_state_ >= kStateGap;
    const int epoch = trainer_.progress().epoch;
    const Progress& p = trainer_.step({seconds, 0, interrupt, state_due});
    train_seconds_ += now_seconds() - t0;
    if (state_due && p.epoch != epoch && p.batch == 0) state_ready_ = true;
    if (p.done) {
      phase_ = RunPhase::Idle;
      if (p.diverged) error_ = p.message;
      else notice_ = "Training finished.";
      weights_changed();
      state_ready_ = true;
    }
  }
  // Predictions follow the weights: while training at most every kRefreshGap and within
  // kRefreshShare of the time; when paused, at once.
  const double now = now_seconds();
  const long long samples = trainer_.progress().samples;
  const bool training = phase_ == RunPhase::Training;
  if (!job_.running() && forecast_for_ != samples &&
      (!training || now - refresh_done_ >= std::max(kRefreshGap, refresh_cost_ / kRefreshShare))) {
    forecast_for_ = samples;
    refresh_started_ = now;
    job_.start(trainer_, rollout_steps_);
  }
  if (job_.running()) {
    if (interrupt && interrupt->load(std::memory_order_relaxed)) return;
    const double slice = training ? seconds * kRefreshShare : std::max(seconds - (now - t0), 0.0);
    if (job_.step(trainer_, slice, &forecast_)) {
      refresh_done_ = now_seconds();
      refresh_cost_ = refresh_done_ - refresh_started_;
      forecast_ready_ = weights_ready_ = true;
      trace_.window = -1;  // retrace with the same weights as the predictions
    }
  }
  if (!job_.running() && trace_.window != trace_window_) {
    trace_ = trace_window(trainer_, trace_window_);
    trace_.window = trace_window_;  // also when out of range: nothing to trace, don't retry
    trace_ready_ = true;
  }
}

bool RunEngine::snapshot_due() const {
  if (changed_ || forecast_ready_ || trace_ready_ || state_ready_) return true;
  if (phase_ != RunPhase::Training) return false;
  const double gap = now_seconds() - last_snapshot_;
  return gap >= kMaxGap || (trainer_.progress().epoch != last_snapshot_epoch_ && gap >= kMinGap);
}

RunSnapshot RunEngine::snapshot() {
  RunSnapshot s;
  s.generation = generation_;
  s.acked = acked_;
  s.phase = phase_;
  s.train_seconds = train_seconds_;
  s.error = error_;
  s.notice = notice_;
  if (ready()) {  // else the trainer still holds a previous setup's state
    s.progress = trainer_.progress();
    s.history = trainer_.history();
    const Dataset& d = trainer_.dataset();
    s.look_back = d.windows.look_back;
    s.n_windows = d.windows.n;
    s.n_train = d.windows.split.n_train;
    s.targets = d.plan.targets;
  }
  if (forecast_ready_) s.has_forecast = true, s.forecast = forecast_;
  if (trace_ready_) s.has_trace = true, s.trace = trace_;
  if (weights_ready_ && ready()) {
    const LstmModel<float>& m = trainer_.model();
    s.has_weights = true;
    s.weights.samples = trainer_.progress().samples;
    s.weights.params.assign(m.params(), m.params() + m.n_params());
    s.weights.tensors = m.tensors();
  }
  if (state_ready_ && ready()) {
    s.has_state = true;
    s.state = trainer_.save_state();
    last_state_ = now_seconds();
  }
  changed_ = forecast_ready_ = trace_ready_ = weights_ready_ = state_ready_ = false;
  last_snapshot_ = now_seconds();
  last_snapshot_epoch_ = s.progress.epoch;
  return s;
}

}  // namespace lstm
