// Each panel's own state: what it shows or is in the middle of, never the user's work (that is
// the session's). One small struct per panel, owned by App.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "heatmap.h"
#include "share_state.h"
#include "stroke.h"

enum class DrawTool { Off, Pen, Eraser };

// The paste box keeps this much of a big text (ImGui copies and lays out the box every frame).
constexpr size_t kCsvBoxBytes = 200000;

struct DataPanelState {
  DrawTool tool = DrawTool::Off;
  int draw_column = 0;
  std::vector<lstm::StrokePoint> stroke;
  bool stroke_active = false;
  int length = 200, seed = 1;  // the preset sliders (applied through the session)
  int k = 0;                   // a memory challenge's gap
  float noise = 0.f;
  std::string csv_text;        // the paste box
  size_t csv_cut_bytes = 0;    // the box shows only the start of a text this long (0: all of it)
  std::vector<char> csv_buffer;
  char path[512] = "";         // native: the file to open
  std::vector<std::string> csv_messages;
  std::string csv_error;
};

struct SeriesPanelState {
  struct { float x0 = 0, x1 = 1, y0 = 0, y1 = 1; } axes;  // data limits shown
  bool fit_pending = false;   // refit on the next frame (after a load)
  bool view_pending = false;  // apply `view` on the next frame (a link's view)
  lstm::ViewState view;
  int hovered_window = -1;
};

struct LossPanelState {
  bool log = true;
  bool grad_relative = true;  // gradient vs lag divided by each run's lag-0 value (shapes compare)
  HeatmapRenderer saliency;  // the Saliency tab's heatmap
  uint64_t seen_parts = ~0ull, version = 0;
};

struct InsidePanelState {
  int layer = 0;
  int tensor = 0;
  int step = -1;              // "One step": the time step shown (-1: the window's last)
  int unit = 0;               // and the unit
  bool open_step = false;     // select the "One step" tab on the next frame (a heatmap click)
  uint64_t version = 0;  // bumped when the traced values change: the textures upload again
  uint64_t seen_parts = ~0ull;  // RunView::parts of the textures on screen
  int drawn_layer = -1;
  HeatmapRenderer heatmaps;
};

// Forecasting (panel_forecast.cpp): what the series plot adds beside the rollout, and the
// backtest's fold count.
struct ForecastPanelState {
  bool show_baseline[4] = {true, true, false, false};  // naive, seasonal naive, drift, mean
  bool bands = true;                                    // conformal 80 % / 95 % bands
  int folds = 3;
  std::string backtest_error;
};

struct SharePanelState {
  uint32_t hide = 0;            // panels the next link hides (lstm::PanelBit)
  bool include_weights = true;  // the next link carries the trained weights
  std::string link;             // the last link made (the full URL in the browser)
  size_t raw_chars = 0;         // its uncompressed "v1.r" length
  std::string error;            // why the last link could not be opened
  int opened = 0;
  std::string shown;            // the read-only text field's buffer
  int embed_size = 1;           // kEmbedSizes in share.cpp
  std::string embed;            // the last <iframe> snippet made
  std::string embed_shown;      // its read-only text field's buffer
};

struct ExportPanelState {
  long capture_frame = -1;  // read the series panel after this frame (the menu is closed by then)
  std::string message, error;
};
