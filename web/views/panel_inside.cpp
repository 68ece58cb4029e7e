// Inside the LSTM: gates i, f, o, candidate g, cell c and hidden h over the time steps of one
// window (units x timesteps per layer), and the weight matrices. Values come from
// Trainer::model().trace after a forward of that window between training steps (forecast.cpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app.h"
#include "imgui.h"
#include "ui_widgets.h"

namespace {
struct Quantity {
  lstm::Trace q;
  const char* name;
  const char* tip;
  bool gate;  // in [0, 1]: sequential colormap; else diverging around 0
};
const Quantity kQuantities[] = {
    {lstm::Trace::I, "input gate i", "How much of the candidate enters the cell (sigmoid).", true},
    {lstm::Trace::F, "forget gate f", "How much of the old cell is kept (sigmoid).", true},
    {lstm::Trace::O, "output gate o", "How much of act(c) is shown as h (sigmoid).", true},
    {lstm::Trace::G, "candidate g", "New content proposed for the cell (activation).", false},
    {lstm::Trace::C, "cell c", "The cell state carried across time.", false},
    {lstm::Trace::H, "hidden h", "The layer's output at each step (Keras: return_sequences).", false},
};

float max_abs(const std::vector<float>& v) {
  float m = 1e-6f;
  for (float x : v) if (std::isfinite(x)) m = std::max(m, std::fabs(x));
  return m;
}
}  // namespace

void App::draw_inside_panel() {
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "Inside the LSTM");
  if (!heatmaps_.available()) ui::error_text(heatmaps_.error());
  if (!trainer_.ready() || needs_setup_ || forecast_.traces.empty()) {
    ImGui::TextDisabled("Train or Step once to see the gates, cell and hidden state of a window.");
    return;
  }
  static uint64_t version = 0;
  static long long last_samples = -2;
  static int last_window = -2;
  if (forecast_.samples != last_samples || forecast_.traced_window != last_window) {
    ++version;  // new values: re-upload the textures
    last_samples = forecast_.samples, last_window = forecast_.traced_window;
  }
  if (!ImGui::BeginTabBar("##inside_tabs")) return;
  const lstm::LstmModel<float>& m = trainer_.model();
  if (ImGui::BeginTabItem("Gates over time")) {
    const int L = m.n_layers();
    inside_layer_ = std::clamp(inside_layer_, 0, L - 1);
    if (L > 1) {
      ImGui::SetNextItemWidth(120);
      ImGui::SliderInt("layer", &inside_layer_, 1, L, "%d");
      ImGui::SameLine();
    }
    ImGui::TextDisabled("window %d: units (rows) x time steps (columns)", forecast_.traced_window);
    const auto& tr = forecast_.traces[size_t(inside_layer_)];
    const int u = m.units(inside_layer_), T = int(tr[0].size()) / std::max(u, 1);
    const float cell_w = (ImGui::GetContentRegionAvail().x - 8) / 3.f;
    const float cell_h = std::max(40.f, (ImGui::GetContentRegionAvail().y - 2 * ImGui::GetFontSize() - 16) / 2.f);
    for (int k = 0; k < 6; ++k) {
      const Quantity& q = kQuantities[k];
      const std::vector<float>& v = tr[size_t(q.q)];
      if (k % 3) ImGui::SameLine();
      ImGui::BeginGroup();
      ImGui::PushID(k);
      ImGui::Text("%s", q.name);
      ui::tip(q.tip);
      HeatmapView view;
      view.data = v.data(), view.rows = T, view.cols = u, view.transpose = true;
      const float a = q.gate ? 1.f : max_abs(v);
      view.lo = q.gate ? 0.f : -a, view.hi = a;
      view.map = q.gate ? Colormap::Sequential : Colormap::Diverging;
      view.version = version;
      int row = 0, col = 0;
      if (heatmaps_.draw(k, view, ImVec2(cell_w - 4, cell_h - ImGui::GetFontSize()), &row, &col))
        ImGui::SetTooltip("%s  unit %d, step %d: %.4f", q.name, row, col, v[size_t(col) * u + row]);
      ImGui::PopID();
      ImGui::EndGroup();
    }
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Weights")) {
    const auto& ts = m.tensors();
    weight_tensor_ = std::clamp(weight_tensor_, 0, int(ts.size()) - 1);
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("tensor", ts[weight_tensor_].name.c_str())) {
      for (int i = 0; i < int(ts.size()); ++i)
        if (ImGui::Selectable(ts[i].name.c_str(), i == weight_tensor_)) weight_tensor_ = i;
      ImGui::EndCombo();
    }
    ui::tip("Keras: layer.get_weights(); gate blocks along columns in order i, f, c, o.");
    const lstm::ParamTensor& t = ts[weight_tensor_];
    const float* p = m.params() + t.offset;
    float a = 1e-6f;
    for (int i = 0; i < t.size(); ++i) if (std::isfinite(p[i])) a = std::max(a, std::fabs(p[i]));
    ImGui::SameLine();
    ImGui::TextDisabled("(%d x %d), |w| <= %.3g", t.rows, t.cols, a);
    HeatmapView view;
    view.data = p, view.rows = t.rows, view.cols = t.cols;
    view.lo = -a, view.hi = a, view.map = Colormap::Diverging;
    view.version = uint64_t(trainer_.progress().samples) * 64 + uint64_t(weight_tensor_);
    int row = 0, col = 0;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (heatmaps_.draw(6, view, ImVec2(avail.x, std::max(avail.y, 40.f)), &row, &col))
      ImGui::SetTooltip("%s[%d, %d] = %.4f", t.name.c_str(), row, col, p[size_t(row) * t.cols + col]);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}
