#include "weights_io.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

#include "config_enums.h"

namespace lstm {

using nlohmann::json;

namespace {

// Shortest decimal that reads back as the same float, so exports stay compact ("0.1", not
// "0.10000000149011612").
double json_number(float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
    const double d = std::strtod(buf, nullptr);
    if (float(d) == v) return d;
  }
  return double(v);
}
double json_number(double v) { return v; }

// (rows, cols) row-major buffer -> nested array; transposed -> (cols, rows).
template <typename S>
json matrix(const S* p, int rows, int cols, bool transpose) {
  json m = json::array();
  const int R = transpose ? cols : rows, C = transpose ? rows : cols;
  for (int r = 0; r < R; ++r) {
    json row = json::array();
    for (int c = 0; c < C; ++c)
      row.push_back(json_number(transpose ? p[size_t(c) * cols + r] : p[size_t(r) * cols + c]));
    m.push_back(std::move(row));
  }
  return m;
}

template <typename S>
json vector(const S* p, int n) {
  json v = json::array();
  for (int k = 0; k < n; ++k) v.push_back(json_number(p[k]));
  return v;
}

std::string shape_str(const std::vector<int>& s) {
  std::string out = "(";
  for (size_t k = 0; k < s.size(); ++k) out += (k ? ", " : "") + std::to_string(s[k]);
  return out + (s.size() == 1 ? ",)" : ")");
}

// Reads an array of the expected shape (1-D {n} or 2-D {rows, cols}) into out, row-major.
std::string read_array(const json* node, const std::string& key, const std::vector<int>& shape,
                       std::vector<double>& out) {
  if (!node) return "missing '" + key + "'";
  if (!node->is_array()) return "'" + key + "' is not an array";
  std::vector<int> got{int(node->size())};
  if (shape.size() == 2 && !node->empty() && (*node)[0].is_array())
    got.push_back(int((*node)[0].size()));
  if (got != shape)
    return "'" + key + "' has shape " + shape_str(got) + " but the model needs " +
           shape_str(shape) + ": do the layers, units, features and outputs match?";
  out.clear();
  auto take = [&](const json& v) -> bool {
    if (!v.is_number()) return false;
    const double d = v.get<double>();
    if (!std::isfinite(d)) return false;
    out.push_back(d);
    return true;
  };
  for (const json& row : *node) {
    if (shape.size() == 1) {
      if (!take(row)) return "'" + key + "' entry " + std::to_string(out.size()) +
                             " is not a finite number";
      continue;
    }
    if (!row.is_array() || int(row.size()) != shape[1])
      return "'" + key + "' is not a rectangular " + shape_str(shape) + " array";
    for (const json& v : row)
      if (!take(v)) return "'" + key + "' entry " + std::to_string(out.size()) +
                           " (row-major) is not a finite number";
  }
  return "";
}

const json* find(const json& doc, const std::string& key) {
  auto it = doc.find(key);
  return it == doc.end() ? nullptr : &*it;
}

// PyTorch keys, bare or with a module's state_dict prefix ("lstm.", "gru.", "rnn.").
const json* find_torch(const json& doc, const std::string& key) {
  for (const char* prefix : {"", "lstm.", "gru.", "rnn."})
    if (const json* n = find(doc, prefix + key)) return n;
  return nullptr;
}

// nn.GRU orders its gate blocks r, z, n where Keras (and the model) has z, r, h; nn.LSTM and
// nn.RNN agree with Keras. torch_block(cell, k) = PyTorch's block of the model's block k.
int torch_block(CellKind cell, int k) {
  constexpr int kGru[] = {1, 0, 2};
  return cell == CellKind::Gru ? kGru[k] : k;
}

// Model tensor (rows, G u) <-> PyTorch (G u, rows) with the blocks reordered.
template <typename S>
json torch_gates(const S* p, int rows, int u, CellKind cell) {
  const int G = gate_blocks(cell);
  json m = json::array();
  for (int tb = 0; tb < G; ++tb) {
    int kb = 0;
    while (torch_block(cell, kb) != tb) ++kb;
    for (int j = 0; j < u; ++j) {
      json row = json::array();
      for (int r = 0; r < rows; ++r) row.push_back(json_number(p[size_t(r) * G * u + kb * u + j]));
      m.push_back(std::move(row));
    }
  }
  return m;
}
template <typename S>
json torch_gate_vector(const S* p, int u, CellKind cell) {
  json v = json::array();
  for (int tb = 0; tb < gate_blocks(cell); ++tb) {
    int kb = 0;
    while (torch_block(cell, kb) != tb) ++kb;
    for (int j = 0; j < u; ++j) v.push_back(json_number(p[kb * u + j]));
  }
  return v;
}

std::string detect(const json& doc, WeightLayout& layout) {
  if (!doc.is_object()) return "not a weights file: expected a JSON object";
  const bool keras = doc.contains("layers") || doc.contains("dense_kernel");
  const bool torch = find_torch(doc, "weight_ih_l0") || doc.contains("head.weight");
  if (keras == torch)
    return keras ? "weights file mixes Keras ('layers') and PyTorch ('weight_ih_l0') keys"
                 : "not a weights file: expected 'layers' and 'dense_kernel' (Keras layout) or "
                   "'weight_ih_l0' and 'head.weight' (PyTorch layout)";
  layout = keras ? WeightLayout::Keras : WeightLayout::PyTorch;
  if (const json* l = find(doc, "layout")) {
    if (!l->is_string() || l->get<std::string>() != layout_name(layout))
      return std::string("weights file says \"layout\": ") + l->dump() + " but its keys are " +
             layout_name(layout) + " keys";
  }
  return "";
}

}  // namespace

const char* layout_name(WeightLayout layout) {
  return layout == WeightLayout::Keras ? "keras" : "pytorch";
}

template <typename S>
json weights_to_json(const LstmModel<S>& m, WeightLayout layout) {
  json cfg = {{"n_layers", m.n_layers()},
              {"units", json::array()},
              {"n_features", m.n_features()},
              {"n_outputs", m.n_outputs()},
              {"activation", enum_label(m.config().activation)},
              {"recurrent_activation", enum_label(m.config().recurrent_activation)},
              {"cell", enum_label(m.cell())}};
  for (int l = 0; l < m.n_layers(); ++l) cfg["units"].push_back(m.units(l));
  json doc = {{"layout", layout_name(layout)}, {"config", cfg}};
  auto ptr = [&](int id) { return m.params() + m.tensors()[id].offset; };
  const int L = m.n_layers(), O = m.n_outputs(), uL = m.units(L - 1), G = m.gates();
  const CellKind cell = m.cell();
  if (layout == WeightLayout::Keras) {
    json layers = json::array();
    for (int l = 0; l < L; ++l) {
      const int u = m.units(l);
      // Keras' GRU bias is (2, 3u); the others' a vector.
      json bias = cell == CellKind::Gru ? matrix(ptr(m.bias_id(l)), 2, G * u, false)
                                        : vector(ptr(m.bias_id(l)), G * u);
      layers.push_back({{"kernel", matrix(ptr(m.kernel_id(l)), m.input_dim(l), G * u, false)},
                        {"recurrent_kernel", matrix(ptr(m.recurrent_id(l)), u, G * u, false)},
                        {"bias", std::move(bias)}});
    }
    doc["layers"] = std::move(layers);
    doc["dense_kernel"] = matrix(ptr(m.dense_kernel_id()), uL, O, false);
    doc["dense_bias"] = vector(ptr(m.dense_bias_id()), O);
  } else {
    for (int l = 0; l < L; ++l) {
      const int u = m.units(l);
      const std::string k = std::to_string(l);
      doc["weight_ih_l" + k] = torch_gates(ptr(m.kernel_id(l)), m.input_dim(l), u, cell);
      doc["weight_hh_l" + k] = torch_gates(ptr(m.recurrent_id(l)), u, u, cell);
      doc["bias_ih_l" + k] = torch_gate_vector(ptr(m.bias_id(l)), u, cell);
      // GRU: its recurrent bias is a parameter of its own (reset_after); else one bias, all in ih.
      doc["bias_hh_l" + k] = cell == CellKind::Gru ? torch_gate_vector(ptr(m.bias_id(l)) + G * u, u, cell)
                                                   : json(std::vector<double>(size_t(G * u), 0.0));
    }
    doc["head.weight"] = matrix(ptr(m.dense_kernel_id()), uL, O, true);
    doc["head.bias"] = vector(ptr(m.dense_bias_id()), O);
  }
  return doc;
}

template <typename S>
std::string export_weights(const LstmModel<S>& m, WeightLayout layout, int indent) {
  return weights_to_json(m, layout).dump(indent);
}

template <typename S>
std::string import_weights_json(LstmModel<S>& m, const json& doc, WeightLayout* detected) {
  WeightLayout layout{};
  std::string err = detect(doc, layout);
  if (!err.empty()) return err;
  if (detected) *detected = layout;
  const int L = m.n_layers(), O = m.n_outputs(), uL = m.units(L - 1), G = m.gates();
  const CellKind cell = m.cell();
  if (const json* c = find(doc, "config"); c && c->is_object()) {
    CellKind file_cell = CellKind::Lstm;  // files from before the cell field hold LSTMs
    if (const json* fc = find(*c, "cell"))
      if (!fc->is_string() || !parse_enum(fc->get<std::string>(), &file_cell))
        return "weights file: cell " + fc->dump() + " is not supported (" +
               join_labels(enum_labels<CellKind>(), " or ") + ")";
    if (file_cell != cell)
      return std::string("weights file holds a ") + enum_labels<CellKind>().titles[int(file_cell)] +
             " but the model is a " + enum_labels<CellKind>().titles[int(cell)] + ": choose that cell first";
  }
  std::vector<S> p(size_t(m.n_params()));
  auto dst = [&](int id) { return p.data() + m.tensors()[id].offset; };
  std::vector<double> a, b;
  // File array (rows, cols) -> model tensor, transposing for the PyTorch layout.
  auto put = [&](S* out, const std::vector<double>& v, int rows, int cols, bool transpose) {
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        out[size_t(r) * cols + c] = S(transpose ? v[size_t(c) * rows + r] : v[size_t(r) * cols + c]);
  };
  // PyTorch (G u, rows) -> model (rows, G u), gate blocks reordered.
  auto put_gates = [&](S* out, const std::vector<double>& v, int rows, int u) {
    for (int kb = 0; kb < G; ++kb)
      for (int j = 0; j < u; ++j)
        for (int r = 0; r < rows; ++r)
          out[size_t(r) * G * u + kb * u + j] = S(v[(size_t(torch_block(cell, kb)) * u + j) * rows + r]);
  };
  const std::string prefix = "weights file (" + std::string(layout_name(layout)) + " layout): ";
  const std::string layer_word = std::string(enum_labels<CellKind>().titles[int(cell)]) + " layers";
#define LSTM_TRY(expr)                       \
  do {                                       \
    err = (expr);                            \
    if (!err.empty()) return prefix + err;   \
  } while (0)

  if (layout == WeightLayout::Keras) {
    const json* layers = find(doc, "layers");
    if (!layers || !layers->is_array()) return prefix + "missing the 'layers' array";
    if (int(layers->size()) != L)
      return prefix + "the file has " + std::to_string(layers->size()) + " " + layer_word +
             " but the model has " + std::to_string(L);
    for (int l = 0; l < L; ++l) {
      const json& lay = (*layers)[size_t(l)];
      if (!lay.is_object()) return prefix + "layers[" + std::to_string(l) + "] is not an object";
      const int u = m.units(l), in = m.input_dim(l);
      const std::string n = "layers[" + std::to_string(l) + "].";
      LSTM_TRY(read_array(find(lay, "kernel"), n + "kernel", {in, G * u}, a));
      put(dst(m.kernel_id(l)), a, in, G * u, false);
      LSTM_TRY(read_array(find(lay, "recurrent_kernel"), n + "recurrent_kernel", {u, G * u}, a));
      put(dst(m.recurrent_id(l)), a, u, G * u, false);
      const int R = bias_rows(cell);
      LSTM_TRY(read_array(find(lay, "bias"), n + "bias", R == 1 ? std::vector<int>{G * u} : std::vector<int>{R, G * u}, a));
      put(dst(m.bias_id(l)), a, R, G * u, false);
    }
    LSTM_TRY(read_array(find(doc, "dense_kernel"), "dense_kernel", {uL, O}, a));
    put(dst(m.dense_kernel_id()), a, uL, O, false);
    LSTM_TRY(read_array(find(doc, "dense_bias"), "dense_bias", {O}, a));
    put(dst(m.dense_bias_id()), a, 1, O, false);
  } else {
    if (find_torch(doc, "weight_ih_l" + std::to_string(L)))
      return prefix + "the file has more than the model's " + std::to_string(L) + " " + layer_word;
    for (int l = 0; l < L; ++l) {
      const int u = m.units(l), in = m.input_dim(l);
      const std::string k = std::to_string(l);
      LSTM_TRY(read_array(find_torch(doc, "weight_ih_l" + k), "weight_ih_l" + k, {G * u, in}, a));
      put_gates(dst(m.kernel_id(l)), a, in, u);
      LSTM_TRY(read_array(find_torch(doc, "weight_hh_l" + k), "weight_hh_l" + k, {G * u, u}, a));
      put_gates(dst(m.recurrent_id(l)), a, u, u);
      LSTM_TRY(read_array(find_torch(doc, "bias_ih_l" + k), "bias_ih_l" + k, {G * u}, a));
      LSTM_TRY(read_array(find_torch(doc, "bias_hh_l" + k), "bias_hh_l" + k, {G * u}, b));
      S* bias = dst(m.bias_id(l));
      for (int kb = 0; kb < G; ++kb)
        for (int j = 0; j < u; ++j) {
          const size_t t = size_t(torch_block(cell, kb)) * u + j;
          if (cell == CellKind::Gru)  // two biases: input row 0, recurrent row 1
            bias[kb * u + j] = S(a[t]), bias[G * u + kb * u + j] = S(b[t]);
          else
            bias[kb * u + j] = S(a[t] + b[t]);
        }
    }
    LSTM_TRY(read_array(find(doc, "head.weight"), "head.weight", {O, uL}, a));
    put(dst(m.dense_kernel_id()), a, uL, O, true);
    LSTM_TRY(read_array(find(doc, "head.bias"), "head.bias", {O}, a));
    put(dst(m.dense_bias_id()), a, 1, O, false);
  }
#undef LSTM_TRY
  for (const S v : p)
    if (!std::isfinite(v)) return prefix + "a value overflows the model's number type";
  std::copy(p.begin(), p.end(), m.params());
  return "";
}

template <typename S>
std::string import_weights(LstmModel<S>& m, const std::string& text, WeightLayout* detected) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    return "weights file is not valid JSON (NaN or Infinity are not JSON: check the exporter)";
  return import_weights_json(m, doc, detected);
}

std::string weights_shape(const json& doc, ModelConfig& cfg, int& n_features, int& n_outputs) {
  WeightLayout layout{};
  std::string err = detect(doc, layout);
  if (!err.empty()) return err;
  auto dims = [](const json* n, int d) -> int {  // size of axis d, -1 if absent
    if (!n || !n->is_array()) return -1;
    if (d == 0) return int(n->size());
    return !n->empty() && (*n)[0].is_array() ? int((*n)[0].size()) : -1;
  };
  ModelConfig out = cfg;
  int F = -1, O = -1, L = 0;
  if (layout == WeightLayout::Keras) {
    const json* layers = find(doc, "layers");
    if (!layers || !layers->is_array()) return "weights file: missing the 'layers' array";
    L = int(layers->size());
    if (L < 1 || L > kMaxLayers)
      return "weights file has " + std::to_string(L) + " recurrent layers; 1 to " +
             std::to_string(kMaxLayers) + " are supported";
    for (int l = 0; l < L; ++l) {
      const json& lay = (*layers)[size_t(l)];
      out.units[l] = lay.is_object() ? dims(find(lay, "recurrent_kernel"), 0) : -1;
      if (l == 0 && lay.is_object()) F = dims(find(lay, "kernel"), 0);
    }
    O = dims(find(doc, "dense_kernel"), 1);
  } else {
    while (L <= kMaxLayers && find_torch(doc, "weight_hh_l" + std::to_string(L))) ++L;
    if (L < 1 || L > kMaxLayers)
      return "weights file has " + std::to_string(L) + " recurrent layers; 1 to " +
             std::to_string(kMaxLayers) + " are supported";
    for (int l = 0; l < L; ++l)
      out.units[l] = dims(find_torch(doc, "weight_hh_l" + std::to_string(l)), 1);
    F = dims(find_torch(doc, "weight_ih_l0"), 1);
    O = dims(find(doc, "head.weight"), 0);
  }
  for (int l = 0; l < L; ++l)
    if (out.units[l] < 1) return "weights file: cannot read the units of recurrent layer " + std::to_string(l);
  if (F < 1 || O < 1) return "weights file: cannot read the input features or the outputs";
  out.n_layers = L;
  if (const json* c = find(doc, "config"); c && c->is_object()) {
    if (const json* a = find(*c, "activation"))
      if (!a->is_string() || !parse_enum(a->get<std::string>(), &out.activation))
        return "weights file: activation " + a->dump() + " is not supported (" +
               join_labels(enum_labels<Activation>(), " or ") + ")";
    if (const json* k = find(*c, "cell"))
      if (!k->is_string() || !parse_enum(k->get<std::string>(), &out.cell))
        return "weights file: cell " + k->dump() + " is not supported (" +
               join_labels(enum_labels<CellKind>(), " or ") + ")";
    if (const json* r = find(*c, "recurrent_activation"))
      if (!r->is_string() || !parse_enum(r->get<std::string>(), &out.recurrent_activation))
        return "weights file: recurrent_activation " + r->dump() + " is not supported (" +
               join_labels(enum_labels<RecurrentActivation>(), " or ") + ")";
  }
  cfg = out;
  n_features = F;
  n_outputs = O;
  return "";
}

template json weights_to_json<float>(const LstmModel<float>&, WeightLayout);
template json weights_to_json<double>(const LstmModel<double>&, WeightLayout);
template std::string export_weights<float>(const LstmModel<float>&, WeightLayout, int);
template std::string export_weights<double>(const LstmModel<double>&, WeightLayout, int);
template std::string import_weights_json<float>(LstmModel<float>&, const json&, WeightLayout*);
template std::string import_weights_json<double>(LstmModel<double>&, const json&, WeightLayout*);
template std::string import_weights<float>(LstmModel<float>&, const std::string&, WeightLayout*);
template std::string import_weights<double>(LstmModel<double>&, const std::string&, WeightLayout*);

}  // namespace lstm
