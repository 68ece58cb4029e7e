#include "session.h"

#include <algorithm>

#include "config_fields.h"
#include "data_choice.h"
#include "presets.h"

namespace lstm {

Session::Session(RunnerFactory make_runner) : make_runner_(std::move(make_runner)) {
  auto r = std::make_unique<Run>();
  r->view.config = config_;
  r->runner = new_runner();
  runs_.push_back(std::move(r));
}

Session::~Session() = default;

void Session::set_runner_factory(RunnerFactory make_runner) {
  make_runner_ = std::move(make_runner);
  for (auto& r : runs_) {
    r->runner = new_runner();
    r->generation = 0;
    r->view.stale = true;
  }
}

std::unique_ptr<Runner> Session::new_runner() const {
  return make_runner_ ? make_runner_() : make_inline_runner();
}

// ---- what the user edits ----

void Session::invalidate() {
  ++changes_;
  clamp_columns(config_.data, series_);
  runs_[0]->view.config = config_;
  for (size_t i = 1; i < runs_.size(); ++i) {  // same data and columns; their own window length
    DataConfig& d = runs_[i]->view.config.data;
    const int look_back = d.look_back;
    d = config_.data;
    d.look_back = look_back;
  }
  if (folds_ && !plan_folds().empty()) stop_backtest();
  for (auto& r : runs_) {
    if (r->view.training())
      r->view.s.notice = "Settings or data changed: training stopped. Train starts again from fresh weights.";
    // Every set-up run, whatever its last snapshot said: one may be on its way to Training.
    if (!r->view.stale) send(*r, RunCommand{RunCommandKind::Pause});
    r->view.stale = true;
    r->view.weights_from_link = false;
    r->view.s.phase = r->view.s.phase == RunPhase::Empty ? RunPhase::Empty : RunPhase::Idle;
  }
}

void Session::push_undo() {
  if (series_.empty() && series_.width() == 0) return;
  if (undo_.size() >= size_t(kMaxUndo)) undo_.erase(undo_.begin());
  undo_.push_back(series_);
  redo_.clear();
}

void Session::load_preset(int index, bool apply_suggested) {
  const auto& all = presets();
  if (index < 0 || index >= int(all.size())) return;
  push_undo();
  if (apply_suggested) {
    origin_.length = all[index].default_length;
    origin_.noise = all[index].default_noise;
    origin_.k = all[index].default_k;
    config_.data = all[index].suggested;
  }
  origin_.preset = index;
  origin_.k = clamp_k(index, origin_.k);
  series_ = make_preset(index, origin_.length, origin_.noise, uint64_t(origin_.seed), origin_.k);
  origin_.label = std::string("preset: ") + all[index].name;
  origin_.preset_untouched = true;
  invalidate();
}

void Session::regenerate_preset(int length, float noise, int seed, int k) {
  origin_.length = length;
  origin_.noise = noise;
  origin_.seed = seed;
  const int new_k = clamp_k(origin_.preset, k);
  if (new_k != origin_.k && new_k > 0) {  // every run's window follows the gap
    const DataConfig d = suggested_config(origin_.preset, new_k);
    config_.data.look_back = d.look_back;
    config_.data.stride = d.stride;
    for (auto& r : runs_) r->view.config.data.look_back = d.look_back;
  }
  origin_.k = new_k;
  load_preset(origin_.preset, false);
}

Series& Session::begin_series_edit() {
  push_undo();
  return series_;
}

void Session::end_series_edit(const std::string& label) {
  if (!label.empty()) origin_.label = label;
  origin_.preset_untouched = false;
  invalidate();
}

void Session::clear_series() {
  push_undo();
  series_ = Series{};
  series_.add("drawn", {});
  origin_.label = "drawn with the mouse";
  origin_.preset_untouched = false;
  const DataConfig& d = config_.data;
  config_.data = data_config(WindowSetup::Univariate, d.look_back, {0}, {0}, 1, d.val_split, d.scaling);
  invalidate();
}

// Undo and redo are one history step seen from either side.
static bool step_history(std::vector<Series>& from, std::vector<Series>& to, Series& current) {
  if (from.empty()) return false;
  to.push_back(std::move(current));
  current = std::move(from.back());
  from.pop_back();
  return true;
}

bool Session::undo() {
  if (!step_history(undo_, redo_, series_)) return false;
  origin_.preset_untouched = false;
  invalidate();
  return true;
}

bool Session::redo() {
  if (!step_history(redo_, undo_, series_)) return false;
  origin_.preset_untouched = false;
  invalidate();
  return true;
}

CsvLoad Session::load_csv(const std::string& text, const std::string& source) {
  CsvResult r = parse_csv(text);
  CsvLoad out{r.error, r.messages, r.file_columns};
  if (!r.ok()) return out;
  push_undo();
  series_ = std::move(r.series);
  origin_.label = "CSV: " + source;
  origin_.preset_untouched = false;
  config_.data = default_data_config(series_, config_.data);
  invalidate();
  return out;
}

void Session::set_window_setup(WindowSetup setup) {
  switch_setup(config_.data, setup, series_);
  invalidate();
}

// ---- share links ----

// A link holds every run beside run 1 that the session can hold.
static_assert(kMaxLinkRuns == kMaxRuns - 1, "share_state.h's kMaxLinkRuns follows kMaxRuns");

std::string Session::apply(const ShareState& s) {
  // Build everything first: nothing changes unless all of it works.
  if (s.runs.size() >= size_t(kMaxRuns)) return "The link has more runs than the playground holds.";
  Series series;
  int preset = origin_.preset;
  if (s.data.kind == DataKind::Preset) {
    preset = find_preset(s.data.preset.id);
    if (preset < 0) return "The link's preset \"" + s.data.preset.id + "\" does not exist in this version.";
    series = make_preset(preset, s.data.preset.length, s.data.preset.noise, s.data.preset.seed, s.data.preset.k);
  } else {
    series = s.data.series;
  }
  if (s.has_weights) {
    auto trial = std::make_unique<Trainer>();
    const std::string err = trial->setup(s.config, series);
    if (!err.empty()) return "The link's weights cannot be loaded: " + err;
    if (size_t(trial->model().n_params()) != s.weights.size())
      return "The link carries " + std::to_string(s.weights.size()) + " weights but its model has " +
             std::to_string(trial->model().n_params()) + ".";
  }

  push_undo();
  config_ = s.config;
  series_ = std::move(series);
  if (s.data.kind == DataKind::Preset) {
    origin_.preset = preset;
    origin_.length = s.data.preset.length;
    origin_.noise = s.data.preset.noise;
    origin_.k = clamp_k(preset, s.data.preset.k);
    origin_.seed = int(int64_t(s.data.preset.seed));
    // The UI's int seed cannot hold every uint64 seed: then the series travels as values.
    origin_.preset_untouched = uint64_t(origin_.seed) == s.data.preset.seed;
    origin_.label = std::string("preset: ") + presets()[preset].name + " (shared link)";
  } else {
    origin_.preset_untouched = false;
    origin_.label = s.data.kind == DataKind::Drawn ? "drawn (shared link)" : "CSV values (shared link)";
  }
  trace_window_ = std::max(s.view.selected_sample, 0);
  runs_.resize(1);  // the link's runs replace ours
  for (const Config& c : s.runs) add_run(c);
  invalidate();
  if (s.has_weights) {
    Run& r = *runs_[0];
    ensure_setup(r);
    RunCommand c{RunCommandKind::LoadWeights};
    c.weights = s.weights;
    send(r, c);
    r.view.weights_from_link = true;
  }
  return "";
}

ShareState Session::share_state(bool include_weights) const {
  ShareState s;
  s.config = config_;
  if (origin_.preset_untouched) {
    s.data.kind = DataKind::Preset;
    s.data.preset = {presets()[origin_.preset].id, origin_.length, origin_.noise, uint64_t(origin_.seed), origin_.k};
  } else {
    bool drawn = true;  // drawn values live on quantize_drawn's grid; anything else is exact floats
    for (const auto& c : series_.columns)
      for (float v : c) drawn = drawn && quantize_drawn(v) == v;
    s.data.kind = drawn ? DataKind::Drawn : DataKind::Csv;
    s.data.series = series_;
  }
  s.view.selected_sample = trace_window_;
  for (int i = 1; i < n_runs(); ++i)
    if (run(i).fold < 0) s.runs.push_back(run(i).config);  // backtest folds are not compare runs
  // Weights only when they belong to exactly this config and data.
  const RunView& v = runs_[0]->view;
  if (include_weights && v.trained() && v.has_weights() && same_fields(v.config, config_)) {
    s.has_weights = true;
    s.weights.resize(v.s.weights.params.size());
    std::transform(v.s.weights.params.begin(), v.s.weights.params.end(), s.weights.begin(), quantize_weight);
  }
  return s;
}

// ---- saved sessions ----

SavedSession Session::save() const {
  SavedSession s;
  s.share = share_state(false);
  s.label = origin_.label;
  s.rollout_steps = rollout_steps_;
  s.undo = undo_;
  s.redo = redo_;
  for (const auto& r : runs_) {
    if (r != runs_[0] && r->view.fold >= 0) continue;  // as in share_state()
    SavedRun saved;
    saved.has_state = r->view.has_state() && !r->view.weights_from_link;
    if (saved.has_state) saved.state = r->view.s.state;
    s.runs.push_back(std::move(saved));
  }
  return s;
}

std::string Session::restore(const SavedSession& s) {
  if (s.runs.size() != s.share.runs.size() + 1) return "The saved session's runs do not match its setup.";
  std::string err = apply(s.share);
  if (!err.empty()) return err;
  undo_ = s.undo;
  redo_ = s.redo;
  origin_.label = s.label;
  rollout_steps_ = s.rollout_steps;
  for (size_t i = 0; i < runs_.size(); ++i) {
    if (!s.runs[i].has_state) continue;
    Run& r = *runs_[i];
    ensure_setup(r);
    RunCommand c{RunCommandKind::LoadState};
    c.state = s.runs[i].state;
    send(r, c);
  }
  return "";
}

// ---- runs ----

int Session::add_run(const Config& c) {
  if (n_runs() >= kMaxRuns) return -1;
  auto r = std::make_unique<Run>();
  r->view.config = c;
  r->runner = new_runner();
  runs_.push_back(std::move(r));
  ++changes_;
  return n_runs() - 1;
}

void Session::remove_run(int i) {
  if (i >= 1 && i < n_runs()) runs_.erase(runs_.begin() + i), ++changes_;
}

void Session::set_run_config(int i, const Config& c) {
  if (i < 1 || i >= n_runs()) return;
  Run& r = *runs_[size_t(i)];
  if (r.view.training()) send(r, RunCommand{RunCommandKind::Pause});
  r.view.config = c;
  r.view.stale = true;
  ++changes_;
}

const char* Session::runner_kind(int i) const { return runs_[size_t(i)]->runner->kind(); }

void Session::send(Run& r, const RunCommand& c) {
  if (c.kind == RunCommandKind::Setup) ++r.generation, r.loaded_weights.clear(), r.loaded_state.reset();
  if (c.kind == RunCommandKind::LoadWeights) r.loaded_weights = c.weights;
  if (c.kind == RunCommandKind::LoadState) r.loaded_state = std::make_unique<TrainerState>(c.state);
  // Training moves on from a loaded state: a fallback replays the setup, not an old state.
  if (c.kind == RunCommandKind::Start || c.kind == RunCommandKind::Step || c.kind == RunCommandKind::Reset)
    r.loaded_state.reset();
  // What the UI shows at once; snapshots confirm it once they have seen the command.
  if (c.kind == RunCommandKind::Start) r.view.s.phase = RunPhase::Training;
  if (c.kind == RunCommandKind::Pause && r.view.training()) r.view.s.phase = RunPhase::Idle;
  RunCommand numbered = c;
  numbered.seq = ++r.sent;
  r.runner->send(numbered);
}

bool Session::ensure_setup(Run& r) {
  if (!r.view.stale && !r.lost) return r.view.s.phase != RunPhase::Failed;
  r.lost = false;
  RunCommand c{RunCommandKind::Setup};
  c.config = r.view.config;
  c.series = series_;
  if (r.view.rows > 0 && r.view.rows < series_.length())
    for (auto& col : c.series.columns) col.resize(size_t(r.view.rows));
  c.window = trace_window_;
  c.rollout_steps = rollout_steps_;
  send(r, c);
  r.view.stale = false;
  r.view.s = RunSnapshot{};
  r.view.s.generation = r.generation;
  return true;
}

void Session::start(int i) {
  Run& r = *runs_[size_t(i)];
  ensure_setup(r);
  if (r.view.weights_from_link) {
    // A link's weights are the sender's result: training again reproduces the sender's run.
    send(r, RunCommand{RunCommandKind::Reset});
    r.view.weights_from_link = false;
  }
  send(r, RunCommand{RunCommandKind::Start});
}

void Session::pause(int i) { send(*runs_[size_t(i)], RunCommand{RunCommandKind::Pause}); }

void Session::step(int i, int batches) {
  Run& r = *runs_[size_t(i)];
  ensure_setup(r);
  RunCommand c{RunCommandKind::Step};
  c.batches = batches;
  send(r, c);
  r.view.weights_from_link = false;
}

void Session::reset(int i) {
  Run& r = *runs_[size_t(i)];
  ensure_setup(r);
  send(r, RunCommand{RunCommandKind::Reset});
  r.view.weights_from_link = false;
}

void Session::start_all() {
  for (int i = 0; i < n_runs(); ++i) start(i);
}

void Session::pause_all() {
  for (int i = 0; i < n_runs(); ++i)
    if (run(i).training()) pause(i);
}

bool Session::any_training() const {
  for (const auto& r : runs_)
    if (r->view.training()) return true;
  return false;
}

void Session::set_trace_window(int window) {
  if (window == trace_window_) return;
  trace_window_ = window;
  ++changes_;
  RunCommand c{RunCommandKind::Trace};
  c.window = window;
  for (auto& r : runs_)
    if (!r->view.stale) send(*r, c);
}

void Session::set_rollout_steps(int steps) {
  if (steps == rollout_steps_) return;
  rollout_steps_ = steps;
  ++changes_;
  RunCommand c{RunCommandKind::Predict};
  c.rollout_steps = steps;
  for (auto& r : runs_)
    if (!r->view.stale) send(*r, c);
}

std::string Session::import_weights(int i, const std::string& text, WeightLayout* layout) {
  Run& r = *runs_[size_t(i)];
  Trainer trial;
  std::string err = trial.setup(r.view.config, series_);
  if (err.empty()) err = lstm::import_weights(trial.model(), text, layout);
  if (!err.empty()) return err;
  ensure_setup(r);
  if (r.view.training()) send(r, RunCommand{RunCommandKind::Pause});
  RunCommand c{RunCommandKind::LoadWeights};
  const LstmModel<float>& m = trial.model();
  c.weights.assign(m.params(), m.params() + m.n_params());
  send(r, c);
  r.view.weights_from_link = false;
  return "";
}

std::string Session::model_for_export(int i, Trainer* out) const {
  const RunView& v = run(i);
  if (!v.has_weights()) return "Train or Step once to export the model.";
  std::string err = out->setup(v.config, series_);
  if (!err.empty()) return err;
  if (size_t(out->model().n_params()) != v.s.weights.params.size()) return "The weights do not fit the model.";
  std::copy(v.s.weights.params.begin(), v.s.weights.params.end(), out->model().params());
  return "";
}

// ---- snapshots ----

bool Session::update(double inline_seconds) {
  bool changed = false;
  for (auto& rp : runs_) {
    Run& r = *rp;
    const std::string crash = r.runner->crash();
    if (!crash.empty()) {
      // Its worker died (a crash, out of memory): a fresh one waits for the next Train, which
      // sets up again from fresh weights; until then the view keeps the last snapshot.
      r.runner = new_runner();
      r.generation = 0;
      r.sent = 0;
      r.lost = true;
      r.view.s.phase = RunPhase::Idle;
      r.view.s.notice.clear();
      r.view.s.error = "Training stopped: the training worker crashed (" + crash +
                       "). Train starts again from fresh weights.";
      changed = true;
    }
    const std::string failure = r.runner->failure();
    if (!failure.empty()) {
      // The worker could not start: train in the page's frames instead, from a fresh setup.
      fallback_note_ = "Training runs in the page (" + failure + ")";
      r.runner = make_inline_runner();
      r.generation = 0;
      r.sent = 0;
      const bool was_training = r.view.training(), was_set_up = !r.view.stale;
      const std::vector<float> loaded = std::move(r.loaded_weights);
      const std::unique_ptr<TrainerState> loaded_state = std::move(r.loaded_state);
      r.view.stale = true;
      // What the dead worker was told, again: its setup, loaded weights (a link's) or state (a
      // restored session's), training.
      if (was_set_up) ensure_setup(r);
      if (was_set_up && !loaded.empty()) {
        RunCommand c{RunCommandKind::LoadWeights};
        c.weights = loaded;
        send(r, c);
      }
      if (was_set_up && loaded_state) {
        RunCommand c{RunCommandKind::LoadState};
        c.state = *loaded_state;
        send(r, c);
      }
      if (was_training) start(int(&rp - &runs_[0]));
      changed = true;
    }
    r.runner->pump(inline_seconds);
    RunSnapshot s;
    while (r.runner->poll(&s)) {
      if (s.generation != r.generation || r.view.stale || r.lost) continue;
      // A snapshot published before the runner saw the last command keeps the phase the UI set
      // when sending it (Pause must not flip back to Training).
      const bool behind = s.acked != r.sent;
      const RunPhase shown = r.view.s.phase;
      if (s.has_trace || s.has_weights) ++r.view.parts;
      if (s.has_forecast) ++r.view.forecasts;
      if (s.has_state) ++changes_;
      merge_snapshot(r.view.s, std::move(s));
      if (behind) r.view.s.phase = shown;
      changed = true;
    }
  }
  return changed;
}

bool Session::trains_in_frames() const {
  for (const auto& r : runs_)
    if (std::string(r->runner->kind()) == "in-frame" && r->runner->busy()) return true;
  return false;
}

bool Session::busy() const {
  for (const auto& r : runs_)
    if (r->runner->busy()) return true;
  return false;
}

}  // namespace lstm
