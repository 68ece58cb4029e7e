// A small plot widget with ImPlot's API shape (ImPlot is not packaged for Debian):
//   if (Plot::BeginPlot("Loss", size)) {
//     Plot::SetupAxes("epoch", "loss", 0, Plot::AxisFlags_Log);
//     Plot::PlotLine("train", xs, ys, n);
//     Plot::EndPlot();
//   }
// Wheel zooms about the cursor (Shift: X only, Ctrl: Y only), left-drag pans (right-drag when
// the caller takes the left button, e.g. for drawing), double-click fits the data again. The
// maths lives in session/plot_math.h.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"
#include "plot_math.h"

namespace Plot {

enum PlotFlags_ {
  PlotFlags_None = 0,
  PlotFlags_NoLegend = 1 << 0,
  PlotFlags_LeftButtonFree = 1 << 1,  // the caller uses the left button: pan with the right one
};
enum AxisFlags_ {
  AxisFlags_None = 0,
  AxisFlags_Log = 1 << 0,
  AxisFlags_AutoFit = 1 << 1,  // refit to the data every frame until the user zooms or pans
};
using PlotFlags = int;
using AxisFlags = int;
enum class Cond { Once, Always };

struct Point {
  double x = 0, y = 0;
};

bool BeginPlot(const char* title_id, ImVec2 size = ImVec2(-1, 0), PlotFlags flags = 0);
void SetupAxes(const char* x_label, const char* y_label, AxisFlags x_flags = 0,
               AxisFlags y_flags = 0);
void SetupAxesLimits(double x0, double x1, double y0, double y1, Cond cond = Cond::Once);
void SetNextColor(ImU32 color);  // for the next Plot* call (else a palette colour)
// The next PlotLine(ys, n, x0, dx)'s data stays the same while `revision` does: the plot keeps a
// block summary of it and draws a long line in time proportional to its width in pixels.
void SetNextRevision(uint64_t revision);
// xs / ys: (n) each. Non-finite values break the line.
void PlotLine(const char* label, const float* xs, const float* ys, int n, float thickness = 1.5f);
// ys at x = x0 + i * dx.
void PlotLine(const char* label, const float* ys, int n, double x0 = 0, double dx = 1,
              float thickness = 1.5f);
void PlotScatter(const char* label, const float* xs, const float* ys, int n, float radius = 3.f);
// The area between lo and hi over xs (n each), e.g. a prediction interval.
void PlotBand(const char* label, const float* xs, const float* lo, const float* hi, int n, ImU32 color);
// A shaded band over x in [x0, x1], full height (e.g. the validation part).
void PlotShadedX(const char* label, double x0, double x1, ImU32 color);
void PlotVLine(double x, ImU32 color, float thickness = 1.f);
// A band `height` pixels high along the bottom of the data area over [x0, x1] (no legend entry).
void PlotStripX(double x0, double x1, float height, ImU32 color);
void EndPlot();

// Between BeginPlot and EndPlot:
bool IsPlotHovered();
Point GetPlotMousePos();
ImVec2 PlotToPixels(double x, double y);
Point PixelsToPlot(ImVec2 p);
struct Rect {
  ImVec2 min, max;
};
Rect GetPlotRect();  // the data area in screen pixels
lstm::AxisRange GetAxisX();
lstm::AxisRange GetAxisY();
void RequestFit();  // fit the data on the next frame
// The legend of the plot `title_id` drew last (for the state hook): its labels, whether it was
// unfolded, and its fold / unfold button (screen pixels).
struct LegendReport {
  std::vector<std::string> labels;
  bool open = true;
  ImVec2 toggle_min, toggle_max;
};
const LegendReport& LastLegend(const char* title_id);
// Touch screens: the legend's fold button takes taps over at least this many pixels (0: its text).
void SetMinTarget(float px);

// Touch screens: this frame's two-finger gesture. The plot whose data area holds `center` zooms
// by `scale` about it (> 1 zooms in) and pans by `pan` pixels. Set once per frame, before plots.
struct Pinch {
  bool active = false;
  ImVec2 center, pan;
  float scale = 1.f;
};
void SetPinch(const Pinch& pinch);
// True when a plot's visible data area held `p` in the last frame drawn: a finger there draws or
// pans at once instead of waiting to see whether it scrolls the panel.
bool AnyPlotAt(ImVec2 p);

}  // namespace Plot
