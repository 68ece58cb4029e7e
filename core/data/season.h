// The period m of a series, from the autocorrelation of its training part (FPP3 ch. 2.8): the
// linear trend is removed first (a trend's ACF decays slowly and hides the seasonal peaks), then
// m is the first peak of the ACF at lag >= 2 (a local maximum at least kMinSeasonalAcf high and
// kMinProminence above the lowest ACF at a smaller lag) whose value is at least 0.8 of the
// highest peak's. 1 = no season found. Each lag's autocovariance is averaged over its own n - k
// products, so a long period is not pulled a step short.
#pragma once

namespace lstm {

constexpr double kMinSeasonalAcf = 0.3;
constexpr double kMinProminence = 0.2;

// y: n values. Lags up to n / 3 (each lag then has 2n/3 products or more), at most max_lag.
int detect_season(const float* y, int n, int max_lag = 1000);

}  // namespace lstm
