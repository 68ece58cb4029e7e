// libFuzzer target for the CSV parser (cmake/fuzz.cmake builds it with clang++
// -fsanitize=fuzzer,address,undefined). Each input is parsed twice: with the default options,
// then with options taken from the input's first byte (separator, header, NaN rows, small caps
// and a column choice). Any result is checked against what csv.h promises; a result that says ok
// must be a consistent table. A violation aborts (libFuzzer saves the input).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "csv.h"

using namespace lstm;

namespace {

// Prints the broken promise, then aborts.
#define check(cond)                                                                       \
  do {                                                                                    \
    if (!(cond)) std::fprintf(stderr, "fuzz_csv: violated: %s (line %d)\n", #cond, __LINE__), \
        std::abort();                                                                     \
  } while (0)

void check_result(const CsvResult& r, const CsvOptions& opt) {
  // The file's columns: one numeric flag each (a header-only file too), names unique and
  // non-empty, within the cap.
  check(r.numeric.size() == r.file_columns.size());
  check(int(r.file_columns.size()) <= std::max(opt.max_columns, 1));
  for (size_t i = 0; i < r.file_columns.size(); ++i) {
    check(!r.file_columns[i].empty());
    for (size_t j = 0; j < i; ++j) check(r.file_columns[i] != r.file_columns[j]);
  }
  check(r.rows_kept >= 0 && r.rows_skipped >= 0);
  check(r.ok() == r.error.empty());
  if (!r.ok()) return;  // separator and has_header are unset when no line was read

  if (opt.separator) check(r.separator == opt.separator);
  else check(r.separator == ',' || r.separator == ';' || r.separator == '\t' || r.separator == ' ');
  if (opt.header >= 0) check(r.has_header == (opt.header == 1));

  const Series& s = r.series;
  check(s.names.size() == s.columns.size());
  check(s.width() >= 1 && s.width() <= int(r.file_columns.size()));
  check(s.length() >= 1 && s.length() == r.rows_kept);
  check(r.rows_kept + r.rows_skipped <= std::max(opt.max_rows, 1));
  for (size_t c = 0; c < s.columns.size(); ++c) {
    check(int(s.columns[c].size()) == s.length());
    // Every kept column is a numeric column of the file, kept once.
    auto it = std::find(r.file_columns.begin(), r.file_columns.end(), s.names[c]);
    check(it != r.file_columns.end());
    check(r.numeric[size_t(it - r.file_columns.begin())]);
    check(s.find(s.names[c]) == int(c));
    if (opt.drop_non_finite_rows)
      for (float v : s.columns[c]) check(std::isfinite(v));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const CsvOptions defaults;
  const CsvResult r = parse_csv(text, defaults);
  check_result(r, defaults);
  const CsvResult again = parse_csv(text, defaults);  // deterministic
  check(again.error == r.error && again.series.names == r.series.names &&
        again.rows_kept == r.rows_kept);

  if (size == 0) return 0;
  const uint8_t b = data[0];
  CsvOptions opt;
  static const char seps[] = {0, ',', ';', '\t', ' '};
  opt.separator = seps[b % 5];
  opt.header = int((b / 5) % 3) - 1;
  opt.drop_non_finite_rows = (b & 0x10) == 0;
  if (b & 0x20) opt.max_rows = 1 + b % 4;
  if (b & 0x40) opt.max_columns = 1 + b % 3;
  if (b & 0x80) opt.max_bytes = size / 2;
  switch ((b >> 1) % 4) {
    case 1: opt.column_indexes = {int(b % 4) - 1, 0, 0}; break;
    case 2: opt.column_names = {"a", "col2", "b", "col1"}; break;
    case 3: opt.column_names = {"x"}, opt.column_indexes = {300, 1}; break;
    default: break;
  }
  check_result(parse_csv(text, opt), opt);
  return 0;
}
