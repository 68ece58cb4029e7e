// One step of a cell, drawn with ImDrawList primitives (see cell_diagram.h). Seven columns span
// the region: the previous state on the left, the gates and candidate in the middle, the new
// state on the right; the cell line (LSTM c, GRU h) runs along the top, the gates' shared input
// [h(t-1), x(t)] along the bottom. Too small a region falls back to a list of the same numbers.
#include "cell_diagram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace {

// ProggyClean (ImGui's default font) has Latin-1: the middle dot and the multiplication sign.
constexpr const char* kDot = "\xC2\xB7";
constexpr const char* kTimes = "\xC3\x97";

constexpr ImU32 kLine = IM_COL32(150, 156, 170, 255);
constexpr ImU32 kBoxFill = IM_COL32(28, 32, 42, 255);
constexpr ImU32 kNodeFill = IM_COL32(44, 48, 60, 255);
constexpr ImU32 kText = IM_COL32(235, 235, 240, 255);
constexpr ImU32 kDim = IM_COL32(170, 176, 190, 255);
constexpr ImU32 kBarTrack = IM_COL32(60, 64, 78, 255);
// Signed bars: the heatmaps' diverging ends, lightened for the dark background.
constexpr ImU32 kNeg = IM_COL32(70, 130, 230, 255);
constexpr ImU32 kPos = IM_COL32(235, 90, 75, 255);

enum class Role { Gate, Candidate, Cell, Hidden, Act };

ImU32 role_color(Role r) {
  switch (r) {
    case Role::Gate: return IM_COL32(240, 180, 80, 255);
    case Role::Candidate: return IM_COL32(110, 205, 135, 255);
    case Role::Cell: return IM_COL32(120, 170, 255, 255);
    case Role::Hidden: return IM_COL32(205, 150, 255, 255);
    case Role::Act: return IM_COL32(150, 210, 220, 255);
  }
  return kLine;
}

// matplotlib's viridis as the heatmaps' shader computes it (shaders/heatmap.glsl).
ImU32 viridis(float t) {
  t = std::clamp(t, 0.f, 1.f);
  const float c[7][3] = {{0.2777f, 0.0054f, 0.3341f},   {0.1050f, 1.4046f, 1.3846f},
                         {-0.3309f, 0.2148f, 0.0951f},  {-4.6342f, -5.7991f, -19.3324f},
                         {6.2283f, 14.1799f, 56.6906f}, {4.7764f, -13.7451f, -65.3530f},
                         {-5.4355f, 4.6459f, 26.3124f}};
  float rgb[3];
  for (int k = 0; k < 3; ++k) {
    float v = c[6][k];
    for (int j = 5; j >= 0; --j) v = c[j][k] + t * v;
    rgb[k] = std::clamp(v, 0.f, 1.f);
  }
  return ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1.f));
}

// Three decimals below 10 (two when `short_form`, for narrow boxes), fewer above.
std::string num(float v, bool short_form = false) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  if (std::fabs(v) < (short_form ? 0.005f : 0.0005f)) v = 0.f;  // no "-0.000"
  char b[32];
  const float a = std::fabs(v);
  std::snprintf(b, sizeof b, a < 10 ? (short_form ? "%.2f" : "%.3f") : a < 100 ? "%.1f" : "%.3g", v);
  return b;
}

// "a + b" written as "a - |b|" when b is negative.
std::string sum(float a, float b) {
  return num(a) + (b < 0 ? " - " + num(-b) : " + " + num(b));
}

ImVec2 operator+(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
ImVec2 operator-(ImVec2 a, ImVec2 b) { return ImVec2(a.x - b.x, a.y - b.y); }
ImVec2 operator*(ImVec2 a, float s) { return ImVec2(a.x * s, a.y * s); }

struct Hover {
  ImVec2 min, max;
  std::string tip;
};

struct Canvas {
  ImDrawList* dl;
  float fs;         // font size
  float bw, bw_outer, bh;  // box size (inner columns; the outer columns' boxes are wider)
  float r;          // node radius
  std::vector<Hover> hovers;

  void text(ImVec2 p, ImU32 col, const std::string& s) { dl->AddText(p, col, s.c_str()); }
  void text_centered(ImVec2 c, ImU32 col, const std::string& s) {
    const ImVec2 sz = ImGui::CalcTextSize(s.c_str());
    text(ImVec2(std::floor(c.x - sz.x / 2), std::floor(c.y - sz.y / 2)), col, s);
  }

  void arrow(ImVec2 a, ImVec2 b, ImU32 col = kLine) {
    const ImVec2 d = b - a;
    const float len = std::sqrt(d.x * d.x + d.y * d.y);
    if (len < 1) return;
    const ImVec2 u = d * (1.f / len), nrm(-u.y, u.x);
    const float head = std::min(7.f, len * 0.6f);
    dl->AddLine(a, b - u * (head * 0.8f), col, 1.5f);
    dl->AddTriangleFilled(b, b - u * head + nrm * (head * 0.45f), b - u * head - nrm * (head * 0.45f), col);
  }
  void line(ImVec2 a, ImVec2 b, ImU32 col = kLine) { dl->AddLine(a, b, col, 1.5f); }

  // A value bar in [a, b]: gates fill from the left in viridis, signed values grow from the middle.
  void bar(ImVec2 a, ImVec2 b, float v, bool gate, float scale) {
    dl->AddRectFilled(a, b, kBarTrack, 1.f);
    if (!std::isfinite(v)) return;
    if (gate) {
      const float w = (b.x - a.x) * std::clamp(v, 0.f, 1.f);
      dl->AddRectFilled(a, ImVec2(a.x + w, b.y), viridis(v), 1.f);
    } else {
      const float mid = std::floor((a.x + b.x) / 2), half = (b.x - a.x) / 2;
      const float w = half * std::clamp(v / std::max(scale, 1e-6f), -1.f, 1.f);
      if (w >= 0) dl->AddRectFilled(ImVec2(mid, a.y), ImVec2(mid + std::max(w, 1.f), b.y), kPos, 1.f);
      else dl->AddRectFilled(ImVec2(mid + w, a.y), ImVec2(mid, b.y), kNeg, 1.f);
      dl->AddLine(ImVec2(mid, a.y - 1), ImVec2(mid, b.y + 1), kDim);
    }
  }

  // A labelled box centred on c showing v; its rectangle (for arrows) is returned.
  struct Rect {
    ImVec2 min, max;
    ImVec2 top() const { return ImVec2((min.x + max.x) / 2, min.y); }
    ImVec2 bottom() const { return ImVec2((min.x + max.x) / 2, max.y); }
    ImVec2 left() const { return ImVec2(min.x, (min.y + max.y) / 2); }
    ImVec2 right() const { return ImVec2(max.x, (min.y + max.y) / 2); }
  };
  Rect box(ImVec2 c, const char* long_label, const char* short_label, float v, Role role, float scale,
           std::string tip, float width = 0) {
    const float w = width > 0 ? width : bw;
    const ImVec2 a(std::floor(c.x - w / 2), std::floor(c.y - bh / 2)), b(a.x + w, a.y + bh);
    const ImU32 col = role_color(role);
    dl->AddRectFilled(a, b, kBoxFill, 4.f);
    dl->AddRect(a, b, col, 4.f, 0, role == Role::Gate ? 1.5f : 1.f);
    const char* label = ImGui::CalcTextSize(long_label).x <= w - 4 ? long_label : short_label;
    text_centered(ImVec2(c.x, a.y + 3 + fs / 2), col, label);
    std::string value = num(v);
    if (ImGui::CalcTextSize(value.c_str()).x > w - 4) value = num(v, true);
    text_centered(ImVec2(c.x, a.y + 4 + fs * 1.5f), kText, value);
    bar(ImVec2(a.x + 5, b.y - 7), ImVec2(b.x - 5, b.y - 3), v, role == Role::Gate, scale);
    hovers.push_back({a, b, std::move(tip)});
    return {a, b};
  }

  // An operation node: a circle with a glyph ("x", "+", "1-").
  void node(ImVec2 c, const char* glyph, std::string tip) {
    dl->AddCircleFilled(c, r, kNodeFill, 20);
    dl->AddCircle(c, r, kLine, 20, 1.5f);
    text_centered(c + ImVec2(0.5f, 0), kText, glyph);
    hovers.push_back({c - ImVec2(r, r), c + ImVec2(r, r), std::move(tip)});
  }
  // A product's value beside its node, within max_w pixels (the name goes first, then digits).
  void value_label(ImVec2 p, const std::string& name, float v, std::string tip, float max_w) {
    std::string s = name + " " + num(v);
    if (ImGui::CalcTextSize(s.c_str()).x > max_w) s = num(v);
    if (ImGui::CalcTextSize(s.c_str()).x > max_w) s = num(v, true);
    const ImVec2 sz = ImGui::CalcTextSize(s.c_str());
    dl->AddRectFilled(p - ImVec2(2, 1), p + sz + ImVec2(2, 1), IM_COL32(20, 22, 28, 220), 2.f);
    text(p, kDim, s);
    hovers.push_back({p, p + sz, std::move(tip)});
  }

  void show_tooltip() const {
    if (!ImGui::IsWindowHovered()) return;
    for (auto it = hovers.rbegin(); it != hovers.rend(); ++it)
      if (ImGui::IsMouseHoveringRect(it->min, it->max)) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(fs * 28);
        ImGui::TextUnformatted(it->tip.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
        return;
      }
  }
};

std::string cat(std::initializer_list<std::string> parts) {
  std::string s;
  for (const std::string& p : parts) s += p;
  return s;
}

// The step's arithmetic: formula = numbers, one line each when it fits, else two (and words
// wrapped when even that is too wide).
struct Equation {
  std::string formula, numbers;
};

// Greedy word wrap of s to width pixels; returns the lines.
std::vector<std::string> wrap(const std::string& s, float width) {
  std::vector<std::string> lines;
  std::string line, word;
  auto flush_word = [&] {
    if (word.empty()) return;
    const std::string joined = line.empty() ? word : line + " " + word;
    if (!line.empty() && ImGui::CalcTextSize(joined.c_str()).x > width) lines.push_back(line), line = word;
    else line = joined;
    word.clear();
  };
  for (char ch : s) {
    if (ch == ' ') flush_word();
    else word += ch;
  }
  flush_word();
  if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<Equation> equations(const CellStep& s) {
  const std::string d = kDot, act = s.act;
  switch (s.cell) {
    case lstm::CellKind::Lstm:
      return {{cat({"c(t) = f", d, "c(t-1) + i", d, "g"}),
               cat({sum(s.f * s.c_prev, s.i * s.g), " = ", num(s.c)})},
              {cat({"h(t) = o", d, act, "(c(t))"}), cat({num(s.o), " ", kTimes, " ", num(s.act_c), " = ", num(s.h)})}};
    case lstm::CellKind::Gru:
      return {{cat({"h(t) = z", d, "h(t-1) + (1-z)", d, "n"}),
               cat({sum(s.z * s.h_prev, (1 - s.z) * s.n), " = ", num(s.h)})},
              {cat({"n = ", act, "(x W + r", d, "(h(t-1) U) + b)"}), cat({num(s.n), "  (r = ", num(s.r), ")"})}};
    case lstm::CellKind::SimpleRnn:
      return {{cat({"h(t) = ", act, "(x(t) W + h(t-1) U + b)"}), num(s.h)},
              {"No gates: every step rewrites h, nothing decides what to keep.", ""}};
  }
  return {};
}

// Draws the equations from y; returns the y below them.
float draw_equations(Canvas& cv, const CellStep& s, ImVec2 min, float width) {
  float y = min.y;
  for (const Equation& e : equations(s)) {
    const std::string one = e.numbers.empty() ? e.formula : e.formula + " = " + e.numbers;
    std::vector<std::string> lines;
    if (ImGui::CalcTextSize(one.c_str()).x <= width) {
      lines = {one};
    } else {
      lines = wrap(e.formula, width);
    }
    for (const std::string& l : lines) {
      cv.text(ImVec2(min.x, y), kText, l);
      y += cv.fs + 2;
    }
    if (lines.size() != 1 || lines[0] != one) {  // the numbers on their own lines, indented
      const float indent = cv.fs;
      if (!e.numbers.empty())
        for (const std::string& l : wrap("= " + e.numbers, width - indent)) {
          cv.text(ImVec2(min.x + indent, y), kText, l);
          y += cv.fs + 2;
        }
    }
    y += 1;
  }
  return y;
}

std::string gate_tip(const CellStep& s, const char* what) {
  return cat({what, " (", s.gate_act, ", in [0, 1]) of unit ", std::to_string(s.unit),
              ". Like every gate it reads the whole h(t-1) vector and x(t)."});
}

// Where things go: seven columns (X(k); a fractional k lies between two centres) and four rows.
// The outer columns (the previous and the new state) are a quarter wider than the inner ones.
struct Layout {
  static constexpr float kOuter = 1.25f, kSpan = 5 + 2 * kOuter;  // width in inner columns
  float x0 = 0, unit = 0;  // left edge, inner column width
  float y_top = 0, y_mid = 0, y_gate = 0, y_bus = 0;
  float centre(int k) const {
    if (k <= 0) return x0 + kOuter * unit / 2;
    if (k >= 6) return x0 + (kSpan - kOuter / 2) * unit;
    return x0 + (kOuter + k - 0.5f) * unit;
  }
  float X(float k) const {
    const int a = int(std::floor(k));
    const float f = k - float(a);
    return std::floor(centre(a) + f * (centre(a + 1) - centre(a)));
  }
};

void draw_lstm(Canvas& cv, const CellStep& s, const Layout& L) {
  auto X = [&](float k) { return L.X(k); };
  const float y_top = L.y_top, y_mid = L.y_mid, y_gate = L.y_gate, y_bus = L.y_bus;
  const std::string d = kDot, act = s.act;
  const ImU32 cell_col = role_color(Role::Cell);
  // Inputs: c(t-1) on the cell line, h(t-1) feeding the gates.
  auto cp = cv.box(ImVec2(X(0), y_top), "c(t-1)", "c(t-1)", s.c_prev, Role::Cell, s.c_scale,
                   s.t == 0 ? "The cell state before the first step: zero." : "The cell state after the previous step.",
                   cv.bw_outer);
  auto hp = cv.box(ImVec2(X(0), y_gate), "h(t-1)", "h(t-1)", s.h_prev, Role::Hidden, s.h_scale,
                   s.t == 0 ? "The hidden state before the first step: zero." : "The hidden state after the previous step.",
                   cv.bw_outer);
  // Gates and candidate.
  auto fb = cv.box(ImVec2(X(1), y_gate), "forget f", "f", s.f, Role::Gate, 1, gate_tip(s, "Forget gate f: how much of c(t-1) is kept"));
  auto ib = cv.box(ImVec2(X(2), y_gate), "input i", "i", s.i, Role::Gate, 1, gate_tip(s, "Input gate i: how much of the candidate g enters"));
  auto gb = cv.box(ImVec2(X(3), y_gate), "cand. g", "g", s.g, Role::Candidate, s.h_scale,
                   cat({"Candidate g = ", act, "(x W + h(t-1) U + b): new content proposed for the cell."}));
  auto ob = cv.box(ImVec2(X(4), y_gate), "output o", "o", s.o, Role::Gate, 1, gate_tip(s, "Output gate o: how much of act(c(t)) is shown as h(t)"));
  // The shared input: h(t-1) and x(t) along the bottom into every gate.
  cv.line(hp.bottom(), ImVec2(X(0), y_bus));
  cv.line(ImVec2(X(0), y_bus), ImVec2(X(4), y_bus));
  for (const auto* b : {&fb, &ib, &gb, &ob}) cv.arrow(ImVec2(b->bottom().x, y_bus), b->bottom());
  // The cell line: c(t-1) -> x f -> + i g -> c(t).
  const ImVec2 mul_f(X(1), y_top), plus(X(2.5f), y_top), mul_ig(X(2.5f), y_mid);
  const ImVec2 tap(X(5), y_top);
  cv.line(cp.right(), mul_f - ImVec2(cv.r, 0), cell_col);
  cv.line(mul_f + ImVec2(cv.r, 0), plus - ImVec2(cv.r, 0), cell_col);
  auto ct = cv.box(ImVec2(X(6), y_top), "c(t)", "c(t)", s.c, Role::Cell, s.c_scale,
                   "The new cell state: c(t) = f c(t-1) + i g. Carried to the next step.", cv.bw_outer);
  cv.arrow(plus + ImVec2(cv.r, 0), ct.left(), cell_col);
  cv.arrow(fb.top(), mul_f + ImVec2(0, cv.r));
  cv.arrow(ib.top(), mul_ig + ImVec2(-cv.r * 0.7f, cv.r * 0.7f));
  cv.arrow(gb.top(), mul_ig + ImVec2(cv.r * 0.7f, cv.r * 0.7f));
  cv.arrow(mul_ig - ImVec2(0, cv.r), plus + ImVec2(0, cv.r));
  // The output: act(c(t)) times o is h(t).
  auto ab = cv.box(ImVec2(X(5), y_mid), (act + " c").c_str(), act.c_str(), s.act_c, Role::Act, s.h_scale,
                   cat({act, "(c(t)): the cell squashed before the output gate."}));
  cv.dl->AddCircleFilled(tap, 3.f, cell_col);
  cv.arrow(tap, ab.top(), cell_col);
  const ImVec2 mul_o(X(5), y_gate);
  cv.arrow(ab.bottom(), mul_o - ImVec2(0, cv.r));
  cv.arrow(ob.right(), mul_o - ImVec2(cv.r, 0));
  auto ht = cv.box(ImVec2(X(6), y_gate), "h(t)", "h(t)", s.h, Role::Hidden, s.h_scale,
                   "The new hidden state h(t) = o act(c(t)): the layer's output at this step.", cv.bw_outer);
  cv.arrow(mul_o + ImVec2(cv.r, 0), ht.left());
  cv.node(mul_f, kTimes, "f times c(t-1): the part of the old cell that is kept.");
  cv.node(mul_ig, kTimes, "i times g: the new content written into the cell.");
  cv.node(plus, "+", "c(t) = f c(t-1) + i g");
  cv.node(mul_o, kTimes, "h(t) = o times act(c(t))");
  cv.value_label(mul_f + ImVec2(cv.r + 4, 3), "f" + d + "c", s.f * s.c_prev,
                 "f times c(t-1): the part of the old cell that is kept.", plus.x - mul_f.x - 2 * cv.r - 6);
  cv.value_label(mul_ig + ImVec2(cv.r + 4, -cv.fs / 2), "i" + d + "g", s.i * s.g,
                 "i times g: the new content written into the cell.", ab.min.x - mul_ig.x - cv.r - 8);
}

void draw_gru(Canvas& cv, const CellStep& s, const Layout& L) {
  auto X = [&](float k) { return L.X(k); };
  const float y_top = L.y_top, y_mid = L.y_mid, y_gate = L.y_gate, y_bus = L.y_bus;
  const std::string d = kDot, act = s.act;
  const ImU32 hcol = role_color(Role::Hidden);
  auto hp = cv.box(ImVec2(X(0), y_top), "h(t-1)", "h(t-1)", s.h_prev, Role::Hidden, s.h_scale,
                   s.t == 0 ? "The hidden state before the first step: zero."
                            : "The hidden state after the previous step: the GRU's only state.",
                   cv.bw_outer);
  auto zb = cv.box(ImVec2(X(1), y_gate), "update z", "z", s.z, Role::Gate, 1,
                   gate_tip(s, "Update gate z: how much of h(t-1) is kept (1 - z of the candidate enters)"));
  auto rb = cv.box(ImVec2(X(2.5f), y_gate), "reset r", "r", s.r, Role::Gate, 1,
                   gate_tip(s, "Reset gate r: how much of the recurrent term h(t-1) U the candidate sees"));
  auto nb = cv.box(ImVec2(X(4), y_gate), "cand. n", "n", s.n, Role::Candidate, s.h_scale,
                   cat({"Candidate n = ", act, "(x W + r (h(t-1) U) + b): new content proposed for h."}));
  // Shared input along the bottom.
  cv.line(hp.bottom(), ImVec2(X(0), y_bus));
  cv.line(ImVec2(X(0), y_bus), ImVec2(X(4), y_bus));
  for (const auto* b : {&zb, &rb, &nb}) cv.arrow(ImVec2(b->bottom().x, y_bus), b->bottom());
  cv.arrow(rb.right(), nb.left());
  // The state line: h(t-1) -> x z -> + (1-z) n -> h(t).
  const ImVec2 mul_z(X(1), y_top), plus(X(4), y_top), one_minus(X(2.2f), y_mid), mul_n(X(4), y_mid);
  cv.line(hp.right(), mul_z - ImVec2(cv.r, 0), hcol);
  cv.line(mul_z + ImVec2(cv.r, 0), plus - ImVec2(cv.r, 0), hcol);
  auto ht = cv.box(ImVec2(X(6), y_top), "h(t)", "h(t)", s.h, Role::Hidden, s.h_scale,
                   "The new hidden state h(t) = z h(t-1) + (1 - z) n: output and carried state.", cv.bw_outer);
  cv.arrow(plus + ImVec2(cv.r, 0), ht.left(), hcol);
  cv.arrow(zb.top(), mul_z + ImVec2(0, cv.r));
  const ImVec2 junction(X(1), y_mid);
  cv.dl->AddCircleFilled(junction, 3.f, kLine);
  cv.arrow(junction, one_minus - ImVec2(cv.r, 0));
  cv.arrow(one_minus + ImVec2(cv.r, 0), mul_n - ImVec2(cv.r, 0));
  cv.arrow(nb.top(), mul_n + ImVec2(0, cv.r));
  cv.arrow(mul_n - ImVec2(0, cv.r), plus + ImVec2(0, cv.r));
  cv.node(mul_z, kTimes, "z times h(t-1): the part of the old state that is kept.");
  cv.node(one_minus, "1-", "1 - z: the share of the candidate.");
  cv.node(mul_n, kTimes, "(1 - z) times n: the new content.");
  cv.node(plus, "+", "h(t) = z h(t-1) + (1 - z) n");
  cv.value_label(mul_z + ImVec2(cv.r + 4, 3), "z" + d + "h", s.z * s.h_prev,
                 "z times h(t-1): the part of the old state that is kept.", plus.x - mul_z.x - 2 * cv.r - 6);
  cv.value_label(one_minus + ImVec2(cv.r + 2, 3), "1-z", 1 - s.z, "1 - z: the share of the candidate.",
                 mul_n.x - one_minus.x - 2 * cv.r - 4);
  cv.value_label(mul_n + ImVec2(cv.r + 4, -cv.fs / 2), "(1-z)" + d + "n", (1 - s.z) * s.n,
                 "(1 - z) times n: the new content.", 1e9f);
}

void draw_rnn(Canvas& cv, const CellStep& s, const Layout& L) {
  auto X = [&](float k) { return L.X(k); };
  const float y = L.y_mid, y_bus = L.y_bus;
  const ImU32 hcol = role_color(Role::Hidden);
  auto hp = cv.box(ImVec2(X(0), y), "h(t-1)", "h(t-1)", s.h_prev, Role::Hidden, s.h_scale,
                   s.t == 0 ? "The hidden state before the first step: zero." : "The hidden state after the previous step.",
                   cv.bw_outer);
  const std::string f = std::string(s.act) + "(x W + h U + b)";
  const float wide = std::max(cv.bw, std::min(X(4.4f) - X(1.6f), ImGui::CalcTextSize(f.c_str()).x + 12));
  auto cb = cv.box(ImVec2(X(3), y), f.c_str(), s.act, s.h, Role::Candidate, s.h_scale,
                   "The whole update: no gate decides what to keep, h(t-1) is mixed in through U and squashed.", wide);
  auto ht = cv.box(ImVec2(X(6), y), "h(t)", "h(t)", s.h, Role::Hidden, s.h_scale,
                   "The new hidden state: the output and the only state carried on.", cv.bw_outer);
  cv.arrow(hp.right(), cb.left(), hcol);
  cv.arrow(cb.right(), ht.left(), hcol);
  cv.line(ImVec2(X(0.5f), y_bus), ImVec2(X(3), y_bus));
  cv.arrow(ImVec2(X(3), y_bus), cb.bottom());
  // The weights each input meets on its way in.
  cv.text_centered(ImVec2((hp.max.x + cb.min.x) / 2, y - cv.fs * 0.5f - 3), kDim, std::string(kTimes) + " U");
  cv.text(ImVec2(X(3) + 6, (cb.max.y + y_bus) / 2 - cv.fs / 2), kDim, std::string(kTimes) + " W");
}

// Narrow regions: the same numbers as a list, one quantity a cell with its bar, as many
// columns as fit (read left to right: inputs, gates, products, outputs).
void draw_list(Canvas& cv, const CellStep& s, ImVec2 min, ImVec2 max, float y) {
  struct Row {
    std::string name;
    float v;
    Role role;
    float scale;
  };
  std::vector<Row> rows;
  const std::string d = kDot, act = s.act;
  switch (s.cell) {
    case lstm::CellKind::Lstm:
      rows = {{"c(t-1)", s.c_prev, Role::Cell, s.c_scale},   {"h(t-1)", s.h_prev, Role::Hidden, s.h_scale},
              {"f", s.f, Role::Gate, 1},                     {"i", s.i, Role::Gate, 1},
              {"g", s.g, Role::Candidate, s.h_scale},        {"o", s.o, Role::Gate, 1},
              {"f" + d + "c", s.f * s.c_prev, Role::Cell, s.c_scale}, {"i" + d + "g", s.i * s.g, Role::Cell, s.c_scale},
              {"c(t)", s.c, Role::Cell, s.c_scale},          {act + " c", s.act_c, Role::Act, s.h_scale},
              {"h(t)", s.h, Role::Hidden, s.h_scale}};
      break;
    case lstm::CellKind::Gru:
      rows = {{"h(t-1)", s.h_prev, Role::Hidden, s.h_scale}, {"z", s.z, Role::Gate, 1},
              {"r", s.r, Role::Gate, 1},                     {"n", s.n, Role::Candidate, s.h_scale},
              {"z" + d + "h", s.z * s.h_prev, Role::Hidden, s.h_scale},
              {"(1-z)" + d + "n", (1 - s.z) * s.n, Role::Hidden, s.h_scale}, {"h(t)", s.h, Role::Hidden, s.h_scale}};
      break;
    case lstm::CellKind::SimpleRnn:
      rows = {{"h(t-1)", s.h_prev, Role::Hidden, s.h_scale}, {"h(t)", s.h, Role::Hidden, s.h_scale}};
      break;
  }
  const float W = max.x - min.x;
  float name_w = 0;
  for (const Row& r : rows) name_w = std::max(name_w, ImGui::CalcTextSize(r.name.c_str()).x + cv.fs * 0.5f);
  const float num_w = ImGui::CalcTextSize("-0.000 ").x;
  const int ncol = std::clamp(int(W / (name_w + num_w + 30)), 1, 3);
  const float col_w = W / float(ncol), bar_w = std::min(100.f, col_w - name_w - num_w - 8);
  for (size_t k = 0; k < rows.size(); ++k) {
    const Row& r = rows[k];
    const float x = min.x + float(k % size_t(ncol)) * col_w;
    const float yy = y + float(k / size_t(ncol)) * (cv.fs + 3);
    if (yy + cv.fs > max.y) break;
    cv.text(ImVec2(x, yy), role_color(r.role), r.name);
    cv.text(ImVec2(x + name_w, yy), kText, num(r.v));
    if (bar_w >= 12)
      cv.bar(ImVec2(x + name_w + num_w, yy + 4), ImVec2(x + name_w + num_w + bar_w, yy + cv.fs - 3), r.v,
             r.role == Role::Gate, r.scale);
  }
}
}  // namespace

void draw_cell_step(const CellStep& s, ImVec2 min, ImVec2 max) {
  Canvas cv{ImGui::GetWindowDrawList(), ImGui::GetFontSize(), 0, 0, 0, 0, {}};
  cv.dl->PushClipRect(min, max, true);
  const float W = max.x - min.x;
  float top = draw_equations(cv, s, min, W) + 6;
  const float margin = 3, unit = (W - 2 * margin) / Layout::kSpan;
  const float gap = std::clamp(unit * 0.08f, 4.f, 10.f);
  cv.bh = 2 * cv.fs + 10;
  cv.bw = std::min(unit - gap, 84.f);
  cv.bw_outer = std::min(Layout::kOuter * unit - gap, 92.f);
  cv.r = std::max(7.f, cv.fs * 0.6f);
  // Room for: a box row, two node rows between, a box row, the bus and the x(t) label.
  const float need = 2 * cv.bh + 4 * cv.r + 30 + cv.fs;
  if (cv.bw < 38 || max.y - top < need) {
    draw_list(cv, s, min, max, top);
  } else {
    Layout L;
    L.x0 = min.x + margin, L.unit = unit;
    L.y_bus = max.y - cv.fs - 5;
    L.y_gate = L.y_bus - 8 - cv.bh / 2;
    L.y_top = top + cv.bh / 2;
    L.y_mid = (L.y_top + L.y_gate) / 2;
    // x(t) joins the shared input from below.
    const ImVec2 xt(L.X(0.5f), L.y_bus);
    cv.text(ImVec2(xt.x - ImGui::CalcTextSize("x(t)").x / 2, L.y_bus + 3), role_color(Role::Act), "x(t)");
    switch (s.cell) {
      case lstm::CellKind::Lstm: draw_lstm(cv, s, L); break;
      case lstm::CellKind::Gru: draw_gru(cv, s, L); break;
      case lstm::CellKind::SimpleRnn: draw_rnn(cv, s, L); break;
    }
    cv.hovers.push_back({ImVec2(xt.x - 16, L.y_bus), ImVec2(xt.x + 16, L.y_bus + cv.fs + 4),
                         s.layer == 0 ? "x(t): the window's inputs at this step (all features)."
                                      : "x(t): the layer below's h at this step (all its units)."});
  }
  cv.dl->PopClipRect();
  cv.show_tooltip();
}
