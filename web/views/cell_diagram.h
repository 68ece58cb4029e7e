// One step of a recurrent cell as the slides draw it: boxes for the gates and states, arrows for
// the data flow, the real numbers of one unit at one time step on every box and product, and the
// step's arithmetic written out above. Plain data in, ImDrawList primitives out; the Inside
// panel gathers the numbers from the run's trace (web/views/panel_inside.cpp).
#pragma once
#include "config.h"
#include "imgui.h"

struct CellStep {
  lstm::CellKind cell = lstm::CellKind::Lstm;
  const char* act = "tanh";          // candidate / output activation (Keras activation=)
  const char* gate_act = "sigmoid";  // the gates' (Keras recurrent_activation=)
  int t = 0, unit = 0, layer = 0;
  float h_prev = 0, h = 0;           // h(t-1) (zero at t = 0) and h(t); every cell
  float c_prev = 0, c = 0, act_c = 0;  // LSTM cell state c(t-1), c(t) and act(c(t))
  float i = 0, f = 0, g = 0, o = 0;    // LSTM gates and candidate g
  float z = 0, r = 0, n = 0;           // GRU gates and candidate n
  // Signed values are drawn as bars against these (|v| = scale fills half the bar): h, g, n and
  // act(c) against h_scale, c and the products on the cell line against c_scale. Gates use [0, 1].
  float h_scale = 1, c_scale = 1;
};

// Draws s into the screen rectangle [min, max] of the current window (the caller reserves it,
// e.g. with ImGui::Dummy) and shows a tooltip for the box under the mouse.
void draw_cell_step(const CellStep& s, ImVec2 min, ImVec2 max);
