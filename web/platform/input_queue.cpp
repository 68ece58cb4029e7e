#include "input_queue.h"

#include <algorithm>

#include "imgui.h"

void InputQueue::take(const SDL_Event& e) {
  const bool finger = e.type == SDL_FINGERDOWN || e.type == SDL_FINGERUP || e.type == SDL_FINGERMOTION;
  if (finger && touch_enabled_) touch_.on_finger(e, pending_);
  else pending_.push_back(e);
}

bool InputQueue::pump() {
  SDL_Event e;
  bool any = false;
  while (SDL_PollEvent(&e)) {
    take(e);
    any = true;
  }
  return any;
}

bool InputQueue::wait(int timeout_ms) {
  SDL_Event e;
  if (!SDL_WaitEventTimeout(&e, timeout_ms)) return false;
  take(e);
  pump();
  return true;
}

void InputQueue::begin_frame() {
  frame_x_ = x_, frame_y_ = y_, frame_have_pos_ = have_pos_;
  frame_buttons_changed_ = 0;
  frame_keys_changed_.clear();
}

bool InputQueue::button_changed_this_frame(int button) const {
  return (frame_buttons_changed_ & SDL_BUTTON(button)) != 0;
}

bool InputQueue::key_changed_this_frame(int scancode) const {
  return std::find(frame_keys_changed_.begin(), frame_keys_changed_.end(), scancode) !=
         frame_keys_changed_.end();
}

bool InputQueue::next(SDL_Event* event) {
  if (pending_.empty()) return false;
  const SDL_Event& e = pending_.front();
  switch (e.type) {
    case SDL_MOUSEMOTION: {
      const bool moves = !have_pos_ || e.motion.x != x_ || e.motion.y != y_;
      if (moves && frame_buttons_changed_) return false;
      x_ = e.motion.x, y_ = e.motion.y, have_pos_ = true;
      break;
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
      const int b = e.button.button;
      const bool down = e.type == SDL_MOUSEBUTTONDOWN;
      if (button_changed_this_frame(b)) return false;
      if (down && (!frame_have_pos_ || e.button.x != frame_x_ || e.button.y != frame_y_)) {
        // A press with no hover before it (a tap, a click from a still pointer elsewhere): the
        // pointer moves there in this frame, the press waits for the next.
        x_ = e.button.x, y_ = e.button.y, have_pos_ = true;
        return false;
      }
      if ((x_ != e.button.x || y_ != e.button.y) && frame_buttons_changed_) return false;
      x_ = e.button.x, y_ = e.button.y, have_pos_ = true;
      buttons_ = down ? (buttons_ | SDL_BUTTON(b)) : (buttons_ & ~SDL_BUTTON(b));
      frame_buttons_changed_ |= SDL_BUTTON(b);
      break;
    }
    case SDL_KEYDOWN:
    case SDL_KEYUP: {
      const int sc = e.key.keysym.scancode;
      const bool down = e.type == SDL_KEYDOWN;
      if (sc >= 0 && sc < SDL_NUM_SCANCODES && keys_down_[size_t(sc)] != down) {
        if (key_changed_this_frame(sc)) return false;
        keys_down_[size_t(sc)] = down;
        frame_keys_changed_.push_back(sc);
      }
      mods_ = e.key.keysym.mod, have_mods_ = true;  // SDL's modifiers as of this key
      break;
    }
    default:
      break;
  }
  *event = e;
  pending_.pop_front();
  return true;
}

void InputQueue::apply_to_imgui() const {
  ImGuiIO& io = ImGui::GetIO();
  // The backend leaves MousePos at -FLT_MAX when the window has neither mouse nor keyboard focus.
  if (have_pos_ && io.MousePos.x > -FLT_MAX) io.MousePos = ImVec2(float(x_), float(y_));
  const int sdl_button[3] = {SDL_BUTTON_LEFT, SDL_BUTTON_RIGHT, SDL_BUTTON_MIDDLE};  // ImGui order
  for (int i = 0; i < 3; ++i) io.MouseDown[i] = (buttons_ & SDL_BUTTON(sdl_button[i])) != 0;
  if (have_mods_) {
    io.KeyShift = (mods_ & KMOD_SHIFT) != 0;
    io.KeyCtrl = (mods_ & KMOD_CTRL) != 0;
    io.KeyAlt = (mods_ & KMOD_ALT) != 0;
#ifndef _WIN32
    io.KeySuper = (mods_ & KMOD_GUI) != 0;  // as the backend does
#endif
  }
}
