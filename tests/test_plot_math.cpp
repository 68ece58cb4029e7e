// The plot widget's coordinate maths (session/plot_math.h): transforms, zoom, pan, ticks.
#include <doctest/doctest.h>

#include <cmath>

#include "plot_math.h"

using namespace lstm;

TEST_CASE("linear transform maps the range onto the pixels and back") {
  AxisTransform x{{0.0, 100.0}, 50.0, 450.0, false};
  CHECK(x.to_pixel(0.0) == doctest::Approx(50.0));
  CHECK(x.to_pixel(100.0) == doctest::Approx(450.0));
  CHECK(x.to_pixel(25.0) == doctest::Approx(150.0));
  CHECK(x.to_data(250.0) == doctest::Approx(50.0));
  SUBCASE("a Y axis grows upwards: p1 < p0") {
    AxisTransform y{{-1.0, 1.0}, 300.0, 100.0, false};
    CHECK(y.to_pixel(1.0) == doctest::Approx(100.0));
    CHECK(y.to_pixel(0.0) == doctest::Approx(200.0));
    CHECK(y.to_data(150.0) == doctest::Approx(0.5));
  }
}

TEST_CASE("log transform is linear in decades") {
  AxisTransform y{{1e-3, 1e1}, 400.0, 0.0, true};
  CHECK(y.to_pixel(1e-3) == doctest::Approx(400.0));
  CHECK(y.to_pixel(1e-1) == doctest::Approx(200.0));
  CHECK(y.to_data(100.0) == doctest::Approx(1.0));
  for (double v : {2e-3, 0.37, 7.0}) CHECK(y.to_data(y.to_pixel(v)) == doctest::Approx(v));
}

TEST_CASE("zoom about the cursor keeps the anchor's pixel") {
  AxisTransform x{{0.0, 10.0}, 0.0, 500.0, false};
  const double anchor = 7.0, px = x.to_pixel(anchor);
  SUBCASE("linear") {
    AxisTransform z = x;
    z.range = zoom_about(x.range, anchor, 0.5, false);
    CHECK(z.range.span() == doctest::Approx(5.0));
    CHECK(z.to_pixel(anchor) == doctest::Approx(px));
  }
  SUBCASE("log") {
    AxisTransform l{{1e-2, 1e2}, 0.0, 400.0, true};
    const double a = 3.0, lp = l.to_pixel(a);
    l.range = zoom_about(l.range, a, 0.5, true);
    CHECK(std::log10(l.range.max / l.range.min) == doctest::Approx(2.0));
    CHECK(l.to_pixel(a) == doctest::Approx(lp));
  }
  SUBCASE("zooming in forever stops at a resolvable span") {
    AxisRange r{1000.0, 1001.0};
    for (int i = 0; i < 200; ++i) r = zoom_about(r, 1000.5, 0.5, false);
    CHECK(r.span() > 0.0);
    CHECK(r.min < r.max);
  }
}

TEST_CASE("pan moves content with the cursor") {
  AxisRange r = pan_by_pixels({0.0, 10.0}, 50.0, 500.0, false);  // drag right by 1/10 axis
  CHECK(r.min == doctest::Approx(-1.0));
  CHECK(r.max == doctest::Approx(9.0));
  AxisRange l = pan_by_pixels({1.0, 100.0}, 100.0, 200.0, true);  // half the axis = one decade
  CHECK(l.min == doctest::Approx(0.1));
  CHECK(l.max == doctest::Approx(10.0));
}

TEST_CASE("nice steps are 1, 2 or 5 times a power of ten") {
  CHECK(nice_step(10.0, 5) == doctest::Approx(2.0));
  CHECK(nice_step(1.0, 10) == doctest::Approx(0.1));
  CHECK(nice_step(7.3, 4) == doctest::Approx(2.0));
  CHECK(nice_step(3000.0, 6) == doctest::Approx(500.0));
  CHECK(nice_step(0.0, 5) == doctest::Approx(1.0));
}

TEST_CASE("ticks lie inside the range on multiples of the step") {
  std::vector<double> t = nice_ticks({-1.2, 1.2}, 5, false);
  REQUIRE(t.size() == 5);
  CHECK(t.front() == doctest::Approx(-1.0));
  CHECK(t[2] == 0.0);
  CHECK(t.back() == doctest::Approx(1.0));
  std::vector<double> big = nice_ticks({0.0, 4000.0}, 8, false);
  CHECK(big.size() == 9);
  CHECK(nice_ticks({1.0, 1.0}, 5, false).empty());
  SUBCASE("log ticks are decades, with 2x and 5x when zoomed in") {
    std::vector<double> wide = nice_ticks({1e-4, 1e2}, 8, true);
    CHECK(wide.size() == 7);
    CHECK(wide.front() == doctest::Approx(1e-4));
    std::vector<double> narrow = nice_ticks({0.05, 3.0}, 8, true);
    const std::vector<double> want{0.05, 0.1, 0.2, 0.5, 1.0, 2.0};
    REQUIRE(narrow.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) CHECK(narrow[i] == doctest::Approx(want[i]));
  }
  CHECK(format_tick(0.25, 0.05) == "0.25");
  CHECK(format_tick(1200, 200) == "1200");
  CHECK(format_tick(1e-4, 1e-4) == "1e-04");
}

TEST_CASE("padding and log sanitising") {
  AxisRange p = padded({0.0, 10.0}, 0.05);
  CHECK(p.min == doctest::Approx(-0.5));
  CHECK(p.max == doctest::Approx(10.5));
  AxisRange flat = padded({2.0, 2.0}, 0.05);
  CHECK(flat.min < 2.0);
  CHECK(flat.max > 2.0);
  AxisRange s = sanitize_log({-1.0, 10.0});
  CHECK(s.min > 0.0);
  CHECK(s.max == 10.0);
}
