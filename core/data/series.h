// A table of named float columns of equal length: what the CSV loader and the presets produce and
// what the windowing reads. Column-major: columns[c][row].
#pragma once
#include <string>
#include <vector>

namespace lstm {

struct Series {
  std::vector<std::string> names;           // (W)
  std::vector<std::vector<float>> columns;  // (W, T)

  int width() const { return static_cast<int>(columns.size()); }
  int length() const { return columns.empty() ? 0 : static_cast<int>(columns[0].size()); }
  bool empty() const { return columns.empty() || columns[0].empty(); }

  void add(std::string name, std::vector<float> values) {
    names.push_back(std::move(name));
    columns.push_back(std::move(values));
  }
  // Index of the column called name, or -1.
  int find(const std::string& name) const {
    for (size_t c = 0; c < names.size(); ++c)
      if (names[c] == name) return static_cast<int>(c);
    return -1;
  }
};

}  // namespace lstm
