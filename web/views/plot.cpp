// [SECTION] state  [SECTION] setup and input  [SECTION] items  [SECTION] end: legend, hover
#include "plot.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace Plot {
namespace {

// ---- [SECTION] state ----
struct PlotState {
  lstm::AxisRange x{0, 1}, y{0, 1};
  bool initialised = false;
  bool fit_next = true;
  bool user_moved = false;
  std::vector<ImGuiID> hidden;  // legend entries switched off
  // -1: folded when unfolded it would take three rows or more and cover more than kLegendMaxShare
  // of the data area (a phone's narrow plot, many series); 0 / 1: the user folded or unfolded it.
  int legend_open = -1;
  std::vector<ImVec4> legend_hits;  // last frame's fold button and entries: clicks there are theirs
};
constexpr float kLegendMaxShare = 0.25f;
float g_min_target = 0.f;  // SetMinTarget

struct Extent {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  void add(double x, double y, bool log_y) {
    if (!std::isfinite(x) || !std::isfinite(y) || (log_y && y <= 0)) return;
    x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
  }
  bool valid() const { return x1 >= x0 && y1 >= y0; }
};

struct LegendEntry {
  std::string label;
  ImU32 color;
  bool hidden;
  bool has_value = false;
  double value = 0;  // the item's y under the cursor
};

struct Current {
  PlotState* st = nullptr;
  ImGuiID id = 0;
  PlotFlags flags = 0;
  AxisFlags xf = 0, yf = 0;
  std::string x_label, y_label;
  ImVec2 frame_min, frame_max;
  ImVec2 pmin, pmax;  // data area
  lstm::AxisTransform tx, ty;
  bool setup_done = false;
  bool hovered = false;
  Point mouse;
  ImDrawList* dl = nullptr;
  Extent extent;
  std::vector<LegendEntry> legend;
  std::string title_id;
  int color_index = 0;
  ImU32 next_color = 0;
};

std::unordered_map<ImGuiID, PlotState> g_states;
std::unordered_map<std::string, LegendReport> g_last_legend;  // by title_id
Current g;
Pinch g_pinch;
// Visible data areas of the plots of frame g_hit_frame (AnyPlotAt).
std::vector<ImVec4> g_hit_rects;
int g_hit_frame = -1;

// Cool colours first: callers give predictions warm ones (web/views/ui_widgets.h).
const ImU32 kPalette[] = {IM_COL32(76, 154, 255, 255),  IM_COL32(70, 210, 220, 255),
                          IM_COL32(180, 130, 240, 255), IM_COL32(200, 200, 70, 255),
                          IM_COL32(170, 120, 90, 255),  IM_COL32(160, 160, 160, 255),
                          IM_COL32(240, 120, 200, 255), IM_COL32(80, 200, 120, 255),
                          IM_COL32(255, 159, 64, 255),  IM_COL32(240, 82, 82, 255)};

const char* label_end(const char* label) {
  const char* hash = std::strstr(label, "##");
  return hash ? hash : label + std::strlen(label);
}
std::string visible(const char* label) { return std::string(label, label_end(label)); }

ImU32 take_color() {
  if (g.next_color) {
    ImU32 c = g.next_color;
    g.next_color = 0;
    return c;
  }
  return kPalette[g.color_index++ % IM_ARRAYSIZE(kPalette)];
}

// Registers a legend entry; returns false when the user has hidden it.
bool add_item(const char* label, ImU32 color) {
  const ImGuiID id = ImGui::GetID(label);
  const bool hidden = std::find(g.st->hidden.begin(), g.st->hidden.end(), id) != g.st->hidden.end();
  if (label[0] != '#' || label[1] != '#') g.legend.push_back({visible(label), color, hidden});
  return !hidden;
}

bool log_y() { return (g.yf & AxisFlags_Log) != 0; }
bool log_x() { return (g.xf & AxisFlags_Log) != 0; }

// ---- [SECTION] setup and input ----
void draw_axes() {
  ImDrawList* dl = g.dl;
  const ImU32 grid = IM_COL32(255, 255, 255, 22), text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl->AddRectFilled(g.pmin, g.pmax, IM_COL32(20, 22, 27, 255));
  const float w = g.pmax.x - g.pmin.x, h = g.pmax.y - g.pmin.y;
  const int nx = std::max(2, int(w / 90)), ny = std::max(2, int(h / 40));
  const double sx = lstm::nice_step(g.st->x.span(), nx), sy = lstm::nice_step(g.st->y.span(), ny);
  for (double v : lstm::nice_ticks(g.st->x, nx, log_x())) {
    const float px = float(g.tx.to_pixel(v));
    dl->AddLine(ImVec2(px, g.pmin.y), ImVec2(px, g.pmax.y), grid);
    const std::string s = lstm::format_tick(v, sx);
    const float tw = ImGui::CalcTextSize(s.c_str()).x;
    dl->AddText(ImVec2(px - tw / 2, g.pmax.y + 2), text, s.c_str());
  }
  for (double v : lstm::nice_ticks(g.st->y, ny, log_y())) {
    const float py = float(g.ty.to_pixel(v));
    dl->AddLine(ImVec2(g.pmin.x, py), ImVec2(g.pmax.x, py), grid);
    const std::string s = lstm::format_tick(v, log_y() ? v : sy);
    const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
    dl->AddText(ImVec2(g.pmin.x - ts.x - 4, py - ts.y / 2), text, s.c_str());
  }
  if (!g.x_label.empty()) {
    const float tw = ImGui::CalcTextSize(g.x_label.c_str()).x;
    dl->AddText(ImVec2(g.pmax.x - tw, g.pmax.y + 2 + ImGui::GetFontSize()), text,
                g.x_label.c_str());
  }
}

void setup_finish() {
  if (g.setup_done) return;
  g.setup_done = true;
  PlotState& st = *g.st;
  if (log_y()) st.y = lstm::sanitize_log(st.y);
  if (log_x()) st.x = lstm::sanitize_log(st.x);
  const ImGuiIO& io = ImGui::GetIO();
  const float w = g.pmax.x - g.pmin.x, h = g.pmax.y - g.pmin.y;
  g.hovered = ImGui::IsItemHovered() && ImGui::IsMouseHoveringRect(g.pmin, g.pmax);
  for (const ImVec4& r : st.legend_hits)  // not a click on the plot (a window pick, a stroke)
    if (ImGui::IsMouseHoveringRect(ImVec2(r.x, r.y), ImVec2(r.z, r.w))) g.hovered = false;
  const bool active = ImGui::IsItemActive();
  if (g.hovered && io.MouseWheel != 0) {
    const double f = std::pow(0.85, double(io.MouseWheel));
    lstm::AxisTransform tx{st.x, g.pmin.x, g.pmax.x, log_x()}, ty{st.y, g.pmax.y, g.pmin.y, log_y()};
    if (!io.KeyCtrl) st.x = lstm::zoom_about(st.x, tx.to_data(io.MousePos.x), f, log_x());
    if (!io.KeyShift) st.y = lstm::zoom_about(st.y, ty.to_data(io.MousePos.y), f, log_y());
    st.user_moved = true;
  }
  if (g_pinch.active && g_pinch.center.x >= g.pmin.x && g_pinch.center.x <= g.pmax.x &&
      g_pinch.center.y >= g.pmin.y && g_pinch.center.y <= g.pmax.y) {
    lstm::AxisTransform tx{st.x, g.pmin.x, g.pmax.x, log_x()}, ty{st.y, g.pmax.y, g.pmin.y, log_y()};
    const double f = 1.0 / std::max(double(g_pinch.scale), 1e-3);
    st.x = lstm::zoom_about(st.x, tx.to_data(g_pinch.center.x), f, log_x());
    st.y = lstm::zoom_about(st.y, ty.to_data(g_pinch.center.y), f, log_y());
    st.x = lstm::pan_by_pixels(st.x, g_pinch.pan.x, w, log_x());
    st.y = lstm::pan_by_pixels(st.y, -g_pinch.pan.y, h, log_y());
    st.user_moved = true;
  }
  const int pan_button = (g.flags & PlotFlags_LeftButtonFree) ? 1 : 0;
  // Not on the press frame: its MouseDelta holds the jump from wherever the pointer was before
  // (a tap, or a click with no hover first, would pan the view by that jump).
  if (active && ImGui::IsMouseDragging(pan_button, 0.f) && !ImGui::IsMouseClicked(pan_button) &&
      (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
    st.x = lstm::pan_by_pixels(st.x, io.MouseDelta.x, w, log_x());
    st.y = lstm::pan_by_pixels(st.y, -io.MouseDelta.y, h, log_y());
    st.user_moved = true;
  }
  if (g.hovered && ImGui::IsMouseDoubleClicked(0)) {
    st.fit_next = true;
    st.user_moved = false;
  }
  g.tx = {st.x, g.pmin.x, g.pmax.x, log_x()};
  g.ty = {st.y, g.pmax.y, g.pmin.y, log_y()};
  g.mouse = {g.tx.to_data(io.MousePos.x), g.ty.to_data(io.MousePos.y)};
  draw_axes();
  g.dl->PushClipRect(g.pmin, g.pmax, true);
}

// Summaries of a line at x = x0 + i * dx in blocks of 16^(level + 1) points, so a zoomed-out frame
// walks blocks instead of rows. Built once per data revision (SetNextRevision), not per frame.
constexpr int kBlockFanout = 16;
struct BlockLevel {
  int size = 0;
  std::vector<float> lo, hi;   // finite min / max of each block
  std::vector<uint8_t> plain;  // 1: every value finite and > 0 (drawable on a log axis too)
  std::vector<uint8_t> finite; // 1: every value finite
};
struct LineCache {
  int n = 0;
  double x_first = 0, x_last = 0;  // with n and revision: the key (the data may move in memory)
  uint64_t revision = 0;
  bool sorted = true;  // x ascending: visible rows found by search, blocks walked in order
  std::vector<BlockLevel> levels;
  Extent extent, extent_log;
};
std::unordered_map<ImGuiID, LineCache> g_line_caches;  // by the line's id inside its plot
bool g_next_has_revision = false;
uint64_t g_next_revision = 0;

double x_at(const float* xs, double x0, double dx, int i) { return xs ? double(xs[i]) : x0 + i * dx; }

void build_line_cache(LineCache& c, const float* xs, const float* ys, int n, double x0, double dx,
                      uint64_t revision) {
  c = LineCache{n, x_at(xs, x0, dx, 0), x_at(xs, x0, dx, n - 1), revision, true, {}, {}, {}};
  for (int i = 0; i < n; ++i) {
    const double x = x_at(xs, x0, dx, i);
    c.extent.add(x, ys[i], false), c.extent_log.add(x, ys[i], true);
    if (xs && !(i == 0 || xs[i] >= xs[i - 1])) c.sorted = false;  // NaN too
  }
  if (!c.sorted) return;
  for (int size = kBlockFanout; size <= n / kBlockFanout; size *= kBlockFanout) {
    BlockLevel l;
    l.size = size;
    const int blocks = n / size;
    l.lo.assign(size_t(blocks), INFINITY), l.hi.assign(size_t(blocks), -INFINITY);
    l.plain.assign(size_t(blocks), 1), l.finite.assign(size_t(blocks), 1);
    const BlockLevel* below = c.levels.empty() ? nullptr : &c.levels.back();
    for (int b = 0; b < blocks; ++b) {
      if (below) {
        for (int k = b * kBlockFanout; k < (b + 1) * kBlockFanout; ++k) {
          l.lo[size_t(b)] = std::min(l.lo[size_t(b)], below->lo[size_t(k)]);
          l.hi[size_t(b)] = std::max(l.hi[size_t(b)], below->hi[size_t(k)]);
          l.plain[size_t(b)] &= below->plain[size_t(k)];
          l.finite[size_t(b)] &= below->finite[size_t(k)];
        }
        continue;
      }
      for (int i = b * size; i < (b + 1) * size; ++i) {
        const float y = ys[i];
        if (!std::isfinite(y)) {
          l.plain[size_t(b)] = l.finite[size_t(b)] = 0;
          continue;
        }
        if (y <= 0) l.plain[size_t(b)] = 0;
        l.lo[size_t(b)] = std::min(l.lo[size_t(b)], y), l.hi[size_t(b)] = std::max(l.hi[size_t(b)], y);
      }
    }
    c.levels.push_back(std::move(l));
  }
}

// Points falling in one pixel column collapse to first / min / max / last, so a dense series
// draws ~2 vertices per pixel and keeps its spikes. Points left or right of the data area share
// one column each side, and a line is drawn in pieces of at most kMaxRun points: ImGui's
// AddPolyline takes its scratch from the stack (alloca, 40 bytes a point).
constexpr int kMaxRun = 4096;
struct PolylineBuilder {
  ImU32 col;
  float thickness;
  float left, right;  // pixel columns beyond which points collapse
  std::vector<ImVec2> run;
  bool carried = false;  // run holds only the last point of the piece drawn before
  bool have = false;
  float column = 0, bx = 0, bx_last = 0, bfirst = 0, blast = 0, bmin = 0, bmax = 0;

  void emit() {
    if (!have) return;
    run.push_back(ImVec2(bx, bfirst));
    if (bmin < std::min(bfirst, blast)) run.push_back(ImVec2(bx, bmin));
    if (bmax > std::max(bfirst, blast)) run.push_back(ImVec2(bx, bmax));
    if (blast != bfirst || bx_last != bx) run.push_back(ImVec2(bx_last, blast));
    have = false;
    if (run.size() >= size_t(kMaxRun)) {
      const ImVec2 joint = run.back();
      draw();
      run.push_back(joint);  // the next piece starts where this one ended
      carried = true;
    }
  }
  void draw() {
    if (run.size() >= 2) g.dl->AddPolyline(run.data(), int(run.size()), col, 0, thickness);
    else if (run.size() == 1 && !carried) g.dl->AddCircleFilled(run[0], thickness + 0.5f, col);
    run.clear();
    carried = false;
  }
  void gap() { emit(), draw(); }
  void add(ImVec2 p) {
    const float c = std::clamp(std::floor(p.x), left, right);
    if (have && c == column) {
      blast = p.y, bx_last = p.x, bmin = std::min(bmin, p.y), bmax = std::max(bmax, p.y);
      return;
    }
    emit();
    have = true;
    column = c, bx = bx_last = p.x, bfirst = blast = bmin = bmax = p.y;
  }
};

bool drawable(double x, double y) { return std::isfinite(x) && std::isfinite(y) && !(log_y() && y <= 0); }

// x ascending (xs, or x0 + i * dx): only the visible rows (and one each side) are walked, in
// blocks from `cache` (may be null) where a block fits in a pixel column.
void draw_sorted(const float* xs, const float* ys, int n, double x0, double dx, const LineCache* cache,
                 PolylineBuilder& b, LegendEntry* entry) {
  if (cache) {
    const Extent& e = log_y() ? cache->extent_log : cache->extent;
    g.extent.x0 = std::min(g.extent.x0, e.x0), g.extent.x1 = std::max(g.extent.x1, e.x1);
    g.extent.y0 = std::min(g.extent.y0, e.y0), g.extent.y1 = std::max(g.extent.y1, e.y1);
  } else {
    for (int i = 0; i < n; ++i) g.extent.add(x_at(xs, x0, dx, i), ys[i], log_y());
  }
  if (n == 0) return;
  // The first row at or past x (n when none), by arithmetic or binary search.
  auto row_at = [&](double x) {
    if (!xs) return int(std::clamp(std::ceil((x - x0) / dx), 0.0, double(n)));
    return int(std::lower_bound(xs, xs + n, float(x)) - xs);
  };
  const int i0 = std::max(row_at(g.st->x.min) - 1, 0), i1 = std::min(row_at(g.st->x.max) + 1, n);
  if (g.hovered) {
    const int r = std::min(row_at(g.mouse.x), n - 1);
    const bool before = r > 0 && std::fabs(x_at(xs, x0, dx, r - 1) - g.mouse.x) < std::fabs(x_at(xs, x0, dx, r) - g.mouse.x);
    const int i = before ? r - 1 : r;
    const double x = x_at(xs, x0, dx, i);
    if (drawable(x, ys[i]) && std::fabs(x - g.mouse.x) <= std::max(g.st->x.span() * 0.01, 0.5))
      entry->has_value = true, entry->value = ys[i];
  }
  const int levels = cache ? int(cache->levels.size()) : 0;
  int i = i0;
  while (i < i1) {
    int level = levels - 1;  // the coarsest aligned, whole, drawable block inside one pixel column
    for (; level >= 0; --level) {
      const BlockLevel& l = cache->levels[size_t(level)];
      const int block = i / l.size, last = i + l.size - 1;
      if (i % l.size != 0 || last >= i1 || !(log_y() ? l.plain : l.finite)[size_t(block)]) continue;
      if (std::fabs(g.tx.to_pixel(x_at(xs, x0, dx, last)) - g.tx.to_pixel(x_at(xs, x0, dx, i))) < 0.5) break;
    }
    if (level >= 0) {
      const BlockLevel& l = cache->levels[size_t(level)];
      const int block = i / l.size, last = i + l.size - 1;
      const float px = float(g.tx.to_pixel(x_at(xs, x0, dx, i)));
      b.add(ImVec2(px, float(g.ty.to_pixel(ys[i]))));
      b.add(ImVec2(px, float(g.ty.to_pixel(l.lo[size_t(block)]))));
      b.add(ImVec2(px, float(g.ty.to_pixel(l.hi[size_t(block)]))));
      b.add(ImVec2(float(g.tx.to_pixel(x_at(xs, x0, dx, last))), float(g.ty.to_pixel(ys[last]))));
      i += l.size;
      continue;
    }
    const double x = x_at(xs, x0, dx, i), y = ys[i];
    if (drawable(x, y)) b.add(ImVec2(float(g.tx.to_pixel(x)), float(g.ty.to_pixel(y))));
    else b.gap();
    ++i;
  }
}

void draw_polyline(const float* xs, const float* ys, int n, double x0, double dx, ImU32 col,
                   float thickness, LegendEntry* entry, const LineCache* cache) {
  PolylineBuilder b{col, thickness, std::floor(g.pmin.x) - 2, std::floor(g.pmax.x) + 2};
  if (((!xs && dx > 0) || (xs && cache && cache->sorted)) && !log_x()) {
    draw_sorted(xs, ys, n, x0, dx, cache, b, entry);
    b.gap();
    return;
  }
  double best_dist = 1e30;
  for (int i = 0; i < n; ++i) {
    const double x = xs ? double(xs[i]) : x0 + i * dx, y = ys[i];
    g.extent.add(x, y, log_y());
    if (!drawable(x, y)) {
      b.gap();
      continue;
    }
    if (g.hovered && std::fabs(x - g.mouse.x) < best_dist) {
      best_dist = std::fabs(x - g.mouse.x);
      entry->value = y;
    }
    b.add(ImVec2(float(g.tx.to_pixel(x)), float(g.ty.to_pixel(y))));
  }
  b.gap();
  entry->has_value = g.hovered && best_dist <= std::max(g.st->x.span() * 0.01, 0.5);
}

// The cache for the line being drawn when the caller gave its data's revision, else null.
const LineCache* line_cache(const char* label, const float* xs, const float* ys, int n, double x0, double dx) {
  const bool has = g_next_has_revision;
  g_next_has_revision = false;
  if (!has || n < kBlockFanout * kBlockFanout) return nullptr;
  LineCache& c = g_line_caches[ImGui::GetID(label)];
  if (c.n != n || c.x_first != x_at(xs, x0, dx, 0) || c.x_last != x_at(xs, x0, dx, n - 1) ||
      c.revision != g_next_revision)
    build_line_cache(c, xs, ys, n, x0, dx, g_next_revision);
  return &c;
}

}  // namespace

// ---- public API ----
const LegendReport& LastLegend(const char* title_id) { return g_last_legend[title_id]; }
void SetMinTarget(float px) { g_min_target = px; }

bool BeginPlot(const char* title_id, ImVec2 size, PlotFlags flags) {
  IM_ASSERT(g.st == nullptr && "Plot::BeginPlot without a matching Plot::EndPlot: call EndPlot after the Plot* calls.");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = std::max(avail.x + size.x, 60.f);
  if (size.y <= 0) size.y = std::max(avail.y + size.y, 60.f);
  ImGui::PushID(title_id);
  const ImGuiID id = ImGui::GetID("##plot");
  g = Current{};
  g.title_id = title_id;
  g.st = &g_states[id];
  g.id = id;
  g.flags = flags;
  g.frame_min = ImGui::GetCursorScreenPos();
  g.frame_max = ImVec2(g.frame_min.x + size.x, g.frame_min.y + size.y);
  ImGui::InvisibleButton("##plot", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  g.dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  const std::string title = visible(title_id);
  float top = g.frame_min.y;
  if (!title.empty()) {
    const float tw = ImGui::CalcTextSize(title.c_str()).x;
    g.dl->AddText(ImVec2((g.frame_min.x + g.frame_max.x - tw) / 2, top), ImGui::GetColorU32(ImGuiCol_Text),
                  title.c_str());
    top += fs + 4;
  }
  top += fs + 2;  // room for the y label above the axis
  g.pmin = ImVec2(g.frame_min.x + 52, top + 2);
  g.pmax = ImVec2(g.frame_max.x - 8, g.frame_max.y - 2 * fs - 6);
  if (g.pmax.y < g.pmin.y + 10) g.pmax.y = g.pmin.y + 10;
  if (g_hit_frame != ImGui::GetFrameCount()) g_hit_rects.clear(), g_hit_frame = ImGui::GetFrameCount();
  const ImVec2 clip0 = g.dl->GetClipRectMin(), clip1 = g.dl->GetClipRectMax();
  g_hit_rects.push_back(ImVec4(std::max(g.pmin.x, clip0.x), std::max(g.pmin.y, clip0.y),
                               std::min(g.pmax.x, clip1.x), std::min(g.pmax.y, clip1.y)));
  return true;
}

void SetupAxes(const char* x_label, const char* y_label, AxisFlags x_flags, AxisFlags y_flags) {
  g.x_label = x_label ? x_label : "";
  g.y_label = y_label ? y_label : "";
  g.xf = x_flags;
  g.yf = y_flags;
}

void SetupAxesLimits(double x0, double x1, double y0, double y1, Cond cond) {
  PlotState& st = *g.st;
  if (cond == Cond::Always || !st.initialised) {
    st.x = {x0, x1};
    st.y = {y0, y1};
    st.fit_next = false;
  }
  st.initialised = true;
}

void SetNextColor(ImU32 color) { g.next_color = color; }
void SetNextRevision(uint64_t revision) { g_next_has_revision = true, g_next_revision = revision; }

void PlotLine(const char* label, const float* xs, const float* ys, int n, float thickness) {
  setup_finish();
  const ImU32 col = take_color();
  const bool shown = add_item(label, col);
  LegendEntry scratch{};
  LegendEntry* entry = (shown && label[0] != '#') ? &g.legend.back() : &scratch;
  const LineCache* cache = line_cache(label, xs, ys, n, 0, 1);
  if (shown) draw_polyline(xs, ys, n, 0, 1, col, thickness, entry, cache);
}

void PlotLine(const char* label, const float* ys, int n, double x0, double dx, float thickness) {
  setup_finish();
  const ImU32 col = take_color();
  const bool shown = add_item(label, col);
  LegendEntry scratch{};
  LegendEntry* entry = (shown && label[0] != '#') ? &g.legend.back() : &scratch;
  const LineCache* cache = line_cache(label, nullptr, ys, n, x0, dx);
  if (shown) draw_polyline(nullptr, ys, n, x0, dx, col, thickness, entry, cache);
}

void PlotScatter(const char* label, const float* xs, const float* ys, int n, float radius) {
  setup_finish();
  const ImU32 col = take_color();
  if (!add_item(label, col)) return;
  for (int i = 0; i < n; ++i) {
    g.extent.add(xs[i], ys[i], log_y());
    if (!std::isfinite(ys[i])) continue;
    g.dl->AddCircleFilled(PlotToPixels(xs[i], ys[i]), radius, col);
  }
}

void PlotBand(const char* label, const float* xs, const float* lo, const float* hi, int n, ImU32 color) {
  setup_finish();
  if (!add_item(label, color)) return;
  for (int i = 0; i < n; ++i) g.extent.add(xs[i], lo[i], log_y()), g.extent.add(xs[i], hi[i], log_y());
  for (int i = 0; i + 1 < n; ++i) {
    if (!(std::isfinite(lo[i]) && std::isfinite(hi[i]) && std::isfinite(lo[i + 1]) && std::isfinite(hi[i + 1])))
      continue;
    const ImVec2 q[4] = {PlotToPixels(xs[i], lo[i]), PlotToPixels(xs[i + 1], lo[i + 1]),
                         PlotToPixels(xs[i + 1], hi[i + 1]), PlotToPixels(xs[i], hi[i])};
    g.dl->AddConvexPolyFilled(q, 4, color);
  }
}

void PlotShadedX(const char* label, double x0, double x1, ImU32 color) {
  setup_finish();
  if (!add_item(label, color)) return;
  const float a = float(g.tx.to_pixel(x0)), b = float(g.tx.to_pixel(x1));
  g.dl->AddRectFilled(ImVec2(std::min(a, b), g.pmin.y), ImVec2(std::max(a, b), g.pmax.y), color);
}

void PlotStripX(double x0, double x1, float height, ImU32 color) {
  setup_finish();
  const float a = float(g.tx.to_pixel(x0)), b = float(g.tx.to_pixel(x1));
  g.dl->AddRectFilled(ImVec2(std::min(a, b), g.pmax.y - height), ImVec2(std::max(a, b), g.pmax.y), color);
}

void PlotVLine(double x, ImU32 color, float thickness) {
  setup_finish();
  const float px = float(g.tx.to_pixel(x));
  g.dl->AddLine(ImVec2(px, g.pmin.y), ImVec2(px, g.pmax.y), color, thickness);
}

bool IsPlotHovered() { setup_finish(); return g.hovered; }
Point GetPlotMousePos() { setup_finish(); return g.mouse; }
ImVec2 PlotToPixels(double x, double y) {
  setup_finish();
  return ImVec2(float(g.tx.to_pixel(x)), float(g.ty.to_pixel(y)));
}
Point PixelsToPlot(ImVec2 p) { setup_finish(); return {g.tx.to_data(p.x), g.ty.to_data(p.y)}; }
Rect GetPlotRect() { return {g.pmin, g.pmax}; }
lstm::AxisRange GetAxisX() { return g.st->x; }
lstm::AxisRange GetAxisY() { return g.st->y; }
void RequestFit() { g.st->fit_next = true; g.st->user_moved = false; }
void SetPinch(const Pinch& pinch) { g_pinch = pinch; }

bool AnyPlotAt(ImVec2 p) {
  if (g_hit_frame < ImGui::GetFrameCount() - 1) return false;  // no plot in the last frame
  for (const ImVec4& r : g_hit_rects)
    if (p.x >= r.x && p.x <= r.z && p.y >= r.y && p.y <= r.w) return true;
  return false;
}

// ---- [SECTION] end: legend, hover ----
void EndPlot() {
  setup_finish();
  PlotState& st = *g.st;
  g.dl->PopClipRect();
  g.dl->AddRect(g.pmin, g.pmax, IM_COL32(255, 255, 255, 60));
  if (!g.y_label.empty())
    g.dl->AddText(ImVec2(g.frame_min.x + 2, g.pmin.y - ImGui::GetFontSize() - 2),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), g.y_label.c_str());
  // Legend: entries in rows along the top of the data area after a fold button; click an entry
  // to hide or show its series.
  LegendReport& report = g_last_legend[g.title_id];
  report = LegendReport{};
  st.legend_hits.clear();
  if (!(g.flags & PlotFlags_NoLegend) && !g.legend.empty()) {
    const float fs = ImGui::GetFontSize(), row_h = fs + 3, left = g.pmin.x + 8;
    const std::string folded = "[+] legend (" + std::to_string(g.legend.size()) + ")";
    const char* unfold_label = "[-]";
    std::vector<ImVec2> pos(g.legend.size());
    // Entries in rows right of the fold button's column, which a finger's target may fill.
    const float column = left + std::max(ImGui::CalcTextSize(unfold_label).x + 10, g_min_target);
    float x = column, y = g.pmin.y + 5, right = x;
    int rows = 1;
    for (size_t i = 0; i < g.legend.size(); ++i) {
      const float w = fs + ImGui::CalcTextSize(g.legend[i].label.c_str()).x + 12;
      if (x + w > g.pmax.x - 8 && x > column) x = column, y += row_h, ++rows;
      pos[i] = ImVec2(x, y);
      x += w;
      right = std::max(right, x);
    }
    const bool fits = rows <= 2 || y + row_h - g.pmin.y <= kLegendMaxShare * (g.pmax.y - g.pmin.y);
    const bool open = st.legend_open >= 0 ? st.legend_open == 1 : fits;
    const char* toggle = open ? unfold_label : folded.c_str();
    const ImVec2 text_size = ImGui::CalcTextSize(toggle);
    const ImVec2 t0(left - 4, g.pmin.y + 3);
    const ImVec2 t1(t0.x + std::max(text_size.x + 8, g_min_target), t0.y + std::max(row_h + 2, g_min_target));
    if (!open) right = std::max(t1.x, left + text_size.x + 6), y = g.pmin.y + 5;
    g.dl->AddRectFilled(ImVec2(g.pmin.x + 4, g.pmin.y + 3), ImVec2(right, std::max(y + row_h + 2, t1.y)),
                        IM_COL32(20, 22, 27, 200), 3.f);
    const bool toggle_hovered = ImGui::IsMouseHoveringRect(t0, t1) && ImGui::IsItemHovered();
    g.dl->AddText(ImVec2(left, g.pmin.y + 5), ImGui::GetColorU32(toggle_hovered ? ImGuiCol_Text : ImGuiCol_TextDisabled), toggle);
    if (toggle_hovered && ImGui::IsMouseClicked(0)) st.legend_open = open ? 0 : 1;
    report.open = open, report.toggle_min = t0, report.toggle_max = t1;
    st.legend_hits.push_back(ImVec4(t0.x, t0.y, t1.x, t1.y));
    for (size_t i = 0; open && i < g.legend.size(); ++i) {
      const LegendEntry& e = g.legend[i];
      const ImVec2 r0 = pos[i], r1(r0.x + fs + ImGui::CalcTextSize(e.label.c_str()).x, r0.y + row_h);
      st.legend_hits.push_back(ImVec4(r0.x, r0.y, r1.x, r1.y));
      g.dl->AddRectFilled(ImVec2(r0.x, r0.y + 3), ImVec2(r0.x + fs - 6, r0.y + fs - 3),
                          e.hidden ? IM_COL32(90, 90, 90, 255) : (e.color | IM_COL32_A_MASK));
      g.dl->AddText(ImVec2(r0.x + fs - 2, r0.y), ImGui::GetColorU32(e.hidden ? ImGuiCol_TextDisabled : ImGuiCol_Text),
                    e.label.c_str());
      if (ImGui::IsMouseHoveringRect(r0, r1) && ImGui::IsMouseClicked(0) && ImGui::IsItemHovered()) {
        const ImGuiID id = ImGui::GetID(e.label.c_str());
        auto it = std::find(st.hidden.begin(), st.hidden.end(), id);
        if (it == st.hidden.end()) st.hidden.push_back(id);
        else st.hidden.erase(it);
      }
    }
  }
  if (g.hovered) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    g.dl->AddLine(ImVec2(m.x, g.pmin.y), ImVec2(m.x, g.pmax.y), IM_COL32(255, 255, 255, 50));
    ImGui::BeginTooltip();
    ImGui::Text("x %.4g   y %.4g", g.mouse.x, g.mouse.y);
    for (const LegendEntry& e : g.legend)
      if (e.has_value && !e.hidden) {
        ImGui::ColorButton(e.label.c_str(), ImGui::ColorConvertU32ToFloat4(e.color),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
        ImGui::SameLine();
        ImGui::Text("%s: %.4g", e.label.c_str(), e.value);
      }
    ImGui::EndTooltip();
  }
  // Fit for the next frame: on request, or every frame for AutoFit axes the user left alone.
  const bool auto_fit = ((g.xf | g.yf) & AxisFlags_AutoFit) && !st.user_moved;
  if ((st.fit_next || auto_fit) && g.extent.valid()) {
    lstm::AxisRange x{g.extent.x0, g.extent.x1}, y{g.extent.y0, g.extent.y1};
    st.x = lstm::padded(x, 0.02);
    if (log_y()) {
      st.y = lstm::sanitize_log({y.min / 1.5, y.max * 1.5});
    } else {
      st.y = lstm::padded(y, 0.08);
    }
    st.fit_next = false;
  }
  st.initialised = true;
  if (!(g.flags & PlotFlags_NoLegend))
    for (const LegendEntry& e : g.legend) report.labels.push_back(e.label);
  g = Current{};
  ImGui::PopID();
}

}  // namespace Plot
