// The playground UI, shared by the browser and the native build. The platform glue (main.cpp)
// calls frame() once per frame inside an ImGui frame; training runs there in ~12 ms slices.
// Panels live in panel_*.cpp, one file each; this class only holds what they share.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "config.h"
#include "forecast.h"
#include "heatmap.h"
#include "platform.h"
#include "series.h"
#include "share_state.h"
#include "stroke.h"
#include "trainer.h"

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;
};

enum class DrawTool { Off, Pen, Eraser };

class App {
 public:
  void init();
  void frame();
  // The platform reports how long its last whole frame took on the main thread (events, UI,
  // training, GL calls, swap): what decides the fps on a machine whose GPU keeps up.
  void note_frame_seconds(double seconds);
  // True while something changes without input (training, a pending refresh, an animation): the
  // platform keeps drawing frames; otherwise it sleeps until input or a new snapshot arrives.
  bool needs_frame() const;
  // Read-only snapshot for tests and tools (exposed to the page as lstm_state_json()).
  std::string state_json() const;
  // Text from the page (file picker or paste): CSV to parse and load.
  // Text from the page (file picker or paste): CSV to parse and load, or a weights JSON object.
  void receive_csv(const std::string& text, const std::string& source);
  // share.cpp: a link fragment from the address bar ("v1.r..."), or why the page could not read
  // one (e.g. a compressed link that does not inflate); the final URL of a published link.
  void open_link(const std::string& fragment);
  void link_failed(const std::string& message);
  void link_shown(const std::string& url);
  // export.cpp: the platform glue reads the plot's pixels after rendering when asked to.
  bool capture_wanted(WidgetRect* r) const;  // r: screen rectangle (logical pixels)
  void capture_done(const std::vector<uint8_t>& rgba, int w, int h);  // top row first

 private:
  // app.cpp: layout, training slices, shortcuts
  void draw_status_bar();
  void tick_training();
  void mark(const char* name);  // records the last item's rectangle for the read-only state
  bool shown(uint32_t panel_bit) const { return (hidden_panels_ & panel_bit) == 0; }
  // share.cpp
  lstm::ShareState share_state() const;
  std::string apply_share_state(const lstm::ShareState& s);  // "" or why nothing changed
  void copy_link();
  void draw_share_menu();
  // export.cpp
  void draw_export_menu();
  void export_weights_file(int layout);
  void export_text_file(const std::string& name, const std::string& text, const char* mime);
  void import_weights_text(const std::string& text, const std::string& source);
  // panel_data.cpp
  void draw_data_panel();
  void load_preset(int index, bool apply_suggested);
  void draw_csv_section();
  // panel_setup.cpp
  void draw_setup_panel();
  // panel_model.cpp
  void draw_model_panel();
  void draw_optimizer_panel();
  // panel_train.cpp
  void draw_train_bar();
  bool ensure_setup();  // (re)windows and initialises when needed; false + message on error
  void start_training();
  void pause_training();
  void step_one_batch();
  void reset_weights();
  // panel_series.cpp
  void draw_series_panel();
  void draw_series_plot(float height);
  void handle_drawing();
  void push_undo();  // before changing series_; keeps the last 50
  void step_history(std::vector<lstm::Series>& from, std::vector<lstm::Series>& to);
  void series_changed();  // after an edit: keep the user's work, mark the trainer stale
  // panel_loss.cpp
  void draw_loss_panel();
  // panel_inside.cpp
  void draw_inside_panel();

  PlatformInfo platform_{};
  long frame_count_ = 0;
  std::map<std::string, WidgetRect> rects_;
  struct { float x0 = 0, x1 = 1, y0 = 0, y1 = 1; } series_axes_;  // data limits of the series plot

  // What the user edits.
  lstm::Config cfg_{};
  lstm::Series series_;
  std::string series_label_;  // where the series came from, for the Data panel
  int preset_ = 0, length_ = 200;
  float noise_ = 0.f;
  int data_seed_ = 1;
  std::vector<lstm::Series> undo_, redo_;
  DrawTool tool_ = DrawTool::Off;
  int draw_column_ = 0;
  std::vector<lstm::StrokePoint> stroke_;
  bool stroke_active_ = false;
  bool fit_series_ = false;  // refit the series plot on the next frame (after a load)
  std::string csv_text_;
  std::vector<std::string> csv_messages_;
  std::string csv_error_;

  // Training.
  lstm::Trainer trainer_;
  bool needs_setup_ = true;  // config or series changed since Trainer::setup
  bool training_ = false;
  std::string error_;   // why the last action failed (setup, divergence), shown in red
  std::string notice_;  // what happened (e.g. "settings changed: fresh weights")
  double train_seconds_ = 0.0;  // wall time spent in trainer.step, for the UI's samples/s
  double frame_train_s_ = 0.0;  // trainer.step time of the last frame
  double frame_cpu_avg_s_ = 0.0, frame_train_avg_s_ = 0.0;  // moving averages (main thread)
  long long train_samples_ = 0;

  // Share links (share.cpp).
  bool preset_untouched_ = false;  // series_ is exactly make_preset(preset_, length_, ...)
  uint32_t hidden_panels_ = 0;     // lstm::PanelBit mask a classroom link hid here
  uint32_t share_hide_ = 0;        // panels the next link hides
  bool share_weights_ = true;      // the next link carries the trained weights
  bool weights_from_link_ = false; // Train starts again from the seed (reproduces the sender)
  std::string link_;               // the last link made (full URL in the browser)
  size_t link_raw_chars_ = 0;      // its uncompressed "v1.r" length
  std::string link_error_;         // why the last link could not be opened
  int links_opened_ = 0;
  bool view_pending_ = false;      // apply view_ to the series plot on the next frame
  lstm::ViewState view_;

  // Exports (export.cpp).
  long capture_frame_ = -1;  // read the series panel after this frame (menu closed by then)
  std::string export_message_, export_error_;

  // Views.
  Forecast forecast_;
  ForecastJob forecast_job_;
  long long forecast_wanted_ = -1;  // trainer samples the shown forecast should reflect
  int rollout_steps_ = 50;
  int selected_window_ = 0;
  int hovered_window_ = -1;
  bool loss_log_ = true;
  int inside_layer_ = 0;
  int weight_tensor_ = 0;
  HeatmapRenderer heatmaps_;
};

// Columns worth modelling: all but index-like ones (evenly increasing, e.g. a time column);
// every column when that would leave none.
std::vector<int> value_columns(const lstm::Series& s);

App* current_app();  // the one App the platform glue created; for the state hook
