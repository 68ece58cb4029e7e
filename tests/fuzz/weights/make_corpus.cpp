// Writes the seed corpus of fuzz_weights (tests/fuzz/weights/corpus): for each cell, the small
// model of fuzz_weights.cpp exported in both layouts (valid seeds), plus broken files (bad JSON,
// NaN, wrong cell, wrong shapes, a float overflow, a missing tensor). Each file starts with the
// byte fuzz_weights reads the cell from. Rerun after a weights format change: see cmake/fuzz.cmake
// (target fuzz_weights_corpus).
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "small_model.h"
#include "weights_io.h"

using namespace lstm;
using json = nlohmann::json;

namespace {

std::string g_dir;

void write(const std::string& name, char selector, const std::string& text) {
  const std::string path = g_dir + "/" + name;
  const std::string bytes = std::string(1, selector) + text;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size())
    std::perror(path.c_str()), std::exit(1);
  std::fclose(f);
}

// Differs from the target's seed 7, so a valid import changes the model.
constexpr uint64_t kSeedsFrom = 11;

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: make_corpus DIR\n"), 2;
  g_dir = argv[1];
  const char* cell_names[] = {"lstm", "gru", "rnn"};                // file names
  const char* cell_labels[] = {"lstm", "gru", "simple_rnn"};        // config "cell" values
  for (int c = 0; c < 3; ++c) {
    const CellKind cell = CellKind(c);
    const char sel = char('0' + c);  // '0' % 3 == 0: LSTM, '1' GRU, '2' SimpleRNN
    LstmModel<float> m;
    configure_small_model(m, cell, kSeedsFrom);
    const std::string base = cell_names[c];
    for (WeightLayout layout : {WeightLayout::Keras, WeightLayout::PyTorch}) {
      const std::string text = export_weights(m, layout, layout == WeightLayout::Keras ? -1 : 1);
      LstmModel<float> check;
      configure_small_model(check, cell, kSeedsFrom);
      if (!import_weights(check, text, nullptr).empty())
        return std::fprintf(stderr, "bad seed %s\n", base.c_str()), 1;
      write(base + "_" + layout_name(layout) + ".json", sel, text);
      if (c == 0)  // '$' = 36: 36 % 3 == 0 (LSTM), bit 2 set (double)
        write(base + "_" + layout_name(layout) + "_double.json", '$', text);
    }
    json k = weights_to_json(m, WeightLayout::Keras);
    json t = weights_to_json(m, WeightLayout::PyTorch);
    const std::string ks = k.dump();
    write(base + "_bad_truncated.json", sel, ks.substr(0, ks.size() / 2));
    json wrong_cell = k;
    wrong_cell["config"]["cell"] = cell_labels[(c + 1) % 3];
    write(base + "_bad_cell.json", sel, wrong_cell.dump());
    json one_layer = k;
    one_layer["layers"].erase(1);
    write(base + "_bad_layers.json", sel, one_layer.dump());
    json overflow = t;
    overflow["head.bias"][1] = 1e300;  // fine as JSON, too large for a float
    write(base + "_bad_overflow.json", sel, overflow.dump());
    json missing = t;
    missing.erase("bias_hh_l1");
    write(base + "_bad_missing.json", sel, missing.dump());
    json shape = k;
    shape["dense_kernel"][0].push_back(0.5);
    write(base + "_bad_shape.json", sel, shape.dump());
  }
  write("bad_nan.json", '0', "{\"layout\": \"keras\", \"layers\": [{\"kernel\": [[NaN]]}]}");
  write("bad_empty.json", '1', "");
  write("bad_array.json", '2', "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]");
  write("bad_layout.json", '0', "{\"layout\": \"jax\", \"config\": {\"cell\": 3}}");
  return 0;
}
