// Predictions of every window, the validation report, the rollout and a traced window, computed
// from a run's trainer in slices between training steps, all from the weights it had at start() (predicting 4000 windows of LSTM(64)
// takes a good part of a second; a slice keeps Pause responsive).
#pragma once
#include "run_protocol.h"
#include "trainer.h"

namespace lstm {

class ForecastJob {
 public:
  void start(Trainer& t, int rollout_steps);
  // Works for about `seconds` (at least one chunk). Returns true when *out holds a finished
  // forecast.
  bool step(Trainer& t, double seconds, RunForecast* out);
  bool running() const { return running_; }
  void cancel() { running_ = false; }

 private:
  bool running_ = false;
  int next_ = 0;
  int rollout_steps_ = 0;
  int chunk_ = 32;  // windows per predict_windows call: the training batch size
  RunForecast work_;
  std::vector<float> weights_;  // the model's parameters at start(): what every chunk predicts with
};

// Forward one window and copy every layer's traced quantities (LSTM: i, f, g, o, c, h). Call
// between training steps only.
RunTrace trace_window(Trainer& t, int window);

}  // namespace lstm
