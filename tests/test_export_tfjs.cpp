// TensorFlow.js export: model.json's topology and manifest against the model, weights.bin's
// little-endian float32 bytes against the parameters, the metadata's scaler, determinism and the
// refusals. That tf.loadLayersModel predicts what the C++ model does is tests/cli/tfjs_test.mjs.
#include <doctest/doctest.h>

#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "data_fixtures.h"
#include "export_tfjs.h"
#include "trainer.h"
#include "windows.h"

using namespace lstm;
using nlohmann::json;

namespace {

Config small(CellKind cell, int layers) {
  Config c;
  c.data = data_config(WindowSetup::MultiStep, 6, {0, 1}, {0, 1}, 2);
  c.model.cell = cell;
  c.model.n_layers = layers;
  c.model.units = {{5, 3, 4, 4}};
  c.model.activation = Activation::Relu;
  c.model.recurrent_activation = RecurrentActivation::HardSigmoid;
  c.train.epochs = 1;
  c.train.batch = 8;
  return c;
}

void train(Trainer& t, const Config& c) {
  REQUIRE(t.setup(c, lstm_test::two_sines(60)) == "");
  while (!t.progress().done) t.step({0.0, 0});
}

float le_float(const std::vector<uint8_t>& bytes, size_t at) {
  uint32_t u = 0;
  for (int b = 0; b < 4; ++b) u |= uint32_t(bytes[at + b]) << (8 * b);
  float v;
  std::memcpy(&v, &u, sizeof v);
  return v;
}

}  // namespace

TEST_CASE("export tfjs: topology, manifest and weights.bin follow the model") {
  for (CellKind cell : {CellKind::Lstm, CellKind::SimpleRnn}) {
    CAPTURE(int(cell));
    Trainer t;
    train(t, small(cell, 2));
    const TfjsExport e = export_tfjs(t);
    REQUIRE(e.error == "");
    const json doc = json::parse(e.model_json);
    CHECK(doc["format"] == "layers-model");
    CHECK(doc["weightsManifest"].size() == 1);
    CHECK(doc["weightsManifest"][0]["paths"] == json::array({"weights.bin"}));

    const json& layers = doc["modelTopology"]["config"]["layers"];
    REQUIRE(layers.size() == 3);  // two recurrent layers and the Dense head
    const char* cls = cell == CellKind::Lstm ? "LSTM" : "SimpleRNN";
    const char* base = cell == CellKind::Lstm ? "lstm" : "simple_rnn";
    CHECK(layers[0]["class_name"] == cls);
    CHECK(layers[0]["config"]["name"] == base);
    CHECK(layers[1]["config"]["name"] == std::string(base) + "_1");
    CHECK(layers[0]["config"]["batch_input_shape"] == json::array({nullptr, 6, 2}));
    CHECK(!layers[1]["config"].contains("batch_input_shape"));
    CHECK(layers[0]["config"]["return_sequences"] == true);
    CHECK(layers[1]["config"]["return_sequences"] == false);
    CHECK(layers[0]["config"]["units"] == 5);
    CHECK(layers[1]["config"]["units"] == 3);
    CHECK(layers[0]["config"]["activation"] == "relu");
    // SimpleRNN has no gates: no recurrent activation to name.
    CHECK(layers[0]["config"].contains("recurrent_activation") == (cell == CellKind::Lstm));
    if (cell == CellKind::Lstm) CHECK(layers[0]["config"]["recurrent_activation"] == "hard_sigmoid");
    CHECK(layers[2]["class_name"] == "Dense");
    CHECK(layers[2]["config"]["units"] == 4);  // 2 targets x horizon 2

    // Manifest order = the model's tensor order; shapes in Keras orientation, biases 1-D.
    const LstmModel<float>& m = t.model();
    const json& specs = doc["weightsManifest"][0]["weights"];
    REQUIRE(specs.size() == m.tensors().size());
    const int G = gate_blocks(cell);
    CHECK(specs[0]["name"] == std::string(base) + "/kernel");
    CHECK(specs[0]["shape"] == json::array({2, G * 5}));
    CHECK(specs[1]["shape"] == json::array({5, G * 5}));
    CHECK(specs[2]["shape"] == json::array({G * 5}));
    CHECK(specs[6]["name"] == "dense/kernel");
    CHECK(specs[6]["shape"] == json::array({3, 4}));
    CHECK(specs[7]["shape"] == json::array({4}));
    size_t at = 0;
    for (size_t k = 0; k < specs.size(); ++k) {
      const ParamTensor& p = m.tensors()[k];
      CHECK(specs[k]["dtype"] == "float32");
      bool same = true;
      for (int i = 0; i < p.size(); ++i, at += 4)
        same = same && le_float(e.weights_bin, at) == m.params()[p.offset + i];
      CHECK_MESSAGE(same, p.name);
    }
    CHECK(at == e.weights_bin.size());

    const json& meta = doc["userDefinedMetadata"]["lstm_playground"];
    CHECK(meta["input_columns"] == json::array({"level", "rate"}));
    CHECK(meta["horizon"] == 2);
    CHECK(meta["input_offset"][0].get<double>() == t.dataset().scaler.offset[0]);
    CHECK(meta["input_scale"][1].get<double>() == t.dataset().scaler.scale[1]);
  }
}

TEST_CASE("export tfjs: deterministic bytes") {
  Trainer a, b;
  train(a, small(CellKind::Lstm, 1));
  train(b, small(CellKind::Lstm, 1));
  const TfjsExport first = export_tfjs(a), again = export_tfjs(a), other = export_tfjs(b);
  CHECK(again.model_json == first.model_json);
  CHECK(again.weights_bin == first.weights_bin);
  CHECK(other.model_json == first.model_json);  // same seed, same training, same files
  CHECK(other.weights_bin == first.weights_bin);
}

TEST_CASE("export tfjs: refuses the GRU and an untrained model, with a message") {
  Trainer none;
  CHECK(export_tfjs(none).error.find("Train") != std::string::npos);
  Trainer t;
  train(t, small(CellKind::Gru, 1));
  const TfjsExport e = export_tfjs(t);
  CHECK(e.error.find("reset_after") != std::string::npos);
  CHECK(e.model_json.empty());
  CHECK(e.weights_bin.empty());
}
