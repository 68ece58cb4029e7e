// What goes into a run and what comes out of it. A run (one Trainer) lives behind a Runner: a Web
// Worker in the browser, a std::thread natively, or in-frame slices as the fallback. The UI sends
// RunCommands and reads RunSnapshots; it never touches the trainer's buffers. Both cross a
// worker's postMessage as bytes (encode_* / decode_*), so the same structs serve every runner.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "evaluation.h"
#include "intervals.h"
#include "metrics.h"
#include "series.h"
#include "trainer.h"

namespace lstm {

enum class RunCommandKind : uint8_t {
  Setup,        // config + series (+ rollout_steps, window): window the data, fresh weights
  Start,        // train until the epochs are done (a finished run starts again from the seed)
  Pause,        // stop at the next batch boundary
  Step,         // run exactly `batches` batches, then stay paused
  Reset,        // fresh weights from the seed, history cleared
  Trace,        // trace `window` (Inside the LSTM)
  Predict,      // refresh predictions and a rollout of `rollout_steps`
  LoadWeights,  // `weights` in LstmModel::params() layout
  LoadState,    // `state`: a saved run's training state (a restored session), paused
};

struct RunCommand {
  RunCommandKind kind = RunCommandKind::Pause;
  uint32_t seq = 0;            // numbered by the sender; snapshots echo the last one handled
  Config config;               // Setup
  Series series;               // Setup
  int batches = 1;             // Step
  int window = 0;              // Setup, Trace
  int rollout_steps = 50;      // Setup, Predict
  std::vector<float> weights;  // LoadWeights
  TrainerState state;          // LoadState
};

enum class RunPhase : uint8_t { Empty, Idle, Training, Failed };

// One window traced through every layer: the cell's quantities (lstm_model.h: trace_quantity;
// LSTM i, f, g, o, c, h), each (T, u).
struct RunTrace {
  int window = -1;
  CellKind cell = CellKind::Lstm;
  std::vector<int> units;                     // (layers)
  std::vector<std::vector<float>> values;     // [layer * trace_count(cell) + q] -> (T * u) row-major
  int n_features = 0;                         // F
  std::vector<float> saliency;                // (T, F) |d(sum of outputs)/dx|, scaled units
  int per_layer() const { return trace_count(cell); }
  const std::vector<float>& at(int layer, int q) const { return values[size_t(layer) * per_layer() + q]; }
};

// Predictions of every window, the validation metrics and the rollout, at `samples`.
struct RunForecast {
  long long samples = -1;        // trainer samples these predictions reflect (-1: none yet)
  int horizon = 1, n_targets = 0, n_train = 0, n_val = 0;
  std::vector<float> x;          // (N) row of the first predicted step of each window
  std::vector<float> pred;       // (N, O) step-major, data units
  std::vector<float> naive;      // (n_val, O) persistence on the validation windows
  std::vector<float> rollout;    // (steps, J) past the end of the series
  std::vector<float> grad_by_lag;  // (T) |dL/dx| at lag k, mean over a training batch (Trainer::gradient_by_lag)
  std::string rollout_error;
  Metrics model, baseline;       // validation, data units
  int n_test = 0;                // windows [n_train + n_val, N) are the test part
  Evaluation eval;               // model and baselines on validation and test (evaluation.h)
  std::vector<float> baseline_paths;  // (kBaselineCount, steps, J) beside the rollout
  Intervals intervals;           // conformal bands of the rollout, per step (intervals.h)
};

struct RunWeights {
  long long samples = -1;        // trainer samples these weights reflect
  std::vector<float> params;     // LstmModel::params()
  std::vector<ParamTensor> tensors;
};

struct RunSnapshot {
  uint32_t generation = 0;       // counts Setup commands: older snapshots are stale
  uint32_t acked = 0;            // seq of the last command handled before this snapshot
  RunPhase phase = RunPhase::Empty;
  Progress progress;
  double train_seconds = 0.0;    // wall time inside Trainer::step
  EpochLosses history;
  std::string error;             // Setup refused (phase Failed), or divergence
  std::string notice;            // what the last command did, for the status line
  int look_back = 0, n_windows = 0, n_train = 0;
  std::vector<int> targets;      // target columns of the series
  // Heavy parts travel only when they changed since the last snapshot.
  bool has_forecast = false, has_trace = false, has_weights = false, has_state = false;
  RunForecast forecast;
  RunTrace trace;
  RunWeights weights;
  // What a saved session keeps of the run: taken when it pauses, finishes or steps, and while
  // it trains at an epoch boundary at most every RunEngine::kStateGap.
  TrainerState state;
};

// Folds a newer snapshot of the same run into an older one: the newer state, and each heavy
// part from whichever snapshot carried it last. Keeps queues short when nobody reads them (a
// page in a background tab draws no frames).
void merge_snapshot(RunSnapshot& older, RunSnapshot&& newer);

std::vector<uint8_t> encode_command(const RunCommand& c);
bool decode_command(const uint8_t* data, size_t n, RunCommand* out);
std::vector<uint8_t> encode_snapshot(const RunSnapshot& s);
bool decode_snapshot(const uint8_t* data, size_t n, RunSnapshot* out);

}  // namespace lstm
