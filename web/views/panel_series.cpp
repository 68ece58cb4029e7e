// Series & forecast view: the data, one-step predictions on the training and validation windows,
// the validation part shaded, the recursive rollout, the direct multi-step output, the naive
// baseline and its RMSE / MAE against the model. Drawing with the mouse happens on this plot.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "plot.h"
#include "ui_widgets.h"
#include "windows.h"

void App::draw_series_panel() {
  const lstm::DataConfig& d = cfg_.data;
  const int n_windows = lstm::count_windows(series_.length(), d.look_back, d.horizon, d.stride);
  const bool narrow = ImGui::GetContentRegionAvail().x < 560.f;  // a phone: the controls stack
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "Series & forecast");
  if (!narrow) ImGui::SameLine();
  ImGui::SetNextItemWidth(narrow ? ImGui::GetContentRegionAvail().x - 80.f : 220.f);
  int window = std::clamp(session_.trace_window(), 0, std::max(n_windows - 1, 0));
  ImGui::SliderInt("window", &window, 0, std::max(n_windows - 1, 0));
  session_.set_trace_window(window);
  mark("window_slider");
  ui::tip("The sample highlighted on the timeline and traced in Inside the LSTM (or hover the plot).");
  if (!narrow) ImGui::SameLine();
  ImGui::SetNextItemWidth(narrow ? 140.f : 100.f);
  int steps = session_.rollout_steps();
  if (ImGui::InputInt("rollout steps", &steps, 10, 100)) session_.set_rollout_steps(std::clamp(steps, 1, 5000));
  mark("rollout_steps");
  ui::tip("Steps predicted past the end by feeding predictions back in (Keras: a loop over model.predict).");
  const lstm::RunForecast& f = run0().s.forecast;
  const bool current = run0().has_forecast();
  // Under the plot: the verdict, MASE, RMSE, on one line where it fits, else on as many as it
  // takes (a tablet's panel); a phone has its own four short lines.
  std::vector<std::string> lines;
  bool better = false;
  if (current && f.model.count > 0) {
    // The test part when there is one (nothing was tuned on it), else validation.
    const bool test = f.eval.test.windows > 0;
    const lstm::SplitEvaluation& e = test ? f.eval.test : f.eval.val;
    better = e.verdict.rfind("beats", 0) == 0;
    const double naive_mase = e.baselines[int(lstm::Baseline::Naive)].mase;
    const double snaive_mase = e.baselines[int(lstm::Baseline::SeasonalNaive)].mase;
    const char* part = test ? "test" : "validation";
    char buf[4][160];
    if (narrow) {
      std::snprintf(buf[0], sizeof buf[0], "%s MASE  model %.3f", part, e.model.mase);
      std::snprintf(buf[1], sizeof buf[1], "  vs  naive %.3f, seasonal naive %.3f", naive_mase, snaive_mase);
      std::snprintf(buf[2], sizeof buf[2], "RMSE  model %.4g  vs  naive %.4g", e.model.rmse, e.baselines[0].rmse);
      std::snprintf(buf[3], sizeof buf[3], "model %s", e.verdict.c_str());
      lines.assign(buf, buf + 4);
    } else {
      std::snprintf(buf[0], sizeof buf[0], "%s: model %s", part, e.verdict.c_str());
      std::snprintf(buf[1], sizeof buf[1], "MASE  model %.3f  vs  naive %.3f, seasonal naive (m=%d) %.3f",
                    e.model.mase, naive_mase, f.eval.season, snaive_mase);
      std::snprintf(buf[2], sizeof buf[2], "RMSE  model %.4g  vs  naive %.4g", e.model.rmse, e.baselines[0].rmse);
      const float width = ImGui::GetContentRegionAvail().x;
      for (const char* piece : {buf[0], buf[1], buf[2]}) {
        const std::string joined = lines.empty() ? "" : lines.back() + "      " + piece;
        if (!lines.empty() && ImGui::CalcTextSize(joined.c_str()).x <= width) lines.back() = joined;
        else lines.push_back(piece);
      }
    }
  }
  const float metrics_h = ImGui::GetTextLineHeightWithSpacing() * (float(std::max<size_t>(lines.size(), narrow ? 4 : 1)) + 0.2f);
  draw_series_plot(ImGui::GetContentRegionAvail().y - metrics_h);
  if (!lines.empty()) {
    const ImVec4 color = better ? ImVec4(0.45f, 0.9f, 0.5f, 1) : ImVec4(1.f, 0.7f, 0.4f, 1);
    for (const std::string& line : lines) ImGui::TextColored(color, "%s", line.c_str());
    mark("verdict");
  } else if (current) {
    ImGui::TextDisabled("No validation windows (val_split = 0): no RMSE to report.");
  } else if (narrow) {
    ImGui::TextWrapped("Press Train to fit the model; predictions appear here.");
  } else {
    ImGui::TextDisabled("Press Train (or Space) to fit the model; predictions appear here.");
  }
}

void App::draw_series_plot(float height) {
  const lstm::DataConfig& d = cfg_.data;
  const int T = series_.length();
  const bool drawing = data_.tool != DrawTool::Off;
  Plot::PlotFlags flags = drawing ? Plot::PlotFlags_LeftButtonFree : 0;
  if (!Plot::BeginPlot("##series", ImVec2(-1, height), flags)) return;
  Plot::SetupAxes("time step", "value", drawing ? 0 : Plot::AxisFlags_AutoFit, 0);
  if (T == 0) Plot::SetupAxesLimits(0, 200, -1.5, 1.5, Plot::Cond::Always);
  SeriesPanelState& sv = series_view_;
  if (sv.view_pending) Plot::SetupAxesLimits(sv.view.x_min, sv.view.x_max, sv.view.y_min, sv.view.y_max, Plot::Cond::Always);
  sv.view_pending = false;
  if (sv.fit_pending && T > 0) Plot::RequestFit();
  sv.fit_pending = false;
  // Validation part: rows predicted by the validation windows (window i starts at i * stride).
  const int stride = std::max(d.stride, 1);
  const int n_windows = lstm::count_windows(T, d.look_back, d.horizon, stride);
  // The validation and test parts: the rows their windows predict (the run's own split, which
  // knows the differencing lag; before a run, the config's).
  const lstm::RunForecast& rf0 = run0().s.forecast;
  const bool known = run0().has_forecast() && rf0.x.size() == size_t(rf0.n_train + rf0.n_val + rf0.n_test);
  const lstm::Split cfg_split = lstm::split_windows(n_windows, d.val_split, d.test_split);
  const int n_train = known ? rf0.n_train : cfg_split.n_train, n_val = known ? rf0.n_val : cfg_split.n_val;
  const int n_test = known ? rf0.n_test : cfg_split.n_test;
  auto first_row = [&](int i) { return known ? double(rf0.x[size_t(i)]) : double(i * stride + d.look_back); };
  const double test_x = n_test > 0 ? first_row(n_train + n_val) - 0.5 : T - 0.5;
  if (n_val > 0) Plot::PlotShadedX("validation", first_row(n_train) - 0.5, test_x, IM_COL32(80, 200, 120, 28));
  if (n_test > 0) Plot::PlotShadedX("test", test_x, T - 0.5, IM_COL32(255, 216, 102, 26));
  // The highlighted sample: its input window and its target rows.
  const int w = sv.hovered_window >= 0 ? sv.hovered_window : session_.trace_window();
  if (w < n_windows) {
    const int r0 = w * stride;
    Plot::PlotShadedX("##input", r0 - 0.5, r0 + d.look_back - 0.5, IM_COL32(76, 154, 255, 40));
    Plot::PlotShadedX("##target", r0 + d.look_back - 0.5, r0 + d.look_back + d.horizon - 0.5,
                      IM_COL32(255, 216, 102, 60));
    // Saliency beside the input window: a strip under each step, brighter where the prediction
    // leans on that step (|d prediction / d input| summed over the inputs).
    const lstm::RunTrace& tr = run0().s.trace;
    const int F = std::max(tr.n_features, 1), L = int(tr.saliency.size()) / F;
    if (!run0().stale && tr.window == w && L == d.look_back) {
      std::vector<float> per_step(size_t(L), 0.f);
      float top = 1e-12f;
      for (int t = 0; t < L; ++t) {
        for (int f = 0; f < F; ++f) per_step[size_t(t)] += tr.saliency[size_t(t) * F + f];
        top = std::max(top, per_step[size_t(t)]);
      }
      for (int t = 0; t < L; ++t)
        Plot::PlotStripX(r0 + t - 0.5, r0 + t + 0.5, 10.f,
                         IM_COL32(255, 200, 80, int(30 + 225 * per_step[size_t(t)] / top)));
    }
  }
  for (int c = 0; c < series_.width(); ++c) {
    Plot::SetNextRevision(session_.change_count());  // bumped by every series edit
    Plot::PlotLine(series_.names[c].c_str(), series_.columns[c].data(), T);
  }

  const lstm::RunForecast& f = run0().s.forecast;
  if (run0().has_forecast() && int(run0().s.targets.size()) == f.n_targets) {
    const int J = f.n_targets, K = f.horizon, O = J * K, N = int(f.x.size());
    const std::vector<int>& targets = run0().s.targets;
    std::vector<float> ys(static_cast<size_t>(N));
    for (int j = 0; j < J; ++j) {
      const std::string name = series_.names[targets[j]];
      for (int i = 0; i < N; ++i) ys[i] = f.pred[size_t(i) * O + j];
      // Episodes (stride > 1) predict isolated rows: points, not a line through them.
      // Predictions stay the same until a run merges new ones or the setup changes.
      const uint64_t revision = (session_.change_count() << 32) + run0().forecasts;
      Plot::SetNextColor(ui::kTrainColor);
      Plot::SetNextRevision(revision);
      if (stride > 1) Plot::PlotScatter(("fit (train) " + name).c_str(), f.x.data(), ys.data(), f.n_train, 2.5f);
      else Plot::PlotLine(("fit (train) " + name).c_str(), f.x.data(), ys.data(), f.n_train, 1.5f);
      Plot::SetNextColor(ui::kValColor);
      Plot::SetNextRevision(revision);
      if (stride > 1)
        Plot::PlotScatter(("prediction (val) " + name).c_str(), f.x.data() + f.n_train, ys.data() + f.n_train, f.n_val, 2.5f);
      else
        Plot::PlotLine(("prediction (val) " + name).c_str(), f.x.data() + f.n_train, ys.data() + f.n_train,
                       f.n_val, 1.5f);
      // The other runs' validation predictions, in their colours (compare mode).
      for (int r = 1; r < session_.n_runs(); ++r) {
        const lstm::RunView& rv = session_.run(r);
        const lstm::RunForecast& rf = rv.s.forecast;
        if (rv.fold >= 0 || !rv.has_forecast() || rf.n_targets != J || rv.s.targets != targets) continue;
        const int rO = rf.n_targets * rf.horizon;
        std::vector<float> ry(size_t(rf.n_val));
        for (int i = 0; i < rf.n_val; ++i) ry[size_t(i)] = rf.pred[size_t(rf.n_train + i) * rO + j];
        const std::string label = "run " + std::to_string(r + 1) + " (val) " + name;
        Plot::SetNextColor(ui::kRunColors[(r - 1) % 3]);
        Plot::SetNextRevision((session_.change_count() << 32) + rv.forecasts);
        if (stride > 1) Plot::PlotScatter(label.c_str(), rf.x.data() + rf.n_train, ry.data(), rf.n_val, 2.5f);
        else Plot::PlotLine(label.c_str(), rf.x.data() + rf.n_train, ry.data(), rf.n_val, 1.5f);
      }
      if (!f.naive.empty()) {
        std::vector<float> nv(size_t(f.n_val));
        for (int i = 0; i < f.n_val; ++i) nv[i] = f.naive[size_t(i) * O + j];
        Plot::SetNextColor(ui::kNaiveColor);
        Plot::SetNextRevision(revision);
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
      draw_forecast_overlays(j, targets[j]);
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
  sv.hovered_window = -1;
  if (!drawing && Plot::IsPlotHovered()) {
    const int row = int(std::lround(Plot::GetPlotMousePos().x));
    const int first = row - d.look_back;  // the window's first row, if one starts there
    const int i = first >= 0 ? first / stride : -1;
    if (i >= 0 && i < n_windows && (stride == 1 || first - i * stride < d.horizon)) {
      sv.hovered_window = i;
      if (ImGui::IsMouseClicked(0)) session_.set_trace_window(i);
    }
  }
  const Plot::Rect r = Plot::GetPlotRect();
  rects_["series_plot"] = {r.min.x, r.min.y, r.max.x - r.min.x, r.max.y - r.min.y};
  const lstm::AxisRange ax = Plot::GetAxisX(), ay = Plot::GetAxisY();
  sv.axes = {float(ax.min), float(ax.max), float(ay.min), float(ay.max)};
  Plot::EndPlot();
  if (!f.rollout_error.empty() && run0().has_forecast()) ui::note_text("Rollout: " + f.rollout_error);
}

void App::handle_drawing() {
  DataPanelState& dp = data_;
  if (dp.tool == DrawTool::Off) {
    dp.stroke_active = false;
    return;
  }
  const Plot::Point m = Plot::GetPlotMousePos();
  if (!dp.stroke_active && !touch_.pinching && Plot::IsPlotHovered() && ImGui::IsMouseClicked(0)) {
    dp.stroke_active = true;
    dp.stroke.clear();
  }
  if (!dp.stroke_active) return;
  if (dp.stroke.empty() || dp.stroke.back().x != m.x || dp.stroke.back().y != m.y) dp.stroke.push_back({m.x, m.y});
  std::vector<float> xs, ys;
  for (const lstm::StrokePoint& p : dp.stroke) xs.push_back(float(p.x)), ys.push_back(float(p.y));
  if (dp.tool == DrawTool::Pen) {
    Plot::SetNextColor(IM_COL32(255, 255, 255, 230));
    Plot::PlotLine("##stroke", xs.data(), ys.data(), int(xs.size()), 2.f);
  } else {
    const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
    Plot::PlotShadedX("##erase", *lo, *hi, IM_COL32(240, 82, 82, 60));
  }
  if (ImGui::IsMouseDown(0)) return;
  dp.stroke_active = false;
  lstm::Series& s = session_.begin_series_edit();
  if (dp.tool == DrawTool::Pen) {
    lstm::apply_stroke(s, dp.draw_column, lstm::resample_stroke(dp.stroke));
    session_.end_series_edit("drawn with the mouse");
  } else {
    const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
    lstm::erase_rows(s, int(std::ceil(*lo)), int(std::floor(*hi)));
    session_.end_series_edit("");
  }
  dp.stroke.clear();
  config_changed();
}
