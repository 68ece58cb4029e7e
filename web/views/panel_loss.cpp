// The Loss panel's tabs: training and validation loss per epoch (Keras' history) of every run;
// the gradient over lag of every run (how far back the training signal reaches); the saliency of
// the selected window (which steps and inputs its prediction used). Runs in their own colours.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app.h"
#include "config_enums.h"
#include "windows.h"
#include "imgui.h"
#include "plot.h"
#include "ui_widgets.h"

namespace {
std::string run_name(int i, const lstm::RunView& v) {
  return "run " + std::to_string(i + 1) + " (" +
         lstm::enum_labels<lstm::CellKind>().titles[int(v.config.model.cell)] + ", seed " +
         std::to_string(v.config.model.seed) + ")";
}
ImU32 run_color(int i) { return i == 0 ? ui::kValColor : ui::kRunColors[(i - 1) % 3]; }
}  // namespace

void App::draw_loss_panel() {
  if (!ImGui::BeginTabBar("##loss_tabs")) return;
  if (ImGui::BeginTabItem("Loss")) {
    draw_loss_tab();
    ImGui::EndTabItem();
  }
  mark("tab_loss");
  if (ImGui::BeginTabItem("Forecast metrics")) {
    draw_metrics_tab();
    ImGui::EndTabItem();
  }
  mark("tab_metrics");
  if (ImGui::BeginTabItem("Backtest")) {
    draw_backtest_tab();
    ImGui::EndTabItem();
  }
  mark("tab_backtest");
  if (ImGui::BeginTabItem("Runs")) {
    draw_runs_tab();
    ImGui::EndTabItem();
  }
  mark("tab_runs");
  if (ImGui::BeginTabItem("Gradient vs lag")) {
    draw_gradient_tab();
    ImGui::EndTabItem();
  }
  mark("tab_gradient");
  ui::tip("How far back in time the training signal reaches: |dL/dx| at each step back from the\n"
          "window's end. A vanishing gradient falls steeply as the lag grows.");
  if (ImGui::BeginTabItem("Saliency")) {
    draw_saliency_tab();
    ImGui::EndTabItem();
  }
  mark("tab_saliency");
  ImGui::EndTabBar();
}

void App::draw_loss_tab() {
  ImGui::Checkbox("log scale", &loss_.log);
  ui::tip("Logarithmic loss axis (Keras: plt.yscale('log') over history.history['loss']).");
  const lstm::EpochLosses& h = run0().s.history;
  const bool have = !run0().stale && !h.train.empty();
  if (have) {
    ImGui::SameLine();
    ImGui::TextDisabled("last: train %.3g  val %.3g", h.train.back(), h.val.empty() ? 0.f : h.val.back());
  }
  if (Plot::BeginPlot("##loss", ImVec2(-1, -1))) {
    Plot::SetupAxes("epoch", "loss (scaled units)", Plot::AxisFlags_AutoFit,
                    Plot::AxisFlags_AutoFit | (loss_.log ? Plot::AxisFlags_Log : 0));
    if (!have) Plot::SetupAxesLimits(0, 10, loss_.log ? 1e-3 : 0, 1, Plot::Cond::Always);
    if (have) {
      Plot::SetNextColor(ui::kTrainColor);
      Plot::PlotLine("train (loss)", h.train.data(), int(h.train.size()), 1, 1);
      Plot::SetNextColor(ui::kValColor);
      Plot::PlotLine(session_.n_runs() > 1 ? (run_name(0, run0()) + " val_loss").c_str() : "validation (val_loss)",
                     h.val.data(), int(h.val.size()), 1, 1);
    }
    for (int i = 1; i < session_.n_runs(); ++i) {
      const lstm::RunView& v = session_.run(i);
      if (v.stale || v.s.history.train.empty()) continue;
      Plot::SetNextColor(run_color(i));
      Plot::PlotLine((run_name(i, v) + " val_loss").c_str(), v.s.history.val.data(), int(v.s.history.val.size()), 1, 1);
    }
    Plot::EndPlot();
  }
}

void App::draw_gradient_tab() {
  bool any = false;
  for (int i = 0; i < session_.n_runs(); ++i) any |= session_.run(i).has_forecast() && !session_.run(i).s.forecast.grad_by_lag.empty();
  if (!any) {
    ImGui::TextDisabled("Train or Step once: each run's |dL/dx| per step back appears here.");
    return;
  }
  ImGui::Checkbox("relative to lag 0", &loss_.grad_relative);
  mark("grad_relative");
  ui::tip("Divide each run's curve by its value at lag 0, so the runs' decay compares whatever their loss.");
  ImGui::SameLine();
  ImGui::TextDisabled("|dL/dx| per step back, mean over a batch");
  if (Plot::BeginPlot("##grad_lag", ImVec2(-1, -1))) {
    Plot::SetupAxes("lag k (steps back)", loss_.grad_relative ? "|dL/dx(t-k)| / |dL/dx(t)|" : "|dL/dx(t-k)|",
                    Plot::AxisFlags_AutoFit, Plot::AxisFlags_AutoFit | Plot::AxisFlags_Log);
    std::vector<float> shown;
    for (int i = 0; i < session_.n_runs(); ++i) {
      const lstm::RunView& v = session_.run(i);
      const std::vector<float>& g = v.s.forecast.grad_by_lag;
      if (!v.has_forecast() || g.empty()) continue;
      shown = g;
      if (loss_.grad_relative && g[0] > 0.f)
        for (float& x : shown) x /= g[0];
      Plot::SetNextColor(run_color(i));
      Plot::PlotLine(run_name(i, v).c_str(), shown.data(), int(shown.size()), 0, 1);
    }
    Plot::EndPlot();
  }
  mark("gradient_plot");
}

void App::draw_saliency_tab() {
  const lstm::RunView& v = run0();
  const lstm::RunTrace& tr = v.s.trace;
  if (v.stale || tr.saliency.empty() || tr.n_features < 1) {
    ImGui::TextDisabled("Train or Step once: which steps and inputs the selected window's prediction used.");
    return;
  }
  if (v.parts != loss_.seen_parts) ++loss_.version, loss_.seen_parts = v.parts;
  const int F = tr.n_features, T = int(tr.saliency.size()) / F;
  float hi = 1e-12f;
  for (float x : tr.saliency) hi = std::max(hi, x);
  ImGui::TextDisabled("window %d: |d prediction / d input|, inputs (rows) x steps (columns, oldest left)", tr.window);
  HeatmapView view;
  view.data = tr.saliency.data(), view.rows = T, view.cols = F, view.transpose = true;
  view.lo = 0.f, view.hi = hi, view.map = Colormap::Sequential, view.version = loss_.version;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float label_w = 90.f;
  ImGui::BeginGroup();
  const float row_h = std::max(avail.y - ImGui::GetFontSize() - 8, 20.f) / float(F);
  const lstm::DataConfig& d = v.config.data;
  const lstm::ColumnPlan plan = lstm::plan_columns(d);
  for (int f = 0; f < F; ++f) {
    const int col = f < plan.n_features() ? plan.inputs[size_t(f)] : -1;
    const std::string name = col >= 0 && col < series_.width() ? series_.names[size_t(col)] : "x" + std::to_string(f);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.f, row_h - ImGui::GetFontSize()) * 0.5f);
    ImGui::TextUnformatted(name.c_str());
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.f, row_h - ImGui::GetFontSize()) * 0.5f - ImGui::GetStyle().ItemSpacing.y);
  }
  ImGui::EndGroup();
  ImGui::SameLine(label_w);
  int row = 0, colh = 0;
  if (loss_.saliency.draw(0, view, ImVec2(std::max(avail.x - label_w, 20.f), std::max(avail.y - ImGui::GetFontSize() - 8, 20.f)), &row, &colh))
    ImGui::SetTooltip("input %d, %d steps back: %.4g", row, T - 1 - colh, tr.saliency[size_t(colh) * F + row]);
  mark("saliency_map");
}

// One row per run: what it trains (editable for runs 2-4; run 1 is the settings panel), where it
// is, and its validation error against the naive (persistence) forecast.
void App::draw_runs_tab() {
  const lstm::EnumLabels& cells = lstm::enum_labels<lstm::CellKind>();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##runs", 10, flags)) return;
  // What a learner compares first (error, progress), then what each run trains.
  for (const char* h : {"run", "val RMSE", "val MAE", "vs naive", "epoch", "cell", "units", "look_back", "lr", "seed"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (int i = 0; i < session_.n_runs(); ++i) {
    const lstm::RunView& v = session_.run(i);
    lstm::Config c = v.config;
    bool changed = false;
    ImGui::TableNextRow();
    ImGui::PushID(i);
    ImGui::TableNextColumn();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(run_color(i)), "run %d", i + 1);
    const lstm::RunForecast& f = v.s.forecast;
    const bool metrics = v.has_forecast() && f.model.count > 0;
    ImGui::TableNextColumn();
    if (metrics) ImGui::Text("%.4g", f.model.rmse);
    else ImGui::TextDisabled(v.s.phase == lstm::RunPhase::Failed ? "failed" : "-");
    if (v.s.phase == lstm::RunPhase::Failed) ui::tip(v.s.error.c_str());
    ImGui::TableNextColumn();
    if (metrics) ImGui::Text("%.4g", f.model.mae);
    ImGui::TableNextColumn();
    if (metrics && f.baseline.rmse > 0) {
      const double gain = 1.0 - f.model.rmse / f.baseline.rmse;
      ImGui::TextColored(gain > 0 ? ImVec4(0.5f, 0.85f, 0.5f, 1.f) : ImVec4(0.95f, 0.6f, 0.4f, 1.f),
                         gain > 0 ? "%.0f %% better" : "%.0f %% worse", std::fabs(gain) * 100.0);
      char tip[160];
      std::snprintf(tip, sizeof tip, "RMSE against the naive forecast (the last input repeated):\n"
                    "naive RMSE %.4g, MAE %.4g", f.baseline.rmse, f.baseline.mae);
      ui::tip(tip);
    }
    ImGui::TableNextColumn();
    if (v.stale) ImGui::TextDisabled("-");
    else ImGui::Text("%d/%d", v.s.progress.epoch, c.train.epochs);
    ImGui::BeginDisabled(i == 0);  // run 1: the settings on the left
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(92);
    int cell = int(c.model.cell);
    if (ImGui::Combo("##cell", &cell, cells.titles, cells.count)) c.model.cell = lstm::CellKind(cell), changed = true;
    mark(("run_cell_" + std::to_string(i + 1)).c_str());
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(40);
    int units = c.model.units[0];
    if (ImGui::InputInt("##units", &units, 0)) {
      for (int l = 0; l < lstm::kMaxLayers; ++l) c.model.units[l] = std::clamp(units, 1, 1024);
      changed = true;
    }
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(40);
    if (ImGui::InputInt("##look_back", &c.data.look_back, 0)) c.data.look_back = std::max(c.data.look_back, 1), changed = true;
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(56);
    if (ImGui::InputFloat("##lr", &c.train.lr, 0.f, 0.f, "%.4g")) c.train.lr = std::clamp(c.train.lr, 1e-6f, 1.f), changed = true;
    ImGui::TableNextColumn();
    ImGui::SetNextItemWidth(40);
    int seed = int(c.model.seed);
    if (ImGui::InputInt("##seed", &seed, 0)) c.model.seed = uint64_t(std::max(seed, 0)), changed = true;
    ImGui::EndDisabled();
    if (changed) session_.set_run_config(i, c);
    ImGui::PopID();
  }
  ImGui::EndTable();
  if (session_.n_runs() == 1)
    ImGui::TextDisabled("One run. \"compare...\" above adds the same model with another cell beside it.");
  else
    ImGui::TextDisabled("Run 1 follows the settings on the left; edit the others here.");
}
