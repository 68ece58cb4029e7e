#include "app.h"

#include "browser_glue.h"
#include "clock.h"
#include "imgui.h"
#include "presets.h"
#include "script_fonts.h"
#include "ui_widgets.h"
#include "version.h"

namespace {
App* g_app = nullptr;

constexpr ImGuiWindowFlags kFrameFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus |
                                         ImGuiWindowFlags_MenuBar;
// In-frame runners (the fallback when no worker or thread can train) get this much of each
// frame, shared by the runs: a 60 Hz frame has 16.7 ms and the UI takes a few.
constexpr double kInlineSliceSeconds = 0.012;
// Frames drawn after the last change, so hover states and tooltips settle before the platform
// stops drawing.
constexpr long kSettleFrames = 6;
}  // namespace

App* current_app() { return g_app; }

void App::init(lstm::Session::RunnerFactory make_runner) {
  g_app = this;
  platform_ = platform_info();
  make_runner_ = make_runner;
  session_.set_runner_factory(std::move(make_runner));
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.f;
  style.ChildRounding = 4.f;
  style.FrameRounding = 3.f;
  style.GrabRounding = 3.f;
  style.ItemSpacing = ImVec2(8, 5);
  style.Colors[ImGuiCol_PopupBg].w = 1.f;  // menus over the plots stay readable
  desktop_style_ = style;
  load_defaults();
  notify_app_ready();  // the page restores the saved session or opens the link in its address bar
}

void App::load_defaults() {
  // A first run shows something that trains well in seconds: the sine preset and LSTM(32).
  cfg_.model.units = {{32, 32, 32, 32}};
  cfg_.train.lr = 0.01f;
  cfg_.train.epochs = 60;
  session_.load_preset(lstm::find_preset("sine"), true);
  data_.length = session_.origin().length;
  data_.noise = session_.origin().noise;
  data_.k = session_.origin().k;
  series_loaded();
}

void App::mark(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  rects_[name] = {a.x, a.y, b.x - a.x, b.y - a.y};
}

void App::config_changed() {
  const bool was_training = session_.any_training();
  session_.invalidate();
  if (was_training)
    notice_ = "Settings or data changed: training stopped. Train starts again from fresh weights.";
  if (data_.draw_column >= series_.width()) data_.draw_column = 0;
}

void App::series_loaded() {
  data_.tool = DrawTool::Off;
  series_view_.fit_pending = true;
  config_changed();
}

bool App::needs_frame() const {
  return session_.busy() || export_.capture_frame >= 0 || autosave_.pending ||
         frame_count_ - last_busy_frame_ < kSettleFrames;
}

void App::note_frame_seconds(double seconds) {
  const double a = 0.05;  // ~20-frame moving averages
  frame_cpu_avg_s_ += a * (seconds - frame_cpu_avg_s_);
  frame_train_avg_s_ += a * (frame_train_s_ - frame_train_avg_s_);
}

void App::frame(bool last_before_sleep) {
  ++frame_count_;
  last_before_sleep_ = last_before_sleep;
  rects_.clear();  // only what this frame shows (closed menus and hidden panels drop out)
  // Names and file names however they arrived (CSV, link, undo): fonts for their script.
  for (const std::string& name : series_.names) note_user_text(name);
  note_user_text(session_.origin().label);
  inside_.heatmaps.begin_frame();
  loss_.saliency.begin_frame();
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
    if (session_.any_training()) pause_training();
    else start_training();
  }
  const double t0 = lstm::now_seconds();
  if (session_.update(kInlineSliceSeconds / session_.n_runs())) last_busy_frame_ = frame_count_;
  frame_train_s_ = lstm::now_seconds() - t0;
  if (session_.busy()) last_busy_frame_ = frame_count_;
  autosave_tick();

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  phone_ = vp->WorkSize.x < kPhoneWidth;
  use_phone_style(phone_);
  apply_touch();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("LSTM Playground", nullptr, kFrameFlags);
  draw_status_bar();
  if (phone_) {
    draw_phone_layout();
    ImGui::End();
    return;
  }
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
  draw_session_menu();
  ImGui::Separator();
  if (phone_) {  // no room for the rest: the hidden panels' note, shortened
    if (hidden_panels_) ImGui::TextColored(ImVec4(0.95f, 0.8f, 0.45f, 1.f), "classroom");
    ImGui::EndMenuBar();
    return;
  }
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
  // Where training runs: a worker or thread keeps the page responsive; in-frame is the fallback.
  const std::string kind = session_.runner_kind(0);
  if (!session_.fallback_note().empty()) {
    ImGui::TextColored(ImVec4(1.f, 0.7f, 0.4f, 1.f), "training: in-frame");
    ui::tip(session_.fallback_note().c_str());
  } else if (kind == "in-frame") {
    ImGui::TextColored(ImVec4(1.f, 0.7f, 0.4f, 1.f), "training: in-frame");
    ui::tip("No Web Worker here: training runs in slices of the page's frames.");
  } else {
    ImGui::Text("training: %s", kind == "worker" ? "Web Worker" : "thread");
    ui::tip("Training runs off the UI thread: the page answers input as it does idle.");
  }
  mark("runner_kind");
  ImGui::Separator();
  if (last_before_sleep_) ImGui::TextDisabled("idle");
  else ImGui::Text("%.0f fps", ImGui::GetIO().Framerate);
  ImGui::Separator();
  ImGui::TextDisabled("Space: train / pause   wheel: zoom   drag: pan   double-click: fit");
  ImGui::EndMenuBar();
}
