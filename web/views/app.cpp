#include "app.h"

#include <chrono>

#include "browser_glue.h"
#include "imgui.h"
#include "presets.h"
#include "ui_widgets.h"
#include "version.h"

namespace {
App* g_app = nullptr;

constexpr ImGuiWindowFlags kFrameFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus |
                                         ImGuiWindowFlags_MenuBar;
// Training gets this much of each frame. A 60 Hz frame has 16.7 ms and building + drawing the
// UI takes a few: 12 ms keeps the page at 50-60 fps while training gets ~70 % of the wall time
// (the throughput target with the UI on). step() always finishes the batch it started.
constexpr double kTrainSliceSeconds = 0.012;
// Predictions get a quarter of the time training took this frame (all of a paused frame's 20 ms).
constexpr double kForecastShare = 0.25, kForecastIdleSeconds = 0.020;

double now_s() {
  using C = std::chrono::steady_clock;
  return std::chrono::duration<double>(C::now().time_since_epoch()).count();
}
}  // namespace

App* current_app() { return g_app; }

void App::init() {
  g_app = this;
  platform_ = platform_info();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.f;
  style.ChildRounding = 4.f;
  style.FrameRounding = 3.f;
  style.GrabRounding = 3.f;
  style.ItemSpacing = ImVec2(8, 5);
  style.Colors[ImGuiCol_PopupBg].w = 1.f;  // menus over the plots stay readable
  // A first run shows something that trains well in seconds: the sine preset and LSTM(32).
  cfg_.model.units = {{32, 32, 32, 32}};
  cfg_.train.lr = 0.01f;
  cfg_.train.epochs = 60;
  load_preset(lstm::find_preset("sine"), true);
  notify_app_ready();  // the page opens the link in its address bar, if any
}

void App::mark(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rects_[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void App::tick_training() {
  double forecast_budget = kForecastIdleSeconds;
  if (training_) {
    const double t0 = now_s();
    const lstm::Progress& p = trainer_.step({kTrainSliceSeconds, 0});
    frame_train_s_ = now_s() - t0;
    train_seconds_ += frame_train_s_;
    forecast_budget = kForecastShare * (now_s() - t0);
    train_samples_ = p.samples;
    if (p.done) {
      training_ = false;
      if (p.diverged || !p.message.empty()) error_ = p.message;
      else notice_ = "Training finished.";
    }
  }
  // Predictions follow the weights: refresh after each epoch while training, or after any step.
  if (trainer_.ready()) {
    const lstm::Progress& p = trainer_.progress();
    const bool stale = forecast_.samples != p.samples;
    if (stale && !forecast_job_.running() && (!training_ || forecast_wanted_ != p.epoch)) {
      forecast_wanted_ = p.epoch;
      forecast_job_.start(trainer_, rollout_steps_, selected_window_);
    }
    forecast_job_.step(trainer_, forecast_budget, &forecast_);
    if (forecast_.samples == p.samples && forecast_.traced_window != selected_window_ &&
        !forecast_job_.running())
      trace_window(trainer_, selected_window_, &forecast_);
  }
}

bool App::needs_frame() const { return true; }

void App::note_frame_seconds(double seconds) {
  const double a = 0.05;  // ~20-frame moving averages
  frame_cpu_avg_s_ += a * (seconds - frame_cpu_avg_s_);
  frame_train_avg_s_ += a * ((training_ ? frame_train_s_ : 0.0) - frame_train_avg_s_);
}

void App::frame() {
  ++frame_count_;
  rects_.clear();  // only what this frame shows (closed menus and hidden panels drop out)
  heatmaps_.begin_frame();
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
    if (training_) pause_training();
    else start_training();
  }
  tick_training();

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("LSTM Playground", nullptr, kFrameFlags);
  draw_status_bar();
  // A classroom link may hide panels (lstm::PanelBit); the others take their room.
  using namespace lstm;
  if (shown(kPanelData) || shown(kPanelSetup) || shown(kPanelModel) || shown(kPanelOptimizer)) {
    ImGui::BeginChild("##side", ImVec2(340.f, 0), true);
    if (shown(kPanelData)) draw_data_panel();
    if (shown(kPanelSetup)) draw_setup_panel();
    if (shown(kPanelModel)) draw_model_panel();
    if (shown(kPanelOptimizer)) draw_optimizer_panel();
    ImGui::EndChild();
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  if (shown(kPanelTrain)) draw_train_bar();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool bottom = shown(kPanelLoss) || shown(kPanelInside);
  auto mark_window = [&](const char* name) {
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    rects_[name] = {pos.x, pos.y, size.x, size.y};
  };
  if (shown(kPanelSeries)) {
    ImGui::BeginChild("##series", ImVec2(avail.x, bottom ? avail.y * 0.56f : 0), true);
    mark_window("series_panel");
    draw_series_panel();
    ImGui::EndChild();
  }
  if (shown(kPanelLoss)) {
    ImGui::BeginChild("##loss", ImVec2(shown(kPanelInside) ? avail.x * 0.42f : avail.x, 0), true);
    mark_window("loss_panel");
    draw_loss_panel();
    ImGui::EndChild();
    if (shown(kPanelInside)) ImGui::SameLine();
  }
  if (shown(kPanelInside)) {
    ImGui::BeginChild("##inside", ImVec2(0, 0), true);
    mark_window("inside_panel");
    draw_inside_panel();
    ImGui::EndChild();
  }
  ImGui::EndGroup();
  ImGui::End();
}

void App::draw_status_bar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::TextColored(ImVec4(1.f, 0.85f, 0.4f, 1.f), "LSTM Playground");
  ImGui::Separator();
  draw_share_menu();
  draw_export_menu();
  ImGui::Separator();
  if (hidden_panels_) {
    int n = 0;
    for (uint32_t b = hidden_panels_ & lstm::kPanelAll; b; b &= b - 1) ++n;
    ImGui::TextColored(ImVec4(0.95f, 0.8f, 0.45f, 1.f), "Classroom link: %d panel%s hidden", n,
                       n == 1 ? "" : "s");
    ui::tip("The sender chose to hide them. Share > Show the hidden panels brings them back.");
    ImGui::Separator();
  }
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
  ImGui::Separator();
  ImGui::TextDisabled("Space: train / pause   wheel: zoom   drag: pan   double-click: fit");
  ImGui::EndMenuBar();
}
