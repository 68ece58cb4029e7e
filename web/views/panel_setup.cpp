// Setup panel: the four window setups of the tutorials, look_back / horizon, columns, split, scaling.
#include <algorithm>
#include <cmath>
#include <vector>

#include "app.h"
#include "config_enums.h"
#include "data_choice.h"
#include "imgui.h"
#include "ui_widgets.h"
#include "transforms.h"
#include "windows.h"

namespace {
const char* const* kSetupNames = lstm::enum_labels<lstm::WindowSetup>().titles;
const char* kSetupTips[] = {
    "One column predicts its own next value (Keras tutorial: split_sequence).",
    "Several input columns predict one target column (Keras: input_shape=(n_steps, n_features)).",
    "Several columns in, the same columns out at the next step (Keras: Dense(n_features)).",
    "Direct multi-step: predict `horizon` steps at once (Keras: Dense(n_steps_out))."};

// Checkbox list over the series columns writing cols[0..*n); at least one stays selected.
bool column_checkboxes(const char* id, const lstm::Series& s, std::array<int, lstm::kMaxColumns>& cols,
                       int* n) {
  bool changed = false;
  ImGui::PushID(id);
  std::vector<int> chosen(cols.begin(), cols.begin() + *n);
  for (int c = 0; c < s.width() && c < lstm::kMaxColumns; ++c) {
    bool on = std::find(chosen.begin(), chosen.end(), c) != chosen.end();
    if (c > 0 && c % 3 != 0) ImGui::SameLine();
    if (ImGui::Checkbox(s.names[c].c_str(), &on)) {
      if (on) chosen.push_back(c);
      else if (chosen.size() > 1) chosen.erase(std::find(chosen.begin(), chosen.end(), c));
      std::sort(chosen.begin(), chosen.end());
      changed = true;
    }
  }
  ImGui::PopID();
  if (changed) {
    *n = int(chosen.size());
    std::copy(chosen.begin(), chosen.end(), cols.begin());
  }
  return changed;
}

bool column_combo(const char* id, const lstm::Series& s, int* col) {
  bool changed = false;
  const char* name = *col < s.width() ? s.names[*col].c_str() : "?";
  ImGui::SetNextItemWidth(150);
  if (ImGui::BeginCombo(id, name)) {
    for (int c = 0; c < s.width(); ++c)
      if (ImGui::Selectable(s.names[c].c_str(), c == *col)) *col = c, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}
}  // namespace

void App::draw_setup_panel() {
  ui::section("Window setup");
  lstm::DataConfig& d = cfg_.data;
  // Column indexes from an older series may point past this one.
  lstm::clamp_columns(d, series_);
  bool changed = false;
  int setup = int(d.setup);
  for (int i = 0; i < 4; ++i) {
    if (i % 2) ImGui::SameLine(170);
    changed |= ImGui::RadioButton(kSetupNames[i], &setup, i);
    mark((std::string("setup_") + std::to_string(i)).c_str());
    ui::tip(kSetupTips[i]);
  }
  if (setup != int(d.setup)) session_.set_window_setup(lstm::WindowSetup(setup));
  ImGui::PushItemWidth(150);
  changed |= ImGui::SliderInt("look_back", &d.look_back, 1, 200);
  mark("look_back");
  ui::tip("Input window length in time steps (Keras: input_shape=(look_back, n_features)).");
  if (d.setup == lstm::WindowSetup::MultiStep) {
    changed |= ImGui::SliderInt("horizon", &d.horizon, 1, 50);
    ui::tip("Steps predicted at once (Keras tutorial: n_steps_out, Dense(n_steps_out)).");
  }
  switch (d.setup) {
    case lstm::WindowSetup::Univariate:
      changed |= column_combo("column", series_, &d.input_cols[0]);
      ui::tip("The series column to model (Keras: the 1-D array given to split_sequence).");
      d.target_cols[0] = d.input_cols[0];
      break;
    case lstm::WindowSetup::MultivariateIn:
      ImGui::TextDisabled("inputs");
      changed |= column_checkboxes("in", series_, d.input_cols, &d.n_inputs);
      changed |= column_combo("target", series_, &d.target_cols[0]);
      ui::tip("The column predicted from the inputs (Keras: y of fit(X, y)).");
      d.n_targets = 1;
      break;
    case lstm::WindowSetup::Parallel:
      ImGui::TextDisabled("columns (in and out)");
      changed |= column_checkboxes("par", series_, d.input_cols, &d.n_inputs);
      d.n_targets = d.n_inputs;
      d.target_cols = d.input_cols;
      break;
    case lstm::WindowSetup::MultiStep:
      ImGui::TextDisabled("inputs");
      changed |= column_checkboxes("in", series_, d.input_cols, &d.n_inputs);
      ImGui::TextDisabled("targets");
      changed |= column_checkboxes("out", series_, d.target_cols, &d.n_targets);
      break;
  }
  changed |= ImGui::SliderFloat("val_split", &d.val_split, 0.f, 0.5f, "%.2f");
  ui::tip("Last fraction of windows kept for validation, before shuffling (Keras: fit(validation_split=...)).");
  int scaling = int(d.scaling);
  const lstm::EnumLabels& scalings = lstm::enum_labels<lstm::Scaling>();
  if (ImGui::Combo("scaling", &scaling, scalings.titles, scalings.count)) {
    d.scaling = lstm::Scaling(scaling);
    changed = true;
  }
  ui::tip("Fitted on the training rows only (Keras tutorials: sklearn MinMaxScaler / StandardScaler).");
  ImGui::PopItemWidth();
  if (changed) config_changed();
  draw_forecast_settings();
  // Differencing starts the windows d rows later (transforms.h); with auto m, d is known after Train.
  const int lag = lstm::difference_lag(d.difference, d.season > 0 ? d.season
                                                  : run0().has_forecast() ? run0().s.forecast.eval.season : 1);
  const int n = lstm::count_windows(series_.length() - lag, d.look_back, d.horizon, d.stride);
  const lstm::Split sp = lstm::split_windows(n, d.val_split, d.test_split);
  if (n > 0)
    ImGui::TextDisabled("%d windows: %d train, %d validation, %d test", n, sp.n_train, sp.n_val, sp.n_test);
  else
    ui::note_text("The series is too short for look_back + horizon: draw or load more rows, or shorten the window.");
}
