// Share links: App <-> lstm::ShareState (core/io/share_state.h), the Share menu (Copy link,
// trained weights, classroom panels) and opening a link from the address bar. The codec is
// core/io/share_link.h; the page's side (compression, history, clipboard) is in index.html.
#include <cstdio>
#include <memory>

#include "app.h"
#include "browser_glue.h"
#include "config_fields.h"
#include "imgui.h"
#include "presets.h"
#include "share_link.h"
#include "ui_widgets.h"

namespace {
struct PanelName {
  uint32_t bit;
  const char* label;
  const char* id;  // widget name in the state hook: hide_<id>
};
const PanelName kPanels[] = {
    {lstm::kPanelData, "Data", "data"},       {lstm::kPanelSetup, "Window setup", "setup"},
    {lstm::kPanelModel, "Model", "model"},    {lstm::kPanelOptimizer, "Optimizer", "optimizer"},
    {lstm::kPanelTrain, "Train bar", "train"}, {lstm::kPanelSeries, "Series & forecast", "series"},
    {lstm::kPanelLoss, "Loss", "loss"},       {lstm::kPanelInside, "Inside the LSTM", "inside"},
};

// Drawn values live on quantize_drawn's grid; anything else (CSV, erased bridges) travels as
// exact floats.
bool on_drawn_grid(const lstm::Series& s) {
  for (const auto& c : s.columns)
    for (float v : c)
      if (!(lstm::quantize_drawn(v) == v)) return false;
  return true;
}
}  // namespace

lstm::ShareState App::share_state() const {
  lstm::ShareState s;
  s.config = cfg_;
  if (preset_untouched_) {
    s.data.kind = lstm::DataKind::Preset;
    s.data.preset = {lstm::presets()[preset_].id, length_, noise_, uint64_t(data_seed_)};
  } else {
    s.data.kind = on_drawn_grid(series_) ? lstm::DataKind::Drawn : lstm::DataKind::Csv;
    s.data.series = series_;
  }
  s.view = {series_axes_.x0, series_axes_.x1, series_axes_.y0, series_axes_.y1, selected_window_,
            loss_log_};
  s.hidden_panels = share_hide_;
  // Weights only when they belong to exactly this config and data.
  if (share_weights_ && trainer_.ready() && !needs_setup_ && trainer_.progress().samples > 0 &&
      lstm::same_fields(trainer_.config(), cfg_)) {
    const auto& m = trainer_.model();
    s.has_weights = true;
    s.weights.resize(size_t(m.n_params()));
    for (int i = 0; i < m.n_params(); ++i) s.weights[size_t(i)] = lstm::quantize_weight(m.params()[i]);
  }
  return s;
}

std::string App::apply_share_state(const lstm::ShareState& s) {
  // Build everything first: nothing changes unless all of it works.
  lstm::Series series;
  int preset = preset_;
  if (s.data.kind == lstm::DataKind::Preset) {
    preset = lstm::find_preset(s.data.preset.id);
    if (preset < 0)
      return "The link's preset \"" + s.data.preset.id + "\" does not exist in this version.";
    series = lstm::make_preset(preset, s.data.preset.length, s.data.preset.noise, s.data.preset.seed);
  } else {
    series = s.data.series;
  }
  if (s.has_weights) {
    auto trial = std::make_unique<lstm::Trainer>();
    const std::string err = trial->setup(s.config, series);
    if (!err.empty()) return "The link's weights cannot be loaded: " + err;
    if (size_t(trial->model().n_params()) != s.weights.size())
      return "The link carries " + std::to_string(s.weights.size()) + " weights but its model has " +
             std::to_string(trial->model().n_params()) + ".";
  }

  training_ = false;
  forecast_job_.cancel();
  if (!series_.empty()) push_undo();
  cfg_ = s.config;
  series_ = std::move(series);
  tool_ = DrawTool::Off;
  series_changed();
  if (s.data.kind == lstm::DataKind::Preset) {
    preset_ = preset;
    length_ = s.data.preset.length;
    noise_ = s.data.preset.noise;
    data_seed_ = int(int64_t(s.data.preset.seed));
    // The UI's int seed cannot hold every uint64 seed: then the series travels as values.
    preset_untouched_ = uint64_t(data_seed_) == s.data.preset.seed;
    series_label_ = std::string("preset: ") + lstm::presets()[preset].name + " (shared link)";
  } else {
    series_label_ = s.data.kind == lstm::DataKind::Drawn ? "drawn (shared link)" : "CSV values (shared link)";
  }
  view_ = s.view;
  const bool has_view = s.view.x_min != s.view.x_max && s.view.y_min != s.view.y_max;
  view_pending_ = has_view;
  fit_series_ = !has_view;
  selected_window_ = std::max(s.view.selected_sample, 0);
  loss_log_ = s.view.log_loss;
  hidden_panels_ = s.hidden_panels;
  forecast_ = Forecast{};
  weights_from_link_ = false;
  if (s.has_weights && ensure_setup()) {
    auto& m = trainer_.model();
    std::copy(s.weights.begin(), s.weights.end(), m.params());
    forecast_ = Forecast{};
    weights_from_link_ = true;
  }
  return "";
}

void App::open_link(const std::string& fragment) {
  lstm::ShareState s;
  std::string err = lstm::decode_link(fragment, &s);
  if (err.empty()) err = apply_share_state(s);
  if (!err.empty()) {
    link_failed(err);
    return;
  }
  ++links_opened_;
  link_error_.clear();
  error_.clear();
  notice_ = s.has_weights
                ? "Opened a shared link with trained weights. Train retrains from the seed and "
                  "reproduces the sender's loss curve."
                : "Opened a shared link.";
}

void App::link_failed(const std::string& message) {
  // The codec's messages are sentences ("The link is truncated (...): copy the whole link.").
  link_error_ = message;
  if (link_error_.empty() || link_error_.back() != '.') link_error_ += '.';
  link_error_ += " The playground kept its previous state.";
  error_ = link_error_;
}

void App::link_shown(const std::string& url) { link_ = url; }

void App::copy_link() {
  const std::string raw = lstm::encode_link(share_state());
  link_raw_chars_ = raw.size();
  if (raw.size() > lstm::kMaxLinkChars) {
    link_.clear();
    export_error_ = "The link would be " + std::to_string(raw.size()) +
                    " characters, over the 1 MB limit: untick the weights or use a shorter series.";
    return;
  }
  export_error_.clear();
  publish_link(raw);
}

void App::draw_share_menu() {
  if (!ImGui::BeginMenu("Share")) {
    mark("menu_share");
    return;
  }
  mark("menu_share");
  ImGui::TextDisabled("The whole setup in a link: data, window, model, optimizer, seed, view.");
  const bool trained = trainer_.ready() && !needs_setup_ && trainer_.progress().samples > 0;
  ImGui::BeginDisabled(!trained);
  ImGui::Checkbox("include trained weights", &share_weights_);
  ImGui::EndDisabled();
  mark("share_weights");
  ui::tip("float16 weights: the receiver sees your predictions without training (Keras: model.save).");
  ImGui::Spacing();
  ImGui::Text("Classroom: hide these panels for the receiver");
  for (int i = 0; i < 8; ++i) {
    bool hide = (share_hide_ & kPanels[i].bit) != 0;
    if (i % 2) ImGui::SameLine(200);
    if (ImGui::Checkbox(kPanels[i].label, &hide)) share_hide_ ^= kPanels[i].bit;
    mark((std::string("hide_") + kPanels[i].id).c_str());
  }
  ImGui::Spacing();
  if (ImGui::Button("Copy link")) copy_link();
  mark("copy_link");
  ui::tip("Puts the link in the address bar and on the clipboard.");
  ImGui::SameLine();
  if (link_raw_chars_ > 0 && !link_.empty()) {
    const size_t hash = link_.find('#');
    const size_t frag = hash == std::string::npos ? link_.size() : link_.size() - hash - 1;
    ImGui::TextDisabled("%zu characters%s", frag,
                        frag < link_raw_chars_ ? " (compressed)" : "");
  }
  static std::string shown;
  shown = link_;
  ImGui::SetNextItemWidth(440);
  ImGui::InputText("##link", shown.data(), shown.size() + 1, ImGuiInputTextFlags_ReadOnly);
  mark("link_text");
  ui::error_text(export_error_);
  if (hidden_panels_) {
    ImGui::Separator();
    if (ImGui::Button("Show the hidden panels")) hidden_panels_ = 0;
    mark("show_panels");
  }
  ImGui::EndMenu();
}
