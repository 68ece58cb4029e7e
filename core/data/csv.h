// CSV / TSV / whitespace text -> Series, for data a user pastes or drops. Never throws and never
// trusts the input: work is linear in the (capped) text size, and everything skipped is reported.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "series.h"

namespace lstm {

// The most text the playground takes in one piece (a file, a paste, a link): the page refuses
// more before copying it into the wasm heap, and parse_csv reads no further.
constexpr size_t kMaxTextBytes = size_t(16) << 20;  // 16 MB

// "" when `bytes` of text named `what` ("data.csv", "pasted text") fit kMaxTextBytes, else a
// message naming both sizes and what to do.
std::string check_text_size(size_t bytes, const std::string& what);

struct CsvOptions {
  char separator = 0;  // 0 = detect; ',', ';', '\t', or ' ' (runs of spaces/tabs)
  int header = -1;     // -1 = detect, 0 = first row is data, 1 = first row is a header
  // Columns to keep, by header name or by 0-based index in the file (names first, then indexes,
  // in the order given). Both empty = every numeric column.
  std::vector<std::string> column_names;
  std::vector<int> column_indexes;
  bool drop_non_finite_rows = true;     // NaN/Inf cells: drop their rows (reported either way)
  size_t max_bytes = kMaxTextBytes;  // bounds time and memory (cells are stored flat)
  int max_rows = 1000000;
  int max_columns = 256;
};

struct CsvResult {
  Series series;                          // the kept numeric columns, skipped rows removed
  std::vector<std::string> messages;      // what was skipped and why, for the UI
  std::string error;                      // set when nothing usable remains
  std::vector<std::string> file_columns;  // every column of the file (names or "colN")
  std::vector<bool> numeric;              // (file_columns.size()) whether each column is numeric
  char separator = ',';
  bool has_header = false;
  int rows_kept = 0;
  int rows_skipped = 0;
  bool ok() const { return error.empty(); }
};

CsvResult parse_csv(std::string_view text, const CsvOptions& options = {});

// "lines 3-5, 9, 12 and 40 more": compact list of 1-based line numbers for messages.
std::string summarize_lines(const std::vector<int>& lines, int total, int max_items = 6);

}  // namespace lstm
