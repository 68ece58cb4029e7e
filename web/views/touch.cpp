// Touch gestures the platform hands over per frame (TouchFrame): one-finger panel scrolling and
// two-finger pinch on the plots. Taps and one-finger drags arrive as mouse events.
#include "app.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "plot.h"

bool App::touch_acts_at_once(float x, float y) const { return Plot::AnyPlotAt(ImVec2(x, y)); }

void App::apply_touch() {
  Plot::Pinch pinch;
  pinch.active = touch_.pinching;
  pinch.center = touch_.pinch_center;
  pinch.scale = touch_.pinch_scale;
  pinch.pan = touch_.pinch_pan;
  Plot::SetPinch(pinch);
  // The first finger of a pinch may have started a pen stroke: drop it (handle_drawing starts
  // none while pinching).
  if (touch_.pinching) {
    data_.stroke_active = false;
    data_.stroke.clear();
  }
  if (touch_.scroll_dy != 0.f) {
    // The pointer stays where the finger landed while it scrolls, so the hovered window is the
    // one under it; child windows that cannot scroll hand the scroll to their parent.
    ImGuiWindow* w = GImGui->HoveredWindow;
    while (w && w->ScrollMax.y <= 0.f && (w->Flags & ImGuiWindowFlags_ChildWindow)) w = w->ParentWindow;
    if (w) ImGui::SetScrollY(w, w->Scroll.y - touch_.scroll_dy);
  }
}
