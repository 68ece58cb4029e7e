#include "cli_args.h"

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

// Numeric flags name the Config field they set; the allowed ranges come from the one field list
// (config_fields.h), shared with the share-link codec.
struct NumericFlag {
  const char* flag;
  const char* field;
};
constexpr NumericFlag kNumericFlags[] = {
    {"--look-back", "look_back"}, {"--horizon", "horizon"}, {"--val-split", "val_split"},
    {"--seed", "seed"},           {"--epochs", "epochs"},   {"--batch", "batch"},
    {"--lr", "lr"},               {"--clip-norm", "clip_norm"}};

// Parses v into the field `name` (array element `index`, or -1). Returns "" or what is wrong.
std::string set_field(Config& c, const char* name, int index, const std::string& v) {
  std::string err = "no such field";
  visit_fields(c, [&](const FieldInfo& f, auto& x) {
    using T = std::remove_reference_t<decltype(x)>;
    if (f.index != index || std::strcmp(f.name, name) != 0) return;
    char* end = nullptr;
    if constexpr (std::is_same<T, int>::value) {
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < f.lo || n > f.hi) err = "use an integer in " + range_text(f) + ".";
      else { x = int(n); err.clear(); }
    } else if constexpr (std::is_same<T, float>::value) {
      const float n = std::strtof(v.c_str(), &end);
      if (v.empty() || *end || !check_field(f, n).empty()) err = "use a number in " + range_text(f) + ".";
      else { x = n; err.clear(); }
    } else if constexpr (std::is_same<T, uint64_t>::value) {
      const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
      if (v.empty() || *end || v[0] == '-') err = "use a non-negative integer.";
      else { x = n; err.clear(); }
    }
  });
  return err;
}

}  // namespace

const char* cli_help() {
  return R"(lstm-cli: train the LSTM Playground model on a CSV, headless.

usage: lstm-cli train --csv PATH [options]

Prints progress to stderr and one JSON object on its last stdout line:
  {"train_loss", "val_loss", "val_rmse", "val_mae", "naive_val_rmse", "epochs_run",
   "samples_per_s", "forecast": [...data units...], "error": null | "message"}
On error the exit status is non-zero and "error" says why.

data:
  --csv PATH            CSV file (header and separator are detected)
  --columns a,b         input columns by name or 0-based index (default: every numeric column)
  --targets a           target columns (default: the last input column)
  --look-back N         timesteps per input window (default 10)
  --horizon K           steps predicted at once, > 1 for direct multi-step output (default 1)
  --val-split F         last fraction of windows used for validation, as Keras (default 0.2)
  --scale KIND          minmax | zscore | none, fitted on the training part (default minmax)
model:
  --hidden 64,64        units per LSTM layer, 1 to 4 layers (default 4)
  --activation A        tanh | relu (default tanh)
  --recurrent-activation A   sigmoid | hard_sigmoid (default sigmoid)
  --seed S              initial weights and shuffling (default 1)
training:
  --epochs E            (default 100)
  --batch B             (default 32)
  --lr X                learning rate (default 0.001)
  --optimizer O         adam (Keras form) | adam-torch (PyTorch form) | sgd (momentum 0.9)
  --loss L              mse | mae (default mse)
  --clip-norm C         clip gradients by global norm (default 0 = off)
  --no-shuffle          keep the window order
weights and forecast:
  --weights-in PATH     start from weights JSON (Keras or PyTorch layout, detected)
  --weights-out PATH    write the trained weights as JSON
  --layout L            keras | pytorch, for --weights-out (default keras)
  --forecast N          recursive rollout N steps past the end, in data units
  --help                this text
exports (written after training):
  --export-pytorch PATH runnable PyTorch script: the model, its weights and the series tail;
                        prints the same forecast (N of --forecast, else the next step only)
  --export-keras PATH   the same as a tf.keras script
  --export-predictions PATH   CSV: step, actual and predicted value per target, train/val split
  --export-forecast PATH      CSV of the --forecast N rollout (needs --forecast)

example: lstm-cli train --csv airline.csv --columns passengers --look-back 12 --epochs 200
)";
}

std::string parse_cli(int argc, const char* const* argv, CliOptions* out) {
  CliOptions& o = *out;
  Config& c = o.config;
  c.model.units = {4, 4, 4, 4};
  int i = 1;
  if (i < argc && argv[i][0] != '-') o.command = argv[i++];
  for (; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") { o.help = true; continue; }
    if (flag == "--no-shuffle") { c.train.shuffle = false; continue; }
    if (i + 1 >= argc) return "Flag " + flag + " needs a value (see --help).";
    const std::string v = argv[++i];
    const std::string bad = "Bad value '" + v + "' for " + flag + ": ";
    if (flag == "--csv") o.csv_path = v;
    else if (flag == "--columns") o.columns = split_list(v);
    else if (flag == "--targets") o.targets = split_list(v);
    else if (flag == "--scale") {
      if (v == "minmax") c.data.scaling = Scaling::MinMax;
      else if (v == "zscore") c.data.scaling = Scaling::ZScore;
      else if (v == "none") c.data.scaling = Scaling::None;
      else return bad + "use minmax, zscore or none.";
    } else if (flag == "--hidden") {
      std::vector<std::string> units = split_list(v);
      if (units.empty() || int(units.size()) > kMaxLayers) return bad + "give 1 to 4 layer sizes, e.g. 64,64.";
      c.model.n_layers = int(units.size());
      for (int l = 0; l < c.model.n_layers; ++l) {
        const std::string err = set_field(c, "units", l, units[l]);
        if (!err.empty()) return bad + err;
      }
    } else if (flag == "--activation") {
      if (v == "tanh") c.model.activation = Activation::Tanh;
      else if (v == "relu") c.model.activation = Activation::Relu;
      else return bad + "use tanh or relu.";
    } else if (flag == "--recurrent-activation") {
      if (v == "sigmoid") c.model.recurrent_activation = RecurrentActivation::Sigmoid;
      else if (v == "hard_sigmoid") c.model.recurrent_activation = RecurrentActivation::HardSigmoid;
      else return bad + "use sigmoid or hard_sigmoid.";
    } else if (flag == "--optimizer") {
      if (v == "adam") c.train.optimizer = OptimizerKind::Adam;
      else if (v == "adam-torch") { c.train.optimizer = OptimizerKind::AdamTorch; c.train.epsilon = 1e-8f; }
      else if (v == "sgd") c.train.optimizer = OptimizerKind::Sgd;
      else return bad + "use adam, adam-torch or sgd.";
    } else if (flag == "--loss") {
      if (v == "mse") c.train.loss = LossKind::Mse;
      else if (v == "mae") c.train.loss = LossKind::Mae;
      else return bad + "use mse or mae.";
    } else if (flag == "--weights-in") o.weights_in = v;
    else if (flag == "--weights-out") o.weights_out = v;
    else if (flag == "--layout") {
      if (v != "keras" && v != "pytorch") return bad + "use keras or pytorch.";
      o.layout = v;
    } else if (flag == "--export-pytorch") o.export_pytorch = v;
    else if (flag == "--export-keras") o.export_keras = v;
    else if (flag == "--export-predictions") o.export_predictions = v;
    else if (flag == "--export-forecast") o.export_forecast = v;
    else if (flag == "--forecast") {
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 0 || n > 100000) return bad + "use 0..100000.";
      o.forecast = int(n);
    } else {
      const NumericFlag* nf = nullptr;
      for (const NumericFlag& f : kNumericFlags)
        if (flag == f.flag) nf = &f;
      if (!nf) return "Unknown flag " + flag + " (see --help).";
      const std::string err = set_field(c, nf->field, -1, v);
      if (!err.empty()) return bad + err;
    }
  }
  if (o.help) return "";
  if (o.command != "train") return "Say what to do: lstm-cli train --csv PATH ... (see --help).";
  if (o.csv_path.empty()) return "lstm-cli train needs --csv PATH.";
  if (!o.export_forecast.empty() && o.forecast < 1)
    return "--export-forecast writes the rollout of --forecast N: add --forecast N (N >= 1).";
  return "";
}

}  // namespace lstm
