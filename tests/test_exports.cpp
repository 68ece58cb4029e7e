// Exports: CSV shape and RFC 4180 quoting, and the Python scripts' content (the embedded weights
// read back bit for bit, the model structure per cell, the series tail, determinism). That the PyTorch
// script really forecasts what the C++ model does is checked by tests/cli/export_test.mjs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "data_fixtures.h"
#include "export_csv.h"
#include "export_scripts.h"
#include "trainer.h"
#include "weights_io.h"
#include "windows.h"

using namespace lstm;
using lstm_test::contains;

namespace {

// A second column name with a comma and quotes, for the CSV and Python quoting.
Series two_series(int n) { return lstm_test::two_sines(n, "rate, \"per\" day"); }

Config config(WindowSetup setup, std::vector<int> in, std::vector<int> out, int horizon,
              int layers, Activation act, RecurrentActivation rec) {
  Config c;
  c.data = data_config(setup, 6, in, out, horizon);
  c.model.n_layers = layers;
  c.model.units = {{5, 3, 4, 4}};
  c.model.activation = act;
  c.model.recurrent_activation = rec;
  c.train.epochs = 1;
  c.train.batch = 8;
  return c;
}

void train(Trainer& t, const Config& c, const Series& s) {
  REQUIRE(t.setup(c, s) == "");
  while (!t.progress().done) t.step({0.0, 0});
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

int count(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t p = text.find(part); p != std::string::npos; p = text.find(part, p + 1)) ++n;
  return n;
}

// The JSON between WEIGHTS = json.loads(r""" and """), imported into a model shaped like src:
// CHECKs the weights come back bit for bit.
void check_embedded_weights(const std::string& script, const LstmModel<float>& src,
                            WeightLayout want) {
  const std::string open = "WEIGHTS = json.loads(r\"\"\"";
  const size_t a = script.find(open);
  REQUIRE(a != std::string::npos);
  const size_t b = script.find("\"\"\"", a + open.size());
  REQUIRE(b != std::string::npos);
  LstmModel<float> m;
  m.configure(src.config(), src.n_features(), src.n_outputs());
  WeightLayout got{};
  REQUIRE(import_weights(m, script.substr(a + open.size(), b - a - open.size()), &got) == "");
  CHECK(got == want);
  CHECK(std::memcmp(m.params(), src.params(), sizeof(float) * src.n_params()) == 0);
}

}  // namespace

TEST_CASE("export csv: RFC 4180 quoting of names") {
  CHECK(csv_field("plain name") == "plain name");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(float_text(0.1f) == "0.1");
  CHECK(std::strtof(float_text(1.f / 3.f).c_str(), nullptr) == 1.f / 3.f);
}

TEST_CASE("export csv: forecast, one row per step from start_step") {
  const std::string csv = forecast_csv({1.5f, -2.f, 0.25f, 3.f}, 2, {"x", "y,z"}, 100);
  CHECK(csv == "step,x,\"y,z\"\n100,1.5,-2\n101,0.25,3\n");
  CHECK(forecast_csv({}, 1, {"x"}, 7) == "step,x\n");
}

TEST_CASE("export csv: predictions line up with the windows and the split") {
  const Series s = two_series(60);
  SUBCASE("parallel, two targets") {
    Trainer t;
    train(t, config(WindowSetup::Parallel, {0, 1}, {0, 1}, 1, 1, Activation::Tanh,
                    RecurrentActivation::Sigmoid), s);
    const std::vector<std::string> rows = lines(predictions_csv(t));
    REQUIRE(rows.size() == 61);
    CHECK(rows[0] ==
          "step,level,level predicted,\"rate, \"\"per\"\" day\",\"rate, \"\"per\"\" day predicted\",split");
    CHECK(rows[1] == "0," + float_text(s.columns[0][0]) + ",," + float_text(s.columns[1][0]) + ",,");
    const Windows& w = t.dataset().windows;
    const std::vector<float> pred = t.predict_windows(0, w.n);
    // Window 0 predicts row look_back; the last training window and the first validation one.
    for (int i : {0, w.split.n_train - 1, w.split.n_train, w.n - 1}) {
      CAPTURE(i);
      const int r = i + 6;
      CHECK(rows[r + 1] == std::to_string(r) + "," + float_text(s.columns[0][r]) + "," +
                               float_text(pred[i * 2]) + "," + float_text(s.columns[1][r]) + "," +
                               float_text(pred[i * 2 + 1]) +
                               (i < w.split.n_train ? ",train" : ",val"));
    }
  }
  SUBCASE("multi-step: the step-0 prediction; the last rows have none") {
    Trainer t;
    train(t, config(WindowSetup::MultiStep, {0}, {0}, 3, 1, Activation::Tanh,
                    RecurrentActivation::Sigmoid), s);
    const std::vector<std::string> rows = lines(predictions_csv(t));
    REQUIRE(rows.size() == 61);
    CHECK(rows[0] == "step,level,level predicted,split");
    CHECK(rows[60] == "59," + float_text(s.columns[0][59]) + ",,");  // rows 58, 59: step 1, 2 only
    CHECK(contains(rows[58], ",val"));
    CHECK(rows[58].find(",,") == std::string::npos);
  }
}

TEST_CASE("export scripts: weights, structure and series tail are embedded; deterministic") {
  const Series s = two_series(60);
  SUBCASE("tanh/sigmoid, 2 layers: nn.LSTM and a Keras LSTM stack") {
    Trainer t;
    train(t, config(WindowSetup::Univariate, {0}, {0}, 1, 2, Activation::Tanh,
                    RecurrentActivation::Sigmoid), s);
    const std::string py = export_pytorch_script(t, 12), keras = export_keras_script(t, 12);
    check_embedded_weights(py, t.model(), WeightLayout::PyTorch);
    check_embedded_weights(keras, t.model(), WeightLayout::Keras);
    CHECK(contains(py, "nn.LSTM(n_in, units, batch_first=True)"));
    CHECK_FALSE(contains(py, "HandLSTM"));
    CHECK(contains(py, "UNITS = [5, 3]"));
    CHECK(contains(py, "FORECAST_STEPS = 12"));
    CHECK(contains(py, "FEEDBACK = [0]"));
    CHECK(contains(py, "FIRST_STEP = 60"));
    // The last look_back rows, oldest first, as the shortest decimals of the floats.
    CHECK(contains(py, "    [" + float_text(s.columns[0][54]) + "],\n"));
    CHECK(contains(py, "    [" + float_text(s.columns[0][59]) + "],\n]"));
    const Scaler& sc = t.dataset().scaler;
    CHECK(sc.kind == Scaling::MinMax);
    CHECK(contains(py, "IN_SCALE = np.array(["));
    CHECK(count(keras, "tf.keras.layers.LSTM(") == 2);
    CHECK(count(keras, "return_sequences=True") == 1);
    CHECK(contains(keras, "LSTM(5, activation=\"tanh\", recurrent_activation=\"sigmoid\", return_sequences=True)"));
    CHECK(contains(keras, "tf.keras.layers.Dense(N_OUTPUTS)"));
    for (const std::string* script : {&py, &keras}) {
      CHECK(contains(*script, "FORECAST_JSON: "));
      CHECK(contains(*script, "def predict(window):"));
    }
    // Deterministic: the same call twice, and a second trainer holding the same weights. (Not
    // retrained: training repeats only up to the last bit when heap alignment differs.)
    CHECK(export_pytorch_script(t, 12) == py);
    Trainer u;
    REQUIRE(u.setup(t.config(), s) == "");
    std::memcpy(u.model().params(), t.model().params(), sizeof(float) * t.model().n_params());
    CHECK(export_pytorch_script(u, 12) == py);
    CHECK(export_keras_script(u, 12) == keras);
    CHECK(export_pytorch_script(u, 5) != py);
  }
  SUBCASE("relu/hard_sigmoid: a hand-written cell; Keras gets the 2.x hard_sigmoid") {
    Trainer t;
    train(t, config(WindowSetup::Parallel, {0, 1}, {0, 1}, 1, 1, Activation::Relu,
                    RecurrentActivation::HardSigmoid), s);
    const std::string py = export_pytorch_script(t, 4), keras = export_keras_script(t, 4);
    check_embedded_weights(py, t.model(), WeightLayout::PyTorch);
    check_embedded_weights(keras, t.model(), WeightLayout::Keras);
    CHECK(contains(py, "class HandLSTM(nn.Module)"));
    CHECK(contains(py, "ACTIVATION = torch.relu"));
    CHECK(contains(py, "RECURRENT_ACTIVATION = hard_sigmoid"));
    CHECK(contains(py, "torch.clamp(0.2 * x + 0.5, 0.0, 1.0)"));
    CHECK(contains(py, "FEEDBACK = [0, 1]"));
    // Names are Python string literals (JSON escapes are Python escapes).
    CHECK(contains(py, "INPUT_COLUMNS = [\"level\", \"rate, \\\"per\\\" day\"]"));
    CHECK(contains(keras, "tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)"));
    CHECK(contains(keras, "LSTM(5, activation=\"relu\", recurrent_activation=hard_sigmoid)"));
  }
  SUBCASE("GRU tanh/sigmoid, 2 layers: nn.GRU and Keras GRU(reset_after=True)") {
    Config c = config(WindowSetup::Univariate, {0}, {0}, 1, 2, Activation::Tanh,
                      RecurrentActivation::Sigmoid);
    c.model.cell = CellKind::Gru;
    Trainer t;
    train(t, c, s);
    const std::string py = export_pytorch_script(t, 6), keras = export_keras_script(t, 6);
    check_embedded_weights(py, t.model(), WeightLayout::PyTorch);
    check_embedded_weights(keras, t.model(), WeightLayout::Keras);
    CHECK(contains(py, "Model: GRU(5, 3) -> Dense, activation tanh, recurrent activation sigmoid"));
    CHECK(contains(py, "nn.GRU(n_in, units, batch_first=True)"));
    CHECK(contains(py, "self.gru = nn.ModuleList([gru_layer("));
    CHECK(contains(py, "state[\"gru.%d.%s_l0\" % (k, name)]"));
    CHECK(contains(py, "UNITS = [5, 3]  # GRU units per layer"));
    CHECK(count(keras, "tf.keras.layers.GRU(") == 2);
    CHECK(contains(keras, "GRU(5, activation=\"tanh\", recurrent_activation=\"sigmoid\", reset_after=True, return_sequences=True)"));
    CHECK(contains(keras, "GRU(3, activation=\"tanh\", recurrent_activation=\"sigmoid\", reset_after=True),"));
    CHECK(contains(keras, "bias (2, 3 units)"));
    for (const std::string* script : {&py, &keras}) {
      CHECK_FALSE(contains(*script, "LSTM("));
      CHECK_FALSE(contains(*script, "nn.LSTM"));
      CHECK_FALSE(contains(*script, "lstm_layer"));
      CHECK_FALSE(contains(*script, "HandLSTM"));
    }
    CHECK(export_keras_script(t, 6) == keras);
  }
  SUBCASE("GRU relu/hard_sigmoid: a hand-written GRU") {
    Config c = config(WindowSetup::Parallel, {0, 1}, {0, 1}, 1, 1, Activation::Relu,
                      RecurrentActivation::HardSigmoid);
    c.model.cell = CellKind::Gru;
    Trainer t;
    train(t, c, s);
    const std::string py = export_pytorch_script(t, 4), keras = export_keras_script(t, 4);
    check_embedded_weights(py, t.model(), WeightLayout::PyTorch);
    check_embedded_weights(keras, t.model(), WeightLayout::Keras);
    CHECK(contains(py, "class HandGRU(nn.Module)"));
    CHECK_FALSE(contains(py, "HandLSTM"));
    CHECK(contains(py, "ACTIVATION = torch.relu  # Keras GRU(activation=...)"));
    CHECK(contains(py, "RECURRENT_ACTIVATION = hard_sigmoid  # the gates r, z"));
    CHECK(contains(py, "n = ACTIVATION(an + r * qn)"));
    CHECK(contains(keras, "tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)"));
    CHECK(contains(keras, "GRU(5, activation=\"relu\", recurrent_activation=hard_sigmoid, reset_after=True)"));
  }
  SUBCASE("SimpleRNN relu: nn.RNN(nonlinearity) and Keras SimpleRNN, no recurrent activation") {
    Config c = config(WindowSetup::Univariate, {0}, {0}, 1, 2, Activation::Relu,
                      RecurrentActivation::HardSigmoid);
    c.model.cell = CellKind::SimpleRnn;
    Trainer t;
    train(t, c, s);
    const std::string py = export_pytorch_script(t, 3), keras = export_keras_script(t, 3);
    check_embedded_weights(py, t.model(), WeightLayout::PyTorch);
    check_embedded_weights(keras, t.model(), WeightLayout::Keras);
    CHECK(contains(py, "Model: SimpleRNN(5, 3) -> Dense, activation relu.\n"));
    CHECK(contains(py, "NONLINEARITY = \"relu\""));
    CHECK(contains(py, "nn.RNN(n_in, units, nonlinearity=NONLINEARITY, batch_first=True)"));
    CHECK(contains(py, "self.rnn = nn.ModuleList([rnn_layer("));
    CHECK(contains(keras, "tf.keras.layers.SimpleRNN(5, activation=\"relu\", return_sequences=True),"));
    CHECK(contains(keras, "tf.keras.layers.SimpleRNN(3, activation=\"relu\"),"));
    for (const std::string* script : {&py, &keras}) {
      CHECK_FALSE(contains(*script, "LSTM("));
      CHECK_FALSE(contains(*script, "def hard_sigmoid"));
      CHECK_FALSE(contains(*script, "recurrent_activation="));
      CHECK_FALSE(contains(*script, "RECURRENT_ACTIVATION"));
    }
  }
  SUBCASE("multivariate input: no recursive forecast") {
    Trainer t;
    train(t, config(WindowSetup::MultivariateIn, {0, 1}, {0}, 1, 1, Activation::Tanh,
                    RecurrentActivation::Sigmoid), s);
    CHECK(contains(export_pytorch_script(t, 10), "FEEDBACK = None"));
    CHECK(contains(export_keras_script(t, 10), "FEEDBACK = None"));
  }
}
