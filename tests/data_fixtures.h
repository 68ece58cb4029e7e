// Small helpers shared by the data-side tests (csv, windows, scaler, metrics, presets).
#pragma once
#include <string>
#include <vector>

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

}  // namespace lstm_test
