// Small helpers shared by the data-side tests (csv, windows, scaler, metrics, presets).
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "csv.h"
#include "series.h"

namespace lstm_test {

// first, first + step, ..., n values: the tutorials' [10, 20, ..., 90] is arange(10, 10, 9).
inline std::vector<float> arange(float first, float step, int n) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = first + step * i;
  return v;
}

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Whether one of a CSV result's messages contains `part`.
inline bool has_message(const lstm::CsvResult& r, const std::string& part) {
  for (const std::string& m : r.messages)
    if (m.find(part) != std::string::npos) return true;
  return false;
}

// Two related columns of n rows for the export tests: "level" = 10 + 5 sin(t / 6) and
// `second` = cos(t / 6).
inline lstm::Series two_sines(int n, const std::string& second = "rate") {
  lstm::Series s;
  std::vector<float> a(n), b(n);
  for (int t = 0; t < n; ++t) {
    a[t] = float(10.0 + 5.0 * std::sin(t / 6.0));
    b[t] = float(std::cos(t / 6.0));
  }
  s.add("level", a);
  s.add(second, b);
  return s;
}

}  // namespace lstm_test
