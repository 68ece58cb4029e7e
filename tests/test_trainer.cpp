// Trainer behaviour: the tutorials' examples learn, seeds reproduce, slicing changes nothing,
// divergence is caught, and a training step allocates nothing.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <memory>

#include "alloc_counter.h"
#include "presets.h"
#include "trainer.h"
#include "windows.h"

using namespace lstm;

namespace {

Series one_column(std::vector<float> v) {
  Series s;
  s.add("x", std::move(v));
  return s;
}

Series sine_series(int n) {
  std::vector<float> v(n);
  for (int t = 0; t < n; ++t) v[t] = float(std::sin(2.0 * M_PI * t / 50.0));
  return one_column(v);
}

Config univariate(int look_back, int units, Activation act, int epochs, int batch) {
  Config c;
  c.data = data_config(WindowSetup::Univariate, look_back, {0}, {0});
  c.model.n_layers = 1;
  c.model.units[0] = units;
  c.model.activation = act;
  c.train.epochs = epochs;
  c.train.batch = batch;
  return c;
}

Progress run_to_end(Trainer& t) {
  Progress p;
  while (!t.progress().done) p = t.step({0.0, 0});
  return t.progress();
}

// The trained model's prediction for one raw input window (no scaling configured).
float predict(Trainer& t, std::vector<float> x) {
  t.model().forward(x.data(), 1);
  return t.model().output()[0];
}

}  // namespace

TEST_CASE("trainer: sine wave, look_back 10, LSTM(4), batch 1 beats the naive baseline") {
  Trainer t;
  Config c = univariate(10, 4, Activation::Tanh, 100, 1);
  REQUIRE(t.setup(c, sine_series(400)) == "");
  run_to_end(t);
  Trainer::Report r = t.validation_report();
  MESSAGE("sine: val RMSE " << r.model.rmse << " vs naive " << r.naive.rmse << ", val MAE "
                            << r.model.mae << " vs naive " << r.naive.mae);
  CHECK(r.model.count > 0);
  CHECK(r.model.rmse < 0.3 * r.naive.rmse);
  CHECK(t.history().train.back() < 0.01f * t.history().train.front());
}

TEST_CASE("trainer: LSTM(50, relu) on 0..99 -> 1..100 predicts about 101 for 100") {
  std::vector<float> v(101);
  for (int i = 0; i <= 100; ++i) v[i] = float(i);
  Trainer t;
  Config c = univariate(1, 50, Activation::Relu, 400, 32);
  c.data.scaling = Scaling::None;  // as the tutorial: raw values
  c.data.val_split = 0.f;
  c.train.lr = 1e-2f;
  REQUIRE(t.setup(c, one_column(v)) == "");
  run_to_end(t);
  const float y = predict(t, {100.f});
  MESSAGE("0..99 -> 1..100: f(100) = " << y << ", final loss " << t.history().train.back());
  CHECK(y == doctest::Approx(101.f).epsilon(0.02));
}

TEST_CASE("trainer: [10,20,...,150] with look_back 5 predicts about 120 for [70..110]") {
  std::vector<float> v;
  for (int k = 1; k <= 15; ++k) v.push_back(10.f * k);
  Trainer t;
  Config c = univariate(5, 50, Activation::Relu, 500, 32);
  c.data.scaling = Scaling::None;
  c.data.val_split = 0.f;
  REQUIRE(t.setup(c, one_column(v)) == "");
  run_to_end(t);
  const float y = predict(t, {70.f, 80.f, 90.f, 100.f, 110.f});
  MESSAGE("[70,80,90,100,110] -> " << y << ", final loss " << t.history().train.back());
  CHECK(y == doctest::Approx(120.f).epsilon(0.02));
}

TEST_CASE("trainer: one seed gives one loss curve, however the training is sliced") {
  Config c = univariate(10, 8, Activation::Tanh, 4, 16);
  Trainer whole, sliced, other_seed;
  REQUIRE(whole.setup(c, sine_series(300)) == "");
  REQUIRE(sliced.setup(c, sine_series(300)) == "");
  c.model.seed = 2;
  REQUIRE(other_seed.setup(c, sine_series(300)) == "");
  run_to_end(whole);
  run_to_end(other_seed);
  int calls = 0;
  while (!sliced.progress().done) {  // pause after every batch, resume
    sliced.step({0.0, 1});
    ++calls;
  }
  CHECK(calls == 4 * sliced.progress().batches_per_epoch);
  REQUIRE(whole.history().train.size() == 4);
  CHECK(whole.history().train == sliced.history().train);  // bit-identical
  CHECK(whole.history().val == sliced.history().val);
  CHECK(whole.history().train != other_seed.history().train);
  // Reset gives the same start again.
  whole.reset_weights();
  run_to_end(whole);
  CHECK(whole.history().train == sliced.history().train);
}

TEST_CASE("trainer: a diverging run stops, restores the last good weights and says why") {
  std::vector<float> v(200);
  for (int i = 0; i < 200; ++i) v[i] = 1e4f * float(i % 7);
  Trainer t;
  Config c = univariate(5, 8, Activation::Relu, 50, 8);
  c.data.scaling = Scaling::None;
  c.train.optimizer = OptimizerKind::Sgd;
  c.train.lr = 5.f;
  REQUIRE(t.setup(c, one_column(v)) == "");
  Progress p = run_to_end(t);
  MESSAGE(p.message);
  CHECK(p.diverged);
  CHECK(p.message.find("diverged") != std::string::npos);
  for (int i = 0; i < t.model().n_params(); ++i) REQUIRE(std::isfinite(t.model().params()[i]));
}

TEST_CASE("trainer: bad setups return a message and change nothing") {
  Trainer t;
  Config c = univariate(10, 4, Activation::Tanh, 1, 4);
  REQUIRE(t.setup(c, sine_series(100)) == "");
  const std::vector<float> before(t.model().params(), t.model().params() + t.model().n_params());
  std::string err = t.setup(c, sine_series(8));
  MESSAGE(err);
  CHECK(err.find("look_back") != std::string::npos);
  c.train.lr = -1.f;
  CHECK(t.setup(c, sine_series(100)) != "");
  CHECK(t.series().length() == 100);
  CHECK(std::equal(before.begin(), before.end(), t.model().params()));
}

TEST_CASE("trainer: rollout continues the series; it needs every input among the targets") {
  Trainer t;
  Config c = univariate(10, 4, Activation::Tanh, 100, 1);
  REQUIRE(t.setup(c, sine_series(400)) == "");
  run_to_end(t);
  std::string err;
  std::vector<float> f = t.rollout(10, &err);
  REQUIRE(err == "");
  REQUIRE(f.size() == 10);
  double worst = 0, naive_worst = 0;  // naive: repeat the last value
  const float last = t.series().columns[0].back();
  for (int k = 0; k < 10; ++k) {
    const double truth = std::sin(2.0 * M_PI * (400 + k) / 50.0);
    worst = std::max(worst, std::abs(f[k] - truth));
    naive_worst = std::max(naive_worst, std::abs(last - truth));
  }
  MESSAGE("rollout 10 steps: max error " << worst << " vs naive " << naive_worst);
  CHECK(worst < 0.5 * naive_worst);

  Series two;
  two.add("a", sine_series(100).columns[0]);
  two.add("b", sine_series(100).columns[0]);
  Trainer m;
  Config cm = c;
  cm.data = data_config(WindowSetup::MultivariateIn, 5, {0, 1}, {0});
  cm.train.epochs = 1;
  REQUIRE(m.setup(cm, two) == "");
  CHECK(m.rollout(3, &err).empty());
  CHECK(err.find("'b'") != std::string::npos);
}

TEST_CASE("trainer: a training step allocates nothing") {
  Trainer t;
  Config c = univariate(10, 16, Activation::Tanh, 3, 8);
  c.model.n_layers = 2;
  c.model.units[1] = 8;
  REQUIRE(t.setup(c, sine_series(200)) == "");
  t.step({0.0, 1});  // first touch of every buffer
  CountAllocations counter;
  Progress p = t.step({0.0, 2 * t.progress().batches_per_epoch});  // crosses an epoch boundary
  const long during = counter.count();
  CHECK(p.epoch >= 1);
  CHECK(during == 0);
}

TEST_CASE("trainer: the same seed trains bit-identically whatever the heap layout") {
  // Vectorised reductions peel differently at different alignments; a link opened in another
  // tab must still reproduce the sender's loss curve, so buffers must not depend on malloc.
  Config c = univariate(10, 12, Activation::Tanh, 3, 8);
  c.model.n_layers = 2;
  c.model.units[1] = 5;
  std::vector<std::vector<float>> runs_params;
  std::vector<std::vector<float>> runs_losses;
  std::vector<std::unique_ptr<char[]>> shifts;
  for (int run = 0; run < 4; ++run) {
    shifts.emplace_back(new char[4 * run + 4]);  // moves where the next buffers land
    Trainer t;
    REQUIRE(t.setup(c, sine_series(160)) == "");
    run_to_end(t);
    runs_params.emplace_back(t.model().params(), t.model().params() + t.model().n_params());
    runs_losses.push_back(t.history().train);
  }
  for (int run = 1; run < 4; ++run) {
    CAPTURE(run);
    CHECK(runs_losses[run] == runs_losses[0]);
    CHECK(runs_params[run] == runs_params[0]);
  }
}

TEST_CASE("trainer: gradient by lag counts back from the last step; saliency is one window's |dy/dx|") {
  Config c;
  c.data = data_config(WindowSetup::Univariate, 6, {0}, {0});
  c.model.cell = CellKind::SimpleRnn;
  c.model.units = {{5, 5, 5, 5}};
  Trainer t;
  REQUIRE(t.setup(c, make_preset(find_preset("noisy_sine"), 120, 0.2f, 3)) == "");
  const std::vector<float> g = t.gradient_by_lag();
  REQUIRE(g.size() == 6);
  for (float v : g) CHECK(v > 0.f);
  // Without a recurrent kernel only the last step reaches the output: lag 0 alone is non-zero.
  t.model().param(t.model().recurrent_id(0)).setZero();
  const std::vector<float> g0 = t.gradient_by_lag();
  CHECK(g0[0] > 0.f);
  for (size_t k = 1; k < g0.size(); ++k) CHECK(g0[k] == 0.f);
  const std::vector<float> s = t.saliency(3);
  REQUIRE(s.size() == 6);  // (T, F) = (6, 1)
  CHECK(s[5] > 0.f);
  for (int k = 0; k < 5; ++k) CHECK(s[size_t(k)] == 0.f);
  CHECK(t.saliency(-1).empty());
  CHECK(t.saliency(t.dataset().windows.n).empty());
}
