// Share-link codec: exact round trips, the size targets, and a clear refusal (leaving the old
// state untouched) for every kind of bad link.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "config_walk.h"
#include "float16.h"
#include "presets.h"
#include "share_link.h"

using namespace lstm;

namespace {

// A hand-drawn-looking curve: a sine with a wobble, already on the drawing grid.
std::vector<float> drawn_curve(int n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i)
    v[size_t(i)] = quantize_drawn(float(std::sin(i * 0.12) + 0.07 * std::sin(i * 1.7 + 0.3)));
  return v;
}

ShareState drawn_state(int n = 200) {
  ShareState s;
  s.data.kind = DataKind::Drawn;
  s.data.series.add("drawn", drawn_curve(n));
  return s;
}

// Deterministic pseudo-random weights of the right count, on float16 already.
std::vector<float> fake_weights(const Config& c) {
  std::vector<float> w(size_t(expected_param_count(c)));
  uint32_t x = 12345;
  for (float& v : w) {
    x = x * 1664525u + 1013904223u;
    v = quantize_weight((float(x >> 8) / float(1 << 24) - 0.5f) * 0.8f);
  }
  return w;
}

ShareState round_trip(const ShareState& s) {
  const std::string link = encode_link(s);
  ShareState back;
  const std::string msg = decode_link(link, &back);
  REQUIRE_MESSAGE(msg.empty(), msg);
  CHECK(same_share_state(s, back));
  return back;
}

// A sentinel state that a failed decode must leave as it is.
ShareState sentinel() {
  ShareState s = drawn_state(7);
  s.config.data.look_back = 3;
  s.hidden_panels = kPanelLoss;
  return s;
}

void check_refused(const std::string& link, const char* expect_in_message) {
  ShareState out = sentinel();
  const std::string msg = decode_link(link, &out);
  CAPTURE(link.substr(0, 80));
  CAPTURE(msg);
  REQUIRE(!msg.empty());
  if (expect_in_message) CHECK(msg.find(expect_in_message) != std::string::npos);
  CHECK(same_share_state(out, sentinel()));
}

}  // namespace

TEST_CASE("share link: float16 conversion is exact and rounds to nearest even") {
  for (uint32_t h = 0; h < 65536; ++h) {
    const float f = half_to_float(uint16_t(h));
    if (std::isnan(f)) continue;
    REQUIRE(float_to_half(f) == h);
  }
  CHECK(half_to_float(float_to_half(1.f + 1.f / 2048)) == 1.f);          // tie -> even
  CHECK(half_to_float(float_to_half(1.f + 3.f / 2048)) == 1.f + 2.f / 1024);  // tie -> even
  CHECK(half_to_float(float_to_half(65504.f)) == 65504.f);
  CHECK(std::isinf(half_to_float(float_to_half(65520.f))));
  CHECK(half_to_float(float_to_half(65519.f)) == 65504.f);
  CHECK(half_to_float(float_to_half(std::ldexp(1.f, -24))) == std::ldexp(1.f, -24));
  CHECK(half_to_float(float_to_half(std::ldexp(1.f, -25))) == 0.f);  // tie -> even (0)
  CHECK(half_to_float(float_to_half(std::ldexp(1.5f, -25))) == std::ldexp(1.f, -24));
  CHECK(std::isnan(half_to_float(float_to_half(std::numeric_limits<float>::quiet_NaN()))));
  CHECK(quantize_weight(1e9f) == 65504.f);
  CHECK(quantize_weight(std::numeric_limits<float>::quiet_NaN()) == 0.f);
}

TEST_CASE("share link: quantize_drawn is a grid that round trips") {
  for (float v : {0.f, -0.f, 1.f / 3, -2.71828f, 8191.99f, 8192.3f, 123456.789f, 999999.9f, 1e7f,
                  -1e7f, 1e-6f}) {
    const float q = quantize_drawn(v);
    CAPTURE(v);
    CHECK(quantize_drawn(q) == q);
    CHECK(std::fabs(q - std::fmax(std::fmin(v, kDrawnLimit), -kDrawnLimit)) <= kDrawnStep);
  }
  CHECK(quantize_drawn(std::numeric_limits<float>::quiet_NaN()) == 0.f);
  ShareState s;
  s.data.series.add("drawn", {quantize_drawn(kDrawnLimit), quantize_drawn(-kDrawnLimit), 0.f,
                              quantize_drawn(0.3f), quantize_drawn(-123.456f)});
  round_trip(s);
}

TEST_CASE("share link: every data source round trips exactly") {
  SUBCASE("drawn, with a non-default config, view, panels and weights") {
    ShareState s = drawn_state();
    s.config.data.look_back = 17;
    s.config.model.units = {16, 8, 4, 4};
    s.config.model.n_layers = 2;
    s.config.model.seed = 0xFFFFFFFFFFFFFFFFull;
    s.config.train.lr = 0.0123f;
    s.config.train.shuffle = false;
    s.view = ViewState{-3.5f, 250.f, -1.25f, 1.25f, 42, true};
    s.hidden_panels = kPanelModel | kPanelInside;
    s.has_weights = true;
    s.weights = fake_weights(s.config);
    round_trip(s);
  }
  SUBCASE("an empty drawing") {
    ShareState s;
    round_trip(s);
    s.data.series.add("drawn", {});
    round_trip(s);
  }
  SUBCASE("preset") {
    ShareState s;
    s.data.kind = DataKind::Preset;
    s.data.preset = PresetParams{"trend_season", 321, 0.15f, 987654321987ull};
    const ShareState back = round_trip(s);
    CHECK(find_preset(back.data.preset.id) >= 0);
  }
  SUBCASE("csv: exact floats, including NaN, -0, subnormals and extremes") {
    ShareState s;
    s.data.kind = DataKind::Csv;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    s.data.series.add("temp_max", {12.8f, -0.f, 1e-40f, 3.4e38f, nan, 0.1f});
    s.data.series.add("précipitation, mm", {0.f, 1.f, 2.f, 3.f, 4.f, 1.f / 3});
    s.config.data.setup = WindowSetup::MultivariateIn;
    s.config.data.n_inputs = 2;
    s.config.data.input_cols[1] = 1;
    round_trip(s);
  }
}

TEST_CASE("share link: the config round trips bit for bit at both ends of every range") {
  const int n = field_count();
  for (int end = 0; end < 2; ++end) {
    ShareState s = drawn_state(20);
    for (int k = 0; k < n; ++k)
      with_field(s.config, k, [&](const FieldInfo& f, auto& x) {
        using T = std::remove_reference_t<decltype(x)>;
        if constexpr (std::is_same<T, uint64_t>::value) x = end ? ~0ull : 0;
        else x = T(end ? f.hi : f.lo);
      });
    CAPTURE(end);
    const ShareState back = round_trip(s);
    CHECK(same_fields(back.config, s.config));
  }
}

TEST_CASE("share link: size targets") {
  ShareState s = drawn_state(200);
  const std::string plain = encode_link(s);
  s.config.model.units[0] = 16;  // LSTM(16), univariate: 4*16*(1+16+1) + 16 + 1 = 1169 params
  s.has_weights = true;
  s.weights = fake_weights(s.config);
  REQUIRE(s.weights.size() == 1169);
  const std::string with_weights = encode_link(s);
  MESSAGE("share link sizes: default config + 200 drawn points = ", plain.size(),
          " chars (target <= 1000); + LSTM(16) weights = ", with_weights.size(),
          " chars (target <= 4000)");
  CHECK(plain.size() <= 1000);
  CHECK(with_weights.size() <= 4000);
}

TEST_CASE("share link: truncated at every length is refused as truncated") {
  ShareState s = drawn_state(30);
  s.has_weights = true;
  s.weights = fake_weights(s.config);
  const std::string link = encode_link(s);
  for (size_t n = 0; n < link.size(); ++n)
    check_refused(link.substr(0, n), n == 0 ? "empty" : n < 3 ? "not a playground link" : "truncated");
}

TEST_CASE("share link: any single flipped bit is refused") {
  ShareState s = drawn_state(20);
  s.data.kind = DataKind::Csv;
  const std::string link = encode_link(s);
  for (size_t i = 0; i < link.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = link;
      bad[i] = char(uint8_t(bad[i]) ^ (1u << bit));
      CAPTURE(i);
      CAPTURE(bit);
      check_refused(bad, nullptr);
    }
  // The same on the decoded bytes (base64 re-encoded, checksum left as it was).
  std::vector<uint8_t> b;
  REQUIRE(base64url_decode(std::string_view(link).substr(4), &b));
  for (size_t i = 0; i < b.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> bad = b;
      bad[i] ^= uint8_t(1u << bit);
      check_refused(link.substr(0, 4) + base64url_encode(bad.data(), bad.size()), nullptr);
    }
}

TEST_CASE("share link: each error class has its own message") {
  const std::string link = encode_link(drawn_state(50));
  std::vector<uint8_t> b;
  REQUIRE(base64url_decode(std::string_view(link).substr(4), &b));
  auto relink = [&](std::vector<uint8_t> v) { return link.substr(0, 4) + base64url_encode(v.data(), v.size()); };

  SUBCASE("checksum") {
    std::vector<uint8_t> bad = b;
    bad[20] ^= 0x5a;
    check_refused(relink(bad), "checksum does not match");
    bad = b;
    bad.back() ^= 1;  // the stored CRC itself
    check_refused(relink(bad), "checksum does not match");
  }
  SUBCASE("versions") {
    REQUIRE(link.substr(0, 3) == "v" + std::to_string(kLinkVersion) + ".");
    check_refused("v4" + link.substr(2), "newer version (v4)");
    check_refused("v37" + link.substr(2), "newer version (v37)");
    check_refused("v1" + link.substr(2), "unknown version (3)");  // frame and payload disagree
    check_refused("v0" + link.substr(2), "unknown version");
    std::vector<uint8_t> bad = b;  // a payload claiming version 9, with a valid header check
    bad[0] = 9;
    bad[5] = uint8_t(crc32(bad.data(), 5));
    check_refused(relink(bad), "unknown version (9)");
  }
  SUBCASE("oversized") {
    check_refused(link + std::string(kMaxLinkChars, 'A'), "too large");
    CHECK(decode_link(std::string(kMaxLinkChars + 1, 'v'), nullptr).find("too large") != std::string::npos);
  }
  SUBCASE("not base64, extra data, compressed, not a link") {
    check_refused(link.substr(0, 30) + "*" + link.substr(31), "'*' at position 30");
    check_refused(link + "AAAA", "bytes more than its header says");
    check_refused("v3.z" + link.substr(4), "compressed");
    CHECK(link_is_compressed("#v3.z" + link.substr(4)));
    CHECK(!link_is_compressed(link));
    check_refused("https://example.com/", "not a playground link");
    check_refused("v3.q" + link.substr(4), "unknown format");
  }
  SUBCASE("a leading # and whitespace are fine") {
    ShareState out;
    CHECK(decode_link("  #" + link + "\n", &out) == "");
  }
}

TEST_CASE("share link: out-of-range values with a valid checksum name the field") {
  // Every field of the one list: below its minimum and above its maximum.
  const int n = field_count();
  int tested = 0;
  for (int k = 0; k < n; ++k)
    for (int side = 0; side < 2; ++side) {
      ShareState s = drawn_state(20);
      std::string label;
      bool skip = false;
      with_field(s.config, k, [&](const FieldInfo& f, auto& x) {
        using T = std::remove_reference_t<decltype(x)>;
        label = f.label();
        if constexpr (std::is_same<T, uint64_t>::value || std::is_same<T, bool>::value) {
          skip = true;  // the whole range is valid; bools are patched below
        } else if constexpr (std::is_enum<T>::value) {
          if (side == 0) skip = true;
          else x = T(uint8_t(f.hi) + 1);
        } else if constexpr (std::is_same<T, float>::value) {
          x = side ? std::nextafter(float(f.hi), 1e30f) * 1.001f
                   : (f.lo > 0 ? float(f.lo) * 0.5f : -1e-3f);
        } else {
          x = T(side ? f.hi + 1 : f.lo - 1);
        }
      });
      if (skip) continue;
      ++tested;
      CAPTURE(label);
      check_refused(encode_link(s), (label + " ").c_str());
      check_refused(encode_link(s), "out of range");
    }
  CHECK(tested > 40);
  ShareState s = drawn_state(20);
  s.config.data.look_back = 0;
  {
    ShareState out = sentinel();
    CHECK(decode_link(encode_link(s), &out) ==
          "The link has a value out of range: look_back 0 is out of range 1..10000.");
  }
  s.config.train.lr = std::numeric_limits<float>::quiet_NaN();
  s.config.data.look_back = 5;
  check_refused(encode_link(s), "lr nan is out of range");

  SUBCASE("a bool byte of 2") {
    ShareState t = drawn_state(5);
    t.view.log_loss = true;
    std::vector<uint8_t> body = link_detail::body_of(encode_link(t));
    REQUIRE(!body.empty());
    // The view ends the body before hidden_panels and the run count: ..., log_loss, varint
    // panels, varint runs.
    REQUIRE(body[body.size() - 3] == 1);
    body[body.size() - 3] = 2;
    check_refused(link_detail::seal(body), "view log_loss 2 is out of range 0..1");
  }
  SUBCASE("data, panels and weights") {
    ShareState t;
    t.data.kind = DataKind::Preset;
    t.data.preset.id = "no_such_preset";
    check_refused(encode_link(t), "unknown preset 'no_such_preset'");
    t.data.preset.id = "sine";
    t.data.preset.noise = -1.f;
    check_refused(encode_link(t), "preset noise -1 is out of range 0..10");
    t.data.preset.noise = 0.f;
    t.data.preset.length = 0;
    check_refused(encode_link(t), "preset length 0 is out of range");
    t.data.preset.length = 10;
    t.hidden_panels = 1u << 20;
    check_refused(encode_link(t), "hidden_panels");
    t.hidden_panels = 0;
    t.view.x_min = std::numeric_limits<float>::infinity();
    check_refused(encode_link(t), "view x_min inf is out of range");
    t.view.x_min = 0;
    t.has_weights = true;
    t.weights.assign(10, 0.5f);
    check_refused(encode_link(t), "do not fit its model (101 parameters)");
    t.weights = fake_weights(t.config);
    round_trip(t);
    std::vector<uint8_t> body = link_detail::body_of(encode_link(t));
    body[body.size() - 1] = 0x7c;  // last weight's high byte: float16 inf
    body[body.size() - 2] = 0x00;
    check_refused(link_detail::seal(body), "weight 100 is not a finite number");
  }
}

TEST_CASE("share link: hostile counts are refused without allocating") {
  // An empty drawing ends: varint columns (0), varint rows (0), view (18 bytes), varint panels,
  // varint runs.
  ShareState s;
  std::vector<uint8_t> body = link_detail::body_of(encode_link(s));
  const size_t at = body.size() - 2 - 18 - 2;
  REQUIRE(body[at] == 0);
  REQUIRE(body[at + 1] == 0);
  auto with_counts = [&](std::vector<uint8_t> counts) {
    std::vector<uint8_t> b(body.begin(), body.begin() + long(at));
    b.insert(b.end(), counts.begin(), counts.end());
    b.insert(b.end(), body.begin() + long(at) + 2, body.end());
    return link_detail::seal(b);
  };
  check_refused(with_counts({0x01, 0xc0, 0x84, 0x3d}), "(1 x 1,000,000) is larger than its data");  // 1 column x 1,000,000 rows
  check_refused(with_counts({0x01, 0xc1, 0x84, 0x3d}), "over the limit");  // 1,000,001 rows
  check_refused(with_counts({0x81, 0x02, 0x01}), "column count (257) is over the limit");
  check_refused(with_counts({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}),
                "too long");
  check_refused(with_counts({0x00, 0x05}), "rows without columns");
  // And a weight count far beyond the data.
  s.has_weights = true;
  s.weights = fake_weights(s.config);
  body = link_detail::body_of(encode_link(s));
  std::vector<uint8_t> b(body.begin(), body.end() - long(2 * s.weights.size() + 1));
  for (uint8_t c : {0xff, 0xff, 0xff, 0x07}) b.push_back(c);
  check_refused(link_detail::seal(b), "weight count");
}

#ifdef LSTM_SOURCE_DIR
TEST_CASE("share link: the fuzz seed corpus matches the current format") {
  // Rewrite with the fuzz_share_link_corpus target (cmake/fuzz.cmake) after a format change.
  for (const char* name : {"drawn", "weights_panels_view", "preset", "csv", "bad0", "bad1", "bad2",
                           "bad3"}) {
    std::ifstream in(std::string(LSTM_SOURCE_DIR) + "/tests/fuzz/corpus/" + name + ".link",
                     std::ios::binary);
    REQUIRE_MESSAGE(in.good(), name);
    const std::string link((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CAPTURE(name);
    if (std::string(name).rfind("bad", 0) == 0) check_refused(link, nullptr);
    else CHECK(decode_link(link, nullptr) == "");
  }
}
#endif

// Links made before the cell field existed (link v1, written by commit 09a5eb4's encode_link) open
// as LSTMs with every other field as it was.
TEST_CASE("share link: v1 links still open") {
  ShareState s;
  REQUIRE(decode_link("v1.rAXsAAAAwAAEAGAICAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAM3MTD4EDgoICAEAAQAK16M7ZmZmP3e-fz-Vv9YzZmZmPwAAAABAyAEBAARzaW5l8AHNzMw9AwAAAAAAAAAAAAAAAAAAAAABAACsBS02", &s) == "");
  CHECK(s.config.model.cell == CellKind::Lstm);
  CHECK(s.config.model.n_layers == 2);
  CHECK(s.config.model.units[0] == 7);
  CHECK(s.config.model.units[1] == 5);
  CHECK(s.config.model.activation == Activation::Relu);
  CHECK(s.config.train.lr == 0.005f);
  CHECK(s.config.data.look_back == 12);
  CHECK(s.data.kind == DataKind::Preset);
  CHECK(s.data.preset.id == "sine");
  CHECK(s.data.preset.length == 120);
  CHECK(s.data.preset.seed == 3);
  CHECK_FALSE(s.has_weights);

  ShareState w;  // with weights: their count is the LSTM's
  REQUIRE(decode_link("v1.rAcUAAACZAQAABAICAgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAM3MTD4CBAgICAEAAQAK16M7ZmZmP3e-fz-Vv9YzZmZmPwAAAABAyAEBAAEEBWRyYXduAIAIgAj_CwAAAAAAAAAAAAAAAAAAAAABAAAjADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMAAwADAAMLVMFxk", &w) == "");
  CHECK(w.config.model.cell == CellKind::Lstm);
  CHECK(w.has_weights);
  CHECK(int64_t(w.weights.size()) == expected_param_count(w.config));
  CHECK(w.weights[0] == 0.125f);
  CHECK(w.data.series.columns.at(0).size() == 4);
}

TEST_CASE("share link: the cell travels; weights count per cell") {
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru, CellKind::SimpleRnn}) {
    ShareState s;
    s.config.model.cell = cell;
    s.config.model.units = {{3, 4, 4, 4}};
    s.data.kind = DataKind::Drawn;
    s.data.series.add("drawn", {0.f, 0.5f, 1.f, 0.25f, 0.5f});
    s.config.data.look_back = 2;
    s.has_weights = true;
    const int64_t G = gate_blocks(cell), n = G * 3 * (1 + 3 + bias_rows(cell)) + 3 + 1;
    CHECK(expected_param_count(s.config) == n);
    s.weights.assign(size_t(n), 0.5f);
    ShareState back;
    REQUIRE(decode_link(encode_link(s), &back) == "");
    CHECK(back.config.model.cell == cell);
    CHECK(back.weights.size() == size_t(n));
  }
}

TEST_CASE("share link: a memory challenge's k and the window stride travel") {
  ShareState s;
  s.data.kind = DataKind::Preset;
  s.data.preset = {"memory_adding", 3000, 0.f, 2, 37};
  s.config.data.stride = 38;
  ShareState back;
  REQUIRE(decode_link(encode_link(s), &back) == "");
  CHECK(back.data.preset.k == 37);
  CHECK(back.config.data.stride == 38);
}

TEST_CASE("share link: the runs beside run 1 travel, each with its own config; too many are refused") {
  ShareState s;
  s.data.kind = DataKind::Preset;
  s.data.preset = {"memory_delay", 500, 0.f, 1, 12};
  for (CellKind cell : {CellKind::SimpleRnn, CellKind::Gru}) {
    Config c = s.config;
    c.model.cell = cell;
    c.model.seed = 7 + uint64_t(cell);
    c.train.lr = 0.003f;
    s.runs.push_back(c);
  }
  ShareState back;
  REQUIRE(decode_link(encode_link(s), &back) == "");
  REQUIRE(back.runs.size() == 2);
  CHECK(back.runs[0].model.cell == CellKind::SimpleRnn);
  CHECK(back.runs[1].model.cell == CellKind::Gru);
  CHECK(back.runs[1].model.seed == 8);  // 7 + CellKind::Gru
  CHECK(back.runs[1].train.lr == 0.003f);
  CHECK(same_share_state(s, back));
  s.runs.resize(4, s.config);
  check_refused(encode_link(s), "run count (4) is over the limit");
  s.runs.resize(1);
  s.runs[0].data.look_back = 0;
  check_refused(encode_link(s), "run 2: ");
}
