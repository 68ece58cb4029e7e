// Small ImGui helpers shared by the panels.
#pragma once
#include <string>

#include "imgui.h"

namespace ui {

// One-sentence tooltip on the last item, e.g. "Keras: LSTM(units=...)".
inline void tip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

inline void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "%s", title);
  ImGui::Separator();
}

inline void error_text(const std::string& s) {
  if (s.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.45f, 0.45f, 1.f));
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopStyleColor();
}

inline void note_text(const std::string& s) {
  if (s.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.8f, 0.45f, 1.f));
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopStyleColor();
}

constexpr ImU32 kTrainColor = IM_COL32(255, 159, 64, 255);
constexpr ImU32 kValColor = IM_COL32(80, 200, 120, 255);
constexpr ImU32 kTestColor = IM_COL32(255, 216, 102, 255);
constexpr ImU32 kRolloutColor = IM_COL32(240, 82, 82, 255);
constexpr ImU32 kNaiveColor = IM_COL32(150, 150, 150, 200);
constexpr ImU32 kMultiColor = IM_COL32(240, 120, 200, 255);
// Validation curves of the runs beside the first.
constexpr ImU32 kRunColors[3] = {IM_COL32(120, 170, 255, 255), IM_COL32(200, 140, 255, 255),
                                 IM_COL32(255, 220, 90, 255)};

}  // namespace ui
