// lstm-cli: headless training from a CSV. Progress goes to stderr; the last stdout line is one
// JSON object (see cli_args.cpp for the flags and keys).
#include <chrono>
#include <cmath>
#include <thread>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_args.h"
#include "clock.h"
#include "config_json.h"
#include "data_choice.h"
#include "export_csv.h"
#include "export_notebook.h"
#include "export_onnx.h"
#include "export_scripts.h"
#include "export_tfjs.h"
#include "export_windows.h"
#include "forecast_json.h"
#include "session.h"
#include "weights_io.h"

using namespace lstm;
using nlohmann::json;

namespace {

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

int finish(json result, const std::string& error) {
  result["error"] = error.empty() ? json(nullptr) : json(error);
  std::printf("%s\n", result.dump().c_str());
  return error.empty() ? 0 : 1;
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::ostringstream ss;
  ss << f.rdbuf();
  *out = ss.str();
  return true;
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  return bool(f);
}

// A column given by name or by 0-based file index -> its index in the loaded series, or -1.
int resolve_column(const std::string& token, const std::vector<std::string>& file_columns,
                   const Series& series) {
  std::string name = token;
  if (!token.empty() && token.find_first_not_of("0123456789") == std::string::npos) {
    const size_t idx = std::stoul(token);
    if (idx >= file_columns.size()) return -1;
    name = file_columns[idx];
  }
  return series.find(name);
}

}  // namespace

int main(int argc, char** argv) {
  json result = {{"train_loss", nullptr}, {"val_loss", nullptr}, {"val_rmse", nullptr},
                 {"val_mae", nullptr}, {"naive_val_rmse", nullptr}, {"epochs_run", 0},
                 {"samples_per_s", nullptr}, {"forecast", json::array()}};
  CliOptions opt;
  std::string err = parse_cli(argc, argv, &opt);
  if (opt.help) {
    std::fputs(cli_help().c_str(), stdout);
    return 0;
  }
  if (!err.empty()) return finish(result, err);

  std::string text;
  if (!read_file(opt.csv_path, &text)) return finish(result, "Cannot read " + opt.csv_path + ".");
  // The page's session: the same CSV defaults, the same runs (a thread, or in-frame slices).
  Session session(opt.runner == "inline" ? Session::RunnerFactory() : [] { return make_thread_runner(); });
  session.edit_config() = opt.config;
  const CsvLoad csv = session.load_csv(text, opt.csv_path);
  for (const std::string& m : csv.messages) std::fprintf(stderr, "csv: %s\n", m.c_str());
  if (!csv.error.empty()) return finish(result, csv.error);
  const Series& series = session.series();

  std::vector<int> inputs, targets;
  for (const std::string& c : opt.columns) {
    const int k = resolve_column(c, csv.file_columns, series);
    if (k < 0) return finish(result, "Column '" + c + "' is not a numeric column of the CSV.");
    inputs.push_back(k);
  }
  for (const std::string& c : opt.targets) {
    const int k = resolve_column(c, csv.file_columns, series);
    if (k < 0) return finish(result, "Target '" + c + "' is not a numeric column of the CSV.");
    targets.push_back(k);
  }
  // The CSV defaults set horizon 1; --horizon asks for a multi-step model on the same columns.
  session.edit_config().data.horizon = opt.config.data.horizon;
  if (!inputs.empty() || !targets.empty() || opt.config.data.horizon > 1) {
    const DataConfig& d = session.config().data;
    if (inputs.empty()) inputs.assign(d.input_cols.begin(), d.input_cols.begin() + d.n_inputs);
    if (targets.empty() && opt.columns.empty()) targets.assign(d.target_cols.begin(), d.target_cols.begin() + d.n_targets);
    if (targets.empty()) targets.push_back(inputs.back());
    if (int(inputs.size()) > kMaxColumns || int(targets.size()) > kMaxColumns)
      return finish(result, "At most 16 input and 16 target columns.");
    choose_setup(session.edit_config().data, inputs, targets);
  }
  session.invalidate();
  session.set_rollout_steps(std::max(opt.forecast, 1));
  if (!opt.weights_in.empty()) {
    std::string wtext;
    if (!read_file(opt.weights_in, &wtext)) return finish(result, "Cannot read " + opt.weights_in + ".");
    WeightLayout layout{};
    err = session.import_weights(0, wtext, &layout);
    if (!err.empty()) return finish(result, "--weights-in: " + err);
  }

  if (opt.folds) {
    err = session.start_backtest(opt.folds);
    if (!err.empty()) return finish(result, "--folds: " + err);
  }
  const double t0 = now_seconds();
  session.start_all();
  int last_epoch = 0;
  const RunView& run = session.run(0);
  // Until the run stops and its snapshots show the final weights' predictions.
  for (;;) {
    session.update(0.25);
    if (run.s.phase == RunPhase::Failed) return finish(result, run.s.error);
    const Progress& p = run.s.progress;
    if (p.epoch != last_epoch) {
      last_epoch = p.epoch;
      std::fprintf(stderr, "epoch %d/%d  loss %.6g  val_loss %.6g  %.0f samples/s\n", p.epoch,
                   opt.config.train.epochs, p.train_loss, p.val_loss,
                   run.s.train_seconds > 0 ? double(p.samples) / run.s.train_seconds : 0.0);
    }
    bool all_done = !session.busy();
    for (int i = 0; i < session.n_runs(); ++i) {
      const RunView& r = session.run(i);
      if (r.s.phase == RunPhase::Failed) return finish(result, "fold " + std::to_string(i) + ": " + r.s.error);
      all_done = all_done && !r.training() && r.has_forecast() &&
                 r.s.forecast.samples == r.s.progress.samples && r.s.weights.samples == r.s.progress.samples;
    }
    if (all_done) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const Progress& p = run.s.progress;
  std::fprintf(stderr, "windows: %d train, %d validation, %d test; look_back %d, season m = %d%s (%s runner)\n",
               run.s.n_train, run.s.forecast.n_val, run.s.forecast.n_test, run.s.look_back,
               run.s.forecast.eval.season, run.s.forecast.eval.season_detected ? " (detected)" : "",
               session.runner_kind(0));
  result["epochs_run"] = p.epoch;
  result["train_loss"] = number_or_null(p.train_loss);
  result["val_loss"] = number_or_null(p.val_loss);
  const double seconds = now_seconds() - t0;
  result["samples_per_s"] = seconds > 0 ? double(p.samples) / seconds : 0.0;
  result["history"] = {{"loss", run.s.history.train}, {"val_loss", run.s.history.val}};
  result["config"] = config_json(run.config);  // what trained, columns and setup included
  const RunForecast& f = run.s.forecast;
  if (f.model.count > 0) {
    result["val_rmse"] = f.model.rmse;
    result["val_mae"] = f.model.mae;
    result["naive_val_rmse"] = f.baseline.rmse;
  }
  result["evaluation"] = evaluation_json(f.eval);
  if (session.backtest_folds()) result["backtest"] = backtest_json(session);
  for (const SplitEvaluation* e : {&f.eval.val, &f.eval.test})
    if (e->windows > 0 && !e->verdict.empty())
      std::fprintf(stderr, "%s: model MASE %.3f, %s\n", e == &f.eval.val ? "validation" : "test",
                   e->model.mase, e->verdict.c_str());
  std::vector<float> forecast;
  if (opt.forecast > 0) {
    if (!f.rollout_error.empty()) return finish(result, "--forecast: " + f.rollout_error);
    forecast = f.rollout;
    result["forecast"] = forecast;
    result["intervals"] = intervals_json(f);
    result["baseline_forecasts"] = baseline_forecasts_json(f);
  }
  // The exports read a model rebuilt from the run's final snapshot.
  Trainer trainer;
  err = session.model_for_export(0, &trainer);
  if (!err.empty()) return finish(result, err);
  if (!opt.weights_out.empty()) {
    const WeightLayout layout = opt.layout == "pytorch" ? WeightLayout::PyTorch : WeightLayout::Keras;
    std::ofstream out(opt.weights_out);
    out << export_weights(trainer.model(), layout, 1) << "\n";
    if (!out) return finish(result, "Cannot write " + opt.weights_out + ".");
  }
  const std::pair<const std::string&, std::string (*)(const Trainer&, int)> scripts[] = {
      {opt.export_pytorch, export_pytorch_script}, {opt.export_keras, export_keras_script}};
  for (const auto& [path, make] : scripts)
    if (!path.empty() && !write_file(path, make(trainer, opt.forecast)))
      return finish(result, "Cannot write " + path + ".");
  if (!opt.export_predictions.empty() &&
      !write_file(opt.export_predictions, predictions_csv(trainer)))
    return finish(result, "Cannot write " + opt.export_predictions + ".");
  if (!opt.export_forecast.empty() &&
      !write_file(opt.export_forecast, forecast_csv(trainer, forecast)))
    return finish(result, "Cannot write " + opt.export_forecast + ".");
  if (!opt.export_onnx.empty()) {
    const std::string onnx = export_onnx(trainer, &err);
    if (!err.empty()) return finish(result, "--export-onnx: " + err);
    if (!write_file(opt.export_onnx, onnx)) return finish(result, "Cannot write " + opt.export_onnx + ".");
  }
  if (!opt.export_windows.empty() && !write_file(opt.export_windows, windows_json(trainer)))
    return finish(result, "Cannot write " + opt.export_windows + ".");
  if (!opt.export_notebook.empty() &&
      !write_file(opt.export_notebook, export_notebook(trainer, opt.forecast, session.origin().label)))
    return finish(result, "Cannot write " + opt.export_notebook + ".");
  if (!opt.export_tfjs.empty()) {
    const TfjsExport tfjs = export_tfjs(trainer);
    if (!tfjs.error.empty()) return finish(result, "--export-tfjs: " + tfjs.error);
    std::error_code ec;
    std::filesystem::create_directories(opt.export_tfjs, ec);
    const std::filesystem::path dir(opt.export_tfjs);
    const std::string json_path = (dir / "model.json").string(), bin_path = (dir / kTfjsWeightsFile).string();
    if (ec || !write_file(json_path, tfjs.model_json))
      return finish(result, "Cannot write " + json_path + ".");
    if (!write_file(bin_path, std::string(tfjs.weights_bin.begin(), tfjs.weights_bin.end())))
      return finish(result, "Cannot write " + bin_path + ".");
  }
  return finish(result, p.diverged ? p.message : std::string());
}
