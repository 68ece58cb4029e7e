// One main loop for native and web, after imgui's examples/libs/emscripten/emscripten_mainloop_stub.h:
// natively the body runs in `while (!done)`; in the browser it becomes the function that
// emscripten_set_main_loop calls once per animation frame. The body must only touch state that
// outlives main() (statics or the heap): on the web main() unwinds after the loop is installed.
//
// The loop sleeps while nothing changes. After each frame the platform says whether anything is
// going on (input handed to ImGui or still queued, the app needing frames). After
// kSleepAfterFrames quiet frames spanning kSleepAfterSeconds (ImGui needs a few frames to settle
// hover highlights and to size new popups; modal dims fade in over ~0.2 s), one last frame is
// drawn (main_loop_falling_asleep()) and the loop sleeps: the browser pauses the Emscripten main
// loop, so not even requestAnimationFrame runs; natively main_loop_wait() blocks in
// SDL_WaitEventTimeout. wake_main_loop() (wake.h) ends the sleep. A focused text field does not
// keep the loop awake: ImGui lights its caret for 1.1 s after a key, so it stays lit asleep.
//
// Watching: when only the app needs frames (a run trains) and no input came for
// kSleepAfterSeconds, frames are drawn at kWatchFps (a setTimeout loop in the browser, a timed
// wait natively): the curves still move, and the cores go to training rather than to redrawing
// an unchanged UI (with software WebGL a redraw costs most of a core). Input restores the full
// rate at once.
#pragma once
#include <functional>

#include "wake.h"

constexpr int kSleepAfterFrames = 3;
constexpr double kSleepAfterSeconds = 0.5;
constexpr int kWatchFps = 10;

// After each frame. input: input was handed to ImGui or is still queued; needed: the app needs
// frames; now_s: a monotonic clock. Returns true when the loop has gone to sleep (the web loop is
// paused already).
bool main_loop_end_frame(bool input, bool needed, double now_s);
// Natively, while asleep: blocks until wake_main_loop(), an event (wait_event(timeout_ms) returns
// true when one arrived) or, checked every quarter second, `needed()` (the app needing frames
// without anyone calling wake_main_loop()). While watching: waits for an event until the next
// frame is due at kWatchFps.
void main_loop_wait(const std::function<bool(int)>& wait_event,
                    const std::function<bool()>& needed, double now_s);

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
inline std::function<void()>& main_loop_body() {
  static std::function<void()> body;
  return body;
}
inline void main_loop_trampoline() { main_loop_body()(); }
#define MAINLOOP_BEGIN(done) main_loop_body() = []() { do
#define MAINLOOP_END while (0); }; emscripten_set_main_loop(main_loop_trampoline, 0, true)
#else
#define MAINLOOP_BEGIN(done) while (!(done))
#define MAINLOOP_END
#endif
