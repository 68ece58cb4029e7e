#include "cli_args.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "config_fields.h"

namespace lstm {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Parses v into x, the field f. Returns "" or what is wrong: the field list's range message when
// the number is out of range (the share link codec reports the same).
template <class T>
std::string parse_value(const FieldInfo& f, const std::string& v, T& x) {
  char* end = nullptr;
  if constexpr (std::is_enum<T>::value) {
    const int i = find_label(*f.labels, v);
    if (i < 0) return "use one of " + join_labels(*f.labels, ", ") + ".";
    x = T(i);
  } else if constexpr (std::is_same<T, int>::value) {
    const long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end) return "use an integer in " + range_text(f) + ".";
    if (std::string err = check_field(f, double(n)); !err.empty()) return err + ".";
    x = int(n);
  } else if constexpr (std::is_same<T, float>::value) {
    const float n = std::strtof(v.c_str(), &end);
    if (v.empty() || *end) return "use a number in " + range_text(f) + ".";
    if (std::string err = check_field(f, n); !err.empty()) return err + ".";
    x = n;
  } else if constexpr (std::is_same<T, uint64_t>::value) {
    const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
    if (v.empty() || *end || v[0] == '-') return "use a non-negative integer.";
    x = n;
  } else {
    return "takes no value.";  // bool: a switch, see set_switch
  }
  return "";
}

// Sets the field whose CLI flag is `flag` from v. Returns the field's name, or nullptr when no
// field has that flag; *err is "" or what is wrong with v.
const char* set_flag(Config& c, const std::string& flag, const std::string& v, std::string* err) {
  const char* name = nullptr;
  visit_fields(c, [&](const FieldInfo& f, auto& x) {
    if (name || !f.flag || flag != f.flag) return;
    name = f.name;
    *err = parse_value(f, v, x);
  });
  return name;
}

// Bool fields are switches: --shuffle sets, --no-shuffle clears. False when `flag` is neither.
bool set_switch(Config& c, const std::string& flag) {
  bool found = false;
  visit_fields(c, [&](const FieldInfo& f, auto& x) {
    using T = std::remove_reference_t<decltype(x)>;
    if constexpr (std::is_same<T, bool>::value) {
      if (!f.flag) return;
      if (flag == f.flag) x = true, found = true;
      else if (flag == "--no-" + std::string(f.flag + 2)) x = false, found = true;
    }
  });
  return found;
}

// Parses v into array element `index` of the field `name` ("units" of --hidden).
std::string set_element(Config& c, const char* name, int index, const std::string& v) {
  std::string err = "no such field";
  visit_fields(c, [&](const FieldInfo& f, auto& x) {
    if (f.index == index && std::strcmp(f.name, name) == 0) err = parse_value(f, v, x);
  });
  return err;
}

template <class T>
std::string value_text(const FieldInfo& f, const T& x) {
  if constexpr (std::is_enum<T>::value) return f.labels->labels[int(x)];
  else if constexpr (std::is_same<T, bool>::value) return x ? "on" : "off";
  else if constexpr (std::is_same<T, uint64_t>::value) return std::to_string(x);
  else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", double(x));
    return buf;
  }
}

// "  --look-back N         text": the text from column 24 (on the next line after a long flag),
// wrapped at 100 columns.
std::string help_line(const std::string& left, const std::string& text) {
  constexpr size_t kCol = 24, kWidth = 100;
  std::string s = "  " + left;
  s += s.size() < kCol ? std::string(kCol - s.size(), ' ') : "\n" + std::string(kCol, ' ');
  size_t line = s.size() - (s.rfind('\n') == std::string::npos ? 0 : s.rfind('\n') + 1);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (line > kCol && line + 1 + word.size() > kWidth) {
      s += "\n" + std::string(kCol, ' ');
      line = kCol;
    } else if (line > kCol) {
      s += ' ';
      ++line;
    }
    s += word;
    line += word.size();
    start = end + 1;
  }
  return s + "\n";
}

// The --help lines of the fields of one Config group that have a flag, with their defaults.
template <class G>
std::string group_help(const G& defaults) {
  std::string out;
  visit_fields(defaults, [&](const FieldInfo& f, const auto& x) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(x)>>;
    if (!f.flag) return;
    std::string left = f.flag, values;
    if constexpr (std::is_same<T, bool>::value) left += ", --no-" + std::string(f.flag + 2);
    else if constexpr (std::is_enum<T>::value) left += " NAME", values = join_labels(*f.labels) + ", ";
    else if constexpr (std::is_same<T, uint64_t>::value) left += " N";
    else left += std::is_same<T, float>::value ? " X" : " N", values = range_text(f) + ", ";
    out += help_line(left, f.help + (" (" + values + "default " + value_text(f, x) + ")"));
  });
  return out;
}

}  // namespace

std::string cli_help() {
  const Config d;
  std::string units_range;
  visit_fields(d.model, [&](const FieldInfo& f, const auto&) {
    if (f.index == 0 && std::strcmp(f.name, "units") == 0) units_range = range_text(f);
  });
  return std::string(R"(lstm-cli: train the LSTM Playground model on a CSV, headless.

usage: lstm-cli train --csv PATH [options]

Prints progress to stderr and one JSON object on its last stdout line:
  {"train_loss", "val_loss", "val_rmse", "val_mae", "naive_val_rmse", "epochs_run",
   "samples_per_s", "forecast": [...data units...], "history", "config", "error": null | "message",
   "evaluation": {"season", "season_detected", "mase_scale", "val" | "test": {"windows",
     "model", "baselines": {"naive", "seasonal_naive", "drift", "mean"}: {"rmse", "mae",
     "mape", "smape", "mase", "count"}, "verdict"}},
   with --forecast: "intervals": {"levels", "lower" | "upper": {"80" | "95": (steps, targets)},
     "test_coverage", "test_points", "calibration_origins"}, "baseline_forecasts",
   with --folds: "backtest": {"folds": [{"fold", "rows", "test": ...}], "mean": {...}}}
On error the exit status is non-zero and "error" says why. Names may use '-' for '_'.

data:
  --csv PATH            CSV file (header and separator are detected)
  --columns a,b         input columns by name or 0-based index (default: the page's choice,
                        every value column with index-like ones skipped: one -> univariate,
                        several -> parallel)
  --targets a           target columns (default: with --columns, the last of them; else the
                        page's choice)
)") + group_help(d.data) +
         "model:\n" +
         help_line("--hidden 64,64", "units per LSTM layer, 1 to " + std::to_string(kMaxLayers) +
                                         " layers (" + units_range + " units each, default " +
                                         std::to_string(d.model.units[0]) + ")") +
         group_help(d.model) + "training:\n" + group_help(d.train) +
         R"(weights and forecast:
  --weights-in PATH     start from weights JSON (Keras or PyTorch layout, detected)
  --weights-out PATH    write the trained weights as JSON
  --layout L            keras | pytorch, for --weights-out (default keras)
  --forecast N          recursive rollout N steps past the end, in data units, with
                        split-conformal 80 % and 95 % intervals from the validation part
  --folds K             walk-forward backtest: K folds (2..4) on an expanding window, each
                        tested on a test part (needs --test-split), trained in parallel
  --runner R            thread | inline: train on a thread of its own (default) or in slices
                        of the calling loop, as the page's fallback does (same results)
  --help                this text
exports (written after training):
  --export-pytorch PATH runnable PyTorch script: the model, its weights and the series tail;
                        prints the same forecast (N of --forecast, else the next step only)
  --export-keras PATH   the same as a tf.keras script
  --export-onnx PATH    ONNX model (opset 14: LSTM / GRU / RNN operators, scaling in the graph);
                        input "window" (batch, look_back, inputs), output "prediction" (batch,
                        horizon * targets), both in data units
  --export-windows PATH JSON: every window's inputs and the model's outputs in the ONNX graph's
                        units (data units, after the transforms if any)
  --export-predictions PATH   CSV: step, actual and predicted value per target, train/val split
  --export-forecast PATH      CSV of the --forecast N rollout (needs --forecast)
  --export-tfjs DIR     TensorFlow.js layers model: DIR/model.json + DIR/weights.bin
                        (tf.loadLayersModel; LSTM and SimpleRNN; takes scaled windows, the
                        scaler is in its userDefinedMetadata)
  --export-notebook PATH  Jupyter notebook of the whole pipeline: data, transforms, scaling,
                        windows, the PyTorch model, baselines and metrics, forecast, plot

example: lstm-cli train --csv airline.csv --columns passengers --look-back 12 --epochs 200
)";
}

std::string parse_cli(int argc, const char* const* argv, CliOptions* out) {
  CliOptions& o = *out;
  Config& c = o.config;
  c.model.units = {4, 4, 4, 4};
  bool epsilon_given = false;
  int i = 1;
  if (i < argc && argv[i][0] != '-') o.command = argv[i++];
  for (; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") { o.help = true; continue; }
    if (set_switch(c, flag)) continue;
    if (i + 1 >= argc) return "Flag " + flag + " needs a value (see --help).";
    const std::string v = argv[++i];
    const std::string bad = "Bad value '" + v + "' for " + flag + ": ";
    if (flag == "--csv") o.csv_path = v;
    else if (flag == "--columns") o.columns = split_list(v);
    else if (flag == "--targets") o.targets = split_list(v);
    else if (flag == "--hidden") {
      std::vector<std::string> units = split_list(v);
      if (units.empty() || int(units.size()) > kMaxLayers)
        return bad + "give 1 to " + std::to_string(kMaxLayers) + " layer sizes, e.g. 64,64.";
      c.model.n_layers = int(units.size());
      for (int l = 0; l < c.model.n_layers; ++l) {
        const std::string err = set_element(c, "units", l, units[l]);
        if (!err.empty()) return bad + err;
      }
    } else if (flag == "--weights-in") o.weights_in = v;
    else if (flag == "--weights-out") o.weights_out = v;
    else if (flag == "--layout") {
      if (v != "keras" && v != "pytorch") return bad + "use keras or pytorch.";
      o.layout = v;
    } else if (flag == "--runner") {
      if (v != "thread" && v != "inline") return bad + "use thread or inline.";
      o.runner = v;
    } else if (flag == "--export-pytorch") o.export_pytorch = v;
    else if (flag == "--export-keras") o.export_keras = v;
    else if (flag == "--export-predictions") o.export_predictions = v;
    else if (flag == "--export-forecast") o.export_forecast = v;
    else if (flag == "--export-onnx") o.export_onnx = v;
    else if (flag == "--export-windows") o.export_windows = v;
    else if (flag == "--export-tfjs") o.export_tfjs = v;
    else if (flag == "--export-notebook") o.export_notebook = v;
    else if (flag == "--forecast") {
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 0 || n > 100000) return bad + "use 0..100000.";
      o.forecast = int(n);
    } else if (flag == "--folds") {
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 2 || n > 4) return bad + "use 2..4.";
      o.folds = int(n);
    } else {
      std::string err;
      const char* field = set_flag(c, flag, v, &err);
      if (!field) return "Unknown flag " + flag + " (see --help).";
      if (!err.empty()) return bad + err;
      epsilon_given |= std::strcmp(field, "epsilon") == 0;
    }
  }
  // PyTorch's Adam default, as the UI's optimizer combo sets it.
  if (c.train.optimizer == OptimizerKind::AdamTorch && !epsilon_given) c.train.epsilon = 1e-8f;
  if (o.help) return "";
  if (o.command != "train") return "Say what to do: lstm-cli train --csv PATH ... (see --help).";
  if (o.csv_path.empty()) return "lstm-cli train needs --csv PATH.";
  if (!o.export_forecast.empty() && o.forecast < 1)
    return "--export-forecast writes the rollout of --forecast N: add --forecast N (N >= 1).";
  return "";
}

}  // namespace lstm
