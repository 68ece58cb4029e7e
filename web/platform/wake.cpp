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
};
SleepState g_sleep;

}  // namespace

bool main_loop_end_frame(bool active, double now_s) {
  SleepState& s = g_sleep;
  if (s.woken.exchange(false)) active = true;
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
                    const std::function<bool()>& needed) {
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
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_wake() { wake_main_loop(); }
#endif
