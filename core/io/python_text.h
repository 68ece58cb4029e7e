// Python source text for the exports that write Python (export_scripts, export_notebook): numbers
// that read back exactly, string and list literals, and template tokens.
#pragma once
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace lstm {

// Shortest decimal that reads back as the same double (Python parses it exactly).
std::string double_text(double v);

// A Python string literal (JSON escapes are valid Python escapes).
std::string py_string(const std::string& s);

// "[a, b, c]" with text(element) for each element.
template <class T, class Fn>
std::string py_list(const std::vector<T>& v, Fn&& text) {
  std::string out = "[";
  for (size_t k = 0; k < v.size(); ++k) out += (k ? ", " : "") + text(v[k]);
  return out + "]";
}

// Replaces every token in text ("@ATTR@" -> "gru", ...).
std::string fill(std::string text,
                 std::initializer_list<std::pair<const char*, std::string>> tokens);

}  // namespace lstm
