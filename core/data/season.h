// The period m of a series, from the autocorrelation of its training part (FPP3 ch. 2.8): the
// linear trend is removed first (a trend's ACF decays slowly and hides the seasonal peaks), then
// m is the first local maximum of the ACF, at lag >= 2, whose value is at least 0.8 of the
// highest one and at least kMinSeasonalAcf. 1 = no season found.
#pragma once

namespace lstm {

constexpr double kMinSeasonalAcf = 0.3;

// y: n values. Lags up to n / 3 (each lag then has 2n/3 products or more), at most max_lag.
int detect_season(const float* y, int n, int max_lag = 1000);

}  // namespace lstm
