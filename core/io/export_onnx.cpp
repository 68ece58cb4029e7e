#include "export_onnx.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "config_enums.h"
#include "protobuf_writer.h"
#include "version.h"

namespace lstm {
namespace {

using pb::Writer;

// Field numbers of onnx.proto (onnx 1.12, proto2), per message.
namespace model_f { enum { ir_version = 1, producer_name = 2, producer_version = 3, doc_string = 6, graph = 7, opset_import = 8, metadata_props = 14 }; }
namespace opset_f { enum { domain = 1, version = 2 }; }
namespace entry_f { enum { key = 1, value = 2 }; }
namespace graph_f { enum { node = 1, name = 2, initializer = 5, doc_string = 10, input = 11, output = 12 }; }
namespace node_f { enum { input = 1, output = 2, name = 3, op_type = 4, attribute = 5 }; }
namespace attr_f { enum { name = 1, i = 3, ints = 8, strings = 9, type = 20 }; }
namespace tensor_f { enum { dims = 1, data_type = 2, float_data = 4, int64_data = 7, name = 8, double_data = 10 }; }
namespace value_f { enum { name = 1, type = 2 }; }
namespace type_f { enum { tensor_type = 1 }; }
namespace type_tensor_f { enum { elem_type = 1, shape = 2 }; }
namespace shape_f { enum { dim = 1 }; }
namespace dim_f { enum { dim_value = 1, dim_param = 2 }; }
enum AttrType { kAttrInt = 2, kAttrInts = 7, kAttrStrings = 8 };
enum DataType { kFloat = 1, kInt64 = 7, kDouble = 11 };

constexpr int kIrVersion = 8;  // ONNX 1.10+ ; opsets 14..16 belong to IR 8
constexpr int kOpset = 14;     // LSTM-14, GRU-14, RNN-14; Squeeze-13 takes its axes as an input

Writer tensor(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& v) {
  Writer t;
  t.packed_varints(tensor_f::dims, dims.data(), dims.size());
  t.varint(tensor_f::data_type, kFloat);
  t.packed_floats(tensor_f::float_data, v.data(), v.size());
  t.bytes(tensor_f::name, name);
  return t;
}

Writer tensor_f64(const std::string& name, const std::vector<double>& v) {
  Writer t;
  const int64_t n = int64_t(v.size());
  t.packed_varints(tensor_f::dims, &n, 1);
  t.varint(tensor_f::data_type, kDouble);
  t.packed_doubles(tensor_f::double_data, v.data(), v.size());
  t.bytes(tensor_f::name, name);
  return t;
}

Writer tensor_i64(const std::string& name, const std::vector<int64_t>& v) {
  Writer t;
  const int64_t n = int64_t(v.size());
  t.packed_varints(tensor_f::dims, &n, 1);
  t.varint(tensor_f::data_type, kInt64);
  t.packed_varints(tensor_f::int64_data, v.data(), v.size());
  t.bytes(tensor_f::name, name);
  return t;
}

Writer attr_int(const char* name, int64_t v) {
  Writer a;
  a.bytes(attr_f::name, name);
  a.varint(attr_f::i, v);
  a.varint(attr_f::type, kAttrInt);
  return a;
}

Writer attr_ints(const char* name, const std::vector<int64_t>& v) {
  Writer a;
  a.bytes(attr_f::name, name);
  for (int64_t x : v) a.varint(attr_f::ints, x);  // proto2 repeated int64: unpacked
  a.varint(attr_f::type, kAttrInts);
  return a;
}

Writer attr_strings(const char* name, const std::vector<std::string>& v) {
  Writer a;
  a.bytes(attr_f::name, name);
  for (const std::string& s : v) a.bytes(attr_f::strings, s);
  a.varint(attr_f::type, kAttrStrings);
  return a;
}

Writer node(const char* op, const std::string& name, const std::vector<std::string>& in,
            const std::vector<std::string>& out, const std::vector<Writer>& attrs = {}) {
  Writer n;
  for (const std::string& s : in) n.bytes(node_f::input, s);
  for (const std::string& s : out) n.bytes(node_f::output, s);  // "" = an optional output left out
  n.bytes(node_f::name, name);
  n.bytes(node_f::op_type, op);
  for (const Writer& a : attrs) n.message(node_f::attribute, a);
  return n;
}

// A float tensor's name and shape; a dimension < 0 is the symbolic "batch".
Writer value_info(const std::string& name, const std::vector<int64_t>& dims) {
  Writer shape;
  for (int64_t d : dims) {
    Writer dim;
    if (d < 0) dim.bytes(dim_f::dim_param, "batch");
    else dim.varint(dim_f::dim_value, d);
    shape.message(shape_f::dim, dim);
  }
  Writer tt;
  tt.varint(type_tensor_f::elem_type, kFloat);
  tt.message(type_tensor_f::shape, shape);
  Writer type;
  type.message(type_f::tensor_type, tt);
  Writer v;
  v.bytes(value_f::name, name);
  v.message(value_f::type, type);
  return v;
}

Writer entry(const char* key, const std::string& value) {
  Writer e;
  e.bytes(entry_f::key, key);
  e.bytes(entry_f::value, value);
  return e;
}

std::string onnx_activations(const ModelConfig& m, std::vector<std::string>* names) {
  std::string act, rec;
  switch (m.activation) {
    case Activation::Tanh: act = "Tanh"; break;
    case Activation::Relu: act = "Relu"; break;
    default: return "activation '" + std::string(enum_label(m.activation)) + "' has no ONNX equivalent";
  }
  switch (m.recurrent_activation) {
    case RecurrentActivation::Sigmoid: rec = "Sigmoid"; break;
    case RecurrentActivation::HardSigmoid: rec = "HardSigmoid"; break;  // defaults 0.2, 0.5
    default:
      if (m.cell != CellKind::SimpleRnn)  // SimpleRNN has no gates: the setting is unused
        return "recurrent activation '" + std::string(enum_label(m.recurrent_activation)) +
               "' has no ONNX equivalent";
  }
  switch (m.cell) {
    case CellKind::Lstm: *names = {rec, act, act}; break;  // f (gates), g (candidate), h (cell out)
    case CellKind::Gru: *names = {rec, act}; break;        // f (gates), g (candidate)
    case CellKind::SimpleRnn: *names = {act}; break;
    default: return "cell '" + std::string(enum_label(m.cell)) + "' has no ONNX operator";
  }
  return "";
}

// Keras gate block k of the model -> ONNX block position: LSTM i, f, c, o -> i, o, f, c.
std::vector<int> onnx_block_order(CellKind cell) {
  if (cell == CellKind::Lstm) return {0, 3, 1, 2};  // ONNX block b takes Keras block order[b]
  if (cell == CellKind::Gru) return {0, 1, 2};      // z, r, h in both
  return {0};
}

// Model tensor (rows, G u) in Keras layout -> ONNX (G u, rows), blocks in ONNX order.
std::vector<float> onnx_gates(const float* p, int rows, int u, const std::vector<int>& order) {
  const int G = int(order.size());
  std::vector<float> out(size_t(G) * u * rows);
  for (int b = 0; b < G; ++b)
    for (int j = 0; j < u; ++j)
      for (int r = 0; r < rows; ++r)
        out[(size_t(b) * u + j) * rows + r] = p[size_t(r) * G * u + order[b] * u + j];
  return out;
}

std::vector<float> onnx_gate_vector(const float* p, int u, const std::vector<int>& order) {
  std::vector<float> out;
  for (int k : order) out.insert(out.end(), p + k * u, p + (k + 1) * u);
  return out;
}

std::string json_list(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

// What a user applies to the series before the graph (and inverts after it), transforms.h:
// {"log", "detrend", "trend": {column: [a, b]}, "difference_lag"}; "none" without transforms.
std::string transforms_text(const Dataset& d, const Series& s) {
  const Transform& t = d.transform;
  if (t.identity()) return "none";
  nlohmann::json trend = nlohmann::json::object();
  if (t.detrend) {
    std::vector<int> cols = d.plan.inputs;
    cols.insert(cols.end(), d.plan.targets.begin(), d.plan.targets.end());
    for (int col : cols) trend[s.names[col]] = {t.trend_a[col], t.trend_b[col]};  // level ~ a + b * row
  }
  return nlohmann::json{{"log", t.log}, {"detrend", t.detrend}, {"trend", trend}, {"difference_lag", t.lag}}.dump();
}

struct GraphParts {
  std::vector<Writer> nodes, inits;
};

// One operator per layer from x_seq (L, B, F); returns the last hidden state's name, (B, u).
std::string add_recurrent_layers(const LstmModel<float>& m, const std::vector<std::string>& activations,
                                 GraphParts& g) {
  const CellKind cell = m.cell();
  const int G = m.gates(), NL = m.n_layers();
  const char* op = cell == CellKind::Lstm ? "LSTM" : cell == CellKind::Gru ? "GRU" : "RNN";
  const std::string prefix = enum_label(cell);  // lstm, gru, simple_rnn: the Keras layer names
  const std::vector<int> order = onnx_block_order(cell);
  g.inits.push_back(tensor_i64("axis_0", {0}));
  if (NL > 1) g.inits.push_back(tensor_i64("axis_1", {1}));
  std::string x = "x_seq";
  for (int l = 0; l < NL; ++l) {
    const int u = m.units(l), in = m.input_dim(l);
    const std::string name = prefix + "_" + std::to_string(l);
    const float* b = m.cparam(m.bias_id(l)).data();  // (R, G u)
    std::vector<float> bias = onnx_gate_vector(b, u, order);  // Wb
    if (cell == CellKind::Gru) {  // Rb: the recurrent bias row (reset_after)
      const std::vector<float> rb = onnx_gate_vector(b + G * u, u, order);
      bias.insert(bias.end(), rb.begin(), rb.end());
    } else {
      bias.resize(size_t(2) * G * u, 0.f);  // one bias: Rb = 0
    }
    g.inits.push_back(tensor(name + "/W", {1, G * u, in}, onnx_gates(m.cparam(m.kernel_id(l)).data(), in, u, order)));
    g.inits.push_back(tensor(name + "/R", {1, G * u, u}, onnx_gates(m.cparam(m.recurrent_id(l)).data(), u, u, order)));
    g.inits.push_back(tensor(name + "/B", {1, 2 * G * u}, bias));
    std::vector<Writer> attrs = {attr_int("hidden_size", u), attr_strings("activations", activations)};
    if (cell == CellKind::Gru) attrs.push_back(attr_int("linear_before_reset", 1));
    const bool last = l + 1 == NL;
    // Y (L, 1, B, u) feeds the next layer; the last layer's Y_h (1, B, u) feeds the head.
    g.nodes.push_back(node(op, name, {x, name + "/W", name + "/R", name + "/B"},
                           last ? std::vector<std::string>{"", name + "/Y_h"}
                                : std::vector<std::string>{name + "/Y"},
                           attrs));
    if (!last) {
      x = name + "/sequence";  // (L, B, u)
      g.nodes.push_back(node("Squeeze", name + "/squeeze", {name + "/Y", "axis_1"}, {x}));
    } else {
      x = "h_last";  // (B, u)
      g.nodes.push_back(node("Squeeze", name + "/squeeze", {name + "/Y_h", "axis_0"}, {x}));
    }
  }
  return x;
}

}  // namespace

std::string onnx_unsupported(const ModelConfig& model) {
  std::vector<std::string> names;
  return onnx_activations(model, &names);
}

std::string export_onnx(const Trainer& t, std::string* error) {
  error->clear();
  if (!t.ready()) {
    *error = "Train or Step once: there is no model to export yet.";
    return "";
  }
  const LstmModel<float>& m = t.model();
  const ModelConfig& mc = m.config();
  std::vector<std::string> activations;
  const std::string why = onnx_activations(mc, &activations);
  if (!why.empty()) {
    *error = "Cannot export ONNX: " + why + ".";
    return "";
  }
  const Dataset& d = t.dataset();
  const Series& s = t.series();
  const ColumnPlan& plan = d.plan;
  const int L = d.windows.look_back, F = plan.n_features(), O = m.n_outputs();
  const int J = int(plan.targets.size()), NL = m.n_layers();

  // Scaler parameters per used column; the outputs' are tiled over the horizon (step-major).
  const ColumnScaling in = column_scaling(d, s, plan.inputs), out = column_scaling(d, s, plan.targets);
  std::vector<double> out_off(static_cast<size_t>(O)), out_scale(static_cast<size_t>(O));
  for (int k = 0; k < plan.horizon; ++k)
    for (int j = 0; j < J; ++j) {
      out_off[size_t(k) * J + j] = out.offset[size_t(j)];
      out_scale[size_t(k) * J + j] = out.scale[size_t(j)];
    }

  GraphParts g;
  std::vector<Writer>& nodes = g.nodes;
  std::vector<Writer>& inits = g.inits;
  // The scaler in double precision, as Scaler::forward / unscale_outputs compute it.
  inits.push_back(tensor_f64("in_offset", in.offset));
  inits.push_back(tensor_f64("in_scale", in.scale));
  nodes.push_back(node("Cast", "window_to_double", {"window"}, {"window_f64"}, {attr_int("to", kDouble)}));
  nodes.push_back(node("Sub", "scale_sub", {"window_f64", "in_offset"}, {"window_centered"}));
  nodes.push_back(node("Div", "scale_div", {"window_centered", "in_scale"}, {"x_scaled_f64"}));
  nodes.push_back(node("Cast", "scaled_to_float", {"x_scaled_f64"}, {"x_scaled"}, {attr_int("to", kFloat)}));  // (B, L, F)
  nodes.push_back(node("Transpose", "to_sequence_first", {"x_scaled"}, {"x_seq"},
                       {attr_ints("perm", {1, 0, 2})}));  // (L, B, F)
  const std::string h_last = add_recurrent_layers(m, activations, g);  // (B, u_last)
  const int u_last = m.units(NL - 1);
  const float* dense_kernel = m.cparam(m.dense_kernel_id()).data();  // (u_last, O)
  const float* dense_bias = m.cparam(m.dense_bias_id()).data();      // (O)
  inits.push_back(tensor("dense/kernel", {u_last, O}, {dense_kernel, dense_kernel + size_t(u_last) * O}));
  inits.push_back(tensor("dense/bias", {O}, {dense_bias, dense_bias + O}));
  nodes.push_back(node("Gemm", "dense", {h_last, "dense/kernel", "dense/bias"}, {"y_scaled"}));  // (B, O)
  inits.push_back(tensor_f64("out_scale", out_scale));
  inits.push_back(tensor_f64("out_offset", out_off));
  nodes.push_back(node("Cast", "output_to_double", {"y_scaled"}, {"y_scaled_f64"}, {attr_int("to", kDouble)}));
  nodes.push_back(node("Mul", "unscale_mul", {"y_scaled_f64", "out_scale"}, {"y_times_scale"}));
  nodes.push_back(node("Add", "unscale_add", {"y_times_scale", "out_offset"}, {"prediction_f64"}));
  nodes.push_back(node("Cast", "prediction_to_float", {"prediction_f64"}, {"prediction"}, {attr_int("to", kFloat)}));

  Writer graph;
  for (const Writer& n : nodes) graph.message(graph_f::node, n);
  graph.bytes(graph_f::name, "lstm_playground");
  for (const Writer& i : inits) graph.message(graph_f::initializer, i);
  graph.bytes(graph_f::doc_string,
          "input window (batch, look_back, F) in data units (the series after the transforms in "
          "the metadata 'transforms', if any); output prediction (batch, horizon * J) in the same "
          "units, step-major, not inverted through the transforms. "
          "Scaling (" + std::string(enum_label(d.scaler.kind)) + ", fitted on the training rows) is "
          "done by the graph's Sub/Div and Mul/Add in double precision.");
  graph.message(graph_f::input, value_info("window", {-1, L, F}));
  graph.message(graph_f::output, value_info("prediction", {-1, O}));

  Writer model;
  model.varint(model_f::ir_version, kIrVersion);
  model.bytes(model_f::producer_name, "LSTM Playground");
  model.bytes(model_f::producer_version, version());
  model.bytes(model_f::doc_string, std::string(enum_title(mc.cell)) + " forecaster exported by LSTM Playground");
  model.message(model_f::graph, graph);
  Writer opset;
  opset.bytes(opset_f::domain, "");
  opset.varint(opset_f::version, kOpset);
  model.message(model_f::opset_import, opset);
  model.message(model_f::metadata_props, entry("input_columns", json_list(in.names)));
  model.message(model_f::metadata_props, entry("target_columns", json_list(out.names)));
  model.message(model_f::metadata_props, entry("look_back", std::to_string(L)));
  model.message(model_f::metadata_props, entry("horizon", std::to_string(plan.horizon)));
  model.message(model_f::metadata_props, entry("scaling", enum_label(d.scaler.kind)));
  model.message(model_f::metadata_props, entry("transforms", transforms_text(d, s)));
  return model.data();
}

}  // namespace lstm
