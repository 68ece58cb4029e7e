// The phone layout (windows narrower than App::kPhoneWidth CSS px): one full-width page at a
// time, picked by a tab bar along the bottom (thumb reach) with targets >= 40 px tall, and a
// roomier style for fingers. Tabs whose panels a classroom link hid are left out.
#include <algorithm>
#include <iterator>

#include "app.h"
#include "imgui.h"
#include "plot.h"
#include "share_state.h"

namespace {
struct TabInfo {
  PhoneTab tab;
  const char* label;
  const char* mark;
  uint32_t panels;  // lstm::PanelBit: the tab shows when any is shown
};
const TabInfo kTabs[] = {
    {PhoneTab::Data, "Data", "tab_data", lstm::kPanelData | lstm::kPanelSetup},
    {PhoneTab::Model, "Model", "tab_model", lstm::kPanelModel | lstm::kPanelOptimizer},
    {PhoneTab::Train, "Train", "tab_train", lstm::kPanelTrain | lstm::kPanelLoss},
    {PhoneTab::Forecast, "Forecast", "tab_forecast", lstm::kPanelSeries},
    {PhoneTab::Inside, "Inside", "tab_inside", lstm::kPanelInside},
};
constexpr float kTabHeight = 44.f;  // CSS px: touch targets of 40 px or more
constexpr float kMinTouchTarget = 40.f;  // CSS px: the legend's fold button
}  // namespace

void App::use_phone_style(bool phone) {
  if (phone == phone_style_) return;
  phone_style_ = phone;
  ImGuiStyle& style = ImGui::GetStyle();
  style = desktop_style_;
  Plot::SetMinTarget(phone ? kMinTouchTarget : 0.f);
  if (!phone) return;
  // Frames about 30 px tall at the phone's text size, grabs and scrollbars a finger can hold.
  style.FramePadding = ImVec2(8.f, 7.f);
  style.ItemSpacing = ImVec2(8.f, 7.f);
  style.ItemInnerSpacing = ImVec2(6.f, 5.f);
  style.WindowPadding = ImVec2(6.f, 6.f);
  style.ScrollbarSize = 14.f;
  style.GrabMinSize = 18.f;
  style.TouchExtraPadding = ImVec2(2.f, 2.f);
}

void App::draw_phone_layout() {
  auto shown_any = [&](uint32_t panels) { return (hidden_panels_ & panels) != panels; };
  const TabInfo* current = nullptr;
  for (const TabInfo& t : kTabs)
    if (t.tab == phone_tab_ && shown_any(t.panels)) current = &t;
  if (!current)  // the tab chosen is hidden: the first shown one
    for (const TabInfo& t : kTabs)
      if (!current && shown_any(t.panels)) current = &t;
  if (current) phone_tab_ = current->tab;

  using namespace lstm;
  const float page_h = ImGui::GetContentRegionAvail().y - kTabHeight - ImGui::GetStyle().ItemSpacing.y;
  auto mark_window = [&](const char* name) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    rects_[name] = {pos.x, pos.y, size.x, size.y};
  };
  ImGui::BeginChild("##phone_page", ImVec2(0, page_h), false);
  switch (phone_tab_) {
    case PhoneTab::Data:
      if (shown(kPanelData)) draw_data_panel();
      if (shown(kPanelSetup)) draw_setup_panel();
      break;
    case PhoneTab::Model:
      if (shown(kPanelModel)) draw_model_panel();
      if (shown(kPanelOptimizer)) draw_optimizer_panel();
      break;
    case PhoneTab::Train:
      if (shown(kPanelTrain)) draw_train_bar();
      if (shown(kPanelLoss)) {
        ImGui::BeginChild("##loss", ImVec2(0, 0), true);
        mark_window("loss_panel");
        draw_loss_panel();
        ImGui::EndChild();
      }
      break;
    case PhoneTab::Forecast:
      if (shown(kPanelTrain)) draw_train_bar();
      ImGui::BeginChild("##series", ImVec2(0, 0), true);
      mark_window("series_panel");
      draw_series_panel();
      ImGui::EndChild();
      break;
    case PhoneTab::Inside:
      ImGui::BeginChild("##inside", ImVec2(0, 0), true);
      mark_window("inside_panel");
      draw_inside_panel();
      ImGui::EndChild();
      break;
  }
  ImGui::EndChild();
  draw_phone_tabs(kTabHeight);
}

void App::draw_phone_tabs(float height) {
  auto shown_any = [&](uint32_t panels) { return (hidden_panels_ & panels) != panels; };
  int n = 0;
  for (const TabInfo& t : kTabs) n += shown_any(t.panels);
  if (n == 0) return;
  const float gap = 4.f;
  const float w = (ImGui::GetContentRegionAvail().x - gap * float(n - 1)) / float(n);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, 0.f));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2.f, 4.f));  // "Forecast" fits a fifth of 390 px
  bool first = true;
  for (const TabInfo& t : kTabs) {
    if (!shown_any(t.panels)) continue;
    if (!first) ImGui::SameLine();
    first = false;
    const bool selected = t.tab == phone_tab_;
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(selected ? ImGuiCol_ButtonActive : ImGuiCol_FrameBg));
    if (ImGui::Button(t.label, ImVec2(w, height))) phone_tab_ = t.tab;
    ImGui::PopStyleColor();
    mark(t.mark);
  }
  ImGui::PopStyleVar(2);
}
