// Series & forecast view: the data, one-step predictions on the training and validation windows,
// the validation part shaded, the recursive rollout, the direct multi-step output, the naive
// baseline and its RMSE / MAE against the model. Drawing with the mouse happens on this plot.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "plot.h"
#include "ui_widgets.h"
#include "windows.h"

void App::push_undo() {
  const size_t kMaxUndo = 50;
  if (undo_.size() >= kMaxUndo) undo_.erase(undo_.begin());
  undo_.push_back(series_);
  redo_.clear();
}

// Undo (from = undo_, to = redo_) or redo (the other way round).
void App::step_history(std::vector<lstm::Series>& from, std::vector<lstm::Series>& to) {
  to.push_back(series_);
  series_ = from.back();
  from.pop_back();
  preset_untouched_ = false;
  series_changed();
}

void App::draw_series_panel() {
  const lstm::DataConfig& d = cfg_.data;
  const int n_windows = lstm::count_windows(series_.length(), d.look_back, d.horizon);
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "Series & forecast");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(220);
  selected_window_ = std::clamp(selected_window_, 0, std::max(n_windows - 1, 0));
  ImGui::SliderInt("window", &selected_window_, 0, std::max(n_windows - 1, 0));
  mark("window_slider");
  ui::tip("The sample highlighted on the timeline and traced in Inside the LSTM (or hover the plot).");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100);
  if (ImGui::InputInt("rollout steps", &rollout_steps_, 10, 100)) {
    rollout_steps_ = std::clamp(rollout_steps_, 1, 5000);
    forecast_.samples = -1;  // recompute with the new length
  }
  ui::tip("Steps predicted past the end by feeding predictions back in (Keras: a loop over model.predict).");
  const float metrics_h = ImGui::GetTextLineHeightWithSpacing() * 1.2f;
  draw_series_plot(ImGui::GetContentRegionAvail().y - metrics_h);
  const bool current = !needs_setup_ && forecast_.samples >= 0;
  if (current && forecast_.model.count > 0) {
    const bool better = forecast_.model.rmse < forecast_.baseline.rmse;
    ImGui::TextColored(better ? ImVec4(0.45f, 0.9f, 0.5f, 1) : ImVec4(1.f, 0.7f, 0.4f, 1),
                       "validation RMSE  model %.4g  vs  naive %.4g      MAE  model %.4g  vs  naive %.4g   %s",
                       forecast_.model.rmse, forecast_.baseline.rmse, forecast_.model.mae,
                       forecast_.baseline.mae, better ? "(model beats persistence)" : "(persistence is better so far)");
  } else if (current) {
    ImGui::TextDisabled("No validation windows (val_split = 0): no RMSE to report.");
  } else {
    ImGui::TextDisabled("Press Train (or Space) to fit the model; predictions appear here.");
  }
}

void App::draw_series_plot(float height) {
  const lstm::DataConfig& d = cfg_.data;
  const int T = series_.length();
  const bool drawing = tool_ != DrawTool::Off;
  Plot::PlotFlags flags = drawing ? Plot::PlotFlags_LeftButtonFree : 0;
  if (!Plot::BeginPlot("##series", ImVec2(-1, height), flags)) return;
  Plot::SetupAxes("time step", "value", drawing ? 0 : Plot::AxisFlags_AutoFit, 0);
  if (T == 0) Plot::SetupAxesLimits(0, 200, -1.5, 1.5, Plot::Cond::Always);
  if (view_pending_) Plot::SetupAxesLimits(view_.x_min, view_.x_max, view_.y_min, view_.y_max, Plot::Cond::Always);
  view_pending_ = false;
  if (fit_series_ && T > 0) Plot::RequestFit();
  fit_series_ = false;
  // Validation part: rows predicted by the validation windows (start[i] = i).
  const int n_windows = lstm::count_windows(T, d.look_back, d.horizon);
  const lstm::Split split = lstm::split_windows(n_windows, d.val_split);
  if (split.n_val > 0)
    Plot::PlotShadedX("validation", split.n_train + d.look_back - 0.5, T - 0.5, IM_COL32(80, 200, 120, 28));
  // The highlighted sample: its input window and its target rows.
  const int w = hovered_window_ >= 0 ? hovered_window_ : selected_window_;
  if (w < n_windows) {
    Plot::PlotShadedX("##input", w - 0.5, w + d.look_back - 0.5, IM_COL32(76, 154, 255, 40));
    Plot::PlotShadedX("##target", w + d.look_back - 0.5, w + d.look_back + d.horizon - 0.5,
                      IM_COL32(255, 216, 102, 60));
  }
  for (int c = 0; c < series_.width(); ++c)
    Plot::PlotLine(series_.names[c].c_str(), series_.columns[c].data(), T);

  const Forecast& f = forecast_;
  if (!needs_setup_ && f.samples >= 0 && trainer_.ready()) {
    const int J = f.n_targets, K = f.horizon, O = J * K, N = int(f.x.size());
    const auto& targets = trainer_.dataset().plan.targets;
    std::vector<float> ys(static_cast<size_t>(N));
    for (int j = 0; j < J; ++j) {
      const std::string name = series_.names[targets[j]];
      for (int i = 0; i < N; ++i) ys[i] = f.pred[size_t(i) * O + j];
      Plot::SetNextColor(ui::kTrainColor);
      Plot::PlotLine(("fit (train) " + name).c_str(), f.x.data(), ys.data(), f.n_train, 1.5f);
      Plot::SetNextColor(ui::kValColor);
      Plot::PlotLine(("prediction (val) " + name).c_str(), f.x.data() + f.n_train, ys.data() + f.n_train,
                     f.n_val, 1.5f);
      if (!f.naive.empty()) {
        std::vector<float> nv(size_t(f.n_val));
        for (int i = 0; i < f.n_val; ++i) nv[i] = f.naive[size_t(i) * O + j];
        Plot::SetNextColor(ui::kNaiveColor);
        Plot::PlotLine(("naive " + name).c_str(), f.x.data() + f.n_train, nv.data(), f.n_val, 1.f);
      }
      if (!f.rollout.empty()) {
        const int S = int(f.rollout.size()) / J;
        std::vector<float> rx(size_t(S) + 1), ry(size_t(S) + 1);
        rx[0] = float(T - 1), ry[0] = series_.columns[targets[j]][T - 1];
        for (int s = 0; s < S; ++s) rx[s + 1] = float(T + s), ry[s + 1] = f.rollout[size_t(s) * J + j];
        Plot::SetNextColor(ui::kRolloutColor);
        Plot::PlotLine(("rollout " + name).c_str(), rx.data(), ry.data(), S + 1, 2.f);
      }
      if (K > 1 && w < N) {
        std::vector<float> mx(static_cast<size_t>(K)), my(static_cast<size_t>(K));
        for (int k = 0; k < K; ++k) mx[k] = f.x[w] + k, my[k] = f.pred[size_t(w) * O + k * J + j];
        Plot::SetNextColor(ui::kMultiColor);
        Plot::PlotLine(("direct multi-step " + name).c_str(), mx.data(), my.data(), K, 2.5f);
        Plot::SetNextColor(ui::kMultiColor);
        Plot::PlotScatter("##ms", mx.data(), my.data(), K, 3.f);
      }
    }
  }
  handle_drawing();
  // Hover picks the window whose first target is under the cursor.
  hovered_window_ = -1;
  if (!drawing && Plot::IsPlotHovered()) {
    const int row = int(std::lround(Plot::GetPlotMousePos().x));
    const int i = row - d.look_back;
    if (i >= 0 && i < n_windows) {
      hovered_window_ = i;
      if (ImGui::IsMouseClicked(0)) selected_window_ = i;
    }
  }
  const Plot::Rect r = Plot::GetPlotRect();
  rects_["series_plot"] = {r.min.x, r.min.y, r.max.x - r.min.x, r.max.y - r.min.y};
  const lstm::AxisRange ax = Plot::GetAxisX(), ay = Plot::GetAxisY();
  series_axes_ = {float(ax.min), float(ax.max), float(ay.min), float(ay.max)};
  Plot::EndPlot();
  if (!f.rollout_error.empty() && !needs_setup_) ui::note_text("Rollout: " + f.rollout_error);
}

void App::handle_drawing() {
  if (tool_ == DrawTool::Off) {
    stroke_active_ = false;
    return;
  }
  const Plot::Point m = Plot::GetPlotMousePos();
  if (!stroke_active_ && Plot::IsPlotHovered() && ImGui::IsMouseClicked(0)) {
    stroke_active_ = true;
    stroke_.clear();
  }
  if (stroke_active_) {
    if (stroke_.empty() || stroke_.back().x != m.x || stroke_.back().y != m.y) stroke_.push_back({m.x, m.y});
    std::vector<float> xs, ys;
    for (const lstm::StrokePoint& p : stroke_) xs.push_back(float(p.x)), ys.push_back(float(p.y));
    if (tool_ == DrawTool::Pen) {
      Plot::SetNextColor(IM_COL32(255, 255, 255, 230));
      Plot::PlotLine("##stroke", xs.data(), ys.data(), int(xs.size()), 2.f);
    } else {
      const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
      Plot::PlotShadedX("##erase", *lo, *hi, IM_COL32(240, 82, 82, 60));
    }
    if (!ImGui::IsMouseDown(0)) {
      stroke_active_ = false;
      push_undo();
      if (tool_ == DrawTool::Pen) {
        lstm::apply_stroke(series_, draw_column_, lstm::resample_stroke(stroke_));
        series_label_ = "drawn with the mouse";
      } else {
        const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
        lstm::erase_rows(series_, int(std::ceil(*lo)), int(std::floor(*hi)));
      }
      stroke_.clear();
      preset_untouched_ = false;
      series_changed();
    }
  }
}
