// The playground UI, shared by the browser and the native build. The platform glue (main.cpp)
// calls frame() once per frame inside an ImGui frame.
#pragma once
#include <string>

#include "platform.h"

class App {
 public:
  void init();
  void frame();
  // Read-only snapshot for tests and tools (exposed to the page as lstm_state_json()).
  std::string state_json() const;

 private:
  void draw_status_bar();
  void draw_side_panels(float width);
  void draw_main_panels();

  PlatformInfo platform_{};
  long frame_count_ = 0;
};

App* current_app();  // the one App the platform glue created; for the state hook
