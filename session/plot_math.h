// Window-free maths of the plot widget (web/views/plot.cpp): data <-> pixel transforms on linear and
// log axes, zoom about a fixed point, pan, and "nice" ticks (1, 2, 5 x 10^k steps). Pure, so
// doctest covers it (tests/test_plot_math.cpp).
#pragma once
#include <string>
#include <vector>

namespace lstm {

struct AxisRange {
  double min = 0.0, max = 1.0;
  double span() const { return max - min; }
};

// One axis mapped onto a pixel interval [p0, p1] (p1 < p0 for a Y axis, which grows upwards).
// On a log axis min/max must be > 0 and the mapping is linear in log10(v).
struct AxisTransform {
  AxisRange range;
  double p0 = 0.0, p1 = 1.0;
  bool log = false;
  double to_pixel(double v) const;
  double to_data(double px) const;
};

// Zooms r by factor (< 1 zooms in) keeping `anchor` (a data value, e.g. under the cursor) at
// the same pixel. On a log axis the anchor and the range are handled in log10 space.
AxisRange zoom_about(AxisRange r, double anchor, double factor, bool log);
// Shifts r so that content moves by `pixels` on an axis of `axis_pixels` length.
AxisRange pan_by_pixels(AxisRange r, double pixels, double axis_pixels, bool log);
// Limits for a log axis from data limits: non-positive values are clamped to a small positive.
AxisRange sanitize_log(AxisRange r);
// Pads a data extent by `frac` on each side; a flat extent gets +-0.5 (or +-|v|*0.1).
AxisRange padded(AxisRange r, double frac);

// 1, 2 or 5 x 10^k, the smallest such step giving at most about `target` intervals over span.
double nice_step(double span, int target);
// Tick values inside r: multiples of nice_step on a linear axis, powers of ten (plus 2x, 5x when
// few decades are shown) on a log axis.
std::vector<double> nice_ticks(AxisRange r, int target, bool log);
// Short label for a tick with the given step ("0.25", "1e-04", "1200").
std::string format_tick(double v, double step);

}  // namespace lstm
