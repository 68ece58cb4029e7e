#include "dataset.h"

namespace lstm {

Dataset make_dataset(const Series& raw, const DataConfig& cfg) {
  Dataset d;
  d.error = check_windows(raw, cfg);
  if (!d.ok()) return d;
  d.plan = plan_columns(cfg);
  const int N = count_windows(raw.length(), cfg.look_back, d.plan.horizon, cfg.stride);
  const Split split = split_windows(N, cfg.val_split);
  d.train_rows = training_rows(split, cfg.look_back, d.plan.horizon, cfg.stride);
  if (cfg.val_split > 0.f && split.n_val == 0)
    d.messages.push_back("val_split " + std::to_string(cfg.val_split) + " of " + std::to_string(N) +
                         " windows leaves no validation window.");

  std::vector<int> used = d.plan.inputs;
  used.insert(used.end(), d.plan.targets.begin(), d.plan.targets.end());
  d.scaler = fit_scaler(raw, cfg.scaling, d.train_rows, used, &d.messages);
  d.error = make_windows(apply_scaler(d.scaler, raw), cfg, &d.windows);
  return d;
}

}  // namespace lstm
