#include "dataset.h"

#include "season.h"

namespace lstm {

Dataset make_dataset(const Series& raw, const DataConfig& cfg) {
  Dataset d;
  d.error = check_windows(raw, cfg);  // columns, values, length before differencing
  if (!d.ok()) return d;
  d.plan = plan_columns(cfg);
  const int T = raw.length(), L = cfg.look_back, K = d.plan.horizon;

  // The season is read off the training rows as they are without differencing; differencing
  // only moves the split later, so those rows stay training rows.
  const Split undifferenced = split_windows(count_windows(T, L, K, cfg.stride), cfg.val_split,
                                            cfg.test_split);
  d.season_detected = cfg.season == 0;
  d.season = cfg.season > 0 ? cfg.season
                            : detect_season(raw.columns[d.plan.targets[0]].data(),
                                            training_rows(undifferenced, L, K, cfg.stride));
  const int lag = difference_lag(cfg.difference, d.season);
  if (lag > 0) {
    d.error = check_windows(raw, cfg, lag);
    if (!d.ok()) return d;
  }
  const Split split = split_windows(count_windows(T - lag, L, K, cfg.stride), cfg.val_split,
                                    cfg.test_split);
  d.train_rows = lag + training_rows(split, L, K, cfg.stride);
  if (cfg.val_split > 0.f && split.n_val == 0)
    d.messages.push_back("val_split " + std::to_string(cfg.val_split) + " leaves no validation window.");
  if (cfg.test_split > 0.f && split.n_test == 0)
    d.messages.push_back("test_split " + std::to_string(cfg.test_split) + " leaves no test window.");

  std::vector<int> used = d.plan.inputs;
  used.insert(used.end(), d.plan.targets.begin(), d.plan.targets.end());
  d.error = fit_transform(raw, cfg, d.season, d.train_rows, used, &d.transform);
  if (!d.ok()) return d;
  const Series z = apply_transform(d.transform, raw, used);
  d.scaler = fit_scaler(z, cfg.scaling, d.train_rows, used, &d.messages, lag);
  d.error = make_windows(apply_scaler(d.scaler, z), cfg, &d.windows, lag);
  return d;
}

ColumnScaling column_scaling(const Dataset& d, const Series& raw, const std::vector<int>& cols) {
  ColumnScaling c;
  for (int col : cols) {
    c.names.push_back(raw.names[col]);
    c.offset.push_back(d.scaler.offset[col]);
    c.scale.push_back(d.scaler.scale[col]);
  }
  return c;
}

}  // namespace lstm
