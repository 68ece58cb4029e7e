// lstm-cli flags -> the one Config plus what only the CLI needs (file paths, column names).
#pragma once
#include <string>
#include <vector>

#include "config.h"

namespace lstm {

struct CliOptions {
  Config config;
  std::string command;   // "train"
  std::string csv_path;
  std::vector<std::string> columns;  // names or 0-based indexes; empty = the page's choice
  std::vector<std::string> targets;  // empty = the last of `columns`, or the page's choice
  std::string weights_in, weights_out;
  std::string layout = "keras";      // of --weights-out
  int forecast = 0;
  int folds = 0;                     // walk-forward backtest folds; 0 = none
  // Exports written after training (core/io/export_scripts.h, core/io/export_csv.h); "" = none.
  std::string export_pytorch, export_keras, export_predictions, export_forecast;
  std::string export_onnx;     // core/io/export_onnx.h
  std::string export_windows;  // every window's input and output (core/io/export_windows.h)
  std::string export_tfjs;     // a folder: model.json + weights.bin (core/io/export_tfjs.h)
  std::string export_notebook;  // Jupyter .ipynb of the whole pipeline (core/io/export_notebook.h)
  std::string runner = "thread";     // where the run trains: "thread" or "inline" (the page's fallback)
  bool help = false;
};

// Returns "" or a message naming the bad flag.
// Config flags, their ranges, labels and help come from the one field list (config_fields.h).
std::string parse_cli(int argc, const char* const* argv, CliOptions* out);
std::string cli_help();


}  // namespace lstm
