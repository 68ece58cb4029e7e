// One run: a Trainer driven by RunCommands, publishing RunSnapshots. Single-threaded and
// platform-free; the runners (thread, Web Worker, in-frame) only decide when work() is called.
//
//   engine.handle(command);                 // whenever one arrives
//   engine.work(0.008, &interrupt);         // while engine.busy()
//   if (engine.snapshot_due()) publish(engine.snapshot());
#pragma once
#include <atomic>

#include "forecast_job.h"
#include "run_protocol.h"
#include "trainer.h"

namespace lstm {

class RunEngine {
 public:
  // Snapshot pacing: every completed epoch but at most one per kMinGap, and at least one per
  // kMaxGap while training. Predictions refresh while training at most every kRefreshGap, and
  // never take more than about a tenth of the time (kRefreshShare).
  static constexpr double kMinGap = 0.02, kMaxGap = 0.075;
  static constexpr double kRefreshGap = 0.25, kRefreshShare = 0.1;
  // A training run's state (RunSnapshot::state) goes out at an epoch boundary at most this often.
  static constexpr double kStateGap = 2.0;

  void handle(const RunCommand& c);
  // Runs whole batches (while training) and a slice of the prediction refresh for about
  // `seconds`. `interrupt` (may be null) is polled between batches: a pending command ends the
  // slice at the next batch boundary.
  void work(double seconds, const std::atomic<bool>* interrupt = nullptr);
  bool busy() const;  // training, or predictions / a trace still to compute
  bool snapshot_due() const;
  RunSnapshot snapshot();  // what changed since the last one

 private:
  bool ready() const { return set_up_ && trainer_.ready(); }  // the last Setup succeeded
  void fail(const std::string& message);
  void weights_changed();  // predictions, trace and weights go out again

  Trainer trainer_;
  ForecastJob job_;
  uint32_t generation_ = 0;
  uint32_t acked_ = 0;  // seq of the last command handled
  bool set_up_ = false;
  bool loaded_weights_ = false;  // LoadWeights since the last training: a finished run's Start keeps them
  RunPhase phase_ = RunPhase::Empty;
  std::string error_, notice_;
  int rollout_steps_ = 50;
  int trace_window_ = 0;
  double train_seconds_ = 0.0;
  // What the next snapshot carries.
  bool changed_ = true;  // phase, progress or a message changed: publish at once
  bool forecast_ready_ = false, trace_ready_ = false, weights_ready_ = false, state_ready_ = false;
  double last_state_ = -1e9;  // now_seconds() of the last state sent
  RunForecast forecast_;
  RunTrace trace_;
  long long forecast_for_ = -2;  // trainer samples of the last started refresh
  // Pacing (now_seconds()).
  double last_snapshot_ = 0.0;
  int last_snapshot_epoch_ = 0;
  double refresh_started_ = 0.0, refresh_done_ = -1e9, refresh_cost_ = 0.0;
};

}  // namespace lstm
