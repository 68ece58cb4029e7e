// ONNX export: the protobuf writer's bytes against hand-encoded ones (protobuf.dev "Encoding"
// examples), the file's structure read back with a minimal wire-format reader (IR, opset,
// operators, gate order of the initializers), determinism, and what export refuses. That
// onnxruntime predicts what the C++ model does is checked by tests/cli/onnx_test.mjs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "export_onnx.h"
#include "protobuf_writer.h"
#include "trainer.h"
#include "windows.h"

using namespace lstm;

namespace {

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// One decoded record: varint fields keep their value, length-delimited ones their bytes.
struct Field {
  int number = 0, wire = 0;
  uint64_t value = 0;
  std::string bytes;
};

uint64_t read_varint(const std::string& s, size_t& p) {
  uint64_t v = 0;
  for (int shift = 0; p < s.size(); shift += 7) {
    const uint8_t b = uint8_t(s[p++]);
    v |= uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  FAIL("truncated varint");
  return 0;
}

std::vector<Field> parse(const std::string& s) {
  std::vector<Field> out;
  for (size_t p = 0; p < s.size();) {
    Field f;
    const uint64_t tag = read_varint(s, p);
    f.number = int(tag >> 3);
    f.wire = int(tag & 7);
    if (f.wire == 0) {
      f.value = read_varint(s, p);
    } else if (f.wire == 2) {
      const size_t n = size_t(read_varint(s, p));
      REQUIRE(p + n <= s.size());
      f.bytes = s.substr(p, n);
      p += n;
    } else if (f.wire == 5) {
      REQUIRE(p + 4 <= s.size());
      f.bytes = s.substr(p, 4);
      p += 4;
    } else {
      FAIL("unexpected wire type " << f.wire);
    }
    out.push_back(f);
  }
  return out;
}

std::vector<Field> fields(const std::vector<Field>& msg, int number) {
  std::vector<Field> out;
  for (const Field& f : msg)
    if (f.number == number) out.push_back(f);
  return out;
}

std::string text(const std::vector<Field>& msg, int number) {
  const std::vector<Field> f = fields(msg, number);
  return f.empty() ? std::string() : f[0].bytes;
}

// TensorProto: name (8) -> float_data (4, packed) or double_data (10, packed), as T.
template <typename T>
std::map<std::string, std::vector<T>> initializers(const std::vector<Field>& graph) {
  std::map<std::string, std::vector<T>> out;
  for (const Field& init : fields(graph, 5)) {
    const std::vector<Field> t = parse(init.bytes);
    const std::string data = text(t, sizeof(T) == 4 ? 4 : 10);
    if (data.empty()) continue;
    std::vector<T> v(data.size() / sizeof(T));
    std::memcpy(v.data(), data.data(), data.size());  // little-endian host (x86, wasm)
    out[text(t, 8)] = v;
  }
  return out;
}

Series sine(int n) {
  Series s;
  std::vector<float> a(n), b(n);
  for (int t = 0; t < n; ++t) {
    a[t] = float(10.0 + 5.0 * std::sin(t / 6.0));
    b[t] = float(std::cos(t / 5.0));
  }
  s.add("level", a);
  s.add("rate", b);
  return s;
}

Config small_config(CellKind cell, int layers) {
  Config c;
  c.data = data_config(WindowSetup::Parallel, 6, {0, 1}, {0, 1});
  c.model.cell = cell;
  c.model.n_layers = layers;
  c.model.units = {{5, 3, 4, 4}};
  c.train.epochs = 1;
  c.train.batch = 8;
  return c;
}

void train(Trainer& t, const Config& c) {
  REQUIRE(t.setup(c, sine(60)) == "");
  while (!t.progress().done) t.step({0.0, 0});
}

}  // namespace

TEST_CASE("protobuf writer: wire-format bytes") {
  using pb::Writer;
  SUBCASE("varint field 1 = 150 (the protobuf docs' example)") {
    Writer w;
    w.varint(1, 150);
    CHECK(hex(w.data()) == "08 96 01");
  }
  SUBCASE("negative int64: ten bytes, two's complement") {
    Writer w;
    w.varint(1, -1);
    CHECK(hex(w.data()) == "08 ff ff ff ff ff ff ff ff ff 01");
  }
  SUBCASE("a field number past 15 takes a two-byte tag") {
    Writer w;
    w.varint(20, 2);  // AttributeProto.type = INT
    CHECK(hex(w.data()) == "a0 01 02");
  }
  SUBCASE("string field 2 = \"testing\"") {
    Writer w;
    w.bytes(2, "testing");
    CHECK(hex(w.data()) == "12 07 74 65 73 74 69 6e 67");
  }
  SUBCASE("fixed32 float, little-endian") {
    Writer w;
    w.fixed32(2, 1.0f);
    CHECK(hex(w.data()) == "15 00 00 80 3f");
  }
  SUBCASE("packed varints field 4 = [3, 270, 86942] (the protobuf docs' example)") {
    Writer w;
    const int64_t v[] = {3, 270, 86942};
    w.packed_varints(4, v, 3);
    CHECK(hex(w.data()) == "22 06 03 8e 02 9e a7 05");
  }
  SUBCASE("packed floats: 4 bytes each behind one length") {
    Writer w;
    const float v[] = {1.0f, -2.0f};
    w.packed_floats(4, v, 2);
    CHECK(hex(w.data()) == "22 08 00 00 80 3f 00 00 00 c0");
    Writer empty;
    empty.packed_floats(4, nullptr, 0);
    CHECK(hex(empty.data()) == "22 00");
  }
  SUBCASE("packed doubles: 8 bytes each") {
    Writer w;
    const double v[] = {1.0, -0.5};
    w.packed_doubles(10, v, 2);  // TensorProto.double_data
    CHECK(hex(w.data()) == "52 10 00 00 00 00 00 00 f0 3f 00 00 00 00 00 00 e0 bf");
  }
  SUBCASE("a nested message is its bytes behind a length") {
    Writer inner, outer;
    inner.varint(1, 150);
    outer.message(3, inner);
    CHECK(hex(outer.data()) == "1a 03 08 96 01");
  }
}

TEST_CASE("export onnx: IR 8, opset 14, one operator per layer, gate blocks in ONNX order") {
  struct Case { CellKind cell; const char* op; int gates; std::vector<int> order; };
  // ONNX block b holds the model's (Keras) block order[b]: LSTM i, f, c, o -> i, o, f, c.
  for (const Case& c : {Case{CellKind::Lstm, "LSTM", 4, {0, 3, 1, 2}}, Case{CellKind::Gru, "GRU", 3, {0, 1, 2}},
                        Case{CellKind::SimpleRnn, "RNN", 1, {0}}}) {
    CAPTURE(c.op);
    Trainer t;
    train(t, small_config(c.cell, 2));
    std::string err;
    const std::string bytes = export_onnx(t, &err);
    REQUIRE(err == "");
    const std::vector<Field> model = parse(bytes);
    REQUIRE(fields(model, 1).size() == 1);
    CHECK(fields(model, 1)[0].value == 8);                                 // ir_version
    CHECK(fields(parse(text(model, 8)), 2)[0].value == 14);               // opset_import.version
    const std::vector<Field> graph = parse(text(model, 7));
    std::vector<std::string> ops;
    for (const Field& n : fields(graph, 1)) ops.push_back(text(parse(n.bytes), 4));
    CHECK(std::count(ops.begin(), ops.end(), std::string(c.op)) == 2);
    CHECK(std::count(ops.begin(), ops.end(), std::string("Gemm")) == 1);
    CHECK(text(parse(fields(graph, 11)[0].bytes), 1) == "window");
    CHECK(text(parse(fields(graph, 12)[0].bytes), 1) == "prediction");

    const LstmModel<float>& m = t.model();
    const std::map<std::string, std::vector<float>> init = initializers<float>(graph);
    const std::string name = std::string(c.cell == CellKind::Lstm ? "lstm" : c.cell == CellKind::Gru ? "gru" : "simple_rnn") + "_1";
    const int u = m.units(1), in = m.input_dim(1), G = c.gates;
    REQUIRE(init.count(name + "/W"));
    const std::vector<float>& W = init.at(name + "/W");  // (1, G u, in)
    const std::vector<float>& B = init.at(name + "/B");  // (1, 2 G u): Wb then Rb
    REQUIRE(int(W.size()) == G * u * in);
    REQUIRE(int(B.size()) == 2 * G * u);
    const auto kernel = m.cparam(m.kernel_id(1));  // (in, G u) Keras layout
    const auto bias = m.cparam(m.bias_id(1));      // (R, G u)
    bool same = true;
    for (int b = 0; b < G; ++b)
      for (int j = 0; j < u; ++j) {
        for (int r = 0; r < in; ++r) same = same && W[(size_t(b) * u + j) * in + r] == kernel(r, c.order[b] * u + j);
        same = same && B[size_t(b) * u + j] == bias(0, c.order[b] * u + j);
        // GRU reset_after: the recurrent bias row goes to Rb; the other cells have none.
        same = same && B[size_t(G + b) * u + j] == (c.cell == CellKind::Gru ? bias(1, c.order[b] * u + j) : 0.f);
      }
    CHECK(same);
    // The scaler as double constants, exactly the fitted ones.
    const Dataset& d = t.dataset();
    const std::map<std::string, std::vector<double>> scaler = initializers<double>(graph);
    CHECK(scaler.at("in_offset") == std::vector<double>{d.scaler.offset[0], d.scaler.offset[1]});
    CHECK(scaler.at("out_scale") == std::vector<double>{d.scaler.scale[0], d.scaler.scale[1]});
  }
}

TEST_CASE("export onnx: deterministic bytes") {
  Trainer a, b;
  train(a, small_config(CellKind::Lstm, 1));
  train(b, small_config(CellKind::Lstm, 1));
  std::string err;
  const std::string first = export_onnx(a, &err);
  REQUIRE(err == "");
  CHECK(export_onnx(a, &err) == first);
  CHECK(export_onnx(b, &err) == first);  // same seed, same training, same file
}

TEST_CASE("export onnx: refuses what it cannot write, with a message") {
  Trainer t;
  std::string err;
  CHECK(export_onnx(t, &err).empty());
  CHECK(err.find("Train") != std::string::npos);

  // Every cell and activation the playground offers has an ONNX form.
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru, CellKind::SimpleRnn})
    for (Activation a : {Activation::Tanh, Activation::Relu})
      for (RecurrentActivation r : {RecurrentActivation::Sigmoid, RecurrentActivation::HardSigmoid}) {
        ModelConfig m;
        m.cell = cell;
        m.activation = a;
        m.recurrent_activation = r;
        CHECK(onnx_unsupported(m) == "");
      }
  // A value ONNX does not name (a cell or activation added later without an ONNX mapping).
  ModelConfig m;
  m.activation = Activation(7);
  CHECK(onnx_unsupported(m).find("activation") != std::string::npos);
  m = ModelConfig();
  m.recurrent_activation = RecurrentActivation(7);
  CHECK(onnx_unsupported(m).find("recurrent activation") != std::string::npos);
  m.cell = CellKind::SimpleRnn;  // no gates: the recurrent activation is unused
  CHECK(onnx_unsupported(m) == "");
  m = ModelConfig();
  m.cell = CellKind(7);
  CHECK(onnx_unsupported(m).find("cell") != std::string::npos);
}
