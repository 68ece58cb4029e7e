// One main loop for native and web, after imgui's examples/libs/emscripten/emscripten_mainloop_stub.h:
// natively the body runs in `while (!done)`; in the browser it becomes the function that
// emscripten_set_main_loop calls once per animation frame. The body must only touch state that
// outlives main() (statics or the heap): on the web main() unwinds after the loop is installed.
#pragma once
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <functional>
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
