// RMSE / MAE and the persistence baseline on hand-computed cases.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "data_fixtures.h"
#include "dataset.h"
#include "metrics.h"

using namespace lstm;
using lstm_test::arange;

TEST_CASE("metrics: rmse and mae by hand") {
  const float pred[] = {1, 2, 3};
  const float truth[] = {2, 2, 5};
  const Metrics m = compute_metrics(pred, truth, 3);
  CHECK(m.count == 3);
  CHECK(m.rmse == doctest::Approx(std::sqrt(5.0 / 3.0)));  // errors -1, 0, -2
  CHECK(m.mae == doctest::Approx(1.0));
  const Metrics none = compute_metrics(pred, truth, 0);
  CHECK(none.count == 0);
  CHECK(none.rmse == 0.0);
}

TEST_CASE("metrics: persistence on [10..90], univariate") {
  Series s;
  s.add("v", arange(10, 10, 9));
  // N = 6, split 0.5: validation windows 3..5 read rows 3..5, 4..6, 5..7 and predict 70, 80, 90.
  const Dataset d =
      make_dataset(s, data_config(WindowSetup::Univariate, 3, {0}, {0}, 1, 0.5f, Scaling::None));
  REQUIRE_MESSAGE(d.ok(), d.error);
  REQUIRE(d.windows.split.n_val == 3);
  const std::vector<int>& st = d.windows.start;
  CHECK(persistence_forecast(s, d.plan, st, 3, 3, 6) == std::vector<float>{60, 70, 80});
  CHECK(window_targets(s, d.plan, st, 3, 3, 6) == std::vector<float>{70, 80, 90});
  const Metrics m = persistence_baseline(s, d);
  CHECK(m.count == 3);
  CHECK(m.rmse == doctest::Approx(10.0));
  CHECK(m.mae == doctest::Approx(10.0));
}

TEST_CASE("metrics: persistence for a target that is not an input") {
  Series s;
  s.add("in_seq1", arange(10, 10, 9));
  s.add("in_seq2", arange(15, 10, 9));
  s.add("out", arange(25, 20, 9));
  // Predict out at the last input row: out[5..7] = 125, 145, 165 vs truth out[6..8].
  const Dataset d = make_dataset(
      s, data_config(WindowSetup::MultivariateIn, 3, {0, 1}, {2}, 1, 0.5f, Scaling::MinMax));
  REQUIRE_MESSAGE(d.ok(), d.error);
  CHECK(persistence_forecast(s, d.plan, d.windows.start, 3, 3, 6) ==
        std::vector<float>{125, 145, 165});
  const Metrics m = persistence_baseline(s, d);
  CHECK(m.rmse == doctest::Approx(20.0));
  CHECK(m.mae == doctest::Approx(20.0));
}

TEST_CASE("metrics: persistence repeats the last value over the horizon") {
  Series s;
  s.add("v", arange(10, 10, 9));
  // N = 5, split 0.4: validation windows 3, 4 predict (60, 60) vs (70, 80), (70, 70) vs (80, 90).
  const Dataset d =
      make_dataset(s, data_config(WindowSetup::MultiStep, 3, {0}, {0}, 2, 0.4f, Scaling::ZScore));
  REQUIRE_MESSAGE(d.ok(), d.error);
  REQUIRE(d.windows.split.n_val == 2);
  CHECK(persistence_forecast(s, d.plan, d.windows.start, 3, 3, 5) ==
        std::vector<float>{60, 60, 70, 70});
  const Metrics m = persistence_baseline(s, d);
  CHECK(m.count == 4);
  CHECK(m.rmse == doctest::Approx(std::sqrt(250.0)));  // errors 10, 20, 10, 20
  CHECK(m.mae == doctest::Approx(15.0));
}

TEST_CASE("metrics: persistence in data units does not depend on the scaling") {
  Series s;
  s.add("a", {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8});
  s.add("b", {2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5});
  Metrics ref;
  for (Scaling scaling : {Scaling::None, Scaling::MinMax, Scaling::ZScore}) {
    const Dataset d =
        make_dataset(s, data_config(WindowSetup::Parallel, 2, {0, 1}, {0}, 1, 0.3f, scaling));
    REQUIRE_MESSAGE(d.ok(), d.error);
    const Metrics m = persistence_baseline(s, d);
    if (scaling == Scaling::None) ref = m;
    CHECK(m.count == 6);  // N = 10, 3 validation windows, 2 targets
    CHECK(m.rmse == doctest::Approx(ref.rmse));
    CHECK(m.mae == doctest::Approx(ref.mae));
  }
  // windows 7..9 read rows 8, 9, 10 and predict rows 9, 10, 11:
  // a: 5->3, 3->5, 5->8 ; b: 2->8, 8->4, 4->5 ; |errors| 2, 2, 3, 6, 4, 1
  CHECK(ref.mae == doctest::Approx(18.0 / 6.0));
  CHECK(ref.rmse == doctest::Approx(std::sqrt(70.0 / 6.0)));
}

TEST_CASE("metrics: no validation window gives an empty baseline") {
  Series s;
  s.add("v", arange(10, 10, 9));
  const Dataset d =
      make_dataset(s, data_config(WindowSetup::Univariate, 3, {0}, {0}, 1, 0.f, Scaling::None));
  REQUIRE(d.ok());
  CHECK(persistence_baseline(s, d).count == 0);
}
