// App::state_json: the read-only snapshot behind window.lstmState(), for end-to-end assertions.
// It reports what the UI shows; nothing here can change the app.
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app.h"
#include "config_enums.h"
#include "config_json.h"
#include "imgui.h"
#include "plot.h"
#include "script_fonts.h"
#include "version.h"

using nlohmann::json;

namespace {
json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

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

static json metrics_json(const lstm::ForecastMetrics& m) {
  return {{"rmse", num(m.rmse)}, {"mae", num(m.mae)}, {"mape", num(m.mape)}, {"smape", num(m.smape)},
          {"mase", num(m.mase)}, {"count", m.count}};
}

// What the Forecast metrics tab shows (evaluation.h), for one run.
static json evaluation_json(const lstm::RunView& v) {
  if (v.stale || !v.has_forecast()) return nullptr;
  const lstm::RunForecast& f = v.s.forecast;
  auto split = [](const lstm::SplitEvaluation& e) {
    json b = json::object();
    for (int i = 0; i < lstm::kBaselineCount; ++i) b[lstm::kBaselineKeys[i]] = metrics_json(e.baselines[i]);
    return json{{"windows", e.windows}, {"model", metrics_json(e.model)}, {"baselines", b}, {"verdict", e.verdict}};
  };
  const lstm::Intervals& iv = f.intervals;
  return {{"season", f.eval.season}, {"season_detected", f.eval.season_detected},
          {"val", split(f.eval.val)}, {"test", split(f.eval.test)},
          {"intervals", {{"steps", iv.steps}, {"calibration_origins", iv.calibration_origins},
                         {"coverage80", num(iv.coverage[0])}, {"coverage95", num(iv.coverage[1])},
                         {"test_points80", iv.test_points[0]}, {"test_points95", iv.test_points[1]},
                         {"half80", floats(iv.half[0])}, {"half95", floats(iv.half[1])}}},
          {"rollout", floats(f.rollout)}, {"baseline_paths", floats(f.baseline_paths)}};
}

static json run_json(const lstm::RunView& v) {
  const lstm::Progress& p = v.s.progress;
  const bool current = !v.stale;
  return {{"phase", v.stale ? "stale" : v.s.phase == lstm::RunPhase::Training ? "training"
                    : v.s.phase == lstm::RunPhase::Failed ? "failed" : v.s.phase == lstm::RunPhase::Idle ? "idle" : "empty"},
          {"seed", v.config.model.seed},
          {"cell", lstm::enum_label(v.config.model.cell)},
          {"look_back", v.config.data.look_back},
          {"val_rmse", current && v.has_forecast() && v.s.forecast.model.count > 0 ? num(v.s.forecast.model.rmse) : json(nullptr)},
          {"grad_by_lag", current && v.has_forecast() ? floats(v.s.forecast.grad_by_lag) : json::array()},
          {"saliency_cells", current ? int(v.s.trace.saliency.size()) : 0},
          {"fold", v.fold}, {"rows", v.rows},
          {"evaluation", evaluation_json(v)},
          {"epoch", current ? p.epoch : 0}, {"batch", current ? p.batch : 0}, {"samples", current ? p.samples : 0},
          {"train_seconds", v.s.train_seconds},
          {"losses", {{"train", current ? floats(v.s.history.train) : json::array()},
                      {"val", current ? floats(v.s.history.val) : json::array()}}}};
}

std::string App::state_json() const {
  const lstm::RunView& v = run0();
  const lstm::Progress& p = v.s.progress;
  const bool ready = !v.stale && v.s.phase != lstm::RunPhase::Failed && v.s.phase != lstm::RunPhase::Empty;
  const lstm::Series& series = series_;
  json s;
  s["version"] = lstm::version();
  s["platform"] = platform_.name;
  s["wasm_simd"] = platform_.wasm_simd;
  s["runner"] = session_.runner_kind(0);
  s["fallback_note"] = session_.fallback_note();
  s["frames"] = frame_count_;
  s["fps"] = ImGui::GetIO().Framerate;
  s["idle"] = !needs_frame();
  s["frame_cpu_ms"] = 1e3 * frame_cpu_avg_s_;      // main-thread work per frame
  s["frame_train_ms"] = 1e3 * frame_train_avg_s_;  // of which in-frame training and snapshots
  s["training"] = v.training();
  s["needs_setup"] = v.stale;
  s["config"] = lstm::config_json(cfg_);
  s["series"] = {{"length", series.length()}, {"width", series.width()},
                 {"names", series.names}, {"label", session_.origin().label},
                 {"undo", session_.undo_depth()}, {"redo", session_.redo_depth()}};
  {  // column 0 at <= 200 evenly spaced rows (every row of a short series): what a stroke changed
    const int step = std::max(1, (series.length() + 199) / 200);
    std::vector<float> preview;
    for (int i = 0; series.width() > 0 && i < series.length(); i += step) preview.push_back(series.columns[0][size_t(i)]);
    s["series"]["preview"] = floats(preview);
    s["series"]["preview_step"] = step;
  }
  // The phone layout (layout_phone.cpp) and the font atlas's scale for the pixel ratio (main.cpp).
  static const char* const kTabNames[] = {"data", "model", "train", "forecast", "inside"};
  s["layout"] = {{"phone", phone_}, {"tab", phone_ ? kTabNames[int(phone_tab_)] : ""},
                 {"font_raster_px", ImGui::GetIO().Fonts->Fonts.empty() ? 0.f : ImGui::GetIO().Fonts->Fonts[0]->FontSize},
                 {"font_px", ImGui::GetFontSize()}};
  s["epoch"] = ready ? p.epoch : 0;
  s["progress"] = {{"epoch", p.epoch}, {"batch", p.batch}, {"batches_per_epoch", p.batches_per_epoch},
                   {"samples", p.samples}, {"train_loss", num(p.train_loss)},
                   {"val_loss", num(p.val_loss)}, {"done", p.done}, {"diverged", p.diverged},
                   {"message", p.message}, {"samples_per_s_last_step", num(p.samples_per_s)},
                   {"samples_per_s", num(v.s.train_seconds > 0 ? p.samples / v.s.train_seconds : 0.0)},
                   {"train_seconds", v.s.train_seconds}};
  s["losses"] = {{"train", ready ? floats(v.s.history.train) : json::array()},
                 {"val", ready ? floats(v.s.history.val) : json::array()}};
  json runs = json::array();
  for (int i = 0; i < session_.n_runs(); ++i) runs.push_back(run_json(session_.run(i)));
  s["runs"] = runs;
  const lstm::RunForecast& f = v.s.forecast;
  const bool current = ready && f.samples == p.samples;
  s["metrics"] = {{"current", current},
                  {"count", f.model.count},
                  {"model_rmse", num(f.model.rmse)}, {"model_mae", num(f.model.mae)},
                  {"naive_rmse", num(f.baseline.rmse)}, {"naive_mae", num(f.baseline.mae)}};
  s["rollout"] = {{"steps", int(f.rollout.size()) / std::max(f.n_targets, 1)},
                  {"error", f.rollout_error}};
  s["evaluation"] = current ? evaluation_json(v) : json(nullptr);
  s["backtest"] = {{"folds", session_.backtest_folds()}, {"error", forecast_.backtest_error}};
  s["error"] = !error_.empty() || v.stale ? error_ : v.s.error;
  s["notice"] = !notice_.empty() || v.stale ? notice_ : v.s.notice;
  s["csv"] = {{"error", data_.csv_error}, {"messages", data_.csv_messages}, {"box_cut_bytes", data_.csv_cut_bytes}};
  s["selected_window"] = session_.trace_window();
  s["traced_window"] = ready && !v.s.trace.values.empty() ? v.s.trace.window : -1;
  s["tool"] = data_.tool == DrawTool::Pen ? "pen" : data_.tool == DrawTool::Eraser ? "eraser" : "off";
  json widgets = json::object();
  for (const auto& [name, r] : rects_) widgets[name] = {r.x, r.y, r.w, r.h};
  s["widgets"] = widgets;
  const auto& ax = series_view_.axes;
  s["series_axes"] = {{"x", {ax.x0, ax.x1}}, {"y", {ax.y0, ax.y1}}};
  // Share links: what a receiver must match (data and float16 weights by hash).
  Fnv data_hash;
  for (int c = 0; c < series.width(); ++c) {
    data_hash.add(series.names[c].data(), series.names[c].size() + 1);
    data_hash.add(series.columns[c].data(), series.columns[c].size() * sizeof(float));
  }
  Fnv weights_hash;
  const bool weights = ready && v.has_weights();
  for (float w : weights ? v.s.weights.params : std::vector<float>{}) {
    const float q = lstm::quantize_weight(w);
    weights_hash.add(&q, sizeof q);
  }
  const lstm::ShareState share = session_.share_state(share_.include_weights);
  s["share"] = {{"link", share_.link}, {"link_raw_chars", share_.raw_chars},
                {"link_chars", share_.link.empty() ? 0 : share_.link.size() - std::min(share_.link.size(), share_.link.find('#') + 1)},
                {"error", share_.error}, {"opened", share_.opened},
                {"embed", share_.embed}, {"embed_size", share_.embed_size},
                {"hidden_panels", hidden_panels_}, {"hide_in_link", share_.hide},
                {"include_weights", share_.include_weights}, {"weights_from_link", v.weights_from_link},
                {"data_kind", share.data.kind == lstm::DataKind::Preset ? "preset"
                              : share.data.kind == lstm::DataKind::Drawn ? "drawn" : "csv"},
                {"series_hash", data_hash.hex()},
                {"weights_hash", weights ? weights_hash.hex() : ""},
                {"n_weights", weights ? v.s.weights.params.size() : 0}};
  s["export"] = {{"message", export_.message}, {"error", export_.error}};
  // Autosave (autosave.cpp): saves asked and answered, and run 1's predictions by hash.
  Fnv pred_hash;
  if (ready && v.has_forecast()) pred_hash.add(v.s.forecast.pred.data(), v.s.forecast.pred.size() * sizeof(float));
  s["autosave"] = {{"ready", autosave_.ready}, {"pending", autosave_.pending}, {"saves", autosave_.saves},
                   {"results", autosave_.results}, {"bytes", autosave_.bytes}, {"error", autosave_.error},
                   {"url_note", autosave_.url_note}, {"restored", autosave_.restored},
                   {"restore_error", autosave_.restore_error},
                   {"pred_samples", ready && v.has_forecast() ? v.s.forecast.samples : -1},
                   {"pred_hash", pred_hash.hex()}};
  // The user's strings on screen and whether the atlas draws them (script_fonts.h).
  const Plot::LegendReport& series_legend = Plot::LastLegend("##series");
  const std::vector<std::string>& legend = series_legend.labels;
  std::vector<std::string> visible = series.names;
  visible.insert(visible.end(), legend.begin(), legend.end());
  visible.push_back(session_.origin().label);
  s["fonts"] = font_state_json(visible);
  s["fonts"]["legend"] = legend;
  s["series_legend"] = {{"open", series_legend.open},
                        {"toggle", {series_legend.toggle_min.x, series_legend.toggle_min.y,
                                    series_legend.toggle_max.x - series_legend.toggle_min.x,
                                    series_legend.toggle_max.y - series_legend.toggle_min.y}}};
  s["fonts"]["csv_box_missing"] = missing_glyphs(data_.csv_text);
  return s.dump();
}
