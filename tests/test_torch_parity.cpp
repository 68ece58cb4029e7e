// Float parity with PyTorch 1.13 (fixtures from tools/make_golden.py): load PyTorch weights
// through weights_io, then forward, loss, every gradient, dx and 5 AdamTorch steps. Cells:
// nn.LSTM, nn.GRU, nn.RNN and hand-written LSTM / GRU cells for the other activations.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config_enums.h"
#include "golden_io.h"
#include "lstm_model.h"
#include "optimizer.h"
#include "weights_io.h"

using namespace lstm;
using nlohmann::json;

namespace {

constexpr double kAtol = 1e-6, kRtol = 1e-5;

ModelConfig model_config(const json& c) {
  ModelConfig cfg;
  if (c.contains("cell")) REQUIRE(parse_enum(c["cell"].get<std::string>(), &cfg.cell));
  cfg.n_layers = c["n_layers"].get<int>();
  for (int l = 0; l < cfg.n_layers; ++l) cfg.units[l] = c["units"][l].get<int>();
  REQUIRE(parse_enum(c["activation"].get<std::string>(), &cfg.activation));
  REQUIRE(parse_enum(c["recurrent_activation"].get<std::string>(), &cfg.recurrent_activation));
  return cfg;
}

// A model of the fixture's shape holding `doc` (PyTorch layout) as its parameters.
LstmModel<float> load_model(const json& c, const json& doc) {
  LstmModel<float> m;
  m.configure(model_config(c), c["n_features"].get<int>(), c["n_outputs"].get<int>());
  WeightLayout layout = WeightLayout::Keras;
  const std::string err = import_weights_json(m, doc, &layout);
  INFO(err);
  REQUIRE(err.empty());
  CHECK(layout == WeightLayout::PyTorch);
  return m;
}

void check_tensors(const std::string& what, const LstmModel<float>& m, const float* got,
                   const float* ref) {
  for (const ParamTensor& t : m.tensors())
    golden::check_close(what + " " + t.name, got + t.offset, ref + t.offset, t.size(), kAtol,
                        kRtol);
}

void run_case(const std::string& name) {
  const json g = golden::load(name);
  const json& c = g["config"];
  const int B = c["batch"].get<int>(), T = c["steps"].get<int>();
  LossKind kind = LossKind::Mse;
  REQUIRE(parse_enum(c["loss"].get<std::string>(), &kind));
  const std::vector<float> x = golden::flat<float>(g["x"]), y = golden::flat<float>(g["y"]);

  LstmModel<float> m = load_model(c, g["weights"]);
  m.reserve(B, T);
  REQUIRE(int(x.size()) == B * T * m.n_features());

  m.forward(x.data(), B);
  // The cases are built to reach relu's zero side and hard_sigmoid's flat sides.
  const golden::KinkSides sides = golden::kink_sides(m);
  if (m.config().recurrent_activation == RecurrentActivation::HardSigmoid)
    CHECK(sides.gate_flat > 0);
  if (m.config().activation == Activation::Relu) CHECK(sides.cand_zero > 0);
  const std::vector<float> out = golden::flat<float>(g["out"]);
  REQUIRE(int(out.size()) == B * m.n_outputs());
  golden::check_close("output", m.output(), out.data(), int(out.size()), kAtol, kRtol);
  const float loss = m.loss(y.data(), kind);
  const double ref_loss = g["loss"].get<double>();
  golden::check_close("loss", &loss, &ref_loss, 1, kAtol, kRtol);

  std::vector<float> dx(x.size());
  m.backward(dx.data());
  const std::vector<float> ref_dx = golden::flat<float>(g["dx"]);
  golden::check_close("dx", dx.data(), ref_dx.data(), int(dx.size()), kAtol, kRtol);
  // PyTorch-layout gradients read as "weights": transposed into the model's layout, and
  // d bias = d bias_ih + d bias_hh (the latter frozen, zero).
  const LstmModel<float> ref_grads = load_model(c, g["grads"]);
  check_tensors("grad", m, m.grads(), ref_grads.params());

  Optimizer<float> opt;
  TrainConfig tc;
  tc.optimizer = OptimizerKind::AdamTorch;
  tc.lr = c["lr"].get<float>();
  tc.beta1 = c["beta1"].get<float>();
  tc.beta2 = c["beta2"].get<float>();
  tc.epsilon = c["eps"].get<float>();
  opt.configure(tc);
  opt.reserve(m.n_params());
  const int steps = c["adam_steps"].get<int>();
  REQUIRE(int(g["losses"].size()) == steps);
  for (int s = 0; s < steps; ++s) {
    m.forward(x.data(), B);
    const float l = m.loss(y.data(), kind);
    const double ref = g["losses"][s].get<double>();
    golden::check_close("loss before Adam step " + std::to_string(s + 1), &l, &ref, 1, kAtol,
                        kRtol);
    m.backward();
    opt.step(m.params(), m.grads(), m.n_params());
  }
  const LstmModel<float> after = load_model(c, g["weights_after"]);
  check_tensors("after " + std::to_string(steps) + " Adam steps:", m, m.params(), after.params());
  // The steps must have moved the weights well beyond the tolerance, or the last check is void.
  const LstmModel<float> before = load_model(c, g["weights"]);
  const golden::Errors moved =
      golden::compare(after.params(), before.params(), m.n_params(), kAtol, kRtol);
  CHECK(moved.worst > 100.0);
}

}  // namespace

TEST_CASE("torch parity: nn.LSTM tanh/sigmoid, MSE, 2x8 units") { run_case("tanh_sigmoid_mse"); }

TEST_CASE("torch parity: relu/sigmoid cell, MAE, units 6,5") { run_case("relu_sigmoid_mae"); }

TEST_CASE("torch parity: tanh/hard_sigmoid cell, MSE, units 7,4") {
  run_case("tanh_hardsigmoid_mse");
}

TEST_CASE("torch parity: nn.GRU tanh/sigmoid, MSE, 2x8 units") { run_case("gru_tanh_sigmoid_mse"); }

TEST_CASE("torch parity: GRU relu/hard_sigmoid cell, MAE, units 6,5") {
  run_case("gru_relu_hardsigmoid_mae");
}

TEST_CASE("torch parity: nn.RNN tanh, MSE, 2x8 units") { run_case("rnn_tanh_mse"); }

TEST_CASE("torch parity: nn.RNN relu, MAE, 2x7 units") { run_case("rnn_relu_mae"); }
