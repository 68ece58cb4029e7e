#include "app.h"

#include <cstdio>

#include "imgui.h"
#include "version.h"

namespace {
App* g_app = nullptr;

constexpr ImGuiWindowFlags kFrameFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus |
                                         ImGuiWindowFlags_MenuBar;

// A titled, bordered region of the main window.
bool begin_panel(const char* title, ImVec2 size) {
  bool open = ImGui::BeginChild(title, size, true);
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "%s", title);
  ImGui::Separator();
  return open;
}
void end_panel() { ImGui::EndChild(); }
}  // namespace

App* current_app() { return g_app; }

void App::init() {
  g_app = this;
  platform_ = platform_info();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.f;
  style.ChildRounding = 4.f;
  style.FrameRounding = 3.f;
}

void App::frame() {
  ++frame_count_;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("LSTM Playground", nullptr, kFrameFlags);
  draw_status_bar();
  const float side = 330.f;
  draw_side_panels(side);
  ImGui::SameLine();
  draw_main_panels();
  ImGui::End();
}

void App::draw_status_bar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextColored(ImVec4(1.f, 0.85f, 0.4f, 1.f), "LSTM Playground");
  ImGui::Separator();
  ImGui::Text("v%s", lstm::version());
  ImGui::Separator();
  ImGui::Text("%s", platform_.name);
  ImGui::Separator();
  if (platform_.wasm_simd)
    ImGui::TextColored(ImVec4(0.4f, 1.f, 0.5f, 1.f), "WASM SIMD: active");
  else
    ImGui::Text("SIMD: %s", platform_.simd);
  ImGui::Separator();
  ImGui::Text("%.0f fps", ImGui::GetIO().Framerate);
  ImGui::EndMenuBar();
}

void App::draw_side_panels(float width) {
  ImGui::BeginGroup();
  const float h = ImGui::GetContentRegionAvail().y;
  if (begin_panel("Data", ImVec2(width, h * 0.30f))) {
    ImGui::TextWrapped("Draw a sequence, pick a preset or paste a CSV.");
  }
  end_panel();
  if (begin_panel("Window setup", ImVec2(width, h * 0.20f))) {
    ImGui::TextWrapped("Univariate, multivariate in, parallel, multi-step.");
  }
  end_panel();
  if (begin_panel("Model & optimizer", ImVec2(width, h * 0.28f))) {
    ImGui::TextWrapped("Stacked LSTM layers and a dense head, trained with Adam.");
  }
  end_panel();
  if (begin_panel("Training", ImVec2(width, 0))) {
    ImGui::TextWrapped("Train, pause, step.");
  }
  end_panel();
  ImGui::EndGroup();
}

void App::draw_main_panels() {
  ImGui::BeginGroup();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (begin_panel("Series & forecast", ImVec2(avail.x, avail.y * 0.55f))) {
  }
  end_panel();
  if (begin_panel("Loss", ImVec2(avail.x * 0.45f, 0))) {
  }
  end_panel();
  ImGui::SameLine();
  if (begin_panel("Inside the LSTM", ImVec2(0, 0))) {
  }
  end_panel();
  ImGui::EndGroup();
}

std::string App::state_json() const {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "{\"version\":\"%s\",\"platform\":\"%s\",\"wasm_simd\":%s,\"frames\":%ld}",
                lstm::version(), platform_.name, platform_.wasm_simd ? "true" : "false",
                frame_count_);
  return buf;
}
