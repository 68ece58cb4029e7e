// Freehand drawing on the series plot -> evenly spaced samples. Pure functions (no UI), used by
// web/views/panel_series.cpp and tested in tests/test_stroke.cpp.
#pragma once
#include <vector>

#include "series.h"

namespace lstm {

struct StrokePoint {
  double x = 0, y = 0;  // data coordinates: x = row (time step), y = value
};

// A stroke sampled at every integer x it crosses: values[i] is the value at row first + i.
struct Resampled {
  int first = 0;
  std::vector<float> values;
  bool empty() const { return values.empty(); }
  int last() const { return first + int(values.size()) - 1; }
};

// Linear interpolation along the stroke in drawing order; where the pen went back over rows it
// already covered, the later pass wins (so a user can redraw a region within one stroke). Rows
// < 0 are dropped. A stroke that crosses no integer x gives the nearest row of its first point.
Resampled resample_stroke(const std::vector<StrokePoint>& points);

// Writes r into column `col`: covered rows are overwritten; a stroke past the end extends the
// series, bridging any gap linearly from the old last value, and other columns hold their last
// value (0 when empty). An empty series gets one column "drawn" first. Written values lie on the
// share-link grid (quantize_drawn), so a link reproduces the drawing bit for bit.
void apply_stroke(Series& s, int col, const Resampled& r);

// Erases rows [x0, x1] of every column: a range reaching the end truncates the series; a range
// inside is replaced by the straight line between its neighbours.
void erase_rows(Series& s, int x0, int x1);

}  // namespace lstm
