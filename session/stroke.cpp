#include "stroke.h"

#include <algorithm>
#include <cmath>

#include "share_state.h"  // quantize_drawn

namespace lstm {

Resampled resample_stroke(const std::vector<StrokePoint>& points) {
  Resampled r;
  if (points.empty()) return r;
  double lo = points[0].x, hi = points[0].x;
  for (const StrokePoint& p : points) lo = std::min(lo, p.x), hi = std::max(hi, p.x);
  const int first = std::max(0, int(std::ceil(lo))), last = int(std::floor(hi));
  if (last < first) {
    const int x = std::max(0, int(std::lround(points[0].x)));
    return {x, {float(points[0].y)}};
  }
  r.first = first;
  r.values.assign(size_t(last - first + 1), 0.f);
  std::vector<bool> set(r.values.size(), false);
  auto put = [&](int x, double y) {
    if (x < first || x > last) return;
    r.values[size_t(x - first)] = float(y);
    set[size_t(x - first)] = true;
  };
  if (points.size() == 1) put(int(std::lround(points[0].x)), points[0].y);
  for (size_t i = 1; i < points.size(); ++i) {
    const StrokePoint a = points[i - 1], b = points[i];
    const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x);
    for (int x = int(std::ceil(x0)); x <= int(std::floor(x1)); ++x) {
      const double t = x1 > x0 ? (x - a.x) / (b.x - a.x) : 0.0;
      put(x, a.y + t * (b.y - a.y));
    }
  }
  // Rows between first and last are all crossed by some segment; guard anyway.
  for (size_t i = 1; i < set.size(); ++i)
    if (!set[i]) r.values[i] = r.values[i - 1];
  return r;
}

void apply_stroke(Series& s, int col, const Resampled& r) {
  if (r.empty()) return;
  if (s.columns.empty()) s.add("drawn", {});
  if (col < 0 || col >= s.width()) col = 0;
  const int T = s.length();
  if (r.last() >= T) {
    std::vector<float>& c = s.columns[col];
    const int new_len = r.last() + 1;
    // Bridge old end -> stroke start in the drawn column; others hold their last value.
    const float from = T > 0 ? c[T - 1] : r.values[0];
    const int gap_end = r.first;  // rows [T, gap_end) lie between the old end and the stroke
    for (int w = 0; w < s.width(); ++w) {
      std::vector<float>& cw = s.columns[w];
      const float hold = cw.empty() ? 0.f : cw.back();
      cw.resize(size_t(new_len), hold);
    }
    for (int x = T; x < gap_end; ++x) {
      const double t = double(x - (T - 1)) / double(gap_end - (T - 1));
      c[x] = quantize_drawn(float(from + t * (quantize_drawn(r.values[0]) - from)));
    }
  }
  std::vector<float>& c = s.columns[col];
  // On the link grid as drawn, so a shared link carries exactly the numbers the sender trained on.
  for (size_t i = 0; i < r.values.size(); ++i) c[r.first + i] = quantize_drawn(r.values[i]);
}

void erase_rows(Series& s, int x0, int x1) {
  const int T = s.length();
  if (x0 > x1) std::swap(x0, x1);
  x0 = std::max(x0, 0);
  if (T == 0 || x0 >= T || x1 < 0) return;
  if (x1 >= T - 1) {
    for (auto& c : s.columns) c.resize(size_t(x0));
    return;
  }
  for (auto& c : s.columns) {
    const int a = x0 - 1, b = x1 + 1;  // neighbours kept; a may be -1 (then hold c[b])
    for (int x = x0; x <= x1; ++x)
      c[x] = a < 0 ? c[b] : float(c[a] + double(x - a) / (b - a) * (c[b] - c[a]));
  }
}

}  // namespace lstm
