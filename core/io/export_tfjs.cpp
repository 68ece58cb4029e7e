#include "export_tfjs.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "config_enums.h"
#include "version.h"

namespace lstm {
namespace {

// Keys in the order tfjs writes them, so the file reads like one tfjs saved.
using ojson = nlohmann::ordered_json;

// The layer configs as tfjs-layers 4.22 serialises them (snake_case keys, Keras' names), with
// the Keras 2 defaults the playground initialises with (inference ignores the initialisers).
ojson initializer(const char* cls) {
  if (std::strcmp(cls, "GlorotUniform") == 0)
    return {{"class_name", "VarianceScaling"},
            {"config", {{"scale", 1}, {"mode", "fan_avg"}, {"distribution", "uniform"}, {"seed", nullptr}}}};
  if (std::strcmp(cls, "Orthogonal") == 0)
    return {{"class_name", "Orthogonal"}, {"config", {{"gain", 1}, {"seed", nullptr}}}};
  return {{"class_name", "Zeros"}, {"config", ojson::object()}};
}

void add_common(ojson& c) {
  c["use_bias"] = true;
  c["kernel_initializer"] = initializer("GlorotUniform");
}

// One recurrent layer: tf.layers.lstm / tf.layers.simpleRNN.
ojson recurrent_layer(const ModelConfig& m, int l, const std::string& name, int look_back,
                      int n_features) {
  ojson c;
  c["name"] = name;
  c["trainable"] = true;
  if (l == 0) c["batch_input_shape"] = {nullptr, look_back, n_features};
  c["dtype"] = "float32";
  c["units"] = m.units[l];
  c["activation"] = enum_label(m.activation);  // "tanh" / "relu"
  if (m.cell == CellKind::Lstm) c["recurrent_activation"] = enum_label(m.recurrent_activation);
  add_common(c);
  c["recurrent_initializer"] = initializer("Orthogonal");
  c["bias_initializer"] = initializer("Zeros");
  if (m.cell == CellKind::Lstm) c["unit_forget_bias"] = true;
  for (const char* k : {"kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
                        "activity_regularizer", "kernel_constraint", "recurrent_constraint",
                        "bias_constraint"})
    c[k] = nullptr;
  c["dropout"] = 0;
  c["recurrent_dropout"] = 0;
  if (m.cell == CellKind::Lstm) c["implementation"] = 2;
  c["return_sequences"] = l + 1 < m.n_layers;  // the next layer reads the whole sequence
  c["return_state"] = false;
  c["go_backwards"] = false;
  c["stateful"] = false;
  c["unroll"] = false;
  return {{"class_name", enum_title(m.cell)}, {"config", std::move(c)}};
}

ojson dense_layer(int n_outputs) {
  ojson c;
  c["name"] = "dense";
  c["trainable"] = true;
  c["dtype"] = "float32";
  c["units"] = n_outputs;
  c["activation"] = "linear";
  add_common(c);
  c["bias_initializer"] = initializer("Zeros");
  for (const char* k : {"kernel_regularizer", "bias_regularizer", "activity_regularizer",
                        "kernel_constraint", "bias_constraint"})
    c[k] = nullptr;
  return {{"class_name", "Dense"}, {"config", std::move(c)}};
}

// What the graph cannot say: columns, window and scaling (see the header).
ojson metadata(const Trainer& t) {
  const Dataset& d = t.dataset();
  const Series& s = t.series();
  const ColumnPlan& plan = d.plan;
  const ColumnScaling in = column_scaling(d, s, plan.inputs), out = column_scaling(d, s, plan.targets);
  ojson m;
  m["version"] = version();
  m["cell"] = enum_label(t.config().model.cell);
  m["window_setup"] = enum_label(t.config().data.setup);
  m["input_columns"] = in.names;
  m["target_columns"] = out.names;
  m["look_back"] = d.windows.look_back;
  m["horizon"] = plan.horizon;
  m["output_order"] = "step-major: output k * len(target_columns) + j is target j at step k";
  // The model reads the series after these (core/data/transforms.h); undoing them is the caller's.
  m["transforms"] = {{"log", d.transform.log}, {"detrend", d.transform.detrend},
                     {"difference_lag", d.transform.lag}};
  m["scaling"] = enum_label(d.scaler.kind);
  m["scaling_rule"] =
      "model input = (x - input_offset) / input_scale per input column (x after any transforms); "
      "data units = output * output_scale + output_offset per target";
  m["input_offset"] = in.offset;
  m["input_scale"] = in.scale;
  m["output_offset"] = out.offset;
  m["output_scale"] = out.scale;
  return m;
}

void append_le(std::vector<uint8_t>& out, float v) {
  uint32_t u;
  std::memcpy(&u, &v, sizeof u);
  for (int b = 0; b < 4; ++b) out.push_back(uint8_t(u >> (8 * b)));
}

}  // namespace

TfjsExport export_tfjs(const Trainer& t) {
  TfjsExport out;
  if (!t.ready()) {
    out.error = "Train or Step once to export the model.";
    return out;
  }
  const ModelConfig& mc = t.config().model;
  if (mc.cell == CellKind::Gru) {
    out.error =
        "TensorFlow.js cannot load this GRU: the playground's GRU is Keras' reset_after=True "
        "(nn.GRU's maths) and tf.layers.gru only computes reset_after=False, a different model. "
        "Export the Keras script or the weights JSON instead, or train an LSTM or SimpleRNN.";
    return out;
  }
  const LstmModel<float>& m = t.model();
  const int L = t.dataset().windows.look_back, F = m.n_features();

  // Keras' automatic names: lstm, lstm_1, ...; the weights are "<layer>/<weight>".
  ojson layers = ojson::array(), specs = ojson::array();
  std::vector<int> tensor_ids;
  auto add_spec = [&](const std::string& name, int id, bool vector) {
    const ParamTensor& p = m.tensors()[id];
    specs.push_back({{"name", name},
                     {"shape", vector ? ojson{p.size()} : ojson{p.rows, p.cols}},
                     {"dtype", "float32"}});
    tensor_ids.push_back(id);
  };
  const std::string base = enum_label(mc.cell);  // "lstm", "simple_rnn"
  for (int l = 0; l < m.n_layers(); ++l) {
    const std::string name = l == 0 ? base : base + "_" + std::to_string(l);
    layers.push_back(recurrent_layer(mc, l, name, L, F));
    add_spec(name + "/kernel", m.kernel_id(l), false);
    add_spec(name + "/recurrent_kernel", m.recurrent_id(l), false);
    add_spec(name + "/bias", m.bias_id(l), true);  // (1, G u) in the model, (G u) in Keras
  }
  layers.push_back(dense_layer(m.n_outputs()));
  add_spec("dense/kernel", m.dense_kernel_id(), false);
  add_spec("dense/bias", m.dense_bias_id(), true);

  ojson doc;
  // "keras_version" / "backend": the values tfjs-layers 4.22 writes, whose format this is.
  doc["modelTopology"] = {{"class_name", "Sequential"},
                          {"config", {{"name", "sequential"}, {"layers", std::move(layers)}}},
                          {"keras_version", "tfjs-layers 4.22.0"},
                          {"backend", "tensor_flow.js"}};
  doc["format"] = "layers-model";
  doc["generatedBy"] = std::string("LSTM Playground ") + version();
  doc["convertedBy"] = nullptr;
  doc["weightsManifest"] = ojson::array({{{"paths", {kTfjsWeightsFile}}, {"weights", std::move(specs)}}});
  doc["userDefinedMetadata"] = {{"lstm_playground", metadata(t)}};
  out.model_json = doc.dump(1) + "\n";

  out.weights_bin.reserve(size_t(m.n_params()) * 4);
  for (int id : tensor_ids) {
    const ParamTensor& p = m.tensors()[id];
    for (int k = 0; k < p.size(); ++k) append_le(out.weights_bin, m.params()[p.offset + k]);
  }
  return out;
}

}  // namespace lstm
