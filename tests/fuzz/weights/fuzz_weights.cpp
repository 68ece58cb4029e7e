// libFuzzer target for the weights-JSON import (cmake/fuzz.cmake builds it with clang++
// -fsanitize=fuzzer,address,undefined). The first input byte picks the model: cell = byte % 3
// (LSTM, GRU, SimpleRNN), number type = bit 2 (float / double); the rest is the JSON text. The
// model is 2 layers of 3 and 2 units, 2 features, 2 outputs, Keras-initialized (seed 7) — the
// shapes tests/fuzz/weights/make_corpus.cpp exports. Checked (abort on violation):
//   a failed import leaves every parameter bit-identical;
//   a successful one leaves only finite values, and export -> import in the detected layout
//   reproduces them bit for bit.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "small_model.h"
#include "weights_io.h"

using namespace lstm;

namespace {

constexpr uint64_t kSeed = 7;  // tests/test_fuzz_corpus.cpp imports the seeds into the same model

template <typename S>
void run(CellKind cell, const std::string& text) {
  static LstmModel<S> models[3];  // configured once per cell (the target must stay fast)
  static bool ready[3] = {false, false, false};
  LstmModel<S>& m = models[int(cell)];
  if (!ready[int(cell)]) configure_small_model(m, cell, kSeed), ready[int(cell)] = true;

  const size_t bytes = sizeof(S) * size_t(m.n_params());
  std::vector<unsigned char> before(bytes);
  std::memcpy(before.data(), m.params(), bytes);

  WeightLayout layout = WeightLayout::Keras;
  const std::string err = import_weights(m, text, &layout);
  if (!err.empty()) {
    if (std::memcmp(before.data(), m.params(), bytes) != 0) std::abort();  // failed but changed
    return;
  }
  for (int i = 0; i < m.n_params(); ++i)
    if (!std::isfinite(m.params()[i])) std::abort();  // accepted a non-finite value
  LstmModel<S> copy;
  configure_small_model(copy, cell, kSeed);
  if (!import_weights(copy, export_weights(m, layout), nullptr).empty()) std::abort();
  if (std::memcmp(copy.params(), m.params(), bytes) != 0) std::abort();  // no round trip
  // Back to the initial weights so every input starts from the same model.
  std::memcpy(m.params(), before.data(), bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const CellKind cell = CellKind(data[0] % 3);
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 4)
    run<double>(cell, text);
  else
    run<float>(cell, text);
  return 0;
}
