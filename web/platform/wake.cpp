// Sleep and wake of the main loop (main_loop.h, wake.h).
#include "main_loop.h"

#include <SDL.h>

#include <atomic>

namespace {

struct SleepState {
  std::atomic<bool> asleep{false};
  std::atomic<bool> woken{false};  // wake_main_loop() since the last frame: counts as activity
  bool last_frame = false;         // the frame being built is the last before sleeping
  int quiet_frames = 0;
  double quiet_since = -1;         // end of the last active frame
  double last_input = -1;          // end of the last frame with input
  std::atomic<bool> input_woken{false};  // lstm_wake(): the page saw input
  bool watching = false;           // frames at kWatchFps (see main_loop.h)
  double frame_end = 0;            // end of the last frame
};
SleepState g_sleep;

}  // namespace

// Frames at kWatchFps, or at the display's rate again.
void set_watching(SleepState& s, bool watching) {
  if (s.watching == watching) return;
  s.watching = watching;
#ifdef __EMSCRIPTEN__
  if (watching) emscripten_set_main_loop_timing(EM_TIMING_SETTIMEOUT, 1000 / kWatchFps);
  else emscripten_set_main_loop_timing(EM_TIMING_RAF, 1);
#endif
}

bool main_loop_end_frame(bool input, bool needed, double now_s) {
  SleepState& s = g_sleep;
  s.frame_end = now_s;
  if (s.input_woken.exchange(false)) input = true;
  if (input || s.last_input < 0) s.last_input = now_s;
  bool active = input || needed;
  if (s.woken.exchange(false)) active = true;
  set_watching(s, active && now_s - s.last_input >= kSleepAfterSeconds);
  if (active || s.quiet_since < 0) {
    s.quiet_frames = 0, s.quiet_since = now_s, s.last_frame = false;
    return false;
  }
  if (s.last_frame) {
    s.last_frame = false;
    s.asleep = true;
#ifdef __EMSCRIPTEN__
    emscripten_pause_main_loop();
#endif
    return true;
  }
  if (++s.quiet_frames >= kSleepAfterFrames && now_s - s.quiet_since >= kSleepAfterSeconds)
    s.last_frame = true;
  return false;
}

bool main_loop_falling_asleep() { return g_sleep.last_frame; }

void main_loop_wait(const std::function<bool(int)>& wait_event,
                    const std::function<bool()>& needed, double now_s) {
  if (g_sleep.watching) {  // an event (input) ends the wait and restores the full rate
    const int ms = int(1000.0 * (g_sleep.frame_end + 1.0 / kWatchFps - now_s));
    if (ms > 0 && wait_event(ms)) set_watching(g_sleep, false);
  }
  while (g_sleep.asleep) {
    if (g_sleep.woken || needed() || wait_event(250)) g_sleep.asleep = false;
  }
}

void wake_main_loop() {
  g_sleep.woken = true;
#ifdef __EMSCRIPTEN__
  if (g_sleep.asleep.exchange(false)) emscripten_resume_main_loop();
#else
  if (g_sleep.asleep) {  // ends SDL_WaitEventTimeout at once (the app uses no user events)
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);
  }
#endif
}

#ifdef __EMSCRIPTEN__
// index.html calls it on pointer, wheel, touch, key, focus and resize events.
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_wake() {
  g_sleep.input_woken = true;
  set_watching(g_sleep, false);
  wake_main_loop();
}
#endif
