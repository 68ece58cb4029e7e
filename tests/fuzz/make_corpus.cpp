// Writes the fuzz seed corpus (tests/fuzz/corpus): a few valid links as text, the same links as
// bare payload bodies (the fuzz target seals those), and a few typical bad links. Rerun after a
// link format change:  see cmake/fuzz.cmake (target fuzz_share_link_corpus).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "share_link.h"

using namespace lstm;

namespace {

void write(const std::string& dir, const std::string& name, const void* data, size_t n) {
  const std::string path = dir + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || std::fwrite(data, 1, n, f) != n) std::perror(path.c_str()), std::exit(1);
  std::fclose(f);
}

void write_link(const std::string& dir, const std::string& name, const ShareState& s) {
  const std::string link = encode_link(s);
  if (!decode_link(link, nullptr).empty()) std::fprintf(stderr, "bad seed %s\n", name.c_str()), std::exit(1);
  write(dir, name + ".link", link.data(), link.size());
  const std::vector<uint8_t> body = link_detail::body_of(link);
  write(dir, name + ".body", body.data(), body.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: make_corpus DIR\n"), 2;
  const std::string dir = argv[1];

  ShareState drawn;
  std::vector<float> v(60);
  for (size_t i = 0; i < v.size(); ++i) v[i] = quantize_drawn(float(std::sin(0.2 * double(i))));
  drawn.data.series.add("drawn", v);
  write_link(dir, "drawn", drawn);

  ShareState w = drawn;
  w.config.model.units[0] = 3;
  w.has_weights = true;
  w.weights.assign(size_t(expected_param_count(w.config)), 0.f);
  for (size_t i = 0; i < w.weights.size(); ++i) w.weights[i] = quantize_weight(0.01f * float(i) - 0.3f);
  w.hidden_panels = kPanelModel | kPanelOptimizer;
  w.view = ViewState{0.f, 60.f, -1.2f, 1.2f, 5, true};
  write_link(dir, "weights_panels_view", w);

  ShareState p;
  p.data.kind = DataKind::Preset;
  p.data.preset = PresetParams{"tens_multistep", 40, 0.1f, 7};
  p.config.data.setup = WindowSetup::MultiStep;
  p.config.data.horizon = 3;
  p.config.model.n_layers = 2;
  write_link(dir, "preset", p);

  ShareState c;
  c.data.kind = DataKind::Csv;
  c.data.series.add("a", {1.f, 2.5f, -3.f, 1e-30f});
  c.data.series.add("b", {0.f, -0.f, 7.f, 8.f});
  c.config.data.setup = WindowSetup::Parallel;
  c.config.data.n_inputs = 2;
  c.config.data.input_cols[1] = 1;
  c.config.train.optimizer = OptimizerKind::Sgd;
  write_link(dir, "csv", c);

  const std::string link = encode_link(drawn);
  const std::string bad[] = {link.substr(0, link.size() / 2), "v3" + link.substr(2),  // a newer version
                             "v2.z" + link.substr(4), "#" + link + "AAAA"};
  for (size_t i = 0; i < 4; ++i) write(dir, "bad" + std::to_string(i) + ".link", bad[i].data(), bad[i].size());
  return 0;
}
