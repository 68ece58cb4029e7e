// Freehand strokes -> evenly spaced samples (session/stroke.h).
#include <doctest/doctest.h>

#include "stroke.h"

using namespace lstm;

TEST_CASE("a stroke is sampled at every integer x it crosses") {
  Resampled r = resample_stroke({{0.5, 0.0}, {4.5, 4.0}});
  CHECK(r.first == 1);
  REQUIRE(r.values.size() == 4);
  for (int i = 0; i < 4; ++i) CHECK(r.values[i] == doctest::Approx(0.5 + i));
  SUBCASE("uneven mouse samples give the same line") {
    Resampled u = resample_stroke({{0.5, 0.0}, {0.7, 0.2}, {3.9, 3.4}, {4.5, 4.0}});
    REQUIRE(u.values.size() == 4);
    for (int i = 0; i < 4; ++i) CHECK(u.values[i] == doctest::Approx(r.values[i]));
  }
}

TEST_CASE("going back over rows: the later pass wins") {
  Resampled r = resample_stroke({{0.0, 0.0}, {4.0, 4.0}, {2.0, 10.0}});
  CHECK(r.first == 0);
  REQUIRE(r.values.size() == 5);
  CHECK(r.values[0] == doctest::Approx(0.0));
  CHECK(r.values[1] == doctest::Approx(1.0));
  CHECK(r.values[2] == doctest::Approx(10.0));
  CHECK(r.values[3] == doctest::Approx(7.0));
  CHECK(r.values[4] == doctest::Approx(4.0));
}

TEST_CASE("degenerate strokes") {
  CHECK(resample_stroke({}).empty());
  Resampled dot = resample_stroke({{2.2, 5.0}});
  CHECK(dot.first == 2);
  CHECK(dot.values == std::vector<float>{5.f});
  Resampled left = resample_stroke({{-3.0, 1.0}, {1.0, 5.0}});
  CHECK(left.first == 0);
  CHECK(left.values.size() == 2);
  CHECK(left.values[0] == doctest::Approx(4.0));
}

TEST_CASE("apply_stroke overwrites, extends and bridges gaps") {
  Series s;
  apply_stroke(s, 0, resample_stroke({{0.0, 1.0}, {2.0, 3.0}}));
  REQUIRE(s.width() == 1);
  CHECK(s.names[0] == "drawn");
  CHECK(s.columns[0] == std::vector<float>{1.f, 2.f, 3.f});
  apply_stroke(s, 0, resample_stroke({{1.0, 0.0}, {1.0, 0.0}}));
  CHECK(s.columns[0] == std::vector<float>{1.f, 0.f, 3.f});
  apply_stroke(s, 0, resample_stroke({{5.0, 6.0}, {6.0, 6.0}}));  // gap rows 3, 4 bridged
  CHECK(s.columns[0] == std::vector<float>{1.f, 0.f, 3.f, 4.f, 5.f, 6.f, 6.f});
  SUBCASE("other columns hold their last value when one is extended") {
    Series m;
    m.add("a", {1.f, 2.f});
    m.add("b", {7.f, 8.f});
    apply_stroke(m, 0, resample_stroke({{2.0, 3.0}, {3.0, 4.0}}));
    CHECK(m.columns[0] == std::vector<float>{1.f, 2.f, 3.f, 4.f});
    CHECK(m.columns[1] == std::vector<float>{7.f, 8.f, 8.f, 8.f});
  }
}

TEST_CASE("erase_rows truncates at the end and bridges inside") {
  Series s;
  s.add("a", {0.f, 9.f, 9.f, 3.f, 4.f, 5.f});
  erase_rows(s, 1, 2);
  CHECK(s.columns[0] == std::vector<float>{0.f, 1.f, 2.f, 3.f, 4.f, 5.f});
  erase_rows(s, 4, 99);
  CHECK(s.columns[0] == std::vector<float>{0.f, 1.f, 2.f, 3.f});
  erase_rows(s, 50, 60);
  CHECK(s.length() == 4);
}
