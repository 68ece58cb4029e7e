// Training driven in slices: a run's engine calls step(budget) between commands (on a thread, in
// a Web Worker or inside the UI's frame), and reads the returned Progress and the snapshots below. Whole batches only, so pausing
// and resuming never changes the result: a seed gives the same loss curve however it is sliced.
#pragma once
#include <atomic>
#include <string>
#include <vector>

#include "config.h"
#include "dataset.h"
#include "init.h"
#include "lstm_model.h"
#include "metrics.h"
#include "optimizer.h"
#include "series.h"

namespace lstm {

struct StepBudget {
  double seconds = 0.0;  // stop after this much wall time (0 = no limit)
  int batches = 0;       // stop after this many batches (0 = no limit)
  // Polled between batches: true stops the step at the batch boundary (a runner's pending
  // command, e.g. Pause). May be null.
  const std::atomic<bool>* interrupt = nullptr;
  // Also stop at the next epoch boundary (a checkpoint is due there).
  bool until_epoch_end = false;
};

struct Progress {
  int epoch = 0;              // completed epochs
  int batch = 0;              // batches done in the current epoch
  int batches_per_epoch = 0;
  long long samples = 0;      // training samples seen in total
  float train_loss = 0.f;     // mean batch loss of the last completed epoch (Keras' `loss`)
  float val_loss = 0.f;       // after the last completed epoch (Keras' `val_loss`); NaN if no val
  double samples_per_s = 0.0; // over the last step() call
  bool done = false;          // all epochs run (or stopped by divergence)
  bool diverged = false;
  std::string message;        // why training stopped early, for the UI / CLI
};

struct EpochLosses {
  std::vector<float> train;  // (epochs) Keras history['loss']
  std::vector<float> val;    // (epochs) Keras history['val_loss'], NaN without validation
};

// Everything training continues from, so a saved session resumes bit for bit: the weights, the
// optimizer's moments, the shuffle RNG and order, the progress inside the epoch and the history.
struct TrainerState {
  std::vector<float> params, good_params;  // (n_params) LstmModel::params() layout
  int opt_t = 0;
  std::vector<float> opt_m, opt_v;         // (n_params) each
  Rng shuffle_rng{1};
  std::vector<int> order;                  // (n_train) this epoch's window order
  double epoch_loss_sum = 0.0;
  int epoch_loss_count = 0;
  Progress progress;
  EpochLosses history;
};

class Trainer {
 public:
  // Windows the series, configures model and optimizer, initialises weights from the seed.
  // Returns "" or a message for the user (nothing is changed then).
  std::string setup(const Config& cfg, const Series& raw);
  bool ready() const { return ready_; }

  Progress step(StepBudget budget);
  const Progress& progress() const { return progress_; }
  void reset_weights();  // fresh Keras init from the seed, history and optimizer cleared
  // History, optimizer and shuffling start again from the weights the model holds now (loaded
  // ones): the next step() trains every epoch from them.
  void restart_from_weights();

  // A copy of the training state (allocates: call between steps, never inside one).
  TrainerState save_state() const;
  // The state of a trainer set up with the same config and data: "" or why nothing changed.
  std::string load_state(const TrainerState& s);

  const EpochLosses& history() const { return history_; }
  const Config& config() const { return cfg_; }
  const Dataset& dataset() const { return data_; }
  const Series& series() const { return raw_; }
  LstmModel<float>& model() { return model_; }
  const LstmModel<float>& model() const { return model_; }
  Optimizer<float>& optimizer() { return opt_; }

  // Predictions in data units for windows [begin, end): (n, O) step-major.
  std::vector<float> predict_windows(int begin, int end);
  // Mean loss (scaled units) over windows [begin, end).
  float evaluate(int begin, int end);
  // Validation RMSE / MAE of the model and of the persistence baseline, in data units.
  using Report = ValidationReport;
  Report validation_report();
  // How the loss gradient reaches back in time: (T) for lag k = 0..T-1, the norm of dL/dx at
  // step T-1-k averaged over up to `windows` training windows (one batch). A SimpleRNN's curve
  // falls steeply with k (vanishing gradient); an LSTM's much less. Overwrites the gradients.
  std::vector<float> gradient_by_lag(int windows = 32);
  // Saliency of one window: (T, F) |d(sum of the outputs)/dx| (scaled units). Empty if out of range.
  std::vector<float> saliency(int window);
  // Recursive rollout `steps` steps past the end of the series, predictions fed back in:
  // (steps, J) data units. Needs every input column among the targets; else returns "" in *error.
  std::vector<float> rollout(int steps, std::string* error);
  // The same from several origins (rows of the last known value) at once: (n, steps, J).
  // Origins need look_back + transform lag rows up to them (any window's last input row has).
  std::vector<float> rollout_from(const std::vector<int>& origins, int steps, std::string* error);

 private:
  void run_batch();
  void end_epoch();
  void shuffle_order();

  Config cfg_{};
  Series raw_;
  Dataset data_;
  LstmModel<float> model_;
  Optimizer<float> opt_;
  Rng shuffle_rng_{1};
  bool ready_ = false;
  int max_batch_ = 0;
  std::vector<int> order_;     // (n_train) window indices of the current epoch
  AlignedVector<float> xb_;     // (B, L, F) gathered batch
  AlignedVector<float> yb_;     // (B, O)
  AlignedVector<float> good_params_;  // weights after the last finite epoch
  double epoch_loss_sum_ = 0.0;
  int epoch_loss_count_ = 0;
  Progress progress_;
  EpochLosses history_;
};

}  // namespace lstm
