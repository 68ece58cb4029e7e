// The seed corpora of fuzz_csv and fuzz_weights (cmake/fuzz.cmake) still mean what their names
// say: valid seeds are accepted and bad ones refused, so the fuzzers start from both sides of
// every check. Rewrite the weights seeds with the fuzz_weights_corpus target after a format change.
#include <doctest/doctest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "csv.h"
#include "fuzz/weights/small_model.h"
#include "lstm_model.h"
#include "weights_io.h"

using namespace lstm;

#ifdef LSTM_SOURCE_DIR
namespace {

std::string read_seed(const std::string& dir, const std::string& name) {
  std::ifstream in(std::string(LSTM_SOURCE_DIR) + "/tests/fuzz/" + dir + "/corpus/" + name,
                   std::ios::binary);
  REQUIRE_MESSAGE(in.good(), name);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// As fuzz_weights.cpp: first byte = cell (% 3) and number type (bit 2), then the JSON.
template <typename S>
std::string import_seed(CellKind cell, const std::string& text, bool* unchanged) {
  LstmModel<S> m;
  configure_small_model(m, cell, 7);  // as fuzz_weights.cpp's kSeed
  LstmModel<S> before = m;
  const std::string err = import_weights(m, text);
  *unchanged = std::memcmp(before.params(), m.params(), sizeof(S) * size_t(m.n_params())) == 0;
  return err;
}

}  // namespace

TEST_CASE("fuzz corpus: weights seeds are accepted or refused as named") {
  for (const char* name :
       {"lstm_keras", "lstm_pytorch", "lstm_keras_double", "lstm_pytorch_double", "gru_keras",
        "gru_pytorch", "rnn_keras", "rnn_pytorch", "lstm_bad_truncated", "lstm_bad_cell",
        "lstm_bad_layers", "lstm_bad_overflow", "lstm_bad_missing", "lstm_bad_shape",
        "gru_bad_truncated", "gru_bad_cell", "gru_bad_layers", "gru_bad_overflow",
        "gru_bad_missing", "gru_bad_shape", "rnn_bad_truncated", "rnn_bad_cell", "rnn_bad_layers",
        "rnn_bad_overflow", "rnn_bad_missing", "rnn_bad_shape", "bad_nan", "bad_empty",
        "bad_array", "bad_layout"}) {
    const std::string seed_name = name;
    CAPTURE(seed_name);
    const std::string seed = read_seed("weights", std::string(name) + ".json");
    REQUIRE(!seed.empty());
    const CellKind cell = CellKind(uint8_t(seed[0]) % 3);
    const std::string text = seed.substr(1);
    bool unchanged = false;
    const std::string err = (seed[0] & 4) ? import_seed<double>(cell, text, &unchanged)
                                          : import_seed<float>(cell, text, &unchanged);
    if (std::string(name).find("bad") != std::string::npos) {
      CHECK(err != "");
      CHECK(unchanged);
    } else {
      CHECK(err == "");
      CHECK(!unchanged);  // the seeds hold other weights than the fuzzer's model
    }
  }
  // The overflow seeds fail on the float model only.
  bool unchanged = false;
  CHECK(import_seed<double>(CellKind::Lstm, read_seed("weights", "lstm_bad_overflow.json").substr(1),
                            &unchanged) == "");
}

TEST_CASE("fuzz corpus: CSV seeds parse or fail as expected") {
  for (const char* name : {"header_comma", "semicolon", "tab_noheader", "spaces", "quotes", "nan",
                           "missing_text", "bom_crlf"}) {
    const std::string seed_name = name;
    CAPTURE(seed_name);
    CHECK(parse_csv(read_seed("csv", std::string(name) + ".csv")).ok());
  }
  // dupes_extra: a different field count on every line, so no separator is detected; unterminated:
  // the quote hides the first line's separator. Either way each line is one text cell.
  for (const char* name : {"empty", "header_only", "non_numeric", "dupes_extra", "unterminated"}) {
    const std::string seed_name = name;
    CAPTURE(seed_name);
    CHECK(!parse_csv(read_seed("csv", std::string(name) + ".csv")).ok());
  }
}
#endif
