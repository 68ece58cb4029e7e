// The UI-free session: what the user edits (the config; the series with undo/redo and where it
// came from), and the runs that train on it (up to kMaxRuns, each with its own config and seed,
// each behind a Runner) with the snapshots they publish. The ImGui views and lstm-cli both drive
// this; nothing here knows about ImGui, SDL, GL or the browser.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "csv.h"
#include "run_protocol.h"
#include "runner.h"
#include "series.h"
#include "session_snapshot.h"
#include "share_state.h"
#include "trainer.h"
#include "weights_io.h"

namespace lstm {

constexpr int kMaxRuns = 4;

// What a run shows: the newest snapshot, with the heavy parts (predictions, trace, weights) kept
// from the last snapshot that carried them.
struct RunView {
  Config config;           // what this run trains (run 0 follows the edited config)
  bool stale = true;       // config or data changed since its Setup: Train sets it up again
  bool weights_from_link = false;  // a link's weights: Train starts again from the seed
  RunSnapshot s;           // s.has_* tell nothing here; use the parts' `samples`
  uint64_t parts = 0;      // counts merged snapshots that carried a trace or weights
  uint64_t forecasts = 0;  // counts merged snapshots that carried predictions
  bool training() const { return s.phase == RunPhase::Training; }
  bool trained() const { return !stale && s.progress.samples > 0; }
  // Predictions and weights of the current setup (not of an older one).
  bool has_forecast() const { return !stale && s.forecast.samples >= 0; }
  bool has_weights() const { return !stale && !s.weights.params.empty(); }
  // A training state to save (RunSnapshot::state) of the current setup.
  bool has_state() const { return !stale && !s.state.params.empty(); }
  // Walk-forward backtest (Session::start_backtest): this run's fold, and the series rows it sees.
  int fold = -1;  // -1: not a fold
  int rows = 0;   // 0: the whole series
};

// Where the series came from, for the Data panel and for links (a preset travels as its
// parameters, anything else as values).
struct DataOrigin {
  int preset = 0, length = 200;
  float noise = 0.f;
  int seed = 1;
  int k = 0;  // memory challenges' gap (presets.h: clamp_k)
  bool preset_untouched = false;  // the series is exactly make_preset(preset, length, noise, seed, k)
  std::string label;
};

struct CsvLoad {
  std::string error;                      // nothing was loaded
  std::vector<std::string> messages;      // skipped rows and the like
  std::vector<std::string> file_columns;  // every column of the file (names or "colN")
};

class Session {
 public:
  using RunnerFactory = std::function<std::unique_ptr<Runner>()>;
  static constexpr int kMaxUndo = 50;

  // make_runner: how runs work (a thread, a Web Worker); null = in-frame slices.
  explicit Session(RunnerFactory make_runner = nullptr);
  ~Session();
  Session(Session&&) = default;
  Session& operator=(Session&&) = default;
  // Where runs train from now on; every run starts afresh on the new runner.
  void set_runner_factory(RunnerFactory make_runner);

  // ---- what the user edits ----
  const Config& config() const { return config_; }
  // Edit the config in place, then call invalidate() when something changed.
  Config& edit_config() { return config_; }
  const Series& series() const { return series_; }
  const DataOrigin& origin() const { return origin_; }
  // "Data or config changed": every run is set up again before it trains next; a training run
  // stops at its next batch boundary. Run 0 takes the edited config.
  void invalidate();

  // The series. Each change is one undo step.
  void load_preset(int index, bool apply_suggested);  // suggested: the preset's window setup too
  // A memory challenge's k also sets its window (look_back, stride: presets.h suggested_config).
  void regenerate_preset(int length, float noise, int seed, int k = 0);
  // Series edits in place (drawing, erasing): begin pushes the undo step, end invalidates.
  Series& begin_series_edit();
  void end_series_edit(const std::string& label);
  void clear_series();  // an empty "drawn" column, Univariate
  bool undo();
  bool redo();
  size_t undo_depth() const { return undo_.size(); }
  size_t redo_depth() const { return redo_.size(); }

  // CSV text: parsed, and the default columns and window setup chosen (data_choice.h), exactly
  // as lstm-cli does without --columns. On error nothing changes.
  CsvLoad load_csv(const std::string& text, const std::string& source);

  // Window setup switch, with the columns carried over (data_choice.h: switch_setup).
  void set_window_setup(WindowSetup setup);

  // ---- share links ----
  // The link's state, applied all or nothing: "" on success, else why nothing changed.
  std::string apply(const ShareState& s);
  // What a link carries now (config, data source, weights of run 0 when trained on exactly this).
  ShareState share_state(bool include_weights) const;

  // ---- saved sessions (session_snapshot.h) ----
  // Everything autosave keeps: the share state, the history, every run's training state.
  SavedSession save() const;
  // All or nothing, like apply(): "" or why nothing changed. Runs with a state come back set up
  // and paused where the state was taken (training in progress then: at its last checkpoint).
  std::string restore(const SavedSession& s);
  // Counts changes worth saving: edits, history steps, runs added or changed, new run states.
  uint64_t change_count() const { return changes_; }

  // ---- runs ----
  int n_runs() const { return int(runs_.size()); }
  const RunView& run(int i) const { return runs_[size_t(i)]->view; }
  // A new run on the same data with its own config (its cell, layers, units, look_back, optimizer
  // and seed; the rest of the data setup follows run 0 on every invalidate()); returns its index,
  // or -1 when kMaxRuns run.
  int add_run(const Config& c);
  void remove_run(int i);  // i >= 1; run 0 is the edited config
  void set_run_config(int i, const Config& c);  // i >= 1
  const char* runner_kind(int i) const;

  // Train / Pause / Step / Reset. A stale run is set up first; a setup error shows in its view.
  void start(int i);
  void pause(int i);
  void step(int i, int batches = 1);
  void reset(int i);
  void start_all();
  void pause_all();
  bool any_training() const;
  // The window traced for Inside the LSTM, and the rollout length; every run follows them.
  void set_trace_window(int window);
  int trace_window() const { return trace_window_; }
  void set_rollout_steps(int steps);
  int rollout_steps() const { return rollout_steps_; }

  // ---- walk-forward backtest ----
  // `folds` folds on an expanding window (sktime's ExpandingWindowSplitter), each a run training
  // in parallel with the others: the last fold is run 0 tested on its test part; fold f sees the
  // series up to (folds - 1 - f) test parts before the end and is tested on the next one, with
  // run 0's config and season. Replaces the compare runs. "" or why not (it needs a test part).
  std::string start_backtest(int folds);
  void stop_backtest();  // the fold runs go; run 0 stays
  int backtest_folds() const { return folds_; }

  // Weights JSON (Keras or PyTorch layout) into run i: checked against the model the run's config
  // describes; "" or why nothing changed.
  std::string import_weights(int i, const std::string& text, WeightLayout* layout);
  // A trainer set up like run i and holding its newest weights, for the exports. "" or why not.
  std::string model_for_export(int i, Trainer* out) const;

  // Per frame: in-frame runners work `inline_seconds`; every runner's snapshots are merged into
  // the views. True when a view changed. A runner that failed (a worker that could not start)
  // is replaced by in-frame slices; fallback_note() then says why. A runner that crashed mid-run
  // is replaced by a fresh one of the same kind and its run shows as stopped.
  bool update(double inline_seconds);
  bool busy() const;  // a run trains or has snapshots to deliver: keep drawing frames
  bool trains_in_frames() const;  // an in-frame runner is busy: every frame does its work
  const std::string& fallback_note() const { return fallback_note_; }

 private:
  struct Run {
    RunView view;
    std::unique_ptr<Runner> runner;
    uint32_t generation = 0;  // Setups sent; snapshots of older ones are dropped
    uint32_t sent = 0;        // commands sent (RunCommand::seq of the last one)
    std::vector<float> loaded_weights;  // LoadWeights since the last Setup, replayed on fallback
    bool lost = false;  // its runner crashed: the view keeps the last snapshot, Train sets up anew
    std::unique_ptr<TrainerState> loaded_state;  // LoadState since the last Setup, likewise
  };
  void push_undo();
  bool ensure_setup(Run& r);
  void send(Run& r, const RunCommand& c);
  std::unique_ptr<Runner> new_runner() const;

  RunnerFactory make_runner_;
  Config config_{};
  Series series_;
  DataOrigin origin_;
  std::vector<Series> undo_, redo_;
  std::vector<std::unique_ptr<Run>> runs_;
  int trace_window_ = 0;
  int rollout_steps_ = 50;
  std::string fallback_note_;
  uint64_t changes_ = 0;
  int folds_ = 0;
  std::string plan_folds();  // fold runs' rows and configs from run 0's; "" or why not
};

}  // namespace lstm
