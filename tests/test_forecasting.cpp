// Forecasting like a practitioner: metrics against hand-computed values, the baselines, the
// season, the transforms' round trips, the train / validation / test split, and the conformal
// quantile.
#include <doctest/doctest.h>

#include <cmath>

#include "baselines.h"
#include "data_fixtures.h"
#include "dataset.h"
#include "evaluation.h"
#include "forecast_metrics.h"
#include "intervals.h"
#include "season.h"
#include "trainer.h"
#include "transforms.h"

using namespace lstm;
using lstm_test::arange;
using lstm_test::contains;

namespace {
Series one_column(std::vector<float> v) {
  Series s;
  s.add("y", std::move(v));
  return s;
}
// Monthly-like: a rising line, a period-12 wave and a little deterministic wobble.
Series seasonal_trend(int n, float slope = 0.5f, float base = 100.f) {
  std::vector<float> y(size_t(n), 0.f);
  for (int t = 0; t < n; ++t)
    y[size_t(t)] = base + slope * t + 10.f * std::sin(2.f * 3.14159265f * t / 12.f) +
                   0.3f * std::sin(1.7f * t);
  return one_column(std::move(y));
}
}  // namespace

TEST_CASE("forecast metrics: RMSE, MAE, MAPE, sMAPE and MASE by hand") {
  // e = pred - truth = (1, -2, 0, 4); truth (10, 20, 30, 40), pred (11, 18, 30, 44).
  const float truth[] = {10, 20, 30, 40}, pred[] = {11, 18, 30, 44};
  const ForecastMetrics m = forecast_metrics(pred, truth, 4, 1, {2.0});
  CHECK(m.count == 4);
  CHECK(m.rmse == doctest::Approx(std::sqrt((1 + 4 + 0 + 16) / 4.0)));
  CHECK(m.mae == doctest::Approx(7 / 4.0));
  // 100/4 * (1/10 + 2/20 + 0 + 4/40) = 7.5
  CHECK(m.mape == doctest::Approx(7.5));
  // 100/4 * (2/21 + 4/38 + 0 + 8/84)
  CHECK(m.smape == doctest::Approx(25.0 * (2.0 / 21 + 4.0 / 38 + 8.0 / 84)));
  CHECK(m.mase == doctest::Approx(1.75 / 2.0));
  CHECK(mape_note(m).empty());
}

TEST_CASE("forecast metrics: MAPE is undefined with a zero actual, with a clear note") {
  const float truth[] = {0, 20, 30, 1e-5f}, pred[] = {1, 18, 30, 1};
  const ForecastMetrics m = forecast_metrics(pred, truth, 4, 1, {1.0});
  CHECK(m.near_zero == 2);
  CHECK(std::isnan(m.mape));
  CHECK(std::isfinite(m.smape));
  CHECK(contains(mape_note(m), "2 actual values are zero or near zero"));
  // sMAPE of y = yhat = 0 counts 0.
  const float z[] = {0, 0};
  CHECK(forecast_metrics(z, z, 2, 1, {1.0}).smape == 0.0);
}

TEST_CASE("forecast metrics: MASE per target with two targets and its in-sample scale") {
  Series s;
  s.add("a", {1, 2, 4, 7, 11});   // |y_t - y_{t-1}| = 1 2 3 4 -> rows [1, 4): (1 + 2 + 3) / 3 = 2
  s.add("b", {0, 0, 10, 10, 0});  // m = 2 on rows [2, 5): |10| |10| |-10| -> 10
  const std::vector<double> s1 = mase_scales(s, {0}, 4, 1);
  CHECK(s1[0] == doctest::Approx(2.0));
  CHECK(mase_scales(s, {1}, 5, 2)[0] == doctest::Approx(10.0));
  // (n=2, J=2) interleaved: a errors 2, 2 -> MAE 2 -> 1; b errors 5, 15 -> MAE 10 -> 1.
  const float truth[] = {0, 0, 0, 0}, pred[] = {2, 5, -2, 15};
  CHECK(forecast_metrics(pred, truth, 4, 2, {2.0, 10.0}).mase == doctest::Approx(1.0));
}

TEST_CASE("baselines: naive, seasonal naive, drift and mean by hand") {
  const std::vector<float> y = {1, 2, 3, 10, 20, 30, 11};  // origin 6: y = 11
  CHECK(baseline_value(Baseline::Naive, 3, y, 6, 2) == 11.f);
  // m = 3: h = 1 -> y[4], h = 2 -> y[5], h = 3 -> y[6], h = 4 -> y[4] again
  CHECK(baseline_value(Baseline::SeasonalNaive, 3, y, 6, 1) == 20.f);
  CHECK(baseline_value(Baseline::SeasonalNaive, 3, y, 6, 2) == 30.f);
  CHECK(baseline_value(Baseline::SeasonalNaive, 3, y, 6, 3) == 11.f);
  CHECK(baseline_value(Baseline::SeasonalNaive, 3, y, 6, 4) == 20.f);
  CHECK(baseline_value(Baseline::SeasonalNaive, 1, y, 6, 4) == 11.f);  // m = 1 is naive
  // drift: 11 + h * (11 - 1) / 6
  CHECK(baseline_value(Baseline::Drift, 1, y, 6, 3) == doctest::Approx(11 + 3 * 10 / 6.0));
  CHECK(baseline_value(Baseline::Mean, 1, y, 6, 5) == doctest::Approx(77 / 7.0));
  CHECK(baseline_value(Baseline::Mean, 1, y, 2, 1) == doctest::Approx(2.0));

  // Through windows: look_back 2, horizon 2, windows start at 0..; window 3 has origin 4.
  DataConfig cfg = data_config(WindowSetup::MultiStep, 2, {0}, {0}, 2);
  Windows w;
  REQUIRE(make_windows(one_column(y), cfg, &w) == "");
  const std::vector<float> f =
      baseline_forecast(Baseline::SeasonalNaive, 3, one_column(y), plan_columns(cfg), w.start, 2, 3, 4);
  CHECK(f == std::vector<float>{3, 10});  // origin 4: h=1 -> y[2], h=2 -> y[3]
  const std::vector<float> p = baseline_path(Baseline::Drift, 1, one_column(y), {0}, 6, 2);
  CHECK(p[1] == doctest::Approx(11 + 2 * 10 / 6.0));
}

TEST_CASE("season: detected from the autocorrelation, through a trend; none in noise") {
  for (int period : {4, 7, 12, 24}) {
    std::vector<float> y(240);
    for (int t = 0; t < 240; ++t)
      y[t] = 0.2f * t + 5.f * std::sin(2.f * 3.14159265f * t / period) + 0.5f * std::sin(2.3f * t);
    CAPTURE(period);
    CHECK(detect_season(y.data(), 240) == period);
  }
  // A long period against a short series: the default sine preset's 160 training rows of a
  // period-50 sine (the ACF over n alone shrinks with the lag and peaked one step short, at 49).
  for (int period : {50, 40}) {
    std::vector<float> y(160);
    for (int t = 0; t < 160; ++t) y[size_t(t)] = std::sin(2.f * 3.14159265f * t / period);
    CAPTURE(period);
    CHECK(detect_season(y.data(), 160) == period);
  }
  std::vector<float> line = arange(0, 1, 100);
  CHECK(detect_season(line.data(), 100) == 1);
  uint32_t x = 12345;
  std::vector<float> noise(300);
  for (float& v : noise) x = x * 1664525u + 1013904223u, v = float(x >> 8) / float(1 << 24);
  CHECK(detect_season(noise.data(), 300) == 1);
  CHECK(detect_season(line.data(), 5) == 1);  // too short to tell
  // A smooth random walk: its ACF decays slowly with small bumps, none of them a season.
  std::vector<float> walk(400);
  float level = 0;
  for (float& v : walk) x = x * 1664525u + 1013904223u, level += float(x >> 8) / float(1 << 24) - 0.5f, v = level;
  std::vector<float> smooth(400);
  for (int t = 0; t < 400; ++t) {
    float sum = 0;
    for (int k = std::max(0, t - 5); k <= t; ++k) sum += walk[size_t(k)];
    smooth[size_t(t)] = sum;
  }
  CHECK(detect_season(smooth.data(), 400) == 1);
}

TEST_CASE("MASE: a noiseless periodic series is scaled by the lag-1 naive; the verdict says why") {
  Series s;
  s.names = {"sine"};
  s.columns.resize(1);
  for (int t = 0; t < 200; ++t) s.columns[0].push_back(std::sin(2.f * 3.14159265f * t / 50));
  // Seasonal naive MAE at m = 50 is float rounding (~1e-7): MASE would divide by almost nothing.
  const double lag1 = mase_scales(s, {0}, 160, 1)[0];
  CHECK(lag1 > 0.05);
  CHECK(mase_scales(s, {0}, 160, 50)[0] == doctest::Approx(lag1));
  // With noise the seasonal scale stands.
  Series noisy = s;
  uint32_t x = 7;
  for (float& v : noisy.columns[0]) x = x * 1664525u + 1013904223u, v += 0.05f * (float(x >> 8) / float(1 << 24) - 0.5f);
  const double seasonal = mase_scales(noisy, {0}, 160, 50)[0];
  CHECK(seasonal < 0.5 * mase_scales(noisy, {0}, 160, 1)[0]);
  CHECK(seasonal > 0.005);
  SplitEvaluation e;
  e.model.mase = 0.12;
  e.baselines[int(Baseline::Naive)].mase = 0.94;
  e.baselines[int(Baseline::SeasonalNaive)].mase = 2e-6;
  CHECK(verdict_text(e, 50) == "can't beat seasonal naive: the series repeats every 50 steps");
  e.baselines[int(Baseline::SeasonalNaive)].mase = 0.5;
  CHECK(verdict_text(e, 50) == "beats seasonal naive by 76 %");
}

TEST_CASE("transforms: every combination round trips to float precision") {
  const Series raw = seasonal_trend(120);
  for (int mask = 0; mask < 8; ++mask)
    for (Difference diff : {Difference::None, Difference::Lag1, Difference::Seasonal}) {
      DataConfig cfg;
      cfg.log = mask & 1;
      cfg.detrend = mask & 2;
      cfg.difference = diff;
      CAPTURE(mask);
      CAPTURE(int(diff));
      Transform t;
      REQUIRE(fit_transform(raw, cfg, 12, 80, {0}, &t) == "");
      const Series z = apply_transform(t, raw, {0});
      // Every row from the lag on, inverted from its own z and the rows before it.
      for (int r = std::max(t.lag, 1); r < raw.length(); r += 7) {
        const int steps = std::min(15, raw.length() - r);
        std::vector<float> path(z.columns[0].begin() + r, z.columns[0].begin() + r + steps);
        invert_path(t, raw, 0, r, steps, path.data(), 1);
        for (int k = 0; k < steps; ++k)
          CHECK(path[size_t(k)] == doctest::Approx(raw.columns[0][size_t(r + k)]).epsilon(2e-6));
      }
    }
}

TEST_CASE("transforms: differencing and detrending by hand; log needs positive values") {
  const Series raw = one_column({1, 3, 6, 10});
  DataConfig cfg;
  cfg.difference = Difference::Lag1;
  Transform t;
  REQUIRE(fit_transform(raw, cfg, 1, 4, {0}, &t) == "");
  CHECK(apply_transform(t, raw, {0}).columns[0] == std::vector<float>{0, 2, 3, 4});
  cfg.difference = Difference::None;
  cfg.detrend = true;
  REQUIRE(fit_transform(one_column({1, 3, 5, 7}), cfg, 1, 4, {0}, &t) == "");
  CHECK(t.trend_a[0] == doctest::Approx(1.0));
  CHECK(t.trend_b[0] == doctest::Approx(2.0));
  cfg.detrend = false;
  cfg.log = true;
  CHECK(contains(fit_transform(one_column({1, 0, 2}), cfg, 1, 3, {0}, &t),
                 "needs positive values, but 'y' has 0 at row 2"));
  cfg.log = false;
  cfg.difference = Difference::Seasonal;
  CHECK(contains(fit_transform(raw, cfg, 12, 4, {0}, &t), "lag 12"));
}

TEST_CASE("split: the test part is the last round(N * test_split) windows, then Keras' split") {
  Split s = split_windows(100, 0.2f, 0.1f);
  CHECK(s.n_test == 10);
  CHECK(s.n_train == 72);  // floor(90 * 0.8)
  CHECK(s.n_val == 18);
  s = split_windows(10, 0.2f);
  CHECK((s.n_train == 8 && s.n_val == 2 && s.n_test == 0));
  CHECK(split_windows(37, 0.f, float(5) / 37).n_test == 5);  // a backtest fold's exact count
}

TEST_CASE("dataset: differencing starts the windows after the lag; predictions invert exactly") {
  const Series raw = seasonal_trend(200);
  Config c;
  c.data = data_config(WindowSetup::Univariate, 12, {0}, {0});
  c.data.test_split = 0.2f;
  c.data.difference = Difference::Seasonal;
  c.data.log = true;
  c.model.units = {8, 8, 8, 8};
  c.train.epochs = 1;
  Trainer t;
  REQUIRE(t.setup(c, raw) == "");
  const Dataset& d = t.dataset();
  CHECK(d.season == 12);
  CHECK(d.season_detected);
  CHECK(d.transform.lag == 12);
  CHECK(d.windows.start[0] == 12);
  CHECK(d.windows.n == 200 - 12 - 12 - 1 + 1);
  const Split& s = d.windows.split;
  CHECK(s.n_test == int(std::lround(d.windows.n * 0.2)));
  // Window targets (scaled z) inverted through the same path as predictions give the data.
  const Windows& w = d.windows;
  for (int i : {0, s.n_train, w.n - 1}) {
    float y = d.scaler.inverse(0, w.y[size_t(i)]);
    invert_path(d.transform, raw, 0, w.start[i] + w.look_back, 1, &y, 1);
    CHECK(y == doctest::Approx(raw.columns[0][size_t(w.start[i] + w.look_back)]).epsilon(1e-5));
  }
  // The rollout from a window's origin has as many steps as asked, finite, in data units.
  std::string err;
  const std::vector<float> path = t.rollout_from({w.start[5] + 11, raw.length() - 1}, 30, &err);
  REQUIRE(err.empty());
  REQUIRE(path.size() == 60);
  for (float v : path) CHECK(std::isfinite(v));
  // Evaluation: both splits, MASE scaled by the in-sample seasonal naive.
  const std::vector<float> pred = t.predict_windows(0, w.n);
  const Evaluation e = evaluate_forecast(raw, d, pred.data());
  CHECK(e.val.windows == s.n_val);
  CHECK(e.test.windows == s.n_test);
  CHECK(e.mase_scale[0] == doctest::Approx(mase_scales(raw, {0}, d.train_rows, 12)[0]));
  // Seasonal naive on a series that repeats exactly each 12 rows plus a line: its MASE is 1 for
  // any window, because every seasonal difference is the same 12 * slope.
  CHECK(e.test.baselines[int(Baseline::SeasonalNaive)].mase == doctest::Approx(1.0).epsilon(0.05));
}

TEST_CASE("verdict: names the stronger naive baseline and the relative MASE") {
  SplitEvaluation s;
  s.model.mase = 0.77;
  s.baselines[int(Baseline::Naive)].mase = 2.0;
  s.baselines[int(Baseline::SeasonalNaive)].mase = 1.0;
  CHECK(verdict_text(s, 12) == "beats seasonal naive by 23 %");
  s.model.mase = 1.05;
  s.baselines[int(Baseline::Naive)].mase = 1.0;
  s.baselines[int(Baseline::SeasonalNaive)].mase = 3.0;
  CHECK(verdict_text(s, 12) == "worse than naive by 5 %");
  CHECK(verdict_text(s, 1) == "worse than naive by 5 %");
  s.model.mase = NAN;
  CHECK(verdict_text(s, 12) == "");
}

TEST_CASE("conformal: the ceil((n + 1)(1 - alpha))-th smallest score, none when n is too small") {
  std::vector<float> scores;
  for (int i = 1; i <= 9; ++i) scores.push_back(float(10 - i));  // 9..1
  std::vector<float> a = scores;
  CHECK(conformal_quantile(a, 0.8) == 8.f);  // ceil(10 * 0.8) = 8th smallest
  std::vector<float> b = scores;
  CHECK(std::isnan(conformal_quantile(b, 0.95)));  // ceil(9.5) = 10 > 9
  std::vector<float> c(19, 1.f);
  c[18] = 5.f;
  CHECK(conformal_quantile(c, 0.95) == 5.f);  // ceil(20 * 0.95) = 19th of 19
}

TEST_CASE("conformal: bands from the validation part cover about their level on the test part") {
  // A noisy seasonal series: residuals are about the noise, so coverage should be near nominal.
  std::vector<float> y(600);
  uint32_t x = 7;
  for (int t = 0; t < 600; ++t) {
    x = x * 1664525u + 1013904223u;
    y[size_t(t)] = 10.f * std::sin(2.f * 3.14159265f * t / 20.f) + 2.f * (float(x >> 8) / float(1 << 24) - 0.5f);
  }
  Config c;
  c.data = data_config(WindowSetup::Univariate, 20, {0}, {0}, 1, 0.3f);
  c.data.test_split = 0.25f;
  c.model.units = {16, 16, 16, 16};
  c.train.epochs = 30;
  c.train.lr = 0.01f;
  Trainer t;
  REQUIRE(t.setup(c, one_column(y)) == "");
  while (!t.step({}).done) {}
  const Intervals iv = conformal_intervals(t, 5);
  REQUIRE(iv.steps == 5);
  CHECK(iv.calibration_origins > 100);
  CHECK(iv.test_points[0] > 100);
  for (int h = 0; h < 5; ++h) CHECK(iv.half[1][size_t(h)] >= iv.half[0][size_t(h)]);
  MESSAGE("coverage on the test part: 80 % -> " << iv.coverage[0] << ", 95 % -> " << iv.coverage[1]);
  CHECK(iv.coverage[0] > 0.65);
  CHECK(iv.coverage[1] > 0.85);
}
