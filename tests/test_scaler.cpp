// Per-column scaling: fitted on the first rows only, inverse round trip, constant columns.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "scaler.h"

using namespace lstm;

namespace {

Series two_columns() {
  Series s;
  s.add("a", {1, 2, 3, 4, 100});  // the outlier sits outside the fitted rows
  s.add("b", {-2, 0, 2, 4, -50});
  return s;
}

}  // namespace

TEST_CASE("scaler: min-max is fitted on the given rows only") {
  const Series s = two_columns();
  const Scaler sc = fit_scaler(s, Scaling::MinMax, 4, {0, 1});
  CHECK(sc.offset[0] == 1.0);
  CHECK(sc.scale[0] == 3.0);
  CHECK(sc.offset[1] == -2.0);
  CHECK(sc.scale[1] == 6.0);
  const Series t = apply_scaler(sc, s);
  CHECK(t.columns[0][0] == 0.f);
  CHECK(t.columns[0][3] == 1.f);
  CHECK(t.columns[0][4] == doctest::Approx(33.0));
  CHECK(t.columns[1][1] == doctest::Approx(1.0 / 3.0));
  CHECK(t.columns[1][4] == doctest::Approx(-8.0));
}

TEST_CASE("scaler: z-score uses the population std of the fitted rows") {
  const Series s = two_columns();
  const Scaler sc = fit_scaler(s, Scaling::ZScore, 4, {0});
  // a[0..3] = 1, 2, 3, 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
  CHECK(sc.offset[0] == doctest::Approx(2.5));
  CHECK(sc.scale[0] == doctest::Approx(std::sqrt(1.25)));
  // column b was not asked for: identity
  CHECK(sc.offset[1] == 0.0);
  CHECK(sc.scale[1] == 1.0);
  const Series t = apply_scaler(sc, s);
  double mean = 0, sq = 0;
  for (int i = 0; i < 4; ++i) mean += t.columns[0][i] / 4.0;
  for (int i = 0; i < 4; ++i) sq += (t.columns[0][i] - mean) * (t.columns[0][i] - mean) / 4.0;
  CHECK(mean == doctest::Approx(0.0).scale(1.0));
  CHECK(sq == doctest::Approx(1.0));
  CHECK(t.columns[1] == s.columns[1]);
}

TEST_CASE("scaler: inverse round trip for every kind") {
  const Series s = two_columns();
  for (Scaling kind : {Scaling::MinMax, Scaling::ZScore, Scaling::None}) {
    CAPTURE(static_cast<int>(kind));
    const Scaler sc = fit_scaler(s, kind, 4, {0, 1});
    const Series t = apply_scaler(sc, s);
    for (int c = 0; c < 2; ++c)
      for (int i = 0; i < 5; ++i)
        CHECK(sc.inverse(c, t.columns[c][i]) ==
              doctest::Approx(s.columns[c][i]).epsilon(1e-6).scale(1.0));
  }
}

TEST_CASE("scaler: none is the identity") {
  const Series s = two_columns();
  const Scaler sc = fit_scaler(s, Scaling::None, 4, {0, 1});
  const Series t = apply_scaler(sc, s);
  CHECK(t.columns == s.columns);
}

TEST_CASE("scaler: outputs are mapped per target column, step-major") {
  const Series s = two_columns();
  const Scaler sc = fit_scaler(s, Scaling::MinMax, 4, {0, 1});
  // targets (b, a), horizon 2, one window: y = [b@k0, a@k0, b@k1, a@k1]
  std::vector<float> y = {0.5f, 0.f, 1.f, 1.f};
  unscale_outputs(sc, {1, 0}, 2, y.data(), 1);
  CHECK(y == std::vector<float>{1.f, 1.f, 4.f, 4.f});
  scale_outputs(sc, {1, 0}, 2, y.data(), 1);
  CHECK(y == std::vector<float>{0.5f, 0.f, 1.f, 1.f});
}

TEST_CASE("scaler: a constant column does not divide by zero") {
  Series s;
  s.add("flat", {7, 7, 7, 8});
  for (Scaling kind : {Scaling::MinMax, Scaling::ZScore}) {
    std::vector<std::string> messages;
    const Scaler sc = fit_scaler(s, kind, 3, {0}, &messages);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].find("'flat'") != std::string::npos);
    CHECK(sc.scale[0] == 1.0);
    const Series t = apply_scaler(sc, s);
    CHECK(t.columns[0] == std::vector<float>{0, 0, 0, 1});
  }
}
