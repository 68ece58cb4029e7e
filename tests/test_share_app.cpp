// What the UI's share links rely on outside web/: the pen writes drawn values on the link grid
// (session/stroke.cpp), so a drawn series survives a link bit for bit and the receiver trains on
// the sender's numbers.
#include <doctest/doctest.h>

#include <cmath>

#include "share_link.h"
#include "stroke.h"

using namespace lstm;

TEST_CASE("a pen stroke writes values on quantize_drawn's grid, bridge included") {
  Series s;
  apply_stroke(s, 0, resample_stroke({{0, 0.1234567}, {3, -0.987654321}}));
  apply_stroke(s, 0, resample_stroke({{7, 0.333333}, {9, 0.71}}));  // rows 4..6 are bridged
  REQUIRE(s.length() == 10);
  for (float v : s.columns[0]) {
    CAPTURE(v);
    CHECK(quantize_drawn(v) == v);
  }
  CHECK(s.columns[0][0] == doctest::Approx(0.1234567).epsilon(1e-3));
}

TEST_CASE("a drawn series round-trips a share link bit for bit") {
  Series s;
  std::vector<StrokePoint> pts;
  for (int i = 0; i <= 400; ++i) pts.push_back({i * 0.5, std::sin(i * 0.05) * 3.7});
  apply_stroke(s, 0, resample_stroke(pts));
  ShareState st;
  st.config.model.units = {{16, 4, 4, 4}};
  st.data.kind = DataKind::Drawn;
  st.data.series = s;
  ShareState back;
  REQUIRE(decode_link(encode_link(st), &back) == "");
  REQUIRE(back.data.series.length() == s.length());
  CHECK(back.data.series.columns == s.columns);
  CHECK(same_share_state(st, back));
}
