// lstm-cli: headless training from a CSV. Progress goes to stderr; the last stdout line is one
// JSON object (see cli_args.cpp for the flags and keys).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_args.h"
#include "csv.h"
#include "export_csv.h"
#include "export_scripts.h"
#include "trainer.h"
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
int resolve_column(const std::string& token, const CsvResult& csv) {
  std::string name = token;
  if (!token.empty() && token.find_first_not_of("0123456789") == std::string::npos) {
    const size_t idx = std::stoul(token);
    if (idx >= csv.file_columns.size()) return -1;
    name = csv.file_columns[idx];
  }
  return csv.series.find(name);
}

}  // namespace

int main(int argc, char** argv) {
  json result = {{"train_loss", nullptr}, {"val_loss", nullptr}, {"val_rmse", nullptr},
                 {"val_mae", nullptr}, {"naive_val_rmse", nullptr}, {"epochs_run", 0},
                 {"samples_per_s", nullptr}, {"forecast", json::array()}};
  CliOptions opt;
  std::string err = parse_cli(argc, argv, &opt);
  if (opt.help) {
    std::fputs(cli_help(), stdout);
    return 0;
  }
  if (!err.empty()) return finish(result, err);

  std::string text;
  if (!read_file(opt.csv_path, &text)) return finish(result, "Cannot read " + opt.csv_path + ".");
  CsvResult csv = parse_csv(text);
  for (const std::string& m : csv.messages) std::fprintf(stderr, "csv: %s\n", m.c_str());
  if (!csv.ok()) return finish(result, csv.error);

  std::vector<int> inputs, targets;
  for (const std::string& c : opt.columns) {
    const int k = resolve_column(c, csv);
    if (k < 0) return finish(result, "Column '" + c + "' is not a numeric column of the CSV.");
    inputs.push_back(k);
  }
  if (inputs.empty())
    for (int k = 0; k < csv.series.width(); ++k) inputs.push_back(k);
  for (const std::string& c : opt.targets) {
    const int k = resolve_column(c, csv);
    if (k < 0) return finish(result, "Target '" + c + "' is not a numeric column of the CSV.");
    targets.push_back(k);
  }
  if (targets.empty()) targets.push_back(inputs.back());
  if (int(inputs.size()) > kMaxColumns || int(targets.size()) > kMaxColumns)
    return finish(result, "At most 16 input and 16 target columns.");
  Config& cfg = opt.config;
  choose_setup(cfg.data, inputs, targets);

  Trainer trainer;
  err = trainer.setup(cfg, csv.series);
  if (!err.empty()) return finish(result, err);
  if (!opt.weights_in.empty()) {
    std::string wtext;
    if (!read_file(opt.weights_in, &wtext)) return finish(result, "Cannot read " + opt.weights_in + ".");
    err = import_weights(trainer.model(), wtext);
    if (!err.empty()) return finish(result, "--weights-in: " + err);
  }
  const Windows& w = trainer.dataset().windows;
  std::fprintf(stderr, "windows: %d train, %d validation; look_back %d, %d features -> %d outputs\n",
               w.split.n_train, w.split.n_val, w.look_back, w.n_features, w.n_outputs);

  const auto t0 = std::chrono::steady_clock::now();
  Progress p;
  int last_epoch = 0;
  while (!p.done) {
    p = trainer.step({0.25, 0});
    if (p.epoch != last_epoch) {
      last_epoch = p.epoch;
      std::fprintf(stderr, "epoch %d/%d  loss %.6g  val_loss %.6g  %.0f samples/s\n", p.epoch,
                   cfg.train.epochs, p.train_loss, p.val_loss, p.samples_per_s);
    }
  }
  result["epochs_run"] = p.epoch;
  result["train_loss"] = number_or_null(p.train_loss);
  result["val_loss"] = number_or_null(p.val_loss);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  result["samples_per_s"] = seconds > 0 ? double(p.samples) / seconds : 0.0;
  Trainer::Report r = trainer.validation_report();
  if (r.model.count > 0) {
    result["val_rmse"] = r.model.rmse;
    result["val_mae"] = r.model.mae;
    result["naive_val_rmse"] = r.naive.rmse;
  }
  std::vector<float> forecast;
  if (opt.forecast > 0) {
    std::string ferr;
    forecast = trainer.rollout(opt.forecast, &ferr);
    if (!ferr.empty()) return finish(result, "--forecast: " + ferr);
    result["forecast"] = forecast;
  }
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
  return finish(result, p.diverged ? p.message : std::string());
}
