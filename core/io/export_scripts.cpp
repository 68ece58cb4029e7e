#include "export_scripts.h"

#include <nlohmann/json.hpp>

#include "config_enums.h"
#include "export_csv.h"
#include "python_text.h"
#include "version.h"
#include "weights_io.h"

namespace lstm {
namespace {

using nlohmann::json;

// JSON with one line per array of numbers (a matrix row, a bias), so the embedded weights stay
// readable without one number per line.
void pretty(const json& v, int indent, std::string& out) {
  const std::string pad(size_t(indent + 1), ' '), close(size_t(indent), ' ');
  bool flat = !v.is_structured();
  if (v.is_array()) {
    flat = true;
    for (const json& e : v) flat = flat && e.is_primitive();
  }
  if (flat || v.empty()) {
    out += v.dump();
    return;
  }
  out += v.is_array() ? "[\n" : "{\n";
  size_t k = 0;
  for (auto it = v.begin(); it != v.end(); ++it, ++k) {
    out += pad;
    if (v.is_object()) out += json(it.key()).dump() + ": ";
    pretty(*it, indent + 1, out);
    out += k + 1 < v.size() ? ",\n" : "\n";
  }
  out += close + (v.is_array() ? "]" : "}");
}

std::string header(const Trainer& t, const char* framework, const char* run) {
  const Config& c = t.config();
  std::string units;
  for (int l = 0; l < c.model.n_layers; ++l) units += (l ? ", " : "") + std::to_string(c.model.units[l]);
  return std::string("#!/usr/bin/env python3\n\"\"\"") + framework +
         " twin of a model trained in LSTM Playground " + version() +
         ".\n\n"
         "Window setup: " + enum_title(c.data.setup) + ", look_back " +
         std::to_string(c.data.look_back) + ", horizon " + std::to_string(c.data.horizon) +
         ".\nModel: " + enum_title(c.model.cell) + "(" + units + ") -> Dense, activation " +
         enum_label(c.model.activation) +
         // SimpleRNN has no gates: its recurrent activation is unused.
         (c.model.cell == CellKind::SimpleRnn
              ? std::string()
              : std::string(", recurrent activation ") + enum_label(c.model.recurrent_activation)) +
         (c.model.cell == CellKind::Gru ? " (reset_after=True)" : "") +
         ".\n\n"
         "Run: " + run + "\n"
         "It rebuilds the model, loads the trained weights embedded below, scales the last\n"
         "look_back rows of the series like the playground did, and prints the next prediction\n"
         "and a recursive forecast in data units. The last line is machine-readable:\n"
         "    FORECAST_JSON: [[target values of step 1], [step 2], ...]\n"
         "\"\"\"\n";
}

// Everything but the model: columns, window, scaler, the series tail, the forecast settings.
std::string data_section(const Trainer& t, int forecast_steps) {
  const Config& c = t.config();
  const Dataset& d = t.dataset();
  const Series& s = t.series();
  const ColumnPlan& plan = d.plan;
  const int L = d.windows.look_back, F = plan.n_features(), J = int(plan.targets.size());
  const int T = s.length();
  const ColumnScaling in = column_scaling(d, s, plan.inputs), out = column_scaling(d, s, plan.targets);
  // Trainer::rollout feeds each input column the prediction of the same column.
  std::vector<int> feedback(size_t(F), -1);
  bool can_roll = true;
  for (int f = 0; f < F; ++f) {
    for (int j = 0; j < J; ++j)
      if (plan.targets[j] == plan.inputs[f]) feedback[f] = j;
    can_roll = can_roll && feedback[f] >= 0;
  }
  // The transforms (transforms.h) need LAG rows more than the window to difference it.
  const Transform& tr = d.transform;
  auto tail = [&](const std::vector<int>& cols, int n) {
    std::string rows;
    for (int r = T - n; r < T; ++r) {
      std::vector<float> row;
      for (int col : cols) row.push_back(s.columns[col][r]);
      rows += "    " + py_list(row, float_text) + ",\n";
    }
    return rows;
  };
  auto trend = [&](const std::vector<int>& cols) {
    std::vector<std::string> ab;
    for (int col : cols)
      ab.push_back("[" + double_text(tr.trend_a[col]) + ", " + double_text(tr.trend_b[col]) + "]");
    return "np.array(" + py_list(ab, [](const std::string& x) { return x; }) + ")";
  };
  const std::string rows = tail(plan.inputs, L + tr.lag);
  std::vector<int> units(c.model.units.begin(), c.model.units.begin() + c.model.n_layers);
  auto num = [](int v) { return std::to_string(v); };
  std::string o;
  o += "\n# ---- What the playground trained on ------------------------------------------------\n";
  o += "INPUT_COLUMNS = " + py_list(in.names, py_string) + "  # (F) what a window reads\n";
  o += "TARGET_COLUMNS = " + py_list(out.names, py_string) + "  # (J) what the model predicts\n";
  o += "LOOK_BACK = " + num(L) + "  # timesteps per input window\n";
  o += "HORIZON = " + num(plan.horizon) + "  # steps predicted at once (direct multi-step when > 1)\n";
  o += "UNITS = " + py_list(units, num) + "  # " + enum_title(c.model.cell) + " units per layer\n";
  o += "N_OUTPUTS = HORIZON * len(TARGET_COLUMNS)  # Dense outputs, step-major: step k, target j\n";
  o += std::string("\n# Scaling: ") + enum_title(d.scaler.kind) +
       ", fitted on the training rows only.\n"
       "# model units = (data units - OFFSET) / SCALE, per column.\n";
  o += "IN_OFFSET = np.array(" + py_list(in.offset, double_text) + ")\n";
  o += "IN_SCALE = np.array(" + py_list(in.scale, double_text) + ")\n";
  o += "OUT_OFFSET = np.array(" + py_list(out.offset, double_text) + ")\n";
  o += "OUT_SCALE = np.array(" + py_list(out.scale, double_text) + ")\n";
  o += "\n# Transforms before scaling, as the playground fits them (core/data/transforms.h):\n"
       "#   w = log(y) if LOG; w -= a + b * row if DETREND (fitted on the training rows);\n"
       "#   z[row] = w[row] - w[row - LAG] if LAG else w. Predictions of z are inverted exactly.\n";
  o += std::string("LOG = ") + (tr.log ? "True" : "False") + "\n";
  o += std::string("DETREND = ") + (tr.detrend ? "True" : "False") + "\n";
  o += "LAG = " + num(tr.lag) + "  # 0: no differencing; else 1 or the season m = " + num(d.season) + "\n";
  o += "IN_TREND = " + trend(plan.inputs) + "  # (F, 2): a, b per input column\n";
  o += "OUT_TREND = " + trend(plan.targets) + "  # (J, 2)\n";
  o += "\n# The last LOOK_BACK + LAG rows of the input columns, data units, oldest first.\n";
  o += "LAST_ROWS = [\n" + rows + "]\n";
  o += "# The last LAG rows of the target columns: what undifferencing adds back.\n";
  o += "TARGET_TAIL = [\n" + tail(plan.targets, tr.lag) + "]\n";
  o += "FIRST_STEP = " + num(T) + "  # row index of the first forecast step (the series has " +
       num(T) + " rows)\n";
  o += "FORECAST_STEPS = " + num(forecast_steps) + "  # recursive forecast length; change it freely\n";
  o += "# A recursive forecast feeds every prediction back as the next input, so each input column\n"
       "# needs its own prediction: FEEDBACK[f] is the target index of input f.\n";
  if (can_roll)
    o += "FEEDBACK = " + py_list(feedback, num) + "\n";
  else
    o += "FEEDBACK = None  # some input column is not predicted: no recursive forecast\n";
  return o;
}

std::string weights_section(const Trainer& t, WeightLayout layout, const char* what) {
  std::string w;
  pretty(weights_to_json(t.model(), layout), 0, w);
  return std::string("\n# ---- Trained weights (") + what + ") ----\n" +
         "WEIGHTS = json.loads(r\"\"\"\n" + w + "\n\"\"\")\n";
}

// Shared by both scripts: predict(window) is the framework's part.
const char* kForecastSection = R"py(

# ---- Forecast (the same steps as the playground's rollout) --------------------------------
def to_w(y, rows, trend):
    """(n, C) data units at `rows` -> w in float64: log, then minus the trend."""
    level = np.asarray(y, dtype=np.float32).astype(np.float64)
    if LOG:
        level = np.log(level)
    if DETREND:
        level = level - (trend[:, 0] + trend[:, 1] * np.asarray(rows, np.float64)[:, np.newaxis])
    return level


def from_w(w, rows, trend):
    """The inverse of to_w: plus the trend, then exp."""
    level = np.asarray(w, np.float64)
    if DETREND:
        level = level + (trend[:, 0] + trend[:, 1] * np.asarray(rows, np.float64)[:, np.newaxis])
    return np.exp(level) if LOG else level


def transform_inputs(rows):
    """(LOOK_BACK + LAG, F) data units ending at row FIRST_STEP - 1 -> (LOOK_BACK, F) z, float32."""
    first = FIRST_STEP - len(rows)
    w = to_w(rows, first + np.arange(len(rows)), IN_TREND)
    return (w[LAG:] - w[:len(w) - LAG] if LAG else w).astype(np.float32)


def invert_outputs(z):
    """(S, J) predicted z for rows FIRST_STEP, FIRST_STEP + 1, ... -> data units. Undifferencing
    adds w of row r - LAG: the series' own (TARGET_TAIL) or an earlier predicted step."""
    z = np.asarray(z, np.float32).astype(np.float64)
    rows = FIRST_STEP + np.arange(len(z))
    w = np.zeros_like(z)
    known = to_w(TARGET_TAIL, FIRST_STEP - LAG + np.arange(LAG), OUT_TREND) if LAG else None
    for k in range(len(z)):
        w[k] = z[k] + ((known[k] if k < LAG else w[k - LAG]) if LAG else 0.0)
    return from_w(w, rows, OUT_TREND)


def scale_inputs(rows):
    """(n, F) z -> float32 model units. The playground keeps data as float32 and scales in
    double precision; so does this."""
    rows = np.asarray(rows, dtype=np.float32).astype(np.float64)
    return ((rows - IN_OFFSET) / IN_SCALE).astype(np.float32)


def unscale_outputs(y):
    """(..., J) model units -> data units."""
    return y.astype(np.float64) * OUT_SCALE + OUT_OFFSET


def print_table(title, first_step, rows):
    print(title)
    print("%8s" % "step" + "".join(" %14s" % name[:14] for name in TARGET_COLUMNS))
    for k, row in enumerate(rows):
        print("%8d" % (first_step + k) + "".join(" %14.6g" % v for v in row))


def main():
    J = len(TARGET_COLUMNS)
    history = scale_inputs(transform_inputs(LAST_ROWS))  # (LOOK_BACK, F) model units
    nxt = invert_outputs(unscale_outputs(predict(history).reshape(HORIZON, J)))
    print_table("Prediction for the window of the last %d rows:" % LOOK_BACK, FIRST_STEP,
                nxt.tolist())

    forecast = []  # (FORECAST_STEPS, J) data units
    if FEEDBACK is None:
        print("No recursive forecast: every input column must also be a target.")
    while FEEDBACK is not None and len(forecast) < FORECAST_STEPS:
        y = predict(history[-LOOK_BACK:]).reshape(HORIZON, J)  # model units
        for k in range(HORIZON):
            # The predictions become the newest input row, still in model units.
            history = np.vstack([history, y[k, FEEDBACK][np.newaxis, :]])
            if len(forecast) < FORECAST_STEPS:
                forecast.append(unscale_outputs(y[k]).tolist())
    if forecast:
        forecast = invert_outputs(np.array(forecast)).tolist()
        print_table("Recursive forecast, %d steps:" % len(forecast), FIRST_STEP, forecast)
    print("FORECAST_JSON: " + json.dumps(forecast))


if __name__ == "__main__":
    main()
)py";

// ---- PyTorch: one layer factory per cell ----------------------------------------------------
const char* kTorchLstmStock = R"py(def lstm_layer(n_in, units):
    """One LSTM layer. Each layer is its own nn.LSTM so layers may differ in size; with equal
    sizes, nn.LSTM(n_in, units, num_layers=len(UNITS)) computes the same."""
    return nn.LSTM(n_in, units, batch_first=True)
)py";

const char* kTorchGruStock = R"py(def gru_layer(n_in, units):
    """One GRU layer. nn.GRU computes Keras' GRU(reset_after=True), the playground's GRU, with its
    gate blocks in the order r, z, n (Keras: z, r, h) and both biases. Each layer is its own
    nn.GRU so layers may differ in size; with equal sizes, nn.GRU(n_in, units,
    num_layers=len(UNITS)) computes the same."""
    return nn.GRU(n_in, units, batch_first=True)
)py";

const char* kTorchRnn = R"py(def rnn_layer(n_in, units):
    """One SimpleRNN layer. nn.RNN computes Keras' SimpleRNN, h = act(x W_ih^T + b_ih + h W_hh^T
    + b_hh); the playground's one bias is b_ih and b_hh is zero. Each layer is its own nn.RNN so
    layers may differ in size; with equal sizes, nn.RNN(n_in, units, num_layers=len(UNITS),
    nonlinearity=NONLINEARITY) computes the same."""
    return nn.RNN(n_in, units, nonlinearity=NONLINEARITY, batch_first=True)
)py";

const char* kTorchHardSigmoid = R"py(

def hard_sigmoid(x):
    """tf.keras 2.x hard_sigmoid: clip(0.2 x + 0.5, 0, 1)."""
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)


)py";

const char* kTorchHandLstm = R"py(

class HandLSTM(nn.Module):
    """One LSTM layer written out, because nn.LSTM only knows tanh and sigmoid. Same parameter
    names, gate order (i, f, g, o) and call signature as nn.LSTM(n_in, units, batch_first=True)."""

    def __init__(self, n_in, units):
        super().__init__()
        self.units = units
        self.weight_ih_l0 = nn.Parameter(torch.zeros(4 * units, n_in))
        self.weight_hh_l0 = nn.Parameter(torch.zeros(4 * units, units))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(4 * units))
        self.bias_hh_l0 = nn.Parameter(torch.zeros(4 * units))

    def forward(self, x):  # x: (batch, time, n_in) -> (batch, time, units), (h, c)
        h = x.new_zeros(x.shape[0], self.units)
        c = x.new_zeros(x.shape[0], self.units)
        outs = []
        for t in range(x.shape[1]):
            z = (x[:, t] @ self.weight_ih_l0.T + self.bias_ih_l0
                 + h @ self.weight_hh_l0.T + self.bias_hh_l0)  # (batch, 4 units)
            zi, zf, zg, zo = z.chunk(4, dim=1)
            i, f, o = RECURRENT_ACTIVATION(zi), RECURRENT_ACTIVATION(zf), RECURRENT_ACTIVATION(zo)
            c = f * c + i * ACTIVATION(zg)
            h = o * ACTIVATION(c)
            outs.append(h)
        return torch.stack(outs, dim=1), (h, c)


def lstm_layer(n_in, units):
    return HandLSTM(n_in, units)
)py";

const char* kTorchHandGru = R"py(

class HandGRU(nn.Module):
    """One GRU layer written out, because nn.GRU only knows tanh and sigmoid. Same parameter
    names, gate order (r, z, n), maths (Keras' GRU with reset_after=True) and call signature as
    nn.GRU(n_in, units, batch_first=True)."""

    def __init__(self, n_in, units):
        super().__init__()
        self.units = units
        self.weight_ih_l0 = nn.Parameter(torch.zeros(3 * units, n_in))
        self.weight_hh_l0 = nn.Parameter(torch.zeros(3 * units, units))
        self.bias_ih_l0 = nn.Parameter(torch.zeros(3 * units))
        self.bias_hh_l0 = nn.Parameter(torch.zeros(3 * units))

    def forward(self, x):  # x: (batch, time, n_in) -> (batch, time, units), h (1, batch, units)
        h = x.new_zeros(x.shape[0], self.units)
        outs = []
        for t in range(x.shape[1]):
            a = x[:, t] @ self.weight_ih_l0.T + self.bias_ih_l0  # (batch, 3 units)
            q = h @ self.weight_hh_l0.T + self.bias_hh_l0  # (batch, 3 units)
            ar, az, an = a.chunk(3, dim=1)
            qr, qz, qn = q.chunk(3, dim=1)
            r = RECURRENT_ACTIVATION(ar + qr)  # reset gate
            z = RECURRENT_ACTIVATION(az + qz)  # update gate
            n = ACTIVATION(an + r * qn)  # candidate: the reset gate scales h W_hh^T + b_hh
            h = (1 - z) * n + z * h
            outs.append(h)
        return torch.stack(outs, dim=1), h.unsqueeze(0)


def gru_layer(n_in, units):
    return HandGRU(n_in, units)
)py";

// The stack and the loading, for every cell: @ATTR@ is the ModuleList (lstm, gru, rnn), @STACK@
// the cell's title, @MODULE@ the torch module one layer stands for.
const char* kTorchModel = R"py(

class Forecaster(nn.Module):
    """Stacked @STACK@ (each layer returns its whole sequence to the next, like Keras'
    return_sequences=True) and a Linear head on the last hidden state."""

    def __init__(self):
        super().__init__()
        sizes = [len(INPUT_COLUMNS)] + UNITS
        self.@ATTR@ = nn.ModuleList([@ATTR@_layer(sizes[k], sizes[k + 1]) for k in range(len(UNITS))])
        self.head = nn.Linear(UNITS[-1], N_OUTPUTS)

    def forward(self, x):  # x: (batch, LOOK_BACK, F) -> (batch, N_OUTPUTS)
        seq = x
        for layer in self.@ATTR@:
            seq, _ = layer(seq)
        return self.head(seq[:, -1, :])


def load_model():
    model = Forecaster()
    # The file's layer k -> this model's self.@ATTR@[k] (a one-layer @MODULE@, suffix _l0).
    state = {}
    for k in range(len(UNITS)):
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            state["@ATTR@.%d.%s_l0" % (k, name)] = torch.tensor(WEIGHTS["%s_l%d" % (name, k)])
    state["head.weight"] = torch.tensor(WEIGHTS["head.weight"])
    state["head.bias"] = torch.tensor(WEIGHTS["head.bias"])
    model.load_state_dict(state)  # strict: every name and shape must match
    return model.eval()


MODEL = load_model()


def predict(window):
    """(LOOK_BACK, F) float32 model units -> (N_OUTPUTS,) float32 model units."""
    with torch.no_grad():
        return MODEL(torch.from_numpy(window).unsqueeze(0))[0].numpy()
)py";

}  // namespace

std::string pytorch_model_section(const Trainer& t) {
  const ModelConfig& m = t.config().model;
  const CellKind cell = m.cell;
  // nn.LSTM and nn.GRU only know tanh and sigmoid; nn.RNN knows tanh and relu (no gates).
  const bool stock = cell == CellKind::SimpleRnn ||
                     (m.activation == Activation::Tanh &&
                      m.recurrent_activation == RecurrentActivation::Sigmoid);
  const char* attr = cell == CellKind::Lstm ? "lstm" : cell == CellKind::Gru ? "gru" : "rnn";
  const std::string module =
      cell == CellKind::Lstm ? "nn.LSTM" : cell == CellKind::Gru ? "nn.GRU" : "nn.RNN";
  const std::string what = "PyTorch layout: " + module + " + nn.Linear state_dict names";
  std::string o = weights_section(t, WeightLayout::PyTorch, what.c_str());
  o += "\n\n# ---- The model ----------------------------------------------------------------------\n";
  if (cell == CellKind::SimpleRnn) {
    o += std::string("NONLINEARITY = ") + (m.activation == Activation::Tanh ? "\"tanh\"" : "\"relu\"") +
         "  # Keras SimpleRNN(activation=...)\n\n\n";
    o += kTorchRnn;
  } else if (stock) {
    o += cell == CellKind::Lstm ? kTorchLstmStock : kTorchGruStock;
  } else {
    o += std::string("ACTIVATION = ") + (m.activation == Activation::Tanh ? "torch.tanh" : "torch.relu") +
         (cell == CellKind::Lstm ? "  # Keras LSTM(activation=...): candidate and cell output\n"
                                 : "  # Keras GRU(activation=...): the candidate n\n");
    o += kTorchHardSigmoid;
    o += std::string("RECURRENT_ACTIVATION = ") +
         (m.recurrent_activation == RecurrentActivation::Sigmoid ? "torch.sigmoid" : "hard_sigmoid") +
         (cell == CellKind::Lstm ? "  # the gates i, f, o\n" : "  # the gates r, z\n");
    o += cell == CellKind::Lstm ? kTorchHandLstm : kTorchHandGru;
  }
  o += fill(kTorchModel, {{"@ATTR@", attr}, {"@STACK@", enum_title(cell)}, {"@MODULE@", module}});
  return o;
}

std::string export_pytorch_script(const Trainer& t, int forecast_steps) {
  std::string o = header(t, "PyTorch", "/usr/bin/python3 this_file.py   (needs torch and numpy)");
  o += "import json\n\nimport numpy as np\nimport torch\nfrom torch import nn\n";
  o += data_section(t, forecast_steps);
  o += pytorch_model_section(t);
  o += kForecastSection;
  return o;
}

std::string export_keras_script(const Trainer& t, int forecast_steps) {
  const ModelConfig& m = t.config().model;
  const CellKind cell = m.cell;
  const std::string layer = enum_title(cell);  // tf.keras.layers.LSTM, GRU, SimpleRNN
  std::string o = header(t, "Keras (TensorFlow 2)",
                         "python3 this_file.py   (needs tensorflow and numpy)");
  o += "import json\n\nimport numpy as np\nimport tensorflow as tf\n";
  o += data_section(t, forecast_steps);
  o += weights_section(t, WeightLayout::Keras, "Keras layout: model.get_weights() per layer");
  o += "\n\n# ---- The model ----------------------------------------------------------------------\n";
  std::string rec = "\"sigmoid\"";
  if (cell != CellKind::SimpleRnn && m.recurrent_activation == RecurrentActivation::HardSigmoid) {
    rec = "hard_sigmoid";
    o += R"py(def hard_sigmoid(x):
    """tf.keras 2.x hard_sigmoid: clip(0.2 x + 0.5, 0, 1). Keras 3 redefined the built-in
    "hard_sigmoid" as relu6(x + 3) / 6, so the playground's version is spelled out."""
    return tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)


)py";
  }
  const std::string act = m.activation == Activation::Tanh ? "\"tanh\"" : "\"relu\"";
  o += "model = tf.keras.Sequential([\n"
       "    tf.keras.Input(shape=(LOOK_BACK, len(INPUT_COLUMNS))),\n";
  for (int l = 0; l < m.n_layers; ++l)
    o += "    tf.keras.layers." + layer + "(" + std::to_string(m.units[l]) + ", activation=" + act +
         (cell == CellKind::SimpleRnn ? "" : ", recurrent_activation=" + rec) +
         (cell == CellKind::Gru ? ", reset_after=True" : "") +
         (l + 1 < m.n_layers ? ", return_sequences=True" : "") + "),\n";
  o += "    tf.keras.layers.Dense(N_OUTPUTS),\n])\n";
  const char* shapes =
      cell == CellKind::Lstm
          ? "    # kernel (in, 4 units), recurrent_kernel (units, 4 units), bias (4 units); gates i, f, c, o\n"
      : cell == CellKind::Gru
          ? "    # kernel (in, 3 units), recurrent_kernel (units, 3 units), bias (2, 3 units): row 0\n"
            "    # the input bias, row 1 the recurrent one (reset_after=True); gates z, r, h\n"
          : "    # kernel (in, units), recurrent_kernel (units, units), bias (units); no gates\n";
  o += fill(R"py(@ATTR@_layers = [layer for layer in model.layers if isinstance(layer, tf.keras.layers.@LAYER@)]
for layer, w in zip(@ATTR@_layers, WEIGHTS["layers"]):
@SHAPES@    layer.set_weights([np.array(w["kernel"], np.float32), np.array(w["recurrent_kernel"], np.float32),
                       np.array(w["bias"], np.float32)])
model.layers[-1].set_weights([np.array(WEIGHTS["dense_kernel"], np.float32),  # (units, N_OUTPUTS)
                              np.array(WEIGHTS["dense_bias"], np.float32)])


def predict(window):
    """(LOOK_BACK, F) float32 model units -> (N_OUTPUTS,) float32 model units."""
    return model(window[np.newaxis], training=False).numpy()[0]
)py",
            {{"@ATTR@", enum_label(cell)}, {"@LAYER@", layer}, {"@SHAPES@", shapes}});
  o += kForecastSection;
  return o;
}

}  // namespace lstm
