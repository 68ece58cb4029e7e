#include "data_choice.h"

#include <algorithm>
#include <cmath>

namespace lstm {

std::vector<int> value_columns(const Series& s) {
  std::vector<int> out;
  for (int c = 0; c < s.width() && c < kMaxColumns; ++c) {
    const std::vector<float>& v = s.columns[c];
    bool index_like = v.size() > 2;
    for (size_t t = 2; t < v.size() && index_like; ++t)
      index_like = v[t] > v[t - 1] &&
                   std::fabs((v[t] - v[t - 1]) - (v[1] - v[0])) <= 1e-4f * std::fabs(v[t]) + 1e-6f;
    if (!index_like) out.push_back(c);
  }
  if (out.empty())
    for (int c = 0; c < s.width() && c < kMaxColumns; ++c) out.push_back(c);
  if (out.empty()) out.push_back(0);
  return out;
}

void choose_setup(DataConfig& d, const std::vector<int>& inputs, const std::vector<int>& targets) {
  d.n_inputs = int(inputs.size());
  d.n_targets = int(targets.size());
  std::copy(inputs.begin(), inputs.end(), d.input_cols.begin());
  std::copy(targets.begin(), targets.end(), d.target_cols.begin());
  if (d.horizon > 1) d.setup = WindowSetup::MultiStep;
  else if (targets == inputs) d.setup = inputs.size() == 1 ? WindowSetup::Univariate : WindowSetup::Parallel;
  else if (targets.size() == 1) d.setup = WindowSetup::MultivariateIn;
  else d.setup = WindowSetup::MultiStep;
}

DataConfig default_data_config(const Series& s, const DataConfig& current) {
  DataConfig d = current;
  d.horizon = 1;
  const std::vector<int> cols = value_columns(s);
  choose_setup(d, cols, cols);
  return d;
}

void switch_setup(DataConfig& d, WindowSetup to, const Series& s) {
  d.setup = to;
  if (to != WindowSetup::MultiStep) d.horizon = 1;
  else if (d.horizon < 2) d.horizon = 3;
  if (to == WindowSetup::Univariate) d.n_inputs = d.n_targets = 1;
  const std::vector<int> cols = value_columns(s);
  if (to != WindowSetup::Univariate && d.n_inputs == 1 && cols.size() > 1) {
    // Several columns only make sense with several columns in: take every value column.
    d.n_inputs = int(cols.size());
    std::copy(cols.begin(), cols.end(), d.input_cols.begin());
    if (to == WindowSetup::MultivariateIn) {
      d.n_inputs -= 1;  // the last value column becomes the target
      d.target_cols[0] = cols.back();
      d.n_targets = 1;
    } else if (to == WindowSetup::MultiStep) {
      d.n_targets = 1;
      d.target_cols[0] = cols[0];
    }
  }
  if (to == WindowSetup::Parallel) {
    d.n_targets = d.n_inputs;
    d.target_cols = d.input_cols;
  }
  if (to == WindowSetup::Univariate) d.target_cols[0] = d.input_cols[0];
}

void clamp_columns(DataConfig& d, const Series& s) {
  for (int i = 0; i < d.n_inputs; ++i)
    if (d.input_cols[i] >= s.width()) d.input_cols[i] = 0;
  for (int i = 0; i < d.n_targets; ++i)
    if (d.target_cols[i] >= s.width()) d.target_cols[i] = 0;
}

}  // namespace lstm
