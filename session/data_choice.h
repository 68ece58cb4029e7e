// Which columns and window setup a series gets by default, and how a setup switch carries the
// chosen columns over. One place, so a CSV gives the same model in the page and in lstm-cli.
#pragma once
#include <vector>

#include "config.h"
#include "series.h"

namespace lstm {

// Columns worth modelling: all but index-like ones (evenly increasing, e.g. a time column);
// every column when that would leave none. At most kMaxColumns.
std::vector<int> value_columns(const Series& s);

// The default for a freshly loaded table: one value column -> Univariate on it; several ->
// Parallel over all of them (every column in, every column out at the next step, so the model
// can also roll out past the end). Window length, split and scaling stay as in `current`.
DataConfig default_data_config(const Series& s, const DataConfig& current);

// The setup that fits chosen input and target columns (indexes into the series) and the horizon:
// targets == inputs -> Univariate / Parallel; one other target -> MultivariateIn; otherwise, or
// horizon > 1 -> MultiStep.
void choose_setup(DataConfig& d, const std::vector<int>& inputs, const std::vector<int>& targets);

// The user switched the window setup: keep what still makes sense, fill the rest from the value
// columns (the last one becomes MultivariateIn's target).
void switch_setup(DataConfig& d, WindowSetup to, const Series& s);

// Column indexes that point past the series (left from an older, wider one) become column 0.
void clamp_columns(DataConfig& d, const Series& s);

}  // namespace lstm
