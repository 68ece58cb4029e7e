// Weights JSON: exact round trips in both layouts, the transposition and bias split of the
// PyTorch layout, layout detection, and user-facing errors that leave the model untouched.
#include <doctest/doctest.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config_enums.h"
#include "lstm_model.h"
#include "weights_io.h"

using namespace lstm;
using nlohmann::json;

namespace {

ModelConfig two_layers() {
  ModelConfig cfg;
  cfg.n_layers = 2;
  cfg.units = {{5, 3, 0, 0}};
  cfg.activation = Activation::Relu;
  cfg.recurrent_activation = RecurrentActivation::HardSigmoid;
  return cfg;
}

LstmModel<float> model(uint64_t seed, ModelConfig cfg = two_layers(), int features = 4,
                       int outputs = 2) {
  LstmModel<float> m;
  m.configure(cfg, features, outputs);
  m.init_keras(seed);
  // Non-trivial biases so the bias path is exercised too.
  for (int l = 0; l < m.n_layers(); ++l) {
    auto b = m.param(m.bias_id(l));
    for (int j = 0; j < b.cols(); ++j) b(0, j) += 0.01f * float(j + 1) / 3.f;
  }
  m.param(m.dense_bias_id())(0, outputs - 1) = -0.7f;
  return m;
}

bool same_params(const LstmModel<float>& a, const LstmModel<float>& b) {
  return a.n_params() == b.n_params() &&
         std::memcmp(a.params(), b.params(), sizeof(float) * a.n_params()) == 0;
}

// Imports text into a fresh model of the default shape and returns the error message; CHECKs
// that a failing import leaves the model as it was.
std::string import_error(const std::string& text) {
  LstmModel<float> m = model(3);
  const LstmModel<float> before = model(3);
  const std::string err = import_weights(m, text);
  if (!err.empty()) CHECK(same_params(m, before));
  return err;
}

}  // namespace

TEST_CASE("weights_io: both layouts round-trip bit for bit and are detected") {
  const LstmModel<float> src = model(1);
  for (WeightLayout layout : {WeightLayout::Keras, WeightLayout::PyTorch}) {
    CAPTURE(layout_name(layout));
    const std::string text = export_weights(src, layout);
    LstmModel<float> dst = model(2);
    REQUIRE_FALSE(same_params(src, dst));
    WeightLayout detected = layout == WeightLayout::Keras ? WeightLayout::PyTorch
                                                          : WeightLayout::Keras;
    CHECK(import_weights(dst, text, &detected) == "");
    CHECK(detected == layout);
    CHECK(same_params(src, dst));
  }
}

TEST_CASE("weights_io: PyTorch layout is the transposed Keras layout, bias all in bias_ih") {
  const LstmModel<float> m = model(1);
  const json torch = weights_to_json(m, WeightLayout::PyTorch);
  const json keras = weights_to_json(m, WeightLayout::Keras);
  CHECK(torch["layout"] == "pytorch");
  CHECK(keras["layout"] == "keras");
  for (int l = 0; l < m.n_layers(); ++l) {
    const std::string k = std::to_string(l);
    const int u = m.units(l), in = m.input_dim(l);
    auto W = m.cparam(m.kernel_id(l));
    auto U = m.cparam(m.recurrent_id(l));
    REQUIRE(torch["weight_ih_l" + k].size() == size_t(4 * u));
    REQUIRE(torch["weight_ih_l" + k][0].size() == size_t(in));
    REQUIRE(keras["layers"][l]["kernel"].size() == size_t(in));
    for (int r = 0; r < 4 * u; ++r) {
      for (int i = 0; i < in; ++i) CHECK(torch["weight_ih_l" + k][r][i].get<float>() == W(i, r));
      for (int j = 0; j < u; ++j) CHECK(torch["weight_hh_l" + k][r][j].get<float>() == U(j, r));
      CHECK(torch["bias_ih_l" + k][r].get<float>() == m.cparam(m.bias_id(l))(0, r));
      CHECK(torch["bias_hh_l" + k][r].get<float>() == 0.f);
    }
  }
  CHECK(torch["head.weight"].size() == size_t(m.n_outputs()));
  CHECK(torch["head.weight"][1][2].get<float>() == m.cparam(m.dense_kernel_id())(2, 1));
  CHECK(keras["dense_kernel"][2][1].get<float>() == m.cparam(m.dense_kernel_id())(2, 1));
  CHECK(keras["config"]["activation"] == "relu");
  CHECK(keras["config"]["recurrent_activation"] == "hard_sigmoid");
}

TEST_CASE("weights_io: PyTorch biases are summed, and state_dict 'lstm.' prefixes accepted") {
  const LstmModel<float> src = model(1);
  json doc = weights_to_json(src, WeightLayout::PyTorch);
  // Move 0.25 from bias_ih to bias_hh: the model's bias (their sum) must not change.
  json prefixed = {{"head.weight", doc["head.weight"]}, {"head.bias", doc["head.bias"]}};
  for (int l = 0; l < src.n_layers(); ++l) {
    const std::string k = std::to_string(l);
    for (auto& v : doc["bias_ih_l" + k]) v = v.get<double>() - 0.25;
    for (auto& v : doc["bias_hh_l" + k]) v = 0.25;
    for (const char* name : {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"})
      prefixed["lstm." + std::string(name) + k] = doc[name + k];
  }
  LstmModel<float> dst = model(2);
  CHECK(import_weights(dst, prefixed.dump()) == "");
  for (int l = 0; l < src.n_layers(); ++l) {
    auto a = src.cparam(src.bias_id(l));
    auto b = dst.cparam(dst.bias_id(l));
    for (int j = 0; j < a.cols(); ++j) CHECK(b(0, j) == doctest::Approx(a(0, j)).epsilon(1e-6));
  }
  CHECK(dst.cparam(dst.kernel_id(1)) == src.cparam(src.kernel_id(1)));
}

TEST_CASE("weights_io: weights_shape reads the model shape from either layout") {
  ModelConfig cfg = two_layers();
  cfg.n_layers = 3;
  cfg.units = {{6, 2, 4, 0}};
  cfg.activation = Activation::Tanh;
  const LstmModel<float> src = model(1, cfg, 3, 5);
  for (WeightLayout layout : {WeightLayout::Keras, WeightLayout::PyTorch}) {
    CAPTURE(layout_name(layout));
    ModelConfig got;
    int f = 0, o = 0;
    CHECK(weights_shape(weights_to_json(src, layout), got, f, o) == "");
    CHECK(got.n_layers == 3);
    CHECK(got.units[0] == 6);
    CHECK(got.units[1] == 2);
    CHECK(got.units[2] == 4);
    CHECK(got.activation == Activation::Tanh);
    CHECK(got.recurrent_activation == RecurrentActivation::HardSigmoid);
    CHECK(f == 3);
    CHECK(o == 5);
  }
  json doc = weights_to_json(src, WeightLayout::Keras);
  doc["config"]["activation"] = "selu";
  ModelConfig got;
  int f = 0, o = 0;
  CHECK(weights_shape(doc, got, f, o).find("\"selu\" is not supported") != std::string::npos);
}

TEST_CASE("weights_io: bad input gives a clear message and leaves the model untouched") {
  const LstmModel<float> src = model(1);
  const json keras = weights_to_json(src, WeightLayout::Keras);
  const json torch = weights_to_json(src, WeightLayout::PyTorch);

  SUBCASE("not JSON, or NaN the way Python's json writes it") {
    CHECK(import_error("{\"layers\": [").find("not valid JSON") != std::string::npos);
    std::string text = keras.dump();
    const size_t at = text.find("\"dense_bias\":[") + 14;
    text.insert(at, "NaN,");
    CHECK(import_error(text).find("not valid JSON") != std::string::npos);
  }
  SUBCASE("neither layout") {
    CHECK(import_error("[1, 2]").find("JSON object") != std::string::npos);
    CHECK(import_error("{\"kernel\": []}").find("not a weights file") != std::string::npos);
  }
  SUBCASE("mixed keys, or a layout field that contradicts the keys") {
    json mixed = keras;
    mixed["weight_ih_l0"] = torch["weight_ih_l0"];
    CHECK(import_error(mixed.dump()).find("mixes") != std::string::npos);
    json lying = keras;
    lying["layout"] = "pytorch";
    CHECK(import_error(lying.dump()).find("\"layout\"") != std::string::npos);
  }
  SUBCASE("missing keys") {
    json k = keras;
    k["layers"][1].erase("recurrent_kernel");
    CHECK(import_error(k.dump()).find("missing 'layers[1].recurrent_kernel'") != std::string::npos);
    json t = torch;
    t.erase("bias_hh_l1");
    CHECK(import_error(t.dump()).find("missing 'bias_hh_l1'") != std::string::npos);
    t = torch;
    t.erase("head.bias");
    CHECK(import_error(t.dump()).find("missing 'head.bias'") != std::string::npos);
  }
  SUBCASE("wrong shapes: other units, features, outputs or layer count") {
    ModelConfig other = two_layers();
    other.units[1] = 4;
    const std::string e1 =
        import_error(export_weights(model(1, other), WeightLayout::PyTorch));
    MESSAGE(e1);
    CHECK(e1.find("'weight_ih_l1' has shape (16, 5) but the model needs (12, 5)") !=
          std::string::npos);
    CHECK(import_error(export_weights(model(1, two_layers(), 3), WeightLayout::Keras))
              .find("'layers[0].kernel' has shape (3, 20) but the model needs (4, 20)") !=
          std::string::npos);
    CHECK(import_error(export_weights(model(1, two_layers(), 4, 1), WeightLayout::Keras))
              .find("'dense_kernel' has shape (3, 1)") != std::string::npos);
    ModelConfig three = two_layers();
    three.n_layers = 3;
    three.units[2] = 3;
    CHECK(import_error(export_weights(model(1, three), WeightLayout::Keras))
              .find("3 LSTM layers but the model has 2") != std::string::npos);
    CHECK(import_error(export_weights(model(1, three), WeightLayout::PyTorch))
              .find("more than the model's 2 LSTM layers") != std::string::npos);
    json ragged = keras;
    ragged["layers"][0]["recurrent_kernel"][2].erase(0);
    CHECK(import_error(ragged.dump()).find("not a rectangular") != std::string::npos);
    json flat = torch;
    flat["head.bias"] = json::array({json::array({0.0, 1.0})});
    CHECK(import_error(flat.dump()).find("'head.bias' has shape (1,)") != std::string::npos);
  }
  SUBCASE("non-numbers and overflow") {
    json k = keras;
    k["layers"][0]["bias"][3] = nullptr;  // what nlohmann writes for NaN
    CHECK(import_error(k.dump()).find("'layers[0].bias' entry 3 is not a finite number") !=
          std::string::npos);
    json t = torch;
    t["weight_hh_l0"][1][2] = "0.5";
    CHECK(import_error(t.dump()).find("'weight_hh_l0' entry 7 (row-major) is not a finite") !=
          std::string::npos);
    t = torch;
    t["head.weight"][0][0] = 1e300;
    CHECK(import_error(t.dump()).find("overflows") != std::string::npos);
  }
}

TEST_CASE("weights_io: GRU and SimpleRNN round trip in both layouts; PyTorch gate order and biases") {
  for (CellKind cell : {CellKind::Gru, CellKind::SimpleRnn}) {
    CAPTURE(enum_label(cell));
    ModelConfig cfg = two_layers();
    cfg.cell = cell;
    LstmModel<float> m = model(3, cfg);
    for (int l = 0; l < m.n_layers(); ++l) {  // every bias row non-trivial (GRU: both rows)
      auto b = m.param(m.bias_id(l));
      for (int r = 0; r < b.rows(); ++r)
        for (int j = 0; j < b.cols(); ++j) b(r, j) += 0.02f * float(r + 1) * float(j % 7);
    }
    for (WeightLayout layout : {WeightLayout::Keras, WeightLayout::PyTorch}) {
      const std::string text = export_weights(m, layout);
      LstmModel<float> back = model(9, cfg);
      WeightLayout detected{};
      REQUIRE(import_weights(back, text, &detected) == "");
      CHECK(detected == layout);
      CHECK(std::memcmp(back.params(), m.params(), sizeof(float) * size_t(m.n_params())) == 0);
    }
    const json torch = json::parse(export_weights(m, WeightLayout::PyTorch));
    const int u = m.units(0), in = m.input_dim(0);
    auto W = m.cparam(m.kernel_id(0));     // (in, G u) Keras order
    auto bias = m.cparam(m.bias_id(0));   // (R, G u)
    if (cell == CellKind::Gru) {
      // PyTorch's first block is the reset gate r = Keras block 1; its second z = Keras block 0.
      CHECK(torch["weight_ih_l0"].size() == size_t(3 * u));
      CHECK(torch["weight_ih_l0"][0][in - 1].get<float>() == W(in - 1, u));
      CHECK(torch["weight_ih_l0"][u][0].get<float>() == W(0, 0));
      CHECK(torch["weight_ih_l0"][2 * u + 1][0].get<float>() == W(0, 2 * u + 1));
      CHECK(torch["bias_hh_l0"][0].get<float>() == bias(1, u));  // recurrent row, kept
      CHECK(torch["bias_ih_l0"][u].get<float>() == bias(0, 0));
      const json keras = json::parse(export_weights(m, WeightLayout::Keras));
      CHECK(keras["layers"][0]["bias"].size() == 2);  // Keras' (2, 3u)
    } else {
      CHECK(torch["weight_ih_l0"].size() == size_t(u));
      CHECK(torch["bias_hh_l0"][0].get<double>() == 0.0);  // one bias: all in bias_ih
    }
    CHECK(torch["config"]["cell"] == enum_label(cell));
    // A file of another cell is refused with a clear message, and the model stays as it was.
    LstmModel<float> lstm = model(4);
    const std::vector<float> before(lstm.params(), lstm.params() + lstm.n_params());
    const std::string err = import_weights(lstm, export_weights(m, WeightLayout::Keras));
    CHECK(err.find("LSTM") != std::string::npos);
    CHECK(err.find(enum_labels<CellKind>().titles[int(cell)]) != std::string::npos);
    CHECK(std::memcmp(before.data(), lstm.params(), sizeof(float) * before.size()) == 0);
  }
}
