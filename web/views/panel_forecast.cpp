// Forecasting like a practitioner (issue 11): the test split, the season m, the transforms before
// scaling; the metrics table of the model against naive, seasonal naive, drift and mean on the
// validation and test parts with a verdict and the intervals' coverage; the walk-forward
// backtest; and what the series plot draws beside the rollout (baselines, conformal bands).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app.h"
#include "config_enums.h"
#include "imgui.h"
#include "plot.h"
#include "ui_widgets.h"
#include "windows.h"

namespace {
const ImU32 kBaselineColors[lstm::kBaselineCount] = {IM_COL32(150, 150, 150, 220), IM_COL32(110, 200, 200, 230),
                                                     IM_COL32(200, 170, 110, 230), IM_COL32(170, 130, 200, 230)};
const ImU32 kBandColor[lstm::kIntervalLevels] = {IM_COL32(240, 82, 82, 70), IM_COL32(240, 82, 82, 35)};

std::string fmt(double v, const char* f = "%.4g") {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

ImVec4 verdict_color(const std::string& v) {
  return v.rfind("beats", 0) == 0 ? ImVec4(0.45f, 0.9f, 0.5f, 1) : ImVec4(1.f, 0.7f, 0.4f, 1);
}

// One table: rows model + the baselines, columns MASE (first: scale-free), RMSE, MAE, sMAPE, MAPE.
void metrics_table(const char* id, const lstm::SplitEvaluation& s, int season) {
  if (!ImGui::BeginTable(id, 6, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) return;
  for (const char* h : {"", "MASE", "RMSE", "MAE", "sMAPE %", "MAPE %"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  auto row = [](const std::string& name, const lstm::ForecastMetrics& m, bool strong) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (strong) ImGui::TextColored(ImVec4(1.f, 0.85f, 0.4f, 1), "%s", name.c_str());
    else ImGui::TextUnformatted(name.c_str());
    for (double v : {m.mase, m.rmse, m.mae, m.smape, m.mape}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(fmt(v, "%.3g").c_str());
    }
  };
  row("model", s.model, true);
  for (int b = 0; b < lstm::kBaselineCount; ++b) {
    std::string name = lstm::kBaselineNames[b];
    if (b == int(lstm::Baseline::SeasonalNaive)) name += " (m=" + std::to_string(season) + ")";
    row(name, s.baselines[b], false);
  }
  ImGui::EndTable();
  const std::string note = lstm::mape_note(s.model);
  if (!note.empty()) ui::note_text(note);
}
}  // namespace

void App::draw_forecast_settings() {
  lstm::DataConfig& d = cfg_.data;
  bool changed = false;
  ImGui::TextDisabled("forecasting");
  ImGui::PushItemWidth(150);
  changed |= ImGui::SliderFloat("test_split", &d.test_split, 0.f, 0.5f, "%.2f");
  mark("test_split");
  ui::tip("Last fraction of windows held out as the test part: reported separately, never used for a choice.");
  bool auto_season = d.season == 0;
  if (ImGui::Checkbox("detect season", &auto_season)) {
    const lstm::RunForecast& f = run0().s.forecast;
    d.season = auto_season ? 0 : std::max(run0().has_forecast() ? f.eval.season : 12, 1);
    changed = true;
  }
  mark("detect_season");
  ui::tip("m for seasonal naive, MASE and seasonal differencing, from the autocorrelation of the training part.");
  ImGui::SameLine();
  if (auto_season) {
    if (run0().has_forecast()) ImGui::Text("m = %d", run0().s.forecast.eval.season);
    else ImGui::TextDisabled("m: found at Train");
  } else {
    ImGui::SetNextItemWidth(90);
    int m = d.season;
    if (ImGui::InputInt("m", &m)) d.season = std::clamp(m, 1, 10000), changed = true;
    mark("season");
  }
  changed |= ImGui::Checkbox("log", &d.log);
  mark("log");
  ui::tip("log(y) before scaling, exp after: multiplicative growth becomes a line (positive series only).");
  ImGui::SameLine();
  changed |= ImGui::Checkbox("remove trend", &d.detrend);
  mark("detrend");
  ui::tip("Subtract a straight line fitted on the training rows; added back to every prediction.");
  int diff = int(d.difference);
  const lstm::EnumLabels& diffs = lstm::enum_labels<lstm::Difference>();
  ImGui::TextUnformatted("diff");
  for (int i = 0; i < diffs.count; ++i) {
    ImGui::SameLine();
    if (ImGui::RadioButton(diffs.titles[i], &diff, i)) d.difference = lstm::Difference(diff), changed = true;
    mark((std::string("diff_") + diffs.labels[i]).c_str());
    ui::tip("Model y[t] - y[t - d] (d = 1 or m) and add the known past back: a trend the scaler\n"
            "cannot extrapolate becomes a level it can.");
  }
  ImGui::PopItemWidth();
  ImGui::TextDisabled("on the plot");
  for (int b = 0; b < lstm::kBaselineCount; ++b) {
    if (b) ImGui::SameLine();
    ImGui::Checkbox(b == 1 ? "seasonal" : lstm::kBaselineNames[b], &forecast_.show_baseline[b]);
    mark((std::string("show_") + lstm::kBaselineKeys[b]).c_str());
  }
  ImGui::Checkbox("80 % / 95 % bands on the rollout", &forecast_.bands);
  mark("show_bands");
  ui::tip("The baselines' forecasts beside the rollout, and its 80 % / 95 % conformal bands.");
  if (changed) config_changed();
}

void App::draw_metrics_tab() {
  const lstm::RunView& v = run0();
  if (!v.has_forecast()) {
    ImGui::TextDisabled("Press Train: the model is then scored against naive, seasonal naive, drift and mean.");
    return;
  }
  const lstm::RunForecast& f = v.s.forecast;
  const lstm::Evaluation& e = f.eval;
  ImGui::Text("season m = %d%s", e.season, e.season_detected ? " (detected on the training part)" : "");
  ui::tip("MASE divides each MAE by the in-sample seasonal naive MAE (Hyndman & Koehler 2006): < 1 beats it.");
  ImGui::SameLine();
  ImGui::TextDisabled("   MASE scale %s", e.mase_scale.empty() ? "-" : fmt(e.mase_scale[0]).c_str());
  for (const auto* s : {&e.val, &e.test}) {
    const bool test = s == &e.test;
    if (s->windows == 0) {
      ImGui::TextDisabled(test ? "No test part: set test_split to hold one out." : "No validation part.");
      continue;
    }
    ImGui::Text("%s: %d windows", test ? "test" : "validation", s->windows);
    if (!s->verdict.empty()) {
      ImGui::SameLine();
      ImGui::TextColored(verdict_color(s->verdict), "  model %s", s->verdict.c_str());
    }
    metrics_table(test ? "##test_metrics" : "##val_metrics", *s, e.season);
  }
  const lstm::Intervals& iv = f.intervals;
  if (iv.steps > 0) {
    ImGui::Text("intervals: split-conformal from %d validation origins", iv.calibration_origins);
    if (iv.test_points[0] > 0)
      ImGui::Text("test coverage: 80 %% band %s of %d points, 95 %% band %s of %d",
                  fmt(100 * iv.coverage[0], "%.0f %%").c_str(), iv.test_points[0],
                  fmt(100 * iv.coverage[1], "%.0f %%").c_str(), iv.test_points[1]);
  }
  mark("metrics_tab");
}

void App::draw_backtest_tab() {
  ForecastPanelState& st = forecast_;
  const int k = session_.backtest_folds();
  ImGui::SetNextItemWidth(90);
  ImGui::InputInt("folds", &st.folds);
  st.folds = std::clamp(st.folds, 2, lstm::kMaxRuns);
  ImGui::SameLine();
  if (ImGui::Button(k ? "Run again" : "Run backtest")) {
    st.backtest_error = session_.start_backtest(st.folds);
    if (st.backtest_error.empty()) session_.start_all();
  }
  mark("run_backtest");
  ui::tip("Walk-forward: each fold trains on the series up to a cut and is tested on the next test part\n"
          "(expanding window). The folds train in parallel, each in its own worker.");
  if (k) {
    ImGui::SameLine();
    if (ImGui::Button("Stop backtest")) session_.stop_backtest();
  }
  if (!st.backtest_error.empty()) ui::error_text(st.backtest_error);
  if (!k) return;
  if (!ImGui::BeginTable("##folds", 7, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TextDisabled("test MASE of the model, naive and seasonal naive, per fold");
  for (const char* h : {"fold", "rows", "tests", "model", "naive", "seasonal", "verdict"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  double mean[3] = {0, 0, 0};
  int done = 0;
  for (int f = 0; f < k; ++f)
    for (int i = 0; i < session_.n_runs(); ++i) {
      const lstm::RunView& v = session_.run(i);
      if (v.fold != f) continue;
      const lstm::SplitEvaluation& t = v.s.forecast.eval.test;
      const bool ready = v.has_forecast() && !v.training() && v.s.progress.done;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(i ? ui::kRunColors[(i - 1) % 3] : ui::kValColor), "%d", f + 1);
      ImGui::TableNextColumn();
      ImGui::Text("%d", v.rows ? v.rows : series_.length());
      ImGui::TableNextColumn();
      ImGui::Text("%d", t.windows);
      const double vals[3] = {t.model.mase, t.baselines[0].mase, t.baselines[1].mase};
      for (double x : vals) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(ready ? fmt(x, "%.3f").c_str() : "...");
      }
      ImGui::TableNextColumn();
      if (ready) ImGui::TextColored(verdict_color(t.verdict), "%s", t.verdict.c_str());
      else ImGui::TextDisabled(v.training() ? "training (epoch %d)" : "waiting", v.s.progress.epoch);
      if (ready) {
        for (int q = 0; q < 3; ++q) mean[q] += vals[q];
        ++done;
      }
    }
  if (done == k) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("mean");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    for (double x : mean) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(fmt(x / k, "%.3f").c_str());
    }
  }
  ImGui::EndTable();
  mark("backtest_table");
  ImGui::TextDisabled("Each fold's test predictions are drawn on the series plot in its colour.");
}

void App::draw_forecast_overlays(int j, int column) {
  const lstm::RunView& v = run0();
  const lstm::RunForecast& f = v.s.forecast;
  const int T = series_.length(), J = std::max(f.n_targets, 1);
  const std::string name = series_.names[size_t(column)];
  // The test part's predictions (its own colour), the backtest folds' test predictions.
  const int K = f.horizon, O = J * K, first_test = f.n_train + f.n_val;
  if (f.n_test > 0) {
    std::vector<float> ys(size_t(f.n_test));
    for (int i = 0; i < f.n_test; ++i) ys[size_t(i)] = f.pred[size_t(first_test + i) * O + j];
    Plot::SetNextColor(ui::kTestColor);
    Plot::SetNextRevision((session_.change_count() << 32) + v.forecasts);  // same predictions
    Plot::PlotLine(("prediction (test) " + name).c_str(), f.x.data() + first_test, ys.data(), f.n_test, 1.5f);
  }
  for (int r = 1; session_.backtest_folds() && r < session_.n_runs(); ++r) {
    const lstm::RunView& rv = session_.run(r);
    const lstm::RunForecast& rf = rv.s.forecast;
    if (rv.fold < 0 || !rv.has_forecast() || rf.n_targets != f.n_targets || rf.n_test < 1) continue;
    const int rO = rf.n_targets * rf.horizon, r0 = rf.n_train + rf.n_val;
    std::vector<float> ys(size_t(rf.n_test));
    for (int i = 0; i < rf.n_test; ++i) ys[size_t(i)] = rf.pred[size_t(r0 + i) * rO + j];
    Plot::SetNextColor(ui::kRunColors[(r - 1) % 3]);
    Plot::SetNextRevision((session_.change_count() << 32) + rv.forecasts);
    Plot::PlotLine(("fold " + std::to_string(rv.fold + 1) + " (test) " + name).c_str(), rf.x.data() + r0,
                   ys.data(), rf.n_test, 1.5f);
  }
  const int S = int(f.rollout.size()) / J;
  if (S < 1) return;
  std::vector<float> xs(size_t(S) + 1), lo(size_t(S) + 1), hi(size_t(S) + 1), ys(size_t(S) + 1);
  const float last = series_.columns[size_t(column)][size_t(T - 1)];
  xs[0] = float(T - 1);
  for (int s = 0; s < S; ++s) xs[size_t(s) + 1] = float(T + s);
  // Bands: 95 % under 80 %, pinned to the last actual value.
  const lstm::Intervals& iv = f.intervals;
  if (forecast_.bands && iv.steps == S && iv.n_targets == J)
    for (int l = lstm::kIntervalLevels - 1; l >= 0; --l) {
      lo[0] = hi[0] = last;
      for (int s = 0; s < S; ++s) {
        const float c = f.rollout[size_t(s) * J + j], h = iv.half[l][size_t(s) * J + j];
        lo[size_t(s) + 1] = c - h, hi[size_t(s) + 1] = c + h;
      }
      const std::string label = std::string(l ? "95 % band " : "80 % band ") + name;
      Plot::PlotBand(label.c_str(), xs.data(), lo.data(), hi.data(), S + 1, kBandColor[l]);
    }
  if (f.baseline_paths.size() == size_t(lstm::kBaselineCount) * f.rollout.size())
    for (int b = 0; b < lstm::kBaselineCount; ++b) {
      if (!forecast_.show_baseline[b]) continue;
      ys[0] = last;
      for (int s = 0; s < S; ++s) ys[size_t(s) + 1] = f.baseline_paths[size_t(b) * f.rollout.size() + size_t(s) * J + j];
      Plot::SetNextColor(kBaselineColors[b]);
      Plot::PlotLine((std::string(lstm::kBaselineNames[b]) + " forecast " + name).c_str(), xs.data(), ys.data(), S + 1, 1.f);
    }
}
