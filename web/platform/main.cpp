// Platform glue: an SDL2 window with a GL context (WebGL2 in the browser, OpenGL 3.3 core
// natively), the unmodified ImGui SDL2 + OpenGL3 backends, and the one main loop.
#include <SDL.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include <algorithm>

#include "app.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "input_queue.h"
#include "main_loop.h"
#include "out_of_memory.h"
#include "png_writer.h"
#include "runners.h"
#include "script_fonts.h"
#include "wake.h"

#ifdef __EMSCRIPTEN__
#include <SDL_opengles2.h>
#include <emscripten/html5.h>
#else
#include <SDL_opengl.h>
#endif

namespace {

struct Platform {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  bool done = false;
  long frames = 0;
  long max_frames = 0;          // native smoke test: quit after this many frames (0 = never)
  const char* screenshot = nullptr;  // native smoke test: PNG of the last frame
  const char* state_file = nullptr;  // native end-to-end tests: lstm_state_json() after each frame
  std::string state_written;
  InputQueue input;
  bool slept = false;             // the loop slept after the last frame
  float last_delta = 1.f / 60.f;  // ImGui's DeltaTime of the last frame
  float font_raster = 0.f, font_dpr = 0.f;  // the font atlas's scales (follow_font_scale)
  App app;
};

// A framebuffer rectangle (GL coordinates: rows counted from the bottom) as RGBA, top row first
// and opaque (the canvas may carry alpha).
std::vector<uint8_t> read_pixels(int x, int y, int w, int h) {
  std::vector<uint8_t> px(size_t(w) * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  for (int row = 0; row < h / 2; ++row)  // GL rows run bottom-up
    std::swap_ranges(px.begin() + size_t(row) * w * 4, px.begin() + size_t(row + 1) * w * 4,
                     px.begin() + size_t(h - 1 - row) * w * 4);
  for (size_t i = 3; i < px.size(); i += 4) px[i] = 255;
  return px;
}

#ifndef __EMSCRIPTEN__
// Native end-to-end tests read the state the page exposes as window.lstmState() from this file,
// rewritten (then renamed, so a reader never sees half) whenever it changed.
void write_state_file(Platform& p) {
  const std::string json = p.app.state_json();
  if (json == p.state_written) return;
  const std::string tmp = std::string(p.state_file) + ".tmp";
  if (FILE* f = std::fopen(tmp.c_str(), "wb")) {
    const bool ok = std::fwrite(json.data(), 1, json.size(), f) == json.size();
    if (std::fclose(f) == 0 && ok && std::rename(tmp.c_str(), p.state_file) == 0) p.state_written = json;
  }
}

// Native smoke test: the last frame's pixels as a PNG.
void save_screenshot(SDL_Window* window, const char* path) {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window, &w, &h);
  if (!write_png(path, read_pixels(0, 0, w, h).data(), w, h))
    std::fprintf(stderr, "cannot write %s\n", path);
}
#endif

// The "plot as PNG" export: the app's rectangle (logical pixels) read back from the frame just
// rendered, before the swap.
void capture_rect(App& app, const WidgetRect& r, const ImGuiIO& io) {
  const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
  const int fb_h = int(io.DisplaySize.y * sy);
  const int x = std::max(0, int(r.x * sx)), w = std::max(1, int(r.w * sx));
  const int h = std::max(1, int(r.h * sy)), y = std::max(0, fb_h - int((r.y + r.h) * sy));
  app.capture_done(read_pixels(x, y, w, h), w, h);
}

#ifdef __EMSCRIPTEN__
// The canvas fills the page (index.html); follow its CSS size.
void follow_canvas_size(SDL_Window* window) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  int w = 0, h = 0;
  SDL_GetWindowSize(window, &w, &h);
  if ((int)css_w != w || (int)css_h != h) SDL_SetWindowSize(window, (int)css_w, (int)css_h);
}
#endif

// Text stays crisp at the screen's device pixel ratio and the size the layout asks for: the font
// atlas is rasterised at dpr * ui_scale times the default size and drawn at 1 / dpr
// (io.FontGlobalScale), so layouts keep their CSS-pixel sizes. Fonts added here must use the same
// `raster` factor on their sizes.
void build_fonts(float raster, float dpr) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.SizePixels = 13.f * raster;  // ProggyClean's size: unchanged at 1x
  io.Fonts->AddFontDefault(&cfg);
  io.FontGlobalScale = 1.f / dpr;
}

float device_pixel_ratio(SDL_Window* window) {
#ifdef __EMSCRIPTEN__
  (void)window;
  return std::max(1.f, float(emscripten_get_device_pixel_ratio()));
#else
  int w = 0, h = 0, dw = 0, dh = 0;
  SDL_GetWindowSize(window, &w, &h);
  SDL_GL_GetDrawableSize(window, &dw, &dh);
  return w > 0 ? std::max(1.f, float(dw) / float(w)) : 1.f;
#endif
}

// Rebuilds the font atlas when the pixel ratio or the layout's text size changed (a zoom, a
// window moved to another screen, the phone layout coming or going). update_font_atlas() then
// merges the script fonts again at the new size.
void follow_font_scale(Platform& p) {
  const float dpr = device_pixel_ratio(p.window), raster = dpr * p.app.ui_scale();
  if (raster == p.font_raster && dpr == p.font_dpr) return;
  p.font_raster = raster, p.font_dpr = dpr;
  build_fonts(raster, dpr);
  if (!ImGui::GetIO().Fonts->TexID) return;  // the first frame: the backend uploads it
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

double seconds(Uint64 ticks) { return double(ticks) / double(SDL_GetPerformanceFrequency()); }

void frame(Platform& p) {
  const Uint64 t0 = SDL_GetPerformanceCounter();
  p.input.pump();
  p.input.begin_frame();
  bool had_input = false;
  SDL_Event event;
  while (p.input.next(&event)) {
    had_input = true;
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) p.done = true;
    if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
        event.window.windowID == SDL_GetWindowID(p.window))
      p.done = true;
  }
#ifdef __EMSCRIPTEN__
  follow_canvas_size(p.window);
#endif
  if (TouchInput* touch = p.input.touch()) p.app.set_touch(touch->take_frame());
  follow_font_scale(p);
  update_font_atlas();  // glyphs for the user's text, merged between frames
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  p.input.apply_to_imgui();
  ImGuiIO& io = ImGui::GetIO();
  // A sleep is no frame time: keep ImGui's framerate figure and fades at their pace. Clicks on
  // either side of a sleep stay apart: it starts kSleepAfterSeconds (> io.MouseDoubleClickTime)
  // after the last input.
  if (p.slept) io.DeltaTime = p.last_delta;
  p.slept = false;
  p.last_delta = io.DeltaTime;
  ImGui::NewFrame();
  p.app.frame(main_loop_falling_asleep());
  ImGui::Render();
  glViewport(0, 0, (int)io.DisplaySize.x, (int)io.DisplaySize.y);
  glClearColor(0.10f, 0.11f, 0.13f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  WidgetRect r;
  if (p.app.capture_wanted(&r)) capture_rect(p.app, r, io);
#ifndef __EMSCRIPTEN__
  if (p.max_frames && ++p.frames >= p.max_frames) {
    if (p.screenshot) save_screenshot(p.window, p.screenshot);
    p.done = true;
  }
#endif
  SDL_GL_SwapWindow(p.window);
#ifndef __EMSCRIPTEN__
  if (p.state_file) {
    write_state_file(p);
    // Tests wait for frames, so keep drawing, at 60 fps at most (Xvfb has no vsync).
    const double spent = seconds(SDL_GetPerformanceCounter() - t0);
    if (spent < 1.0 / 60) SDL_Delay(Uint32((1.0 / 60 - spent) * 1000));
  }
#endif
  // In the browser the swap returns at once; natively it also waits for vsync.
  const Uint64 t1 = SDL_GetPerformanceCounter();
  p.app.note_frame_seconds(seconds(t1 - t0));
  // The native smoke test (--frames) draws its frames without input.
  // In-frame training counts as input: its frames are its time slices, so no slower rate.
  p.slept = main_loop_end_frame(had_input || !p.input.empty() || p.app.frames_do_work(),
                                p.app.needs_frame() || p.max_frames || p.state_file, seconds(t1));
}

}  // namespace

int main(int argc, char** argv) {
  // Heap-allocated: on the web main() unwinds once the loop is installed.
  static Platform* p = new Platform();
#ifdef __EMSCRIPTEN__
  install_out_of_memory_report();
#endif
  std::string link_arg;  // native: `lstm-playground '<link or URL with #v3...>'` opens it
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) p->max_frames = std::atol(argv[++i]);
    else if (std::strcmp(argv[i], "--screenshot") == 0 && i + 1 < argc) p->screenshot = argv[++i];
    else if (std::strcmp(argv[i], "--state-file") == 0 && i + 1 < argc) p->state_file = argv[++i];
    else link_arg = argv[i];
  }
#ifdef __EMSCRIPTEN__
  // Fingers become mouse events in touch_input.cpp, which can tell a scroll or a pinch from a
  // press; SDL's own translation presses at once.
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  p->input.enable_touch([](float x, float y) { return p->app.touch_acts_at_once(x, y); });
#endif
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
    return 1;
  }
#ifdef __EMSCRIPTEN__
  const char* glsl_version = "#version 300 es";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 330 core";
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  auto flags = (SDL_WindowFlags)(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  p->window = SDL_CreateWindow("LSTM Playground", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                               1280, 800, flags);
  if (!p->window) {
    std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
    return 1;
  }
  p->gl = SDL_GL_CreateContext(p->window);
  if (!p->gl) {
    std::fprintf(stderr, "Could not create an OpenGL/WebGL2 context: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(p->window, p->gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the layout is computed, state lives in links
  ImGui::StyleColorsDark();
  ImGui_ImplSDL2_InitForOpenGL(p->window, p->gl);
  ImGui_ImplOpenGL3_Init(glsl_version);
  p->app.init(platform_runner_factory());
#ifndef __EMSCRIPTEN__
  p->app.start_native(link_arg);  // the browser's page does this from its address bar and storage
#endif

  MAINLOOP_BEGIN(p->done) {
#ifndef __EMSCRIPTEN__
    main_loop_wait([](int timeout_ms) { return p->input.wait(timeout_ms); },
                   []() { return p->app.needs_frame() || p->state_file; }, seconds(SDL_GetPerformanceCounter()));
#endif
    frame(*p);
  }
  MAINLOOP_END;
#ifndef __EMSCRIPTEN__
  p->app.save_before_quit();  // the window closed (or SIGTERM/SIGINT): keep what was unsaved
  if (p->state_file) write_state_file(*p);
#endif

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(p->gl);
  SDL_DestroyWindow(p->window);
  SDL_Quit();
  return 0;
}
