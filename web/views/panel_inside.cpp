// Inside the cell: the LSTM's gates i, f, o, candidate g, cell c and hidden h (GRU z, r, n, h;
// SimpleRNN h) over the time steps of one window (units x timesteps per layer), one step of one
// unit drawn as the cell's data flow (cell_diagram.h), and the weight matrices. Values come from
// the run's snapshots (session/forecast_job.cpp traces the window between training steps).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "app.h"
#include "cell_diagram.h"
#include "config_enums.h"
#include "imgui.h"
#include "ui_widgets.h"

namespace {
// Display order, three to a row: the LSTM's gates i, f, o first, then g, c, h.
constexpr int kLstmOrder[] = {0, 1, 3, 2, 4, 5};

float max_abs(const std::vector<float>& v) {
  float m = 1e-6f;
  for (float x : v) if (std::isfinite(x)) m = std::max(m, std::fabs(x));
  return m;
}

// A slider's width when n share the row (at least 90 px: narrow panels wrap).
float share_width(int n) {
  const float label = ImGui::CalcTextSize("layer ").x + ImGui::GetStyle().ItemSpacing.x * 2;
  return std::clamp((ImGui::GetContentRegionAvail().x - 60) / float(n) - label, 90.f, 220.f);
}

// "One step": the numbers of one unit at one time step of the traced window, gathered for
// draw_cell_step. h(t-1) and c(t-1) are the previous step's (zero at t = 0, as the layer starts).
// mark: App::mark (the widget rectangles the e2e tests read).
void draw_one_step(InsidePanelState& st, const lstm::RunTrace& trace, const lstm::ModelConfig& model,
                   const std::function<void(const char*)>& mark) {
  const int L = int(trace.units.size());
  st.layer = std::clamp(st.layer, 0, L - 1);
  const int u = std::max(trace.units[size_t(st.layer)], 1);
  const int T = std::max(int(trace.at(st.layer, 0).size()) / u, 1);
  int t = st.step < 0 ? T - 1 : std::min(st.step, T - 1);
  st.unit = std::clamp(st.unit, 0, u - 1);
  const float w = share_width(L > 1 ? 3 : 2);
  // Step: arrows for one step at a time, the slider to scrub.
  ImGui::PushButtonRepeat(true);
  if (ImGui::ArrowButton("##step_prev", ImGuiDir_Left)) t = std::max(t - 1, 0), st.step = t;
  ImGui::SameLine(0, 2);
  if (ImGui::ArrowButton("##step_next", ImGuiDir_Right)) t = std::min(t + 1, T - 1), st.step = t;
  ImGui::PopButtonRepeat();
  ImGui::SameLine(0, 4);
  ImGui::SetNextItemWidth(w);
  if (ImGui::SliderInt("step", &t, 0, T - 1, "t = %d")) st.step = t;
  mark("inside_step");
  ui::tip("Time step t of the window (0 = oldest). Drag to scrub; the arrows move one step.");
  // The unit slider beside it when it fits, else on the next line.
  if (ImGui::GetItemRectMax().x + w + 60 < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
    ImGui::SameLine();
  ImGui::SetNextItemWidth(w);
  ImGui::SliderInt("unit", &st.unit, 0, u - 1);
  mark("inside_unit");
  ui::tip("Which unit of the layer to follow (every unit runs the same cell on its own row of weights).");
  if (L > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(w, 90.f));
    int shown_layer = st.layer + 1;
    if (ImGui::SliderInt("layer", &shown_layer, 1, L, "%d")) st.layer = shown_layer - 1;
  }

  const int k = st.unit;
  auto at = [&](int q, int step) -> float {
    if (step < 0) return 0.f;  // the state before the first step
    const std::vector<float>& v = trace.at(st.layer, q);
    const size_t i = size_t(step) * u + k;
    return i < v.size() ? v[i] : 0.f;
  };
  const bool relu = trace.cell == model.cell && model.activation == lstm::Activation::Relu;
  CellStep s;
  s.cell = trace.cell;
  s.act = relu ? "relu" : "tanh";
  s.gate_act = trace.cell == model.cell && model.recurrent_activation == lstm::RecurrentActivation::HardSigmoid
                   ? "hard sigmoid" : "sigmoid";
  s.t = t, s.unit = k, s.layer = st.layer;
  const int qh = trace.per_layer() - 1;  // h is every cell's last quantity
  s.h_prev = at(qh, t - 1), s.h = at(qh, t);
  s.h_scale = relu ? max_abs(trace.at(st.layer, qh)) : 1.f;
  if (trace.cell == lstm::CellKind::Lstm) {
    s.i = at(0, t), s.f = at(1, t), s.g = at(2, t), s.o = at(3, t);
    s.c_prev = at(4, t - 1), s.c = at(4, t);
    s.act_c = relu ? std::max(s.c, 0.f) : std::tanh(s.c);
    s.c_scale = max_abs(trace.at(st.layer, 4));
  } else if (trace.cell == lstm::CellKind::Gru) {
    s.z = at(0, t), s.r = at(1, t), s.n = at(2, t);
  }
  const ImVec2 p = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const ImVec2 size(std::max(avail.x, 60.f), std::max(avail.y, 60.f));
  ImGui::Dummy(size);
  mark("cell_step");
  draw_cell_step(s, p, ImVec2(p.x + size.x, p.y + size.y));
}
}  // namespace

void App::draw_inside_panel() {
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "Inside the %s",
                     lstm::enum_labels<lstm::CellKind>().titles[int(run0().config.model.cell)]);
  InsidePanelState& st = inside_;
  if (!st.heatmaps.available()) ui::error_text(st.heatmaps.error());
  const lstm::RunView& v = run0();
  const lstm::RunTrace& trace = v.s.trace;
  if (v.stale || trace.values.empty() || !v.has_weights()) {
    ImGui::TextDisabled("Train or Step once to see the gates, cell and hidden state of a window.");
    return;
  }
  if (v.parts != st.seen_parts) {
    ++st.version;  // a new trace or new weights arrived: re-upload the textures
    st.seen_parts = v.parts;
  }
  if (!ImGui::BeginTabBar("##inside_tabs")) return;
  if (ImGui::BeginTabItem("Gates over time")) {
    const int L = int(trace.units.size());
    st.layer = std::clamp(st.layer, 0, L - 1);
    if (L > 1) {
      ImGui::SetNextItemWidth(120);
      int shown_layer = st.layer + 1;
      if (ImGui::SliderInt("layer", &shown_layer, 1, L, "%d")) st.layer = shown_layer - 1;
      ImGui::SameLine();
    }
    ImGui::TextDisabled("window %d: units (rows) x time steps (columns)", trace.window);
    if (st.layer != st.drawn_layer) ++st.version, st.drawn_layer = st.layer;  // the slots show another layer
    const int u = trace.units[size_t(st.layer)];
    const int T = int(trace.at(st.layer, 0).size()) / std::max(u, 1);
    const int Q = trace.per_layer();
    const int per_row = std::min(Q, 3), rows = (Q + 2) / 3;
    const float cell_w = (ImGui::GetContentRegionAvail().x - 8) / float(per_row);
    const float cell_h = std::max(40.f, (ImGui::GetContentRegionAvail().y - rows * ImGui::GetFontSize() - 16) / float(rows));
    for (int k = 0; k < Q; ++k) {
      const int qi = trace.cell == lstm::CellKind::Lstm ? kLstmOrder[k] : k;
      const lstm::TraceQuantity& q = lstm::trace_quantity(trace.cell, qi);
      const std::vector<float>& values = trace.at(st.layer, qi);
      if (k % 3) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushID(k);
      ImGui::Text("%s", q.name);
      ui::tip(q.tip);
      HeatmapView view;
      view.data = values.data(), view.rows = T, view.cols = u, view.transpose = true;
      const float a = q.gate ? 1.f : max_abs(values);
      view.lo = q.gate ? 0.f : -a, view.hi = a;
      view.map = q.gate ? Colormap::Sequential : Colormap::Diverging;
      view.version = st.version;
      int row = 0, col = 0;
      if (st.heatmaps.draw(k, view, ImVec2(cell_w - 4, cell_h - ImGui::GetFontSize()), &row, &col)) {
        ImGui::SetTooltip("%s  unit %d, step %d: %.4f\nclick: this step in \"One step\"", q.name, row, col,
                          values[size_t(col) * u + row]);
        if (ImGui::IsMouseClicked(0)) st.step = col, st.unit = row, st.open_step = true;
      }
      ImGui::PopID();
      ImGui::EndGroup();
    }
    ImGui::EndTabItem();
  }
  const bool open_step = ImGui::BeginTabItem("One step", nullptr, st.open_step ? ImGuiTabItemFlags_SetSelected : 0);
  mark("inside_tab_step");
  st.open_step = false;
  if (open_step) {
    draw_one_step(st, trace, v.config.model, [this](const char* name) { mark(name); });
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Weights")) {
    const std::vector<lstm::ParamTensor>& ts = v.s.weights.tensors;
    st.tensor = std::clamp(st.tensor, 0, int(ts.size()) - 1);
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("tensor", ts[st.tensor].name.c_str())) {
      for (int i = 0; i < int(ts.size()); ++i)
        if (ImGui::Selectable(ts[i].name.c_str(), i == st.tensor)) st.tensor = i;
      ImGui::EndCombo();
    }
    ui::tip(trace.cell == lstm::CellKind::Lstm  ? "Keras: layer.get_weights(); gate blocks along columns in order i, f, c, o."
            : trace.cell == lstm::CellKind::Gru ? "Keras: layer.get_weights(); gate blocks along columns in order z, r, h; "
                                                  "bias row 0 input, row 1 recurrent (reset_after)."
                                                : "Keras: layer.get_weights(); one block, no gates.");
    const lstm::ParamTensor& t = ts[st.tensor];
    const float* p = v.s.weights.params.data() + t.offset;
    float a = 1e-6f;
    for (int i = 0; i < t.size(); ++i) if (std::isfinite(p[i])) a = std::max(a, std::fabs(p[i]));
    ImGui::SameLine();
    ImGui::TextDisabled("(%d x %d), |w| <= %.3g", t.rows, t.cols, a);
    HeatmapView view;
    view.data = p, view.rows = t.rows, view.cols = t.cols;
    view.lo = -a, view.hi = a, view.map = Colormap::Diverging;
    view.version = st.version * 64 + uint64_t(st.tensor);
    int row = 0, col = 0;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (st.heatmaps.draw(6, view, ImVec2(avail.x, std::max(avail.y, 40.f)), &row, &col))
      ImGui::SetTooltip("%s[%d, %d] = %.4f", t.name.c_str(), row, col, p[size_t(row) * t.cols + col]);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}
