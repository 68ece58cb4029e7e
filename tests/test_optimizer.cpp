// Optimizer updates on settings small enough to compute by hand (b1 = 0.5, b2 = 0.75 and a
// large eps make the Keras and PyTorch forms of Adam differ visibly).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "optimizer.h"

using namespace lstm;

namespace {

template <typename S>
Optimizer<S> make(OptimizerKind kind, float lr, float eps, float momentum, float clip, int n) {
  TrainConfig tc;
  tc.optimizer = kind;
  tc.lr = lr;
  tc.beta1 = 0.5f;
  tc.beta2 = 0.75f;
  tc.epsilon = eps;
  tc.momentum = momentum;
  tc.clip_norm = clip;
  Optimizer<S> opt;
  opt.configure(tc);
  opt.reserve(n);
  return opt;
}

template <typename S>
double tol() {
  return std::is_same<S, float>::value ? 1e-6 : 1e-14;
}

}  // namespace

TEST_CASE_TEMPLATE("Adam, Keras epsilon-hat form, two steps by hand", S, float, double) {
  Optimizer<S> opt = make<S>(OptimizerKind::Adam, 0.125f, 0.25f, 0.f, 0.f, 1);
  S p = 1, g = 2;
  // t=1: m = 0.5*2 = 1, v = 0.25*4 = 1, lr_t = 0.125 sqrt(1-0.75)/(1-0.5) = 0.125,
  //      p = 1 - 0.125 * 1/(1 + 0.25) = 0.9
  opt.step(&p, &g, 1);
  CHECK(double(p) == doctest::Approx(0.9).epsilon(tol<S>()));
  // t=2, g=1: m = 0.5 + 0.5 = 1, v = 0.75 + 0.25 = 1,
  //      lr_t = 0.125 sqrt(1-0.5625)/(1-0.25) = 0.11023963796102461,
  //      p = 0.9 - lr_t/1.25 = 0.8118082896311803
  g = 1;
  opt.step(&p, &g, 1);
  CHECK(double(p) == doctest::Approx(0.8118082896311803).epsilon(tol<S>()));
  CHECK(opt.iterations() == 2);
}

TEST_CASE_TEMPLATE("AdamTorch, eps after bias correction, two steps by hand", S, float, double) {
  Optimizer<S> opt = make<S>(OptimizerKind::AdamTorch, 0.125f, 0.25f, 0.f, 0.f, 1);
  S p = 1, g = 2;
  // t=1: m = 1, v = 1, step = 0.125/(1-0.5) = 0.25, denom = sqrt(1)/sqrt(0.25) + 0.25 = 2.25,
  //      p = 1 - 0.25/2.25 = 0.8888888888888888
  opt.step(&p, &g, 1);
  CHECK(double(p) == doctest::Approx(0.8888888888888888).epsilon(tol<S>()));
  // t=2, g=1: m = 1, v = 1, step = 0.125/0.75, denom = 1/sqrt(0.4375) + 0.25 = 1.7618578920369088,
  //      p = 0.8888888888888888 - (1/6)/1.7618578920369088 = 0.7942917778392679
  g = 1;
  opt.step(&p, &g, 1);
  CHECK(double(p) == doctest::Approx(0.7942917778392679).epsilon(tol<S>()));
}

TEST_CASE("Adam: reset() restarts the bias correction") {
  Optimizer<double> opt = make<double>(OptimizerKind::Adam, 0.125f, 0.25f, 0.f, 0.f, 1);
  double p = 1, g = 2;
  opt.step(&p, &g, 1);
  g = 1;
  opt.step(&p, &g, 1);
  opt.reset();
  CHECK(opt.iterations() == 0);
  p = 1;
  g = 2;
  opt.step(&p, &g, 1);
  CHECK(p == doctest::Approx(0.9).epsilon(1e-14));
}

TEST_CASE_TEMPLATE("SGD with Keras momentum, three steps by hand", S, float, double) {
  Optimizer<S> opt = make<S>(OptimizerKind::Sgd, 0.5f, 0.f, 0.5f, 0.f, 1);
  S p = 1, g = 1;
  // v = 0.5 v - 0.5 g; p += v:  v = -0.5, p = 0.5;  v = -0.75, p = -0.25;  v = -0.875, p = -1.125
  const double expect[] = {0.5, -0.25, -1.125};
  for (double e : expect) {
    g = 1;
    opt.step(&p, &g, 1);
    CHECK(double(p) == doctest::Approx(e).epsilon(tol<S>()));
  }
}

TEST_CASE("clipping by global norm") {
  SUBCASE("norm above clip_norm: g scaled to the clip norm") {
    Optimizer<double> opt = make<double>(OptimizerKind::Sgd, 1.f, 0.f, 0.f, 1.f, 2);
    std::vector<double> p{0, 0}, g{3, 4};  // ||g|| = 5 -> g = (0.6, 0.8)
    const double norm = opt.step(p.data(), g.data(), 2);
    CHECK(norm == doctest::Approx(5.0));
    CHECK(g[0] == doctest::Approx(0.6));
    CHECK(g[1] == doctest::Approx(0.8));
    CHECK(p[0] == doctest::Approx(-0.6));
    CHECK(p[1] == doctest::Approx(-0.8));
  }
  SUBCASE("norm below clip_norm: untouched") {
    Optimizer<double> opt = make<double>(OptimizerKind::Sgd, 1.f, 0.f, 0.f, 10.f, 2);
    std::vector<double> p{0, 0}, g{3, 4};
    opt.step(p.data(), g.data(), 2);
    CHECK(p[0] == doctest::Approx(-3.0));
    CHECK(p[1] == doctest::Approx(-4.0));
  }
  SUBCASE("clip_norm = 0 is off") {
    Optimizer<double> opt = make<double>(OptimizerKind::Sgd, 1.f, 0.f, 0.f, 0.f, 2);
    std::vector<double> p{0, 0}, g{30, 40};
    opt.step(p.data(), g.data(), 2);
    CHECK(p[1] == doctest::Approx(-40.0));
  }
}

TEST_CASE("a non-finite gradient leaves the parameters and the state alone") {
  Optimizer<float> opt = make<float>(OptimizerKind::Adam, 0.125f, 0.25f, 0.f, 1.f, 2);
  std::vector<float> p{1, 2}, g{std::numeric_limits<float>::quiet_NaN(), 1};
  const float norm = opt.step(p.data(), g.data(), 2);
  CHECK_FALSE(std::isfinite(norm));
  CHECK(p[0] == 1.f);
  CHECK(p[1] == 2.f);
  CHECK(opt.iterations() == 0);
}
