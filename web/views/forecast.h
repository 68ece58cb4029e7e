// What the Series & forecast view and the LSTM internals show, computed from the trainer between
// training steps and a few milliseconds per frame (predicting 4000 windows of LSTM(64) at once
// would stall the page for most of a second). No ImGui here.
#pragma once
#include <string>
#include <vector>

#include "trainer.h"

struct Forecast {
  long long samples = -1;          // trainer samples when the refresh started (-1 = none yet)
  int look_back = 0, horizon = 1, n_targets = 0, n_train = 0, n_val = 0;
  std::vector<float> x;            // (N) row of the first predicted step of each window
  std::vector<float> pred;         // (N, O) step-major, data units
  std::vector<float> naive;        // (n_val, O) persistence forecast on the validation windows
  std::vector<float> rollout;      // (steps, J) past the end of the series
  std::string rollout_error;
  lstm::Metrics model, baseline;   // validation, data units
  // Inside the LSTM for one window: per layer, per Trace quantity, (T, u) row-major.
  int traced_window = -1;
  std::vector<std::vector<std::vector<float>>> traces;  // [layer][quantity] -> (T * u)
};

// Refreshes a Forecast in slices. Start it after training steps; call step() once per frame with
// a time budget; it swaps the finished result into `shown`.
class ForecastJob {
 public:
  void start(lstm::Trainer& t, int rollout_steps, int window);
  // Returns true when `shown` was replaced by a finished refresh.
  bool step(lstm::Trainer& t, double seconds, Forecast* shown);
  bool running() const { return running_; }
  void cancel() { running_ = false; }

 private:
  bool running_ = false;
  int next_ = 0;
  int rollout_steps_ = 0;
  int window_ = 0;
  int chunk_ = 32;  // windows per predict_windows call: the training batch size
  Forecast work_;
};

// Forward one window and copy every layer's i, f, g, o, c, h. Call between training steps only.
void trace_window(lstm::Trainer& t, int window, Forecast* f);
