// Hands SDL events to ImGui 1.86 a frame's worth at a time, so that no input is lost at low
// frame rates. 1.86 samples keys and the mouse once per frame: a key pressed and released within
// one frame never shows, and its SDL backend reads SDL's live mouse state, which is already at
// the last event, so a press arriving together with a jump of the pointer looks like a fast drag
// (TOOLCHAIN.md). A frame takes events in order and keeps the rest for the next frame when:
//   - a key or mouse button that already changed this frame changes again;
//   - a button goes down away from where the pointer was at the start of the frame (the pointer
//     moves there in this frame, the press lands in the next: hover first, as with a real mouse);
//   - the pointer moves after a button changed this frame (the press keeps its position).
// Motion and wheel events otherwise coalesce. The backends stay unmodified: every event still goes
// through ImGui_ImplSDL2_ProcessEvent, and after ImGui_ImplSDL2_NewFrame apply_to_imgui() sets
// the mouse and modifiers to their state as of the last event handed out.
#pragma once
#include <SDL.h>

#include <bitset>
#include <deque>
#include <vector>

#include "touch_input.h"

class InputQueue {
 public:
  // Moves SDL's pending events into the queue. Returns true when any arrived.
  bool pump();
  // Blocks up to timeout_ms for one event (natively, while the main loop sleeps), then pumps.
  bool wait(int timeout_ms);
  // Starts a frame's share; next() then yields its events in order until it returns false.
  void begin_frame();
  bool next(SDL_Event* event);
  void apply_to_imgui() const;
  bool empty() const { return pending_.empty(); }
  // Browser: finger events become mouse events and gestures (touch_input.h) instead of SDL's own
  // touch-to-mouse events, which main() switches off.
  TouchInput* touch() { return touch_enabled_ ? &touch_ : nullptr; }
  void enable_touch(TouchInput::HitTest hit) { touch_.set_hit_test(std::move(hit)), touch_enabled_ = true; }

 private:
  void take(const SDL_Event& e);  // into pending_, fingers through touch_
  bool button_changed_this_frame(int button) const;
  bool key_changed_this_frame(int scancode) const;

  std::deque<SDL_Event> pending_;
  TouchInput touch_;
  bool touch_enabled_ = false;
  // State as of the last event handed out.
  int x_ = 0, y_ = 0;
  bool have_pos_ = false;
  Uint32 buttons_ = 0;  // SDL_BUTTON(b) mask
  std::bitset<SDL_NUM_SCANCODES> keys_down_;
  Uint16 mods_ = 0;
  bool have_mods_ = false;
  // This frame.
  int frame_x_ = 0, frame_y_ = 0;
  bool frame_have_pos_ = false;
  Uint32 frame_buttons_changed_ = 0;
  std::vector<int> frame_keys_changed_;
};
