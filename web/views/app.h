// The playground UI, shared by the browser and the native build: ImGui views over a
// lstm::Session (session/). The platform glue calls frame() once per ImGui frame. The views read
// the session's run snapshots; training happens behind the session's runners (a Web Worker, a
// thread, or in-frame slices as the fallback). Panels live in panel_*.cpp, one file each, each
// with its own state struct (panel_state.h).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "autosave_state.h"
#include "panel_state.h"
#include "platform.h"
#include "session.h"
#include "touch_frame.h"

struct WidgetRect {
  float x = 0, y = 0, w = 0, h = 0;
};

// The phone layout's tabs, in their order on the tab bar.
enum class PhoneTab { Data, Model, Train, Forecast, Inside };

class App {
 public:
  // make_runner: where runs train (the platform's choice); null = in-frame slices.
  void init(lstm::Session::RunnerFactory make_runner);
  // last_before_sleep: the platform stops drawing after this frame (nothing changes): the status
  // bar says "idle" instead of an fps figure that would stand still on screen.
  void frame(bool last_before_sleep = false);
  // True while something changes without input (training, snapshots to show, a capture): the
  // platform keeps drawing frames; otherwise it sleeps until input or a new snapshot arrives.
  bool needs_frame() const;
  // True while frames themselves train (the in-frame fallback): the platform keeps the full
  // frame rate instead of the slower "watching" rate.
  bool frames_do_work() const { return session_.trains_in_frames(); }
  // The platform reports how long its last whole frame took on the main thread (events, UI,
  // in-frame training, GL calls, swap).
  void note_frame_seconds(double seconds);
  // Touch screens (web/platform/touch_input.h): this frame's gestures, set before frame(); and
  // whether a finger landing at (x, y) acts at once (a plot: draw or pan) rather than maybe scroll.
  void set_touch(const TouchFrame& touch) { touch_ = touch; }
  bool touch_acts_at_once(float x, float y) const;
  // Text size the layout wants, relative to the default font (the phone layout is larger).
  float ui_scale() const { return phone_ ? kPhoneUiScale : 1.f; }
  // Read-only snapshot for tests and tools (exposed to the page as lstm_state_json()).
  std::string state_json() const;
  // Text from the page (file picker or paste): a CSV to load, or a weights JSON object.
  void receive_csv(const std::string& text, const std::string& source);
  // Text the page did not hand over (too large, no memory): why, shown where CSV errors are.
  void csv_refused(const std::string& why);
  // share.cpp: a link fragment from the address bar ("v1.r..."), or why the page could not read
  // one (e.g. a compressed link that does not inflate); the final URL of a published link.
  void open_link(const std::string& fragment);
  void link_failed(const std::string& message);
  void link_shown(const std::string& url);
  void embed_shown(const std::string& snippet);  // the <iframe> snippet of the last Embed
  // autosave.cpp: the saved session (autosave_glue.h). The page hands over what it read at start
  // (empty: nothing) and reports how each save went ("" or why it failed).
  void autosave_begin(const std::vector<uint8_t>& saved);
  void autosave_unreadable(size_t bytes);  // the saved session could not be copied in: keep it
  void autosave_result(const std::string& error);
  void autosave_flush();  // saves now what is not saved yet (the page going hidden, a quit)
  // Native start: a link given on the command line wins; else the saved session file.
  void start_native(const std::string& link_arg);
  // Natively, when the window closes: pause the runs, wait for their state, save what is unsaved.
  void save_before_quit();
  // A link pasted or typed (a URL with "#v3..." or the fragment): opened like the address bar's.
  bool open_link_text(const std::string& text);
  // export.cpp: the platform glue reads the plot's pixels after rendering when asked to.
  bool capture_wanted(WidgetRect* r) const;  // r: screen rectangle (logical pixels)
  void capture_done(const std::vector<uint8_t>& rgba, int w, int h);  // top row first

 private:
  // app.cpp: layout, status bar, shortcuts
  void draw_status_bar();
  void mark(const char* name);  // records the last item's rectangle for the read-only state
  bool shown(uint32_t panel_bit) const { return (hidden_panels_ & panel_bit) == 0; }
  void config_changed();        // after an edit of config or series: the runs start afresh
  void series_loaded();         // after a new series: refit the plot, stop drawing
  void apply_touch();           // scrolls and pinches of this frame; a pinch cancels a stroke
  // layout_phone.cpp: below kPhoneWidth one panel at a time, picked by a tab bar at the bottom
  void use_phone_style(bool phone);
  void draw_phone_layout();
  void draw_phone_tabs(float height);
  // autosave.cpp
  void load_defaults();   // the first-visit state: the sine preset, LSTM(32)
  void autosave_tick();   // per frame: a save 1 s after the last change (3 s at most while it trains)
  void autosave_now();    // saves the session now (and the address bar's link), or says why not
  void write_saved_session();
  std::string restore_session(const std::vector<uint8_t>& bytes);
  void adopt_view(const lstm::ShareState& s);  // what the session does not own: view, panels, tools
  void start_fresh();
  void draw_session_menu();
  // share.cpp
  bool encode_share_link(std::string* raw);  // false (with a message) when over the limit
  void copy_link();
  void copy_embed();
  void draw_share_menu();
  // export.cpp
  void draw_export_menu();
  void export_text_file(const std::string& name, const std::string& text, const char* mime);
  void import_weights_text(const std::string& text, const std::string& source);
  // panel_data.cpp
  void draw_data_panel();
  void draw_csv_section();
  // panel_setup.cpp
  void draw_setup_panel();
  // panel_forecast.cpp: test split, season, transforms; the metrics and backtest tabs.
  void draw_forecast_settings();
  void draw_metrics_tab();
  void draw_backtest_tab();
  void draw_forecast_overlays(int target_index, int column);  // inside the series plot
  // panel_model.cpp
  void draw_model_panel();
  void draw_optimizer_panel();
  // panel_train.cpp
  void draw_train_bar();
  void start_training();
  void pause_training();
  void step_one_batch();
  void reset_weights();
  void add_run();  // run 0's config with the next seed, beside it
  void compare_with(lstm::CellKind cell);  // run 0's config with another cell, beside it
  void draw_runs_tab();
  // panel_series.cpp
  void draw_series_panel();
  void draw_series_plot(float height);
  void handle_drawing();
  // panel_loss.cpp
  void draw_loss_panel();
  void draw_loss_tab();
  void draw_gradient_tab();
  void draw_saliency_tab();
  // panel_inside.cpp
  void draw_inside_panel();

  lstm::Session::RunnerFactory make_runner_;  // kept for Start fresh's new session
  lstm::Session session_;
  // Panels edit the session's config in place, then call config_changed().
  lstm::Config& cfg_ = session_.edit_config();
  const lstm::Series& series_ = session_.series();
  const lstm::RunView& run0() const { return session_.run(0); }

  static constexpr float kPhoneWidth = 700.f;  // CSS px: narrower windows get the phone layout
  static constexpr float kPhoneUiScale = 1.15f;
  TouchFrame touch_;
  bool phone_ = false;
  bool phone_style_ = false;  // the style now applied
  ImGuiStyle desktop_style_;
  PhoneTab phone_tab_ = PhoneTab::Forecast;
  PlatformInfo platform_{};
  long frame_count_ = 0;
  long last_busy_frame_ = 0;
  bool last_before_sleep_ = false;
  std::map<std::string, WidgetRect> rects_;
  uint32_t hidden_panels_ = 0;  // lstm::PanelBit mask a classroom link hid here
  std::string error_;   // why the last action failed (setup, divergence, a link), in red
  std::string notice_;  // what happened (e.g. "settings changed: fresh weights")
  double frame_cpu_avg_s_ = 0.0;  // moving average of the main thread's time per frame
  double frame_train_s_ = 0.0, frame_train_avg_s_ = 0.0;  // of which in-frame training

  DataPanelState data_;
  SeriesPanelState series_view_;
  LossPanelState loss_;
  InsidePanelState inside_;
  SharePanelState share_;
  ExportPanelState export_;
  ForecastPanelState forecast_;
  AutosaveState autosave_;
};

App* current_app();  // the one App the platform glue created; for the state hook
