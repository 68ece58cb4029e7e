#include "touch_input.h"

#include <cmath>

namespace {
// Where the pointer goes when the last finger lifts: outside every window.
constexpr float kAway = -10000.f;
}  // namespace

int TouchInput::find(SDL_FingerID id) const {
  for (int i = 0; i < n_fingers_; ++i)
    if (fingers_[i].id == id) return i;
  return -1;
}

void TouchInput::emit_motion(float x, float y, std::deque<SDL_Event>& out) {
  SDL_Event e{};
  e.type = SDL_MOUSEMOTION;
  e.motion.windowID = window_id_;
  e.motion.which = SDL_TOUCH_MOUSEID;
  e.motion.x = int(std::lround(x));
  e.motion.y = int(std::lround(y));
  out.push_back(e);
}

void TouchInput::emit_button(bool down, float x, float y, std::deque<SDL_Event>& out) {
  SDL_Event e{};
  e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
  e.button.windowID = window_id_;
  e.button.which = SDL_TOUCH_MOUSEID;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
  e.button.clicks = 1;
  e.button.x = int(std::lround(x));
  e.button.y = int(std::lround(y));
  out.push_back(e);
  pressed_ = down;
}

void TouchInput::pinch_measure(ImVec2* center, float* dist) const {
  const Finger &a = fingers_[0], &b = fingers_[1];
  *center = ImVec2((a.x + b.x) / 2, (a.y + b.y) / 2);
  *dist = std::hypot(a.x - b.x, a.y - b.y);
}

void TouchInput::on_finger(const SDL_Event& e, std::deque<SDL_Event>& out) {
  const SDL_TouchFingerEvent& t = e.tfinger;
  SDL_Window* window = SDL_GetWindowFromID(t.windowID);
  if (!window) return;
  window_id_ = t.windowID;
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  const float x = t.x * float(w), y = t.y * float(h);  // SDL gives 0..1 of the window
  int i = find(t.fingerId);

  if (e.type == SDL_FINGERDOWN) {
    if (i >= 0 || n_fingers_ == 2) return;  // a third finger does nothing
    fingers_[n_fingers_++] = {t.fingerId, x, y};
    if (n_fingers_ == 1) {
      start_ = ImVec2(x, y);
      emit_motion(x, y, out);  // hover first, as a mouse would
      if (hit_ && hit_(x, y)) {
        mode_ = Mode::Direct;
        emit_button(true, x, y, out);
      } else {
        mode_ = Mode::Pending;
      }
    } else {
      if (pressed_) emit_button(false, fingers_[0].x, fingers_[0].y, out);
      mode_ = Mode::Pinch;
      pinch_measure(&last_center_, &last_dist_);
      frame_.pinch_center = last_center_;
    }
    return;
  }
  if (i < 0) return;

  if (e.type == SDL_FINGERMOTION) {
    const float dy_step = y - fingers_[i].y;
    fingers_[i].x = x, fingers_[i].y = y;
    switch (mode_) {
      case Mode::Pending: {
        const float dx = x - start_.x, dy = y - start_.y;
        if (std::hypot(dx, dy) <= kSlop) break;
        if (std::fabs(dy) >= std::fabs(dx)) {
          mode_ = Mode::Scroll;
          frame_.anchor = start_;
          frame_.scroll_dy += dy;
        } else {
          mode_ = Mode::Direct;
          emit_button(true, start_.x, start_.y, out);
          emit_motion(x, y, out);
        }
        break;
      }
      case Mode::Direct: emit_motion(x, y, out); break;
      case Mode::Scroll: frame_.scroll_dy += dy_step; break;
      case Mode::Pinch:
        if (n_fingers_ == 2) {
          ImVec2 c;
          float d = 0.f;
          pinch_measure(&c, &d);
          if (last_dist_ > 1.f && d > 1.f) frame_.pinch_scale *= d / last_dist_;
          frame_.pinch_pan.x += c.x - last_center_.x;
          frame_.pinch_pan.y += c.y - last_center_.y;
          frame_.pinch_center = c;
          last_center_ = c, last_dist_ = d;
        }
        break;
      case Mode::Idle: break;
    }
    return;
  }

  // SDL_FINGERUP
  fingers_[i] = fingers_[--n_fingers_];
  if (mode_ == Mode::Pending) {  // a tap
    emit_button(true, start_.x, start_.y, out);
    emit_button(false, start_.x, start_.y, out);
  } else if (mode_ == Mode::Direct && pressed_) {
    emit_button(false, x, y, out);
  }
  if (mode_ == Mode::Pinch) frame_.pinching = true;  // the lift is part of the pinch
  if (n_fingers_ == 0) {  // only a pinch leaves one finger down, and it stays a pinch
    emit_motion(kAway, kAway, out);
    mode_ = Mode::Idle;
  }
}

TouchFrame TouchInput::take_frame() {
  TouchFrame f = frame_;
  f.pinching = f.pinching || mode_ == Mode::Pinch;
  frame_ = TouchFrame{};
  frame_.pinch_center = last_center_;
  frame_.anchor = start_;
  return f;
}
