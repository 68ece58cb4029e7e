// Touch screens: turns SDL finger events into the mouse events ImGui understands, plus the
// gestures it has no words for (TouchFrame: panel scrolling, two-finger pinch). SDL's own
// touch-to-mouse events are switched off (SDL_HINT_TOUCH_MOUSE_EVENTS=0) so that a second finger
// and a drag that scrolls can be told apart before any press reaches the UI.
//   - A finger landing on a plot (hit test) presses at once: it draws with the pen or pans.
//   - Elsewhere the press waits: lifted within kSlop it is a tap (press + release there); moved
//     mostly vertically it scrolls the panel under it and never presses; moved sideways it presses
//     where it landed and drags (sliders).
//   - A second finger releases the first's press (a stroke it started is cancelled by the app:
//     TouchFrame::pinching) and pinches until every finger is up.
//   - When the last finger lifts, the pointer leaves the window: no hover or tooltip stays behind.
#pragma once
#include <SDL.h>

#include <deque>
#include <functional>

#include "touch_frame.h"

class TouchInput {
 public:
  // x, y in window (CSS) pixels: true where a finger acts at once instead of maybe scrolling.
  using HitTest = std::function<bool(float x, float y)>;
  void set_hit_test(HitTest hit) { hit_ = std::move(hit); }
  // One SDL_FINGER* event; mouse events it stands for are appended to `out`.
  void on_finger(const SDL_Event& e, std::deque<SDL_Event>& out);
  // The gesture deltas since the last call.
  TouchFrame take_frame();

 private:
  enum class Mode { Idle, Pending, Direct, Scroll, Pinch };
  struct Finger {
    SDL_FingerID id = 0;
    float x = 0, y = 0;
  };
  static constexpr float kSlop = 10.f;  // CSS px a finger may wander and still tap

  int find(SDL_FingerID id) const;
  void emit_motion(float x, float y, std::deque<SDL_Event>& out);
  void emit_button(bool down, float x, float y, std::deque<SDL_Event>& out);
  void pinch_measure(ImVec2* center, float* dist) const;

  HitTest hit_;
  Mode mode_ = Mode::Idle;
  Finger fingers_[2];
  int n_fingers_ = 0;
  Uint32 window_id_ = 0;
  ImVec2 start_;               // where the first finger landed
  bool pressed_ = false;       // a mouse press is out (Direct)
  ImVec2 last_center_;         // Pinch: the previous centroid and finger distance
  float last_dist_ = 0.f;
  TouchFrame frame_;
};
