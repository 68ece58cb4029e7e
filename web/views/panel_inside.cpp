// Inside the cell: the LSTM's gates i, f, o, candidate g, cell c and hidden h (GRU z, r, n, h;
// SimpleRNN h) over the time steps of one window (units x timesteps per layer), and the weight
// matrices. Values come from the run's
// snapshots (session/forecast_job.cpp traces the window between training steps).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.h"
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
      if (st.heatmaps.draw(k, view, ImVec2(cell_w - 4, cell_h - ImGui::GetFontSize()), &row, &col))
        ImGui::SetTooltip("%s  unit %d, step %d: %.4f", q.name, row, col, values[size_t(col) * u + row]);
      ImGui::PopID();
      ImGui::EndGroup();
    }
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
