// What the fingers did since the last frame, beyond the mouse events the platform makes of them
// (web/platform/touch_input.h): a one-finger drag that scrolls a panel, and a two-finger pinch.
// Coordinates are logical (CSS) pixels, like ImGui's.
#pragma once
#include "imgui.h"

struct TouchFrame {
  // One finger dragging outside the plots: scroll the window under `anchor` by `scroll_dy`.
  float scroll_dy = 0.f;
  ImVec2 anchor{0.f, 0.f};
  // Two fingers down (or lifting after two were down): the plot under `pinch_center` zooms by
  // `pinch_scale` about it (> 1: fingers apart, zoom in) and pans by `pinch_pan` pixels. Whatever
  // the first finger started (a pen stroke) is cancelled, not applied.
  bool pinching = false;
  ImVec2 pinch_center{0.f, 0.f};
  float pinch_scale = 1.f;
  ImVec2 pinch_pan{0.f, 0.f};
};
