#include "season.h"

#include <algorithm>
#include <vector>

namespace lstm {

int detect_season(const float* y, int n, int max_lag) {
  const int top = std::min(max_lag, n / 3);
  if (top < 2) return 1;
  // Residuals of the least-squares line through (r, y[r]).
  double sr = 0, sy = 0, srr = 0, sry = 0;
  for (int r = 0; r < n; ++r) sr += r, sy += y[r], srr += double(r) * r, sry += r * double(y[r]);
  const double b = (n * sry - sr * sy) / (n * srr - sr * sr), a = (sy - b * sr) / n;
  std::vector<double> e(static_cast<size_t>(n));
  double var = 0;
  for (int r = 0; r < n; ++r) e[r] = y[r] - (a + b * r), var += e[r] * e[r];
  if (var <= 0) return 1;
  std::vector<double> acf(size_t(top) + 2, 0.0);  // acf[k], k = 0..top+1
  for (int k = 1; k <= top + 1 && k < n; ++k) {
    double s = 0;
    for (int r = k; r < n; ++r) s += e[r] * e[r - k];
    // Per lag, each sum over its own n - k products: over n, the ACF shrinks by (n - k) / n,
    // which moves a peak to a shorter lag (a sine of period 50 over 160 rows peaked at 49).
    acf[k] = (s / (n - k)) / (var / n);
  }
  // A peak: a local maximum rising at least kMinProminence above the lowest ACF before it (a
  // slowly decaying ACF, as a smooth series has, has bumps but no peaks).
  std::vector<bool> peak(size_t(top) + 1, false);
  double lowest = acf[1], best = 0;
  for (int k = 2; k <= top; ++k) {
    lowest = std::min(lowest, acf[k]);
    peak[k] = acf[k] > acf[k - 1] && acf[k] >= acf[k + 1] && acf[k] - lowest >= kMinProminence &&
              acf[k] >= kMinSeasonalAcf;
    if (peak[k]) best = std::max(best, acf[k]);
  }
  for (int k = 2; k <= top; ++k)
    if (peak[k] && acf[k] >= 0.8 * best) return k;
  return 1;
}

}  // namespace lstm
