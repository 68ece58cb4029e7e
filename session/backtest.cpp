// Session's walk-forward backtest: fold runs on an expanding window (session.h).
#include <cmath>

#include "dataset.h"
#include "session.h"

namespace lstm {

std::string Session::plan_folds() {
  const Config& c = config_;
  const Dataset d = make_dataset(series_, c.data);
  if (!d.ok()) return d.error;
  const Split& s = d.windows.split;
  if (s.n_test < 1) return "A backtest tests each fold on a test part: set test_split above 0.";
  const int k = folds_, N = d.windows.n, stride = std::max(c.data.stride, 1);
  if (N - (k - 1) * s.n_test < 2 * s.n_test + 1)
    return "The series is too short for " + std::to_string(k) + " folds of " +
           std::to_string(s.n_test) + " test windows: use fewer folds or a smaller test_split.";
  RunView& last = runs_[0]->view;
  last.fold = k - 1;
  last.rows = 0;
  for (int f = 0; f < k - 1; ++f) {
    RunView& v = runs_[size_t(f + 1)]->view;
    const int back = k - 1 - f;            // test parts cut off the end
    const int n_f = N - back * s.n_test;   // its windows
    v.fold = f;
    v.rows = series_.length() - back * s.n_test * stride;
    v.config = c;
    v.config.data.season = d.season;       // m from run 0's training rows, for every fold
    v.config.data.test_split = float(double(s.n_test) / n_f);  // round(n_f * it) = n_test
    v.stale = true;
  }
  return "";
}

std::string Session::start_backtest(int folds) {
  if (folds < 2 || folds > kMaxRuns)
    return "A backtest has 2 to " + std::to_string(kMaxRuns) + " folds.";
  pause_all();
  while (n_runs() > 1) remove_run(n_runs() - 1);
  folds_ = folds;
  for (int f = 0; f < folds - 1; ++f) add_run(config_);
  invalidate();
  if (!folds_) {  // invalidate() stopped it: say why
    folds_ = folds;
    const std::string why = plan_folds();
    stop_backtest();
    return why;
  }
  return "";
}

void Session::stop_backtest() {
  folds_ = 0;
  while (n_runs() > 1 && run(n_runs() - 1).fold >= 0) remove_run(n_runs() - 1);
  runs_[0]->view.fold = -1;
  runs_[0]->view.rows = 0;
  ++changes_;
}

}  // namespace lstm
