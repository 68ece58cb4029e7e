#include "csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace lstm {
namespace {

struct Line {
  std::string_view text;
  int number;  // 1-based line number in the original text
};

enum class Cell : unsigned char { Number, NonFinite, Missing, Text };

constexpr int kSampleLines = 50;       // lines looked at to detect the separator and header
constexpr int kMaxStoredLines = 4096;  // line numbers kept per skip reason (the rest are counted)

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits on \n, \r\n and lone \r; drops blank lines and '#' comment lines.
std::vector<Line> split_lines(std::string_view text, int max_rows, bool* truncated) {
  std::vector<Line> lines;
  int number = 0;
  size_t i = 0;
  *truncated = false;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    ++number;
    std::string_view line = text.substr(i, end - i);
    std::string_view t = trim(line);
    if (!t.empty() && t.front() != '#') {
      if (static_cast<int>(lines.size()) > max_rows) {  // header + max_rows data rows
        *truncated = true;
        break;
      }
      lines.push_back({line, number});
    }
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n')
      ++end;
    i = end + 1;
  }
  return lines;
}

// Separators outside double quotes.
int count_outside_quotes(std::string_view line, char sep) {
  int n = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == sep && !quoted)
      ++n;
  }
  return n;
}

// The candidate whose per-line count is the same non-zero number on most sampled lines.
char detect_separator(const std::vector<Line>& lines) {
  const int n = std::min<int>(static_cast<int>(lines.size()), kSampleLines);
  char best = ' ';
  double best_score = 0.0;
  for (char sep : {'\t', ';', ','}) {
    std::vector<int> counts(n);
    for (int i = 0; i < n; ++i) counts[i] = count_outside_quotes(lines[i].text, sep);
    int mode = 0, mode_hits = 0;
    for (int i = 0; i < n; ++i) {
      if (counts[i] == 0) continue;
      int hits = static_cast<int>(std::count(counts.begin(), counts.end(), counts[i]));
      if (hits > mode_hits || (hits == mode_hits && counts[i] > mode))
        mode = counts[i], mode_hits = hits;
    }
    if (mode == 0) continue;
    const double fraction = double(mode_hits) / n;
    // Consistency first, then more columns.
    const double score = fraction + 1e-3 * std::min(mode, 999) / 999.0;
    if (fraction >= 0.8 && score > best_score) best = sep, best_score = score;
  }
  return best;
}

// RFC 4180 fields ("" inside quotes is a quote); separator ' ' means runs of spaces/tabs.
// Quoted newlines are not supported: an unterminated quote runs to the end of its line.
void split_fields(std::string_view line, char sep, int max_fields, std::vector<std::string>* out,
                  bool* overflow) {
  out->clear();
  *overflow = false;
  const bool ws = sep == ' ';
  size_t i = 0;
  const size_t n = line.size();
  if (ws) {
    while (i < n && (is_space(line[i]) || line[i] == '\r')) ++i;
    if (i == n) return;
  }
  while (true) {
    if (static_cast<int>(out->size()) == max_fields) {
      *overflow = true;
      return;
    }
    std::string field;
    while (i < n && is_space(line[i]) && !ws) ++i;
    if (i < n && line[i] == '"') {
      ++i;
      while (i < n) {
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"')
            field += '"', i += 2;
          else {
            ++i;
            break;
          }
        } else {
          field += line[i++];
        }
      }
      // Anything between the closing quote and the separator is kept (lenient).
      while (i < n && !(ws ? is_space(line[i]) : line[i] == sep)) field += line[i++];
    } else {
      size_t start = i;
      while (i < n && !(ws ? is_space(line[i]) : line[i] == sep)) ++i;
      field.assign(line.substr(start, i - start));
    }
    out->push_back(std::string(trim(field)));
    if (i >= n) return;
    if (ws) {
      while (i < n && (is_space(line[i]) || line[i] == '\r')) ++i;
      if (i == n) return;
    } else {
      ++i;  // the separator; a trailing separator yields a final empty field
    }
  }
}

bool is_missing_token(const std::string& s) {
  static const char* const tokens[] = {"",     "NA",   "N/A",  "n/a", "na", "NULL",
                                       "null", "None", "none", "-",   "?",  "."};
  for (const char* t : tokens)
    if (s == t) return true;
  return false;
}

Cell classify(const std::string& s, float* value) {
  if (is_missing_token(s)) return Cell::Missing;
  if (s.size() > 64) return Cell::Text;
  const char* begin = s.c_str();
  char* end = nullptr;
  const double d = std::strtod(begin, &end);                    // C locale: '.' decimal point
  if (end != begin + s.size() || s.empty()) return Cell::Text;  // also rejects embedded NULs
  *value = static_cast<float>(d);
  return std::isfinite(*value) ? Cell::Number : Cell::NonFinite;
}

struct SkipList {
  std::vector<int> lines;
  int total = 0;
  void add(int line) {
    if (static_cast<int>(lines.size()) < kMaxStoredLines) lines.push_back(line);
    ++total;
  }
};

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// 17825792 -> "17.0 MB" (MB = 2^20 bytes, as kMaxTextBytes counts them).
std::string megabytes(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", double(bytes) / double(1 << 20));
  return buf;
}

// 1000000 -> "1,000,000".
std::string with_commas(long long n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0 && digits[i - 1] != '-') out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string check_text_size(size_t bytes, const std::string& what) {
  if (bytes <= kMaxTextBytes) return "";
  return what + " is " + megabytes(bytes) + ", over the " + std::to_string(kMaxTextBytes >> 20) +
         " MB the playground reads at once: nothing was loaded. Keep fewer rows or columns, or "
         "write the values with fewer digits.";
}

std::string summarize_lines(const std::vector<int>& lines, int total, int max_items) {
  std::string out = lines.size() == 1 && total == 1 ? "line " : "lines ";
  int items = 0;
  size_t i = 0;
  int shown = 0;
  while (i < lines.size() && items < max_items) {
    size_t j = i;
    while (j + 1 < lines.size() && lines[j + 1] == lines[j] + 1) ++j;
    if (items > 0) out += ", ";
    out += std::to_string(lines[i]);
    if (j > i) out += "-" + std::to_string(lines[j]);
    shown += static_cast<int>(j - i + 1);
    ++items;
    i = j + 1;
  }
  if (total > shown) out += " and " + std::to_string(total - shown) + " more";
  return out;
}

CsvResult parse_csv(std::string_view text, const CsvOptions& opt) {
  CsvResult r;
  if (text.size() > opt.max_bytes) {
    text = text.substr(0, opt.max_bytes);
    const size_t last_break = text.find_last_of("\r\n");  // no half-read last row
    text = text.substr(0, last_break == std::string_view::npos ? 0 : last_break + 1);
    r.messages.push_back("Only the first " +
                         (opt.max_bytes >= (1u << 20) ? std::to_string(opt.max_bytes >> 20) + " MiB"
                                                      : std::to_string(opt.max_bytes) + " bytes") +
                         " were read.");
  }
  if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) text.remove_prefix(3);

  bool truncated = false;
  const std::vector<Line> lines = split_lines(text, std::max(opt.max_rows, 1), &truncated);
  if (truncated)
    r.messages.push_back("Only the first " + with_commas(opt.max_rows) +
                         " rows were read (the most the playground reads).");
  if (lines.empty()) {
    r.error = "No data: the text is empty.";
    return r;
  }

  r.separator = opt.separator ? opt.separator : detect_separator(lines);
  const int max_fields = std::max(opt.max_columns, 1);

  // Fields of the sampled lines, for header detection and the column count.
  const int n_sample = std::min<int>(static_cast<int>(lines.size()), kSampleLines);
  std::vector<std::vector<std::string>> sample(n_sample);
  bool overflow = false;
  for (int i = 0; i < n_sample; ++i) {
    bool wide = false;
    split_fields(lines[i].text, r.separator, max_fields, &sample[i], &wide);
    overflow = overflow || wide;
  }
  if (overflow)
    r.messages.push_back("Only the first " + with_commas(max_fields) +
                         " columns were read (the most the playground reads).");

  float v = 0.f;
  if (opt.header >= 0) {
    r.has_header = opt.header == 1;
  } else {
    // Header: some first-row cell is text in a column whose later sampled cells are mostly numbers.
    const auto& first = sample[0];
    for (size_t c = 0; c < first.size() && !r.has_header; ++c) {
      if (classify(first[c], &v) != Cell::Text) continue;
      if (n_sample == 1) {
        r.has_header = true;
        break;
      }
      int numbers = 0;
      for (int i = 1; i < n_sample; ++i)
        if (c < sample[i].size() && classify(sample[i][c], &v) != Cell::Text) ++numbers;
      r.has_header = 2 * numbers >= n_sample - 1;
    }
  }

  // Column count: the header's, else the most common field count of the sampled rows.
  int n_cols = 0;
  if (r.has_header) {
    n_cols = static_cast<int>(sample[0].size());
  } else {
    int best_hits = 0;
    for (int i = 0; i < n_sample; ++i) {
      const int count = static_cast<int>(sample[i].size());
      int hits = 0;
      for (int k = 0; k < n_sample; ++k) hits += static_cast<int>(sample[k].size()) == count;
      if (hits > best_hits || (hits == best_hits && count > n_cols))
        n_cols = count, best_hits = hits;
    }
  }
  n_cols = std::max(n_cols, 1);
  for (int c = 0; c < n_cols; ++c) {
    std::string name = r.has_header && c < static_cast<int>(sample[0].size()) ? sample[0][c] : "";
    if (name.empty()) name = "col" + std::to_string(c + 1);
    const std::string base = name;
    for (int k = 2;
         std::find(r.file_columns.begin(), r.file_columns.end(), name) != r.file_columns.end(); ++k)
      name = base + "_" + std::to_string(k);
    r.file_columns.push_back(name);
  }

  // One pass over the data rows: cells of every file column, classified.
  const size_t first_data = r.has_header ? 1 : 0;
  const size_t n_rows = std::min(lines.size() - first_data, size_t(std::max(opt.max_rows, 1)));
  if (n_rows == 0) {
    r.numeric.assign(r.file_columns.size(), false);  // (file_columns.size()), as csv.h promises
    r.error = "No data rows: only a header line was found.";
    return r;
  }
  // Cells stored flat per row (CSR) so memory follows the text size, not rows x columns.
  std::vector<float> values;      // (cells)
  std::vector<Cell> kinds;        // (cells)
  std::vector<size_t> row_start;  // (R + 1) offsets into values / kinds
  row_start.reserve(n_rows + 1);
  std::vector<int> n_numbers(n_cols, 0);
  std::vector<int> first_text_line(n_cols, 0);
  std::vector<std::string> first_text(n_cols);
  SkipList extra_cells;
  std::vector<std::string> fields;
  for (size_t row = 0; row < n_rows; ++row) {
    const Line& line = lines[first_data + row];
    split_fields(line.text, r.separator, max_fields, &fields, &overflow);
    if (static_cast<int>(fields.size()) > n_cols || overflow) extra_cells.add(line.number);
    row_start.push_back(values.size());
    for (int c = 0; c < n_cols && c < static_cast<int>(fields.size()); ++c) {
      float value = 0.f;
      const Cell k = classify(fields[c], &value);
      values.push_back(value);
      kinds.push_back(k);
      if (k == Cell::Number || k == Cell::NonFinite) ++n_numbers[c];
      if (k == Cell::Text && first_text_line[c] == 0) {
        first_text_line[c] = line.number;
        first_text[c] = fields[c].substr(0, 32);
      }
    }
  }
  row_start.push_back(values.size());
  auto kind_at = [&](size_t row, int c) {
    const size_t i = row_start[row] + c;
    return i < row_start[row + 1] ? kinds[i] : Cell::Missing;
  };
  if (extra_cells.total > 0)
    r.messages.push_back("Extra cells beyond column " + std::to_string(n_cols) + " ignored on " +
                         summarize_lines(extra_cells.lines, extra_cells.total) + ".");

  // A column is numeric when at least half of its data rows hold numbers.
  r.numeric.assign(n_cols, false);
  for (int c = 0; c < n_cols; ++c)
    r.numeric[c] = n_numbers[c] > 0 && 2 * n_numbers[c] >= int(n_rows);

  std::vector<int> keep;
  const bool chosen = !opt.column_names.empty() || !opt.column_indexes.empty();
  auto add_column = [&](int c) {
    if (std::find(keep.begin(), keep.end(), c) != keep.end()) return;
    if (!r.numeric[c]) {
      r.messages.push_back("Column " + quoted(r.file_columns[c]) + " is not numeric (" +
                           (first_text_line[c] ? quoted(first_text[c]) + " on line " +
                                                     std::to_string(first_text_line[c])
                                               : std::string("mostly empty")) +
                           "); skipped.");
      return;
    }
    keep.push_back(c);
  };
  if (chosen) {
    for (const std::string& name : opt.column_names) {
      auto it = std::find(r.file_columns.begin(), r.file_columns.end(), name);
      if (it == r.file_columns.end())
        r.messages.push_back("No column named " + quoted(name) + ".");
      else
        add_column(static_cast<int>(it - r.file_columns.begin()));
    }
    for (int c : opt.column_indexes) {
      if (c < 0 || c >= n_cols)
        r.messages.push_back("Column index " + std::to_string(c) +
                             " is out of range (the file has " + std::to_string(n_cols) +
                             " columns, indexes 0-" + std::to_string(n_cols - 1) + ").");
      else
        add_column(c);
    }
  } else {
    for (int c = 0; c < n_cols; ++c) add_column(c);
  }
  if (keep.empty()) {
    r.error = chosen ? "None of the chosen columns is usable." : "No numeric column found.";
    return r;
  }

  // Rows with a missing, non-numeric (or, by option, NaN/Inf) cell in a kept column are dropped.
  SkipList missing, non_numeric, non_finite;
  std::vector<char> keep_row(n_rows, 1);
  for (size_t row = 0; row < n_rows; ++row) {
    bool m = false, t = false, nf = false;
    for (int c : keep) {
      const Cell k = kind_at(row, c);
      m |= k == Cell::Missing;
      t |= k == Cell::Text;
      nf |= k == Cell::NonFinite;
    }
    const int number = lines[first_data + row].number;
    if (m) missing.add(number);
    if (t) non_numeric.add(number);
    if (nf) non_finite.add(number);
    if (m || t || (nf && opt.drop_non_finite_rows)) keep_row[row] = 0;
  }
  if (missing.total > 0)
    r.messages.push_back(
        "Skipped " + std::to_string(missing.total) +
        " row(s) with missing cells: " + summarize_lines(missing.lines, missing.total) + ".");
  if (non_numeric.total > 0)
    r.messages.push_back("Skipped " + std::to_string(non_numeric.total) +
                         " row(s) with non-numeric cells: " +
                         summarize_lines(non_numeric.lines, non_numeric.total) + ".");
  if (non_finite.total > 0)
    r.messages.push_back(std::to_string(non_finite.total) + " row(s) hold NaN or Inf values (" +
                         summarize_lines(non_finite.lines, non_finite.total) + ")" +
                         (opt.drop_non_finite_rows ? "; skipped." : "; kept."));

  for (int c : keep) {
    std::vector<float> col;
    col.reserve(n_rows);
    for (size_t row = 0; row < n_rows; ++row)
      if (keep_row[row]) col.push_back(values[row_start[row] + c]);
    r.series.add(r.file_columns[c], std::move(col));
  }
  r.rows_kept = r.series.length();
  r.rows_skipped = static_cast<int>(n_rows) - r.rows_kept;
  if (r.rows_kept == 0) r.error = "No usable rows: every data row was skipped.";
  return r;
}

}  // namespace lstm
