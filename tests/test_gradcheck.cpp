// Backprop through time against central finite differences, in double precision, for every
// entry of every parameter tensor and of the input, over all activation pairs and both losses.
// Also: no heap allocation in forward/loss/backward/step after reserve().
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "alloc_counter.h"
#include "config_enums.h"
#include "golden_io.h"
#include "init.h"
#include "lstm_model.h"
#include "optimizer.h"

using namespace lstm;

namespace {

constexpr int kB = 3, kT = 6, kF = 3, kO = 2;

struct Case {
  CellKind cell;
  Activation act;
  RecurrentActivation rec;
  LossKind loss;
  double scale;  // kernels scaled so relu / hard_sigmoid visit both sides of their kinks
};

double loss_at(LstmModel<double>& m, const std::vector<double>& x, const std::vector<double>& y,
               LossKind kind) {
  m.forward(x.data(), kB);
  return m.loss(y.data(), kind);
}

// Central difference with step h; with steps h and h/2 disagreeing, the function has a kink
// (relu, hard_sigmoid, |.|) within h of the point and the entry is not differentiable there.
struct Fd {
  double value;
  bool smooth;
};
template <typename Eval>
Fd central(double& v, Eval&& eval) {
  const double h = 1e-5, v0 = v;
  auto diff = [&](double step) {
    v = v0 + step;
    const double lp = eval();
    v = v0 - step;
    const double lm = eval();
    v = v0;
    return (lp - lm) / (2 * step);
  };
  const double d1 = diff(h), d2 = diff(h / 2);
  return {d2, std::abs(d1 - d2) <= 1e-6 * (1.0 + std::abs(d2))};
}

void run_case(const Case& c, uint64_t seed) {
  ModelConfig cfg;
  cfg.n_layers = 2;
  cfg.units = {{4, 3, 0, 0}};
  cfg.activation = c.act;
  cfg.recurrent_activation = c.rec;
  cfg.cell = c.cell;
  LstmModel<double> m;
  m.configure(cfg, kF, kO);
  m.init_keras(seed);
  m.reserve(kB, kT);
  Rng rng(seed + 100);
  for (int k = 0; k < m.n_params(); ++k) {  // scaled Keras init, non-zero biases everywhere
    m.params()[k] = m.params()[k] * c.scale + rng.uniform(-0.3, 0.3);
  }
  std::vector<double> x(kB * kT * kF), y(kB * kO), dx(x.size());
  for (double& v : x) v = rng.normal();
  for (double& v : y) v = 2.0 * rng.normal();

  m.forward(x.data(), kB);
  m.loss(y.data(), c.loss);
  m.backward(dx.data());
  const std::vector<double> grads(m.grads(), m.grads() + m.n_params());

  // The case must exercise the kinked regions, or the check proves less than it claims.
  const golden::KinkSides sides = golden::kink_sides(m);
  if (c.rec == RecurrentActivation::HardSigmoid && c.cell != CellKind::SimpleRnn) {
    CHECK(sides.gate_flat > 0);
    CHECK(sides.gate_linear > 0);
  }
  if (c.act == Activation::Relu) {
    CHECK(sides.cand_zero > 0);
    CHECK(sides.cand_positive > 0);
  }

  const double atol = 1e-8, rtol = 1e-5;
  auto eval = [&] { return loss_at(m, x, y, c.loss); };
  int skipped = 0, total = 0;
  for (const ParamTensor& t : m.tensors()) {
    std::vector<double> fd(size_t(t.size())), an(size_t(t.size()));
    for (int k = 0; k < t.size(); ++k) {
      const Fd d = central(m.params()[t.offset + k], eval);
      ++total;
      an[k] = grads[size_t(t.offset + k)];
      fd[k] = d.smooth ? d.value : an[k];
      skipped += !d.smooth;
    }
    golden::check_close(t.name, an.data(), fd.data(), t.size(), atol, rtol);
    double largest = 0;
    for (double v : an) largest = std::max(largest, std::abs(v));
    INFO(t.name << ": all gradients vanish, the case checks nothing");
    CHECK(largest > 1e-4);
  }
  std::vector<double> fdx(x.size()), anx(dx);
  for (size_t k = 0; k < x.size(); ++k) {
    const Fd d = central(x[k], eval);
    ++total;
    fdx[k] = d.smooth ? d.value : dx[k];
    skipped += !d.smooth;
  }
  golden::check_close("input dx", anx.data(), fdx.data(), int(x.size()), atol, rtol);
  MESSAGE("entries at a kink, skipped: " << skipped << " of " << total);
  CHECK(skipped * 50 <= total);
}

}  // namespace

TEST_CASE("gradcheck: BPTT matches central finite differences (double, T=6, 2 layers, every cell)") {
  constexpr CellKind L = CellKind::Lstm, G = CellKind::Gru, R = CellKind::SimpleRnn;
  const Case cases[] = {
      {L, Activation::Tanh, RecurrentActivation::Sigmoid, LossKind::Mse, 1.0},
      {L, Activation::Tanh, RecurrentActivation::Sigmoid, LossKind::Mae, 1.0},
      {L, Activation::Relu, RecurrentActivation::Sigmoid, LossKind::Mse, 1.5},
      {L, Activation::Relu, RecurrentActivation::Sigmoid, LossKind::Mae, 1.5},
      {L, Activation::Tanh, RecurrentActivation::HardSigmoid, LossKind::Mse, 3.0},
      {L, Activation::Tanh, RecurrentActivation::HardSigmoid, LossKind::Mae, 3.0},
      {L, Activation::Relu, RecurrentActivation::HardSigmoid, LossKind::Mse, 2.0},
      {L, Activation::Relu, RecurrentActivation::HardSigmoid, LossKind::Mae, 2.0},
      {G, Activation::Tanh, RecurrentActivation::Sigmoid, LossKind::Mse, 1.0},
      {G, Activation::Tanh, RecurrentActivation::Sigmoid, LossKind::Mae, 1.0},
      {G, Activation::Relu, RecurrentActivation::Sigmoid, LossKind::Mse, 1.5},
      {G, Activation::Tanh, RecurrentActivation::HardSigmoid, LossKind::Mse, 3.0},
      {G, Activation::Relu, RecurrentActivation::HardSigmoid, LossKind::Mae, 2.0},
      {R, Activation::Tanh, RecurrentActivation::Sigmoid, LossKind::Mse, 1.0},
      {R, Activation::Tanh, RecurrentActivation::Sigmoid, LossKind::Mae, 1.0},
      {R, Activation::Relu, RecurrentActivation::Sigmoid, LossKind::Mse, 1.5},
      {R, Activation::Relu, RecurrentActivation::Sigmoid, LossKind::Mae, 1.5},
  };
  uint64_t seed = 11;
  for (const Case& c : cases) {
    const std::string name = std::string(enum_label(c.cell)) + "/" + enum_label(c.act) + "/" +
                             enum_label(c.rec) + "/" + enum_label(c.loss);
    MESSAGE("case " << name);
    CAPTURE(name);
    run_case(c, seed++);
  }
}

TEST_CASE("gradcheck: batch smaller than reserved and T = 1") {
  // Buffers sized for (8, 5) but used with B=2, and a single-step model (no recurrence).
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru, CellKind::SimpleRnn})
  for (int steps : {5, 1}) {
    ModelConfig cfg;
    cfg.n_layers = 1;
    cfg.units = {{3, 0, 0, 0}};
    cfg.cell = cell;
    LstmModel<double> m;
    m.configure(cfg, 2, 1);
    m.init_keras(5);
    m.reserve(8, steps);
    Rng rng(6);
    std::vector<double> x(size_t(2) * steps * 2), y(2);
    for (double& v : x) v = rng.normal();
    for (double& v : y) v = rng.normal();
    m.forward(x.data(), 2);
    m.loss(y.data(), LossKind::Mse);
    m.backward();
    const std::vector<double> grads(m.grads(), m.grads() + m.n_params());
    std::vector<double> fd(grads.size());
    for (int k = 0; k < m.n_params(); ++k) {
      fd[size_t(k)] = central(m.params()[k], [&] {
                        m.forward(x.data(), 2);
                        return m.loss(y.data(), LossKind::Mse);
                      }).value;
    }
    CAPTURE(steps);
    CAPTURE(enum_label(cell));
    golden::check_close(std::string(enum_label(cell)) + " all params, T=" + std::to_string(steps), grads.data(), fd.data(),
                        m.n_params(), 1e-8, 1e-5);
  }
}

TEST_CASE("forward, loss, backward and optimizer step allocate nothing after reserve") {
  {  // the counter itself sees an allocation
    CountAllocations counter;
    int* volatile p = new int(1);
    delete p;
    REQUIRE(counter.count() == 1);
  }
  struct Size {
    int layers, units, batch, steps;
  };
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru, CellKind::SimpleRnn})
  for (const Size s : {Size{2, 16, 32, 20}, Size{3, 64, 64, 24}, Size{1, 300, 16, 8}}) {
    ModelConfig cfg;
    cfg.cell = cell;
    cfg.n_layers = s.layers;
    cfg.units = {{s.units, s.units, s.units, s.units}};
    LstmModel<float> m;
    m.configure(cfg, 4, 3);
    m.init_keras(1);
    m.reserve(s.batch, s.steps);
    Optimizer<float> opt;
    TrainConfig tc;
    tc.clip_norm = 1.f;
    opt.configure(tc);
    opt.reserve(m.n_params());
    Rng rng(2);
    std::vector<float> x(size_t(s.batch) * s.steps * 4), y(size_t(s.batch) * 3),
        dx(x.size());
    for (float& v : x) v = float(rng.normal());
    for (float& v : y) v = float(rng.normal());
    CountAllocations counter;
    for (int it = 0; it < 2; ++it) {
      m.forward(x.data(), s.batch);
      m.loss(y.data(), LossKind::Mse);
      m.backward(dx.data());
      opt.step(m.params(), m.grads(), m.n_params());
      m.forward(x.data(), s.batch / 2);  // smaller last batch
      m.loss(y.data(), LossKind::Mae);
      m.backward();
    }
    const long allocs = counter.count();
    CAPTURE(enum_label(cell));
    CAPTURE(s.layers);
    CAPTURE(s.units);
    CAPTURE(s.batch);
    CAPTURE(s.steps);
    CHECK(allocs == 0);
  }
}

TEST_CASE("gradcheck: backward_from gives d(sum of outputs)/dx, the saliency, for every cell") {
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru, CellKind::SimpleRnn}) {
    CAPTURE(enum_label(cell));
    ModelConfig cfg;
    cfg.cell = cell;
    cfg.n_layers = 2;
    cfg.units = {{4, 3, 0, 0}};
    LstmModel<double> m;
    m.configure(cfg, 2, 3);
    m.init_keras(9);
    m.reserve(1, 5);
    Rng rng(10);
    std::vector<double> x(10), dx(10), ones(3, 1.0);
    for (double& v : x) v = rng.normal();
    auto sum_out = [&] {
      m.forward(x.data(), 1);
      return m.output()[0] + m.output()[1] + m.output()[2];
    };
    sum_out();
    m.backward_from(ones.data(), dx.data());
    std::vector<double> fd(10);
    for (size_t k = 0; k < x.size(); ++k) fd[k] = central(x[k], sum_out).value;
    golden::check_close("saliency", dx.data(), fd.data(), 10, 1e-8, 1e-5);
  }
}
