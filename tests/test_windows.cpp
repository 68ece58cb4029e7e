// Windowing of the four tutorial setups (Brownlee, "How to Develop LSTM Models for Time Series
// Forecasting"), the Keras validation_split, the dataset pipeline and its error messages.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "data_fixtures.h"
#include "dataset.h"
#include "windows.h"

using namespace lstm;
using lstm_test::arange;
using lstm_test::contains;

namespace {

// Brownlee's examples are unscaled.
DataConfig config(WindowSetup setup, int look_back, std::vector<int> inputs,
                  std::vector<int> targets = {0}, int horizon = 1, float val_split = 0.f) {
  return data_config(setup, look_back, inputs, targets, horizon, val_split, Scaling::None);
}

Windows build(const Series& s, const DataConfig& c) {
  Windows w;
  const std::string err = make_windows(s, c, &w);
  REQUIRE_MESSAGE(err.empty(), err);
  return w;
}

}  // namespace

TEST_CASE("windows: univariate one-step, [10..90] with look_back 3") {
  Series s;
  s.add("v", arange(10, 10, 9));
  const Windows w = build(s, config(WindowSetup::Univariate, 3, {0}));
  CHECK(w.n == 6);
  CHECK(w.look_back == 3);
  CHECK(w.n_features == 1);
  CHECK(w.n_outputs == 1);
  // (6, 3, 1)
  CHECK(w.x ==
        std::vector<float>{10, 20, 30, 20, 30, 40, 30, 40, 50, 40, 50, 60, 50, 60, 70, 60, 70, 80});
  CHECK(w.y == std::vector<float>{40, 50, 60, 70, 80, 90});
  CHECK(w.start == std::vector<int>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("windows: univariate, [10, 20, 30, 40, 50] -> 60 with look_back 5") {
  Series s;
  s.add("v", arange(10, 10, 6));
  const Windows w = build(s, config(WindowSetup::Univariate, 5, {0}));
  CHECK(w.n == 1);
  CHECK(w.x == std::vector<float>{10, 20, 30, 40, 50});
  CHECK(w.y == std::vector<float>{60});
}

TEST_CASE("windows: univariate ignores target_cols and horizon") {
  Series s;
  s.add("a", arange(0, 1, 6));
  s.add("b", arange(100, 1, 6));
  DataConfig c = config(WindowSetup::Univariate, 2, {1}, {0}, 3);
  const Windows w = build(s, c);
  CHECK(w.n == 4);
  CHECK(w.y == std::vector<float>{102, 103, 104, 105});
}

TEST_CASE("windows: parallel series 10k / 10k+1, all in, all out") {
  Series s;
  s.add("a", arange(10, 10, 9));
  s.add("b", arange(11, 10, 9));
  const Windows w = build(s, config(WindowSetup::Parallel, 3, {0, 1}));
  CHECK(w.n == 6);
  CHECK(w.n_features == 2);
  CHECK(w.n_outputs == 2);
  // (6, 3, 2): first and last windows
  CHECK(std::vector<float>(w.x.begin(), w.x.begin() + 6) ==
        std::vector<float>{10, 11, 20, 21, 30, 31});
  CHECK(std::vector<float>(w.x.end() - 6, w.x.end()) == std::vector<float>{60, 61, 70, 71, 80, 81});
  CHECK(w.y == std::vector<float>{40, 41, 50, 51, 60, 61, 70, 71, 80, 81, 90, 91});
}

TEST_CASE("windows: parallel, the tutorial's in_seq1, in_seq2 and their sum") {
  Series s;
  s.add("in_seq1", arange(10, 10, 9));
  s.add("in_seq2", arange(15, 10, 9));
  std::vector<float> out(9);
  for (int t = 0; t < 9; ++t) out[t] = s.columns[0][t] + s.columns[1][t];
  s.add("out", out);
  const Windows w = build(s, config(WindowSetup::Parallel, 3, {0, 1, 2}));
  CHECK(w.n == 6);
  // Brownlee's printout: [[10 15 25] [20 25 45] [30 35 65]] [40 45 85]
  CHECK(std::vector<float>(w.x.begin(), w.x.begin() + 9) ==
        std::vector<float>{10, 15, 25, 20, 25, 45, 30, 35, 65});
  CHECK(std::vector<float>(w.y.begin(), w.y.begin() + 3) == std::vector<float>{40, 45, 85});
  CHECK(std::vector<float>(w.y.end() - 3, w.y.end()) == std::vector<float>{90, 95, 185});
}

TEST_CASE("windows: multi-step, n_steps_in 3, n_steps_out 2") {
  Series s;
  s.add("v", arange(10, 10, 9));
  const Windows w = build(s, config(WindowSetup::MultiStep, 3, {0}, {0}, 2));
  CHECK(w.n == 5);
  CHECK(w.n_outputs == 2);
  CHECK(w.x == std::vector<float>{10, 20, 30, 20, 30, 40, 30, 40, 50, 40, 50, 60, 50, 60, 70});
  CHECK(w.y == std::vector<float>{40, 50, 50, 60, 60, 70, 70, 80, 80, 90});
}

TEST_CASE("windows: multi-step with two targets is step-major") {
  Series s;
  s.add("a", arange(10, 10, 9));
  s.add("b", arange(11, 10, 9));
  // targets listed as (b, a): y[k * 2 + j]
  const Windows w = build(s, config(WindowSetup::MultiStep, 3, {0, 1}, {1, 0}, 2));
  CHECK(w.n == 5);
  CHECK(w.n_outputs == 4);
  CHECK(std::vector<float>(w.y.begin(), w.y.begin() + 8) ==
        std::vector<float>{41, 40, 51, 50, 51, 50, 61, 60});
}

TEST_CASE("windows: multivariate in, one target outside and inside the inputs") {
  Series s;
  s.add("in_seq1", arange(10, 10, 9));
  s.add("in_seq2", arange(15, 10, 9));
  s.add("out", arange(25, 20, 9));  // in_seq1 + in_seq2
  SUBCASE("target is not an input") {
    const Windows w = build(s, config(WindowSetup::MultivariateIn, 3, {0, 1}, {2}));
    CHECK(w.n == 6);
    CHECK(w.n_features == 2);
    CHECK(w.n_outputs == 1);
    CHECK(std::vector<float>(w.x.begin(), w.x.begin() + 6) ==
          std::vector<float>{10, 15, 20, 25, 30, 35});
    // Next-step target (row i + L): 85 = 40 + 45 follows [10..30] / [15..35].
    CHECK(w.y == std::vector<float>{85, 105, 125, 145, 165, 185});
  }
  SUBCASE("target is one of the inputs") {
    const Windows w = build(s, config(WindowSetup::MultivariateIn, 3, {0, 1}, {1}));
    CHECK(w.y == std::vector<float>{45, 55, 65, 75, 85, 95});
  }
}

TEST_CASE("windows: validation split follows Keras validation_split") {
  // Expected n_train = int(N * (1 - split)) evaluated in Python.
  struct Case {
    int n;
    float split;
    int n_train;
  };
  const Case cases[] = {{10, 0.2f, 8}, {10, 0.25f, 7}, {6, 0.f, 6},     {7, 0.1f, 6},
                        {10, 0.3f, 7}, {3, 0.5f, 1},   {100, 0.2f, 80}, {33, 0.33f, 22},
                        {1, 0.2f, 0},  {0, 0.2f, 0}};
  for (const Case& c : cases) {
    CAPTURE(c.n);
    CAPTURE(c.split);
    const Split s = split_windows(c.n, c.split);
    CHECK(s.n_train == c.n_train);
    CHECK(s.n_val == c.n - c.n_train);
  }
}

TEST_CASE("windows: the validation windows are the last ones, before shuffling") {
  Series s;
  s.add("v", arange(0, 1, 14));
  const Windows w = build(s, config(WindowSetup::Univariate, 4, {0}, {0}, 1, 0.2f));
  REQUIRE(w.n == 10);
  CHECK(w.split.n_train == 8);
  CHECK(w.split.n_val == 2);
  CHECK(w.start[8] == 8);
  CHECK(w.y[8] == 12.f);
  CHECK(w.y[9] == 13.f);
  CHECK(training_rows(w.split, 4, 1) == 12);  // rows 0..11: the last training target is row 11
}

TEST_CASE("windows: errors say what is wrong") {
  Series s;
  s.add("v", arange(1, 1, 4));
  std::string e;
  Windows w;

  e = make_windows(s, config(WindowSetup::MultiStep, 3, {0}, {0}, 2), &w);
  CHECK(contains(e, "4 rows"));
  CHECK(contains(e, "look_back 3"));
  CHECK(contains(e, "horizon 2"));
  CHECK(contains(e, "at least 5"));
  CHECK(w.n == 0);

  e = check_windows(Series{}, config(WindowSetup::Univariate, 1, {0}));
  CHECK(contains(e, "empty"));

  e = check_windows(s, config(WindowSetup::Univariate, 0, {0}));
  CHECK(contains(e, "look_back must be at least 1"));

  e = check_windows(s, config(WindowSetup::Parallel, 1, {0, 3}));
  CHECK(contains(e, "Input column 3"));
  CHECK(contains(e, "1 column"));

  e = check_windows(s, config(WindowSetup::MultivariateIn, 1, {0}, {-1}));
  CHECK(contains(e, "Target column -1"));

  e = check_windows(s, config(WindowSetup::Univariate, 1, {0}, {0}, 1, 1.f));
  CHECK(contains(e, "val_split"));

  // 4 rows, look_back 3: one window, and val_split 0.5 leaves none for training.
  e = check_windows(s, config(WindowSetup::Univariate, 3, {0}, {0}, 1, 0.5f));
  CHECK(contains(e, "none is left for training"));

  Series nan = s;
  nan.names[0] = "sales";
  nan.columns[0][2] = std::numeric_limits<float>::quiet_NaN();
  e = check_windows(nan, config(WindowSetup::Univariate, 1, {0}));
  CHECK(contains(e, "'sales'"));
  CHECK(contains(e, "NaN"));
  CHECK(contains(e, "time step 2"));

  nan.columns[0][2] = std::numeric_limits<float>::infinity();
  e = check_windows(nan, config(WindowSetup::Univariate, 1, {0}));
  CHECK(contains(e, "infinite"));

  // A NaN in a column nobody uses is fine.
  nan.add("clean", arange(0, 1, 4));
  CHECK(check_windows(nan, config(WindowSetup::Univariate, 1, {1})).empty());

  Series huge;
  huge.add("v", std::vector<float>(200000, 1.f));
  e = check_windows(huge, config(WindowSetup::Univariate, 100000, {0}));
  CHECK(contains(e, "MB"));
}

TEST_CASE("windows: dataset fits the scaler on the training rows only") {
  Series s;
  s.add("v", arange(0, 1, 20));
  DataConfig c = config(WindowSetup::Univariate, 3, {0}, {0}, 1, 0.25f);
  c.scaling = Scaling::MinMax;
  const Dataset d = make_dataset(s, c);
  REQUIRE_MESSAGE(d.ok(), d.error);
  // N = 17, n_train = int(17 * 0.75) = 12, training rows 0..14.
  CHECK(d.windows.split.n_train == 12);
  CHECK(d.train_rows == 15);
  CHECK(d.scaler.offset[0] == 0.0);
  CHECK(d.scaler.scale[0] == 14.0);
  CHECK(d.windows.y[11] == doctest::Approx(1.0));          // row 14, the last training target
  CHECK(d.windows.y[16] == doctest::Approx(19.0 / 14.0));  // validation goes beyond [0, 1]
  CHECK(d.windows.x[0] == 0.f);
}

TEST_CASE("windows: dataset with a constant column warns and stays finite") {
  Series s;
  s.add("flat", std::vector<float>(12, 3.5f));
  for (Scaling scaling : {Scaling::MinMax, Scaling::ZScore}) {
    DataConfig c = config(WindowSetup::Univariate, 2, {0}, {0}, 1, 0.2f);
    c.scaling = scaling;
    const Dataset d = make_dataset(s, c);
    REQUIRE_MESSAGE(d.ok(), d.error);
    REQUIRE(d.messages.size() == 1);
    CHECK(contains(d.messages[0], "'flat' is constant"));
    for (float v : d.windows.x) CHECK(v == 0.f);
    for (float v : d.windows.y) CHECK(v == 0.f);
  }
}

TEST_CASE("windows: dataset reports errors instead of windows") {
  Series s;
  s.add("v", arange(0, 1, 3));
  const Dataset d = make_dataset(s, config(WindowSetup::Univariate, 5, {0}));
  CHECK_FALSE(d.ok());
  CHECK(contains(d.error, "3 rows"));
  CHECK(d.windows.n == 0);
}

TEST_CASE("windows: stride cuts a series of episodes into one window each") {
  Series s;
  std::vector<float> v(23);
  for (int t = 0; t < 23; ++t) v[size_t(t)] = float(t);
  s.add("v", v);
  DataConfig d = data_config(WindowSetup::Univariate, 4, {0}, {0}, 1, 0.f, Scaling::None);
  d.stride = 5;  // episodes of 5 rows: 4 in, the 5th the answer
  CHECK(count_windows(23, 4, 1, 5) == 4);  // starts 0, 5, 10, 15 (20 + 5 > 23)
  Windows w;
  REQUIRE(make_windows(s, d, &w) == "");
  REQUIRE(w.n == 4);
  CHECK(w.start == std::vector<int>{0, 5, 10, 15});
  CHECK(w.x[size_t(1) * 4] == 5.f);  // window 1 reads rows 5..8
  CHECK(w.y[1] == 9.f);              // and predicts row 9
  CHECK(w.y[3] == 19.f);
  d.stride = 0;
  CHECK(check_windows(s, d).find("stride") != std::string::npos);
  CHECK(training_rows(Split{3, 1}, 4, 1, 5) == 15);  // rows 0..14 hold the 3 training windows
}
