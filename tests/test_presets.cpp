// Built-in series: tutorial values, determinism, and that each works with its suggested setup.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "data_fixtures.h"
#include "dataset.h"
#include "presets.h"

using namespace lstm;
using lstm_test::arange;

namespace {

Series preset(const char* id, int length = -1, float noise = -1.f, uint64_t seed = 1) {
  const int i = find_preset(id);
  REQUIRE_MESSAGE(i >= 0, id);
  const Preset& p = presets()[i];
  return make_preset(i, length < 0 ? p.default_length : length,
                     noise < 0.f ? p.default_noise : noise, seed);
}

}  // namespace

TEST_CASE("presets: the list is well formed") {
  std::set<std::string> ids;
  REQUIRE(presets().size() >= 12);
  for (size_t i = 0; i < presets().size(); ++i) {
    const Preset& p = presets()[i];
    CAPTURE(p.id);
    CHECK(ids.insert(p.id).second);
    CHECK(find_preset(p.id) == static_cast<int>(i));
    CHECK(std::string(p.name).size() > 0);
    CHECK(std::string(p.description).size() > 10);
    const Series s = make_preset(static_cast<int>(i), p.default_length, p.default_noise, 7);
    CHECK(s.length() == p.default_length);
    CHECK(s.width() >= 1);
    CHECK(s.names.size() == s.columns.size());
    for (const auto& col : s.columns)
      for (float v : col) CHECK(std::isfinite(v));
    // Every preset trains with the setup it suggests.
    const Dataset d = make_dataset(s, p.suggested);
    CHECK_MESSAGE(d.ok(), d.error);
  }
  CHECK(find_preset("nope") == -1);
  CHECK(make_preset(-1, 10, 0.f).empty());
  CHECK(make_preset(static_cast<int>(presets().size()), 10, 0.f).empty());
}

TEST_CASE("presets: tutorial arrays are exact") {
  CHECK(preset("tens").columns == std::vector<std::vector<float>>{arange(10, 10, 9)});
  CHECK(preset("tens_multistep").columns[0] == arange(10, 10, 9));
  CHECK(preset("counting").columns[0] == arange(0, 1, 101));
  const Series pairs = preset("pairs");
  REQUIRE(pairs.width() == 2);
  CHECK(pairs.columns[0] == arange(10, 10, 9));
  CHECK(pairs.columns[1] == arange(11, 10, 9));
  const Series sum = preset("sum");
  CHECK(sum.names == std::vector<std::string>{"in_seq1", "in_seq2", "out"});
  CHECK(sum.columns[0] == arange(10, 10, 9));
  CHECK(sum.columns[1] == arange(15, 10, 9));
  CHECK(sum.columns[2] == arange(25, 20, 9));
  CHECK(preset("tens", 12).columns[0].back() == 120.f);
  CHECK(presets()[find_preset("tens_multistep")].suggested.horizon == 2);
  CHECK(presets()[find_preset("sum")].suggested.setup == WindowSetup::MultivariateIn);
}

TEST_CASE("presets: shapes") {
  const Series sine = preset("sine");
  CHECK(sine.columns[0][0] == 0.f);
  CHECK(sine.columns[0][10] == doctest::Approx(std::sin(6.283185307179586 * 10 / 50)));
  CHECK(sine.columns[0][62] == sine.columns[0][12]);  // period 50
  const Series saw = preset("sawtooth");
  CHECK(saw.columns[0][0] == -1.f);
  CHECK(saw.columns[0][25] == -1.f);
  CHECK(saw.columns[0][24] > 0.9f);
  const Series square = preset("square");
  CHECK(square.columns[0][19] == 1.f);
  CHECK(square.columns[0][20] == -1.f);
  const Series damped = preset("damped");
  CHECK(std::fabs(damped.columns[0][270]) < 0.1f * std::fabs(damped.columns[0][0]));
  const Series trend = preset("trend_season", 240, 0.f);
  CHECK(trend.columns[0][216] - trend.columns[0][0] == doctest::Approx(0.02 * 216).epsilon(1e-4));
}

TEST_CASE("presets: deterministic for a seed, different across seeds") {
  for (const char* id : {"noisy_sine", "random_walk", "trend_season"}) {
    CAPTURE(id);
    const Series a = preset(id, 500, 0.3f, 11);
    const Series b = preset(id, 500, 0.3f, 11);
    const Series c = preset(id, 500, 0.3f, 12);
    CHECK(a.columns == b.columns);
    CHECK(a.columns != c.columns);
  }
  // Without noise, only the random walk depends on the seed.
  CHECK(preset("sine", 100, 0.f, 1).columns == preset("sine", 100, 0.f, 2).columns);
  CHECK(preset("random_walk", 100, 0.f, 1).columns != preset("random_walk", 100, 0.f, 2).columns);
  // Noise is added on top of the clean series, with about the requested std.
  const Series clean = preset("sine", 4000, 0.f);
  const Series noisy = preset("sine", 4000, 0.5f);
  double sq = 0;
  for (int t = 0; t < 4000; ++t)
    sq += std::pow(noisy.columns[0][t] - clean.columns[0][t], 2) / 4000;
  CHECK(std::sqrt(sq) == doctest::Approx(0.5).epsilon(0.05));
}

TEST_CASE("presets: length is clamped") {
  CHECK(preset("sine", 0).length() == 1);
  CHECK(preset("sine", -5).length() == 200);  // helper: negative means the default
  CHECK(make_preset(find_preset("sine"), -5, 0.f).length() == 1);
}

namespace {

// FNV-1a over the float bits of every column.
uint64_t fingerprint(const Series& s) {
  uint64_t h = 1469598103934665603ull;
  for (const auto& col : s.columns)
    for (float v : col) {
      uint32_t bits;
      std::memcpy(&bits, &v, 4);
      for (int b = 0; b < 4; ++b) h = (h ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211ull;
    }
  return h;
}

}  // namespace

// The same values natively and in wasm: these were printed by the native build and the wasm suite
// must reproduce them bit for bit.
TEST_CASE("presets: golden values shared by the native and wasm builds") {
  const Series walk = preset("random_walk", 1000, 0.3f, 5);
  CHECK(walk.columns[0][1] == -1.47104537f);
  CHECK(walk.columns[0][500] == -30.3560295f);
  CHECK(walk.columns[0][999] == -5.95435715f);
  const Series sine = preset("noisy_sine", 1000, 0.3f, 5);
  CHECK(sine.columns[0][1] == 0.351922214f);
  CHECK(sine.columns[0][999] == -0.288860172f);
  const Series damped = preset("damped", 1000, 0.3f, 5);
  CHECK(damped.columns[0][500] == 0.319827497f);
  const Series trend = preset("trend_season", 1000, 0.3f, 5);
  CHECK(trend.columns[0][999] == 19.1093655f);
  uint64_t h = 0;
  for (size_t i = 0; i < 12; ++i)  // the presets before the memory challenges (tested below)
    h ^= fingerprint(make_preset(static_cast<int>(i), 1000, 0.3f, 5)) * (i + 1);
  MESSAGE("preset fingerprint " << h);
  CHECK(h == 5253974012594314677ull);
}

TEST_CASE("presets: memory challenges put the answer where their window setup looks") {
  for (const char* id : {"memory_stock", "memory_delay", "memory_adding"}) {
    CAPTURE(id);
    const int p = find_preset(id);
    REQUIRE(p >= 0);
    for (int k : {3, 20}) {
      const Series s = make_preset(p, 2000, 0.f, 4, k);
      const DataConfig d = suggested_config(p, k);
      Windows w;
      REQUIRE(make_windows(s, d, &w) == "");
      REQUIRE(w.n > 10);
      for (int i = 0; i < w.n; ++i) {
        const float* x = &w.x[size_t(i) * w.look_back * w.n_features];
        const float y = w.y[size_t(i)];
        if (std::string(id) == "memory_stock") {
          CHECK(w.look_back == k + 1);
          CHECK((x[0] == 0.f || x[0] == 1.f));
          CHECK(y == x[0]);  // the answer is day 1
          CHECK(x[k] == 1.f);  // the shared path ends 0.5, 0.25, 1
          CHECK(x[k - 1] == 0.25f);
        } else if (std::string(id) == "memory_delay") {
          CHECK(y == x[0]);  // the signal k steps back: the window's first value
        } else {
          float sum = 0.f;
          int marks = 0;
          for (int t = 0; t < w.look_back; ++t)
            if (x[t * 2 + 1] == 1.f) sum += x[t * 2], ++marks;
          CHECK(marks == 2);
          CHECK(y == doctest::Approx(sum).epsilon(1e-6));
        }
      }
    }
  }
  CHECK(clamp_k(find_preset("sine"), 5) == 0);
  CHECK(clamp_k(find_preset("memory_delay"), 0) == presets()[size_t(find_preset("memory_delay"))].default_k);
}
