#include "plot_math.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace lstm {
namespace {
constexpr double kLogFloor = 1e-12;
double to_axis(double v, bool log) { return log ? std::log10(std::max(v, kLogFloor)) : v; }
double from_axis(double a, bool log) { return log ? std::pow(10.0, a) : a; }
}  // namespace

double AxisTransform::to_pixel(double v) const {
  const double a0 = to_axis(range.min, log), a1 = to_axis(range.max, log);
  if (a1 == a0) return p0;
  return p0 + (to_axis(v, log) - a0) / (a1 - a0) * (p1 - p0);
}

double AxisTransform::to_data(double px) const {
  const double a0 = to_axis(range.min, log), a1 = to_axis(range.max, log);
  if (p1 == p0) return range.min;
  return from_axis(a0 + (px - p0) / (p1 - p0) * (a1 - a0), log);
}

AxisRange zoom_about(AxisRange r, double anchor, double factor, bool log) {
  const double a = to_axis(anchor, log);
  const double lo = to_axis(r.min, log), hi = to_axis(r.max, log);
  AxisRange out{from_axis(a + (lo - a) * factor, log), from_axis(a + (hi - a) * factor, log)};
  // Keep a usable span: floats stop resolving below ~1e-6 of the magnitude.
  const double mag = std::max({std::fabs(out.min), std::fabs(out.max), 1e-30});
  if (!log && out.span() < mag * 1e-6) return r;
  return out;
}

AxisRange pan_by_pixels(AxisRange r, double pixels, double axis_pixels, bool log) {
  if (axis_pixels == 0) return r;
  const double lo = to_axis(r.min, log), hi = to_axis(r.max, log);
  const double d = pixels / axis_pixels * (hi - lo);
  return {from_axis(lo - d, log), from_axis(hi - d, log)};
}

AxisRange sanitize_log(AxisRange r) {
  if (r.max <= 0) return {1e-3, 1.0};
  if (r.min <= 0) r.min = r.max * 1e-3;
  if (r.min >= r.max) return {r.min / 2, r.max * 2};
  return r;
}

AxisRange padded(AxisRange r, double frac) {
  if (!(r.max > r.min)) {
    const double h = r.min == 0 ? 0.5 : std::fabs(r.min) * 0.1;
    return {r.min - h, r.min + h};
  }
  const double pad = r.span() * frac;
  return {r.min - pad, r.max + pad};
}

double nice_step(double span, int target) {
  if (!(span > 0) || target < 1) return 1.0;
  const double raw = span / target;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10.0 * p;
}

std::vector<double> nice_ticks(AxisRange r, int target, bool log) {
  std::vector<double> out;
  if (!(r.max > r.min)) return out;
  if (log) {
    r = sanitize_log(r);
    const int e0 = int(std::floor(std::log10(r.min))), e1 = int(std::ceil(std::log10(r.max)));
    const int stride = std::max(1, (e1 - e0 + target - 1) / std::max(target, 1));
    const bool minor = (e1 - e0) <= 3;  // few decades: add 2x and 5x ticks
    for (int e = e0; e <= e1; e += stride)
      for (double m : {1.0, 2.0, 5.0}) {
        if (m != 1.0 && !minor) continue;
        const double v = m * std::pow(10.0, e);
        if (v >= r.min * (1 - 1e-9) && v <= r.max * (1 + 1e-9)) out.push_back(v);
      }
    return out;
  }
  const double step = nice_step(r.span(), target);
  const double first = std::ceil(r.min / step - 1e-9) * step;
  for (int i = 0; i < 1000; ++i) {
    const double v = first + i * step;
    if (v > r.max + step * 1e-9) break;
    out.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  }
  return out;
}

std::string format_tick(double v, double step) {
  char buf[32];
  const double a = std::fabs(v);
  if (v != 0 && (a >= 1e6 || a < 1e-3))
    std::snprintf(buf, sizeof buf, "%.0e", v);
  else {
    const int decimals = step >= 1 ? 0 : std::min(6, int(std::ceil(-std::log10(step) - 1e-9)));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  }
  return buf;
}

}  // namespace lstm
