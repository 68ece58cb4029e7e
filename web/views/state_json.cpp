// App::state_json: the read-only snapshot behind window.lstmState(), for end-to-end assertions.
// It reports what the UI shows; nothing here can change the app.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app.h"
#include "imgui.h"
#include "version.h"

using nlohmann::json;

namespace {
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json config_json(const lstm::Config& c) {
  const lstm::DataConfig& d = c.data;
  const lstm::ModelConfig& m = c.model;
  const lstm::TrainConfig& t = c.train;
  const char* setups[] = {"univariate", "multivariate_in", "parallel", "multi_step"};
  const char* scalings[] = {"minmax", "zscore", "none"};
  const char* optimizers[] = {"adam", "adam_torch", "sgd"};
  return {
      {"data",
       {{"setup", setups[int(d.setup)]},
        {"look_back", d.look_back},
        {"horizon", d.horizon},
        {"inputs", std::vector<int>(d.input_cols.begin(), d.input_cols.begin() + d.n_inputs)},
        {"targets", std::vector<int>(d.target_cols.begin(), d.target_cols.begin() + d.n_targets)},
        {"val_split", d.val_split},
        {"scaling", scalings[int(d.scaling)]}}},
      {"model",
       {{"layers", m.n_layers},
        {"units", std::vector<int>(m.units.begin(), m.units.begin() + m.n_layers)},
        {"activation", m.activation == lstm::Activation::Tanh ? "tanh" : "relu"},
        {"recurrent_activation",
         m.recurrent_activation == lstm::RecurrentActivation::Sigmoid ? "sigmoid" : "hard_sigmoid"},
        {"seed", m.seed}}},
      {"train",
       {{"optimizer", optimizers[int(t.optimizer)]},
        {"lr", t.lr},
        {"batch", t.batch},
        {"epochs", t.epochs},
        {"clip_norm", t.clip_norm},
        {"loss", t.loss == lstm::LossKind::Mse ? "mse" : "mae"},
        {"shuffle", t.shuffle}}}};
}

// FNV-1a 64 as 16 hex digits (a JSON number would lose bits): equal hashes = equal bytes.
struct Fnv {
  uint64_t h = 1469598103934665603ull;
  void add(const void* p, size_t n) {
    for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<const uint8_t*>(p)[i]) * 1099511628211ull;
  }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};

json floats(const std::vector<float>& v) {
  json a = json::array();
  for (float x : v) a.push_back(num(x));
  return a;
}
}  // namespace

std::string App::state_json() const {
  const lstm::Progress& p = trainer_.progress();
  const bool ready = trainer_.ready() && !needs_setup_;
  json s;
  s["version"] = lstm::version();
  s["platform"] = platform_.name;
  s["wasm_simd"] = platform_.wasm_simd;
  s["frames"] = frame_count_;
  s["fps"] = ImGui::GetIO().Framerate;
  s["frame_cpu_ms"] = 1e3 * frame_cpu_avg_s_;      // main-thread work per frame
  s["frame_train_ms"] = 1e3 * frame_train_avg_s_;  // of which trainer.step
  s["training"] = training_;
  s["needs_setup"] = needs_setup_;
  s["config"] = config_json(cfg_);
  s["series"] = {{"length", series_.length()}, {"width", series_.width()},
                 {"names", series_.names}, {"label", series_label_},
                 {"undo", undo_.size()}, {"redo", redo_.size()}};
  s["epoch"] = ready ? p.epoch : 0;
  s["progress"] = {{"epoch", p.epoch}, {"batch", p.batch}, {"batches_per_epoch", p.batches_per_epoch},
                   {"samples", p.samples}, {"train_loss", num(p.train_loss)},
                   {"val_loss", num(p.val_loss)}, {"done", p.done}, {"diverged", p.diverged},
                   {"message", p.message}, {"samples_per_s_last_step", num(p.samples_per_s)},
                   {"samples_per_s", num(train_seconds_ > 0 ? p.samples / train_seconds_ : 0.0)},
                   {"train_seconds", train_seconds_}};
  s["losses"] = {{"train", ready ? floats(trainer_.history().train) : json::array()},
                 {"val", ready ? floats(trainer_.history().val) : json::array()}};
  const bool current = ready && forecast_.samples == p.samples;
  s["metrics"] = {{"current", current},
                  {"count", forecast_.model.count},
                  {"model_rmse", num(forecast_.model.rmse)}, {"model_mae", num(forecast_.model.mae)},
                  {"naive_rmse", num(forecast_.baseline.rmse)}, {"naive_mae", num(forecast_.baseline.mae)}};
  s["rollout"] = {{"steps", int(forecast_.rollout.size()) / std::max(forecast_.n_targets, 1)},
                  {"error", forecast_.rollout_error}};
  s["error"] = error_;
  s["notice"] = notice_;
  s["csv"] = {{"error", csv_error_}, {"messages", csv_messages_}};
  s["selected_window"] = selected_window_;
  s["traced_window"] = forecast_.traced_window;
  s["tool"] = tool_ == DrawTool::Pen ? "pen" : tool_ == DrawTool::Eraser ? "eraser" : "off";
  json widgets = json::object();
  for (const auto& [name, r] : rects_) widgets[name] = {r.x, r.y, r.w, r.h};
  s["widgets"] = widgets;
  s["series_axes"] = {{"x", {series_axes_.x0, series_axes_.x1}}, {"y", {series_axes_.y0, series_axes_.y1}}};
  // Share links: what a receiver must match (data and float16 weights by hash).
  Fnv data_hash;
  for (int c = 0; c < series_.width(); ++c) {
    data_hash.add(series_.names[c].data(), series_.names[c].size() + 1);
    data_hash.add(series_.columns[c].data(), series_.columns[c].size() * sizeof(float));
  }
  Fnv weights_hash;
  int n_weights = 0;
  if (ready) {
    const auto& m = trainer_.model();
    n_weights = m.n_params();
    for (int i = 0; i < n_weights; ++i) {
      const float w = lstm::quantize_weight(m.params()[i]);
      weights_hash.add(&w, sizeof w);
    }
  }
  const lstm::ShareState share = share_state();
  s["share"] = {{"link", link_}, {"link_raw_chars", link_raw_chars_},
                {"link_chars", link_.empty() ? 0 : link_.size() - std::min(link_.size(), link_.find('#') + 1)},
                {"error", link_error_}, {"opened", links_opened_},
                {"hidden_panels", hidden_panels_}, {"hide_in_link", share_hide_},
                {"include_weights", share_weights_}, {"weights_from_link", weights_from_link_},
                {"data_kind", share.data.kind == lstm::DataKind::Preset ? "preset"
                              : share.data.kind == lstm::DataKind::Drawn ? "drawn" : "csv"},
                {"series_hash", data_hash.hex()},
                {"weights_hash", ready ? weights_hash.hex() : ""}, {"n_weights", n_weights}};
  s["export"] = {{"message", export_message_}, {"error", export_error_}};
  return s.dump();
}
