#include "export_notebook.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "config_enums.h"
#include "export_csv.h"
#include "export_scripts.h"
#include "forecast_metrics.h"
#include "python_text.h"
#include "version.h"

namespace lstm {
namespace {

using nlohmann::json;

// ---- Python of the cells: @TOKENS@ are filled from the trainer ----------------------------

const char* kImports = R"py(import json
import math

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn)py";

const char* kData = R"py(SOURCE = @SOURCE@
# The columns the model reads or predicts, data units, rows 0 .. T-1 (float32, as the playground
# keeps them). From a CSV instead: SERIES = {c: pandas.read_csv(path)[c].to_numpy(np.float32) ...}
SERIES = {
@SERIES@}
INPUT_COLUMNS = @INPUTS@  # (F) what a window reads
TARGET_COLUMNS = @TARGETS@  # (J) what the model predicts
T = @T@  # rows
assert all(len(v) == T for v in SERIES.values())
print("%s: %d rows; inputs %s, targets %s" % (SOURCE, T, INPUT_COLUMNS, TARGET_COLUMNS)))py";

const char* kTransforms = R"py(LOG = @LOG@  # log of the values first (positive series only)
DETREND = @DETREND@  # then minus the line a + b * row, fitted on the training rows
TREND = {@TREND@}  # column: (a, b), least squares on rows [0, TRAIN_ROWS) of the (log) values
SEASON = @SEASON@  # m: @SEASON_HOW@
SEASON_DETECTED = @DETECTED@
LAG = @LAG@  # differencing lag d: 0 = none, 1, or the season m
TRAIN_ROWS = @TRAIN_ROWS@  # rows the training windows cover (section 3 recomputes it)


def to_w(col, rows, y):
    """Data units -> w (log, then minus the trend), float64. rows: the row of each value."""
    level = np.log(np.asarray(y, np.float64)) if LOG else np.asarray(y, np.float64)
    if DETREND:
        a, b = TREND[col]
        level = level - (a + b * np.asarray(rows, np.float64))
    return level


def from_w(col, rows, w):
    """The inverse: w -> data units (float32), plus the trend, then exp."""
    level = np.asarray(w, np.float64)
    if DETREND:
        a, b = TREND[col]
        level = level + (a + b * np.asarray(rows, np.float64))
    return (np.exp(level) if LOG else level).astype(np.float32)


def transform(col):
    """z[r] = w[r] - w[r - LAG] (w[r] without differencing), float32. Rows < LAG have no z:
    they hold 0 and no window reads them."""
    w = to_w(col, np.arange(T), SERIES[col])
    z = np.zeros(T, np.float32)
    z[LAG:] = (w[LAG:] - w[:T - LAG]) if LAG else w
    return z


def invert_path(col, first_row, z):
    """z predicted for rows first_row, first_row + 1, ... -> data units. Undifferencing adds w
    at row r - LAG: the series' own value when that row is known (before first_row), else the
    inverted prediction of that earlier step."""
    w = np.zeros(len(z))
    for k in range(len(z)):
        w[k] = float(z[k])
        if LAG:
            prev = first_row + k - LAG
            w[k] += to_w(col, prev, SERIES[col][prev]) if prev < first_row else w[k - LAG]
    return from_w(col, first_row + np.arange(len(z)), w)


Z = {col: transform(col) for col in SERIES}
for col in SERIES:
    back = invert_path(col, LAG, Z[col][LAG:])  # every z "predicted": the way back to the data
    print("%s: z -> data units round trip, max |error| %.3g" % (col, np.max(np.abs(back - SERIES[col][LAG:]))))
    if DETREND:
        level = np.log(SERIES[col].astype(np.float64)) if LOG else SERIES[col].astype(np.float64)
        b_fit, a_fit = np.polyfit(np.arange(TRAIN_ROWS), level[:TRAIN_ROWS], 1)
        print("  trend a = %.8g, b = %.8g (np.polyfit on the training rows: %.8g, %.8g)"
              % (TREND[col][0], TREND[col][1], a_fit, b_fit)))py";

const char* kScaling = R"py(SCALING = "@SCALING@"  # fitted on the transformed training rows [LAG, TRAIN_ROWS)
# model units = (z - OFFSET) / SCALE, per column; the inverse for predictions.
OFFSET = {@OFFSET@}
SCALE = {@SCALE@}


def scale(col, z):
    return ((np.asarray(z, np.float32).astype(np.float64) - OFFSET[col]) / SCALE[col]).astype(np.float32)


def unscale(col, s):
    return (np.asarray(s, np.float32).astype(np.float64) * SCALE[col] + OFFSET[col]).astype(np.float32)


SCALED = {col: scale(col, Z[col]) for col in SERIES}
for col in SERIES:
    fit = Z[col][LAG:TRAIN_ROWS].astype(np.float64)
    refit = {"minmax": (fit.min(), fit.max() - fit.min()), "zscore": (fit.mean(), fit.std()),
             "none": (0.0, 1.0)}[SCALING]
    print("%s: offset %.8g, scale %.8g (refitted here: %.8g, %.8g; a constant column keeps scale 1)"
          % (col, OFFSET[col], SCALE[col], refit[0], refit[1])))py";

const char* kWindows = R"py(LOOK_BACK = @LOOK_BACK@  # L: timesteps a window reads
HORIZON = @HORIZON@  # K: steps it predicts at once (direct multi-step when > 1)
STRIDE = @STRIDE@  # rows between window starts
VAL_SPLIT = @VAL_SPLIT@  # Keras validation_split: the last fraction of windows, before shuffling
TEST_SPLIT = @TEST_SPLIT@  # the last fraction of windows, held out first and never used for a choice
F, J = len(INPUT_COLUMNS), len(TARGET_COLUMNS)


def split_counts(n):
    """(train, validation, test) windows: the test part first (the last round(n * TEST_SPLIT)),
    then Keras' validation_split of the rest. Fractions rounded to 6 decimals, as the playground."""
    frac = lambda f: min(max(math.floor(f * 1e6 + 0.5) / 1e6, 0.0), 1.0)
    n_test = math.floor(n * frac(TEST_SPLIT) + 0.5)
    n_train = math.floor((n - n_test) * (1.0 - frac(VAL_SPLIT)))
    return n_train, n - n_test - n_train, n_test


N = (T - LAG - LOOK_BACK - HORIZON) // STRIDE + 1  # windows; differencing leaves rows < LAG out
N_TRAIN, N_VAL, N_TEST = split_counts(N)
assert (N, N_TRAIN, N_VAL, N_TEST) == (@COUNTS@), "the playground made other windows"
assert TRAIN_ROWS == LAG + (N_TRAIN - 1) * STRIDE + LOOK_BACK + HORIZON
START = LAG + STRIDE * np.arange(N)  # (N) first input row of each window
# X: (N, L, F) model units; TRUTH: (N, K * J) data units, step-major (step k, target j at k * J + j).
X = np.stack([np.stack([SCALED[c][s:s + LOOK_BACK] for c in INPUT_COLUMNS], axis=1) for s in START])
TRUTH = np.stack([np.stack([SERIES[c][s + LOOK_BACK:s + LOOK_BACK + HORIZON] for c in TARGET_COLUMNS],
                           axis=1).reshape(-1) for s in START])
print("%d windows: %d train, %d validation, %d test; X %s, TRUTH %s"
      % (N, N_TRAIN, N_VAL, N_TEST, X.shape, TRUTH.shape)))py";

const char* kEvaluation = R"py(with torch.no_grad():
    P_MODEL = MODEL(torch.from_numpy(X)).numpy()  # (N, K * J) model units


def to_data_units(p):
    """(N, K * J) model units -> data units: unscale, then invert the transforms per window."""
    out = np.empty_like(p)
    for j, col in enumerate(TARGET_COLUMNS):
        u = unscale(col, p[:, j::J])  # (N, K)
        for i, s in enumerate(START):
            out[i, j::J] = invert_path(col, s + LOOK_BACK, u[i])
    return out


PRED = to_data_units(P_MODEL)  # (N, K * J) data units

# Baselines from the data known at a window's last input row o, for steps h = 1 .. K (FPP3 5.2).
M = max(SEASON, 1)
BASELINES = {
    "naive": lambda y, cum, o, h: y[o],
    "seasonal naive": lambda y, cum, o, h: y[o + h - M * -(-h // M)] if o + h - M * -(-h // M) >= 0 else y[o],
    "drift": lambda y, cum, o, h: y[o] + h * (float(y[o]) - float(y[0])) / o if o > 0 else y[o],
    "mean": lambda y, cum, o, h: cum[o] / (o + 1),
}


def baseline_predictions(rule):
    out = np.empty((N, HORIZON * J), np.float32)
    for j, col in enumerate(TARGET_COLUMNS):
        y, cum = SERIES[col], np.cumsum(SERIES[col], dtype=np.float64)
        for i, s in enumerate(START):
            for k in range(HORIZON):
                out[i, k * J + j] = rule(y, cum, s + LOOK_BACK - 1, k + 1)
    return out


# MASE's scale per target: the in-sample seasonal naive MAE on the training rows; the lag-1
# naive MAE where the seasonal naive is exact there (a noiseless periodic series).
def naive_mae(y, lag):
    y = y[:TRAIN_ROWS].astype(np.float64)
    return np.mean(np.abs(y[lag:] - y[:-lag])) if len(y) > lag else math.nan


def mase_scale(y):
    s, lag1 = naive_mae(y, M), naive_mae(y, 1)
    return lag1 if M > 1 and lag1 > 0 and not s > @EXACT_SEASONAL@ * lag1 else s


MASE_SCALE = [mase_scale(SERIES[c]) for c in TARGET_COLUMNS]


def metrics(pred, truth):
    """RMSE, MAE, MAPE (NaN when an actual value is near zero), sMAPE and MASE (FPP3 5.8)."""
    pred, truth = pred.astype(np.float64), truth.astype(np.float64)
    if truth.size == 0:
        return dict(rmse=math.nan, mae=math.nan, mape=math.nan, smape=math.nan, mase=math.nan)
    ae = np.abs(pred - truth)
    near_zero = np.abs(truth) <= 1e-3 * np.mean(np.abs(truth))
    denom = np.abs(truth) + np.abs(pred)
    mase = [np.mean(ae[:, j::J]) / s if s > 0 else math.nan for j, s in enumerate(MASE_SCALE)]
    return dict(rmse=math.sqrt(np.mean(ae ** 2)), mae=np.mean(ae),
                mape=math.nan if near_zero.any() else 100 * np.mean(ae / np.abs(truth)),
                smape=100 * np.sum(np.where(denom > 0, 2 * ae / np.where(denom > 0, denom, 1), 0)) / ae.size,
                mase=float(np.mean(mase)))


def verdict(table):
    """The model's MASE against the stronger of naive and seasonal naive."""
    best = "seasonal naive" if SEASON > 1 and table["seasonal naive"]["mase"] < table["naive"]["mase"] else "naive"
    model, base = table["model"]["mase"], table[best]["mase"]
    if not (np.isfinite(model) and np.isfinite(base) and base > 0):
        return ""
    gain = 100 * (1 - model / base)
    return "on par with %s" % best if abs(gain) < 0.5 else (
        "beats %s by %.0f %%" % (best, gain) if gain > 0 else "worse than %s by %.0f %%" % (best, -gain))


BASELINE_PRED = {name: baseline_predictions(rule) for name, rule in BASELINES.items()}
as_json = lambda v: float(v) if np.isfinite(v) else None  # JSON has no NaN
SUMMARY = {"season": SEASON, "season_detected": SEASON_DETECTED, "mase_scale": [as_json(s) for s in MASE_SCALE]}  # lstm-cli's "evaluation" keys
for split, rows in (("val", slice(N_TRAIN, N_TRAIN + N_VAL)), ("test", slice(N_TRAIN + N_VAL, N))):
    table = {"model": metrics(PRED[rows], TRUTH[rows])}
    table.update({name: metrics(p[rows], TRUTH[rows]) for name, p in BASELINE_PRED.items()})
    says = verdict(table)
    print("%s: %d windows%s" % ({"val": "validation"}.get(split, split), len(TRUTH[rows]), "; " + says if says else ""))
    print("%16s %12s %12s %10s %10s %8s" % ("", "RMSE", "MAE", "MAPE %", "sMAPE %", "MASE"))
    for name, m in table.items():
        print("%16s %12.6g %12.6g %10.4g %10.4g %8.4g" % (name, m["rmse"], m["mae"], m["mape"], m["smape"], m["mase"]))
    SUMMARY[split] = {"windows": len(TRUTH[rows]), "verdict": says,
                      "model": {k: as_json(v) for k, v in table["model"].items()},
                      "baselines": {name.replace(" ", "_"): {k: as_json(v) for k, v in table[name].items()}
                                    for name in BASELINES}}
print("METRICS_JSON: " + json.dumps(SUMMARY)))py";

const char* kForecast = R"py(FORECAST_STEPS = @STEPS@  # recursive forecast length; change it freely
# A recursive forecast feeds each prediction back as the next input, so every input column needs
# its own prediction: FEEDBACK[f] is the target index of input f.
FEEDBACK = [TARGET_COLUMNS.index(c) if c in TARGET_COLUMNS else None for c in INPUT_COLUMNS]


def rollout(steps):
    """(steps, J) data units past the end of the series, the playground's rollout."""
    history = np.stack([SCALED[c][T - LOOK_BACK:] for c in INPUT_COLUMNS], axis=1)  # (L, F) model units
    path = []  # (steps, J) model units
    while len(path) < steps:
        y = predict(history[-LOOK_BACK:]).reshape(HORIZON, J)
        for k in range(HORIZON):
            # The predictions become the newest input row, still in model units.
            history = np.vstack([history, y[k, FEEDBACK][np.newaxis, :]])
            if len(path) < steps:
                path.append(y[k])
    path = np.array(path, np.float32).reshape(steps, J)
    return np.stack([invert_path(c, T, unscale(c, path[:, j])) for j, c in enumerate(TARGET_COLUMNS)],
                    axis=1).reshape(steps, J)


if None in FEEDBACK:
    print("No recursive forecast: every input column must also be a target.")
    FORECAST = np.zeros((0, J), np.float32)
else:
    FORECAST = rollout(FORECAST_STEPS)
    print("%8s" % "row" + "".join(" %14s" % c[:14] for c in TARGET_COLUMNS))
    for k, row in enumerate(FORECAST):
        print("%8d" % (T + k) + "".join(" %14.6g" % v for v in row))
print("FORECAST_JSON: " + json.dumps(FORECAST.tolist())))py";

const char* kPlot = R"py(fig, axes = plt.subplots(J, 1, figsize=(10, 3.4 * J), squeeze=False)
FIRST = START + LOOK_BACK  # (N) row of each window's first predicted step
parts = (("validation", slice(N_TRAIN, N_TRAIN + N_VAL), "tab:orange"),
         ("test", slice(N_TRAIN + N_VAL, N), "tab:red"))
for j, (ax, col) in enumerate(zip(axes[:, 0], TARGET_COLUMNS)):
    ax.plot(np.arange(T), SERIES[col], color="0.35", lw=1, label=col)
    for name, rows, color in parts:
        if len(FIRST[rows]):
            ax.axvspan(FIRST[rows][0] - 0.5, FIRST[rows][-1] + 0.5, color=color, alpha=0.08)
            ax.plot(FIRST[rows], PRED[rows, j], color=color, lw=1.2, label=name + " predictions (step 1)")
    if len(FORECAST):
        ax.plot(T + np.arange(len(FORECAST)), FORECAST[:, j], color="tab:blue", lw=1.5, label="forecast")
    ax.set_title(col)
    ax.set_xlabel("row")
    ax.legend(loc="upper left", fontsize=8)
fig.tight_layout()
fig.savefig("lstm_forecast.png", dpi=100)  # beside the notebook; Jupyter also shows it inline)py";

// ---- Values -> Python text ------------------------------------------------------------------

// "[1.5, 2, ...]" over several lines, ten values a line, indented for the SERIES dict.
std::string values_block(const std::vector<float>& v) {
  std::string out = "np.array([\n";
  for (size_t k = 0; k < v.size(); ++k) {
    out += (k % 10 == 0 ? "        " : " ") + float_text(v[k]) + ",";
    if (k % 10 == 9 || k + 1 == v.size()) out += "\n";
  }
  return out + "    ], dtype=np.float32)";
}

// {"a": text(col a), ...} entries over the used columns.
template <class Fn>
std::string per_column(const Series& s, const std::vector<int>& cols, Fn&& text) {
  std::string out;
  for (size_t k = 0; k < cols.size(); ++k)
    out += (k ? ", " : "") + py_string(s.names[cols[k]]) + ": " + text(cols[k]);
  return out;
}

// Inputs, then the targets that are not inputs.
std::vector<int> used_columns(const ColumnPlan& plan) {
  std::vector<int> used = plan.inputs;
  for (int c : plan.targets)
    if (std::find(used.begin(), used.end(), c) == used.end()) used.push_back(c);
  return used;
}

std::string model_title(const ModelConfig& m) {
  std::string units;
  for (int l = 0; l < m.n_layers; ++l) units += (l ? ", " : "") + std::to_string(m.units[l]);
  return std::string(enum_title(m.cell)) + "(" + units + ") -> Dense";
}

// nbformat 4 cell; source as Jupyter keeps it: lines with their "\n", the last one without.
json cell(const std::string& type, const std::string& source, int index) {
  json lines = json::array();
  for (size_t p = 0; p < source.size();) {
    const size_t e = source.find('\n', p);
    lines.push_back(source.substr(p, e == std::string::npos ? std::string::npos : e + 1 - p));
    p = e == std::string::npos ? source.size() : e + 1;
  }
  json c = {{"cell_type", type}, {"id", "cell-" + std::to_string(index)}, {"metadata", json::object()},
            {"source", lines}};
  if (type == "code") {
    c["execution_count"] = nullptr;
    c["outputs"] = json::array();
  }
  return c;
}

}  // namespace

std::string export_notebook(const Trainer& t, int forecast_steps, const std::string& source) {
  const Config& c = t.config();
  const Dataset& d = t.dataset();
  const Series& s = t.series();
  const ColumnPlan& plan = d.plan;
  const Transform& tr = d.transform;
  const Split& split = d.windows.split;
  const std::vector<int> used = used_columns(plan);
  auto num = [](int v) { return std::to_string(v); };
  auto names = [&](const std::vector<int>& cols) {
    return py_list(cols, [&](int col) { return py_string(s.names[col]); });
  };
  auto py_bool = [](bool b) { return std::string(b ? "True" : "False"); };

  std::string series;
  for (int col : used) series += "    " + py_string(s.names[col]) + ": " + values_block(s.columns[col]) + ",\n";
  const std::string data = fill(kData, {{"@SOURCE@", py_string(source.empty() ? "LSTM Playground" : source)},
                                        {"@SERIES@", series},
                                        {"@INPUTS@", names(plan.inputs)},
                                        {"@TARGETS@", names(plan.targets)},
                                        {"@T@", num(s.length())}});
  const std::string trend = !tr.detrend ? "" : per_column(s, used, [&](int col) {
    return "(" + double_text(tr.trend_a[col]) + ", " + double_text(tr.trend_b[col]) + ")";
  });
  const std::string season_how =
      d.season_detected ? (d.season > 1 ? "detected from the autocorrelation of the training rows"
                                        : "no season detected in the training rows (1)")
                        : "set by hand";
  const std::string transforms = fill(kTransforms, {{"@LOG@", py_bool(tr.log)},
                                                    {"@DETREND@", py_bool(tr.detrend)},
                                                    {"@TREND@", trend},
                                                    {"@SEASON@", num(d.season)},
                                                    {"@SEASON_HOW@", season_how},
                                                    {"@DETECTED@", py_bool(d.season_detected)},
                                                    {"@LAG@", num(tr.lag)},
                                                    {"@TRAIN_ROWS@", num(d.train_rows)}});
  const std::string scaling = fill(
      kScaling, {{"@SCALING@", enum_label(d.scaler.kind)},
                 {"@OFFSET@", per_column(s, used, [&](int col) { return double_text(d.scaler.offset[col]); })},
                 {"@SCALE@", per_column(s, used, [&](int col) { return double_text(d.scaler.scale[col]); })}});
  const std::string windows = fill(
      kWindows, {{"@LOOK_BACK@", num(d.windows.look_back)},
                 {"@HORIZON@", num(plan.horizon)},
                 {"@STRIDE@", num(c.data.stride)},
                 {"@VAL_SPLIT@", float_text(c.data.val_split)},
                 {"@TEST_SPLIT@", float_text(c.data.test_split)},
                 {"@COUNTS@", num(d.windows.n) + ", " + num(split.n_train) + ", " + num(split.n_val) +
                                  ", " + num(split.n_test)}});
  std::vector<int> units(c.model.units.begin(), c.model.units.begin() + c.model.n_layers);
  const std::string model = "UNITS = " + py_list(units, num) + "  # " + enum_title(c.model.cell) +
                            " units per layer\nN_OUTPUTS = HORIZON * J  # Dense outputs, step-major\n" +
                            pytorch_model_section(t) + "\n\nprint(MODEL)";

  const std::string intro =
      "# " + model_title(c.model) + ": the whole pipeline\n\n"
      "Trained in LSTM Playground " + std::string(version()) + " on " +
      (source.empty() ? std::string("its series") : source) + ". Every step the playground took, "
      "in numpy and PyTorch: the data, the transforms and the scaling, the windows, the model with "
      "its trained weights, the baselines and the metrics, the forecast and a plot. Run all cells "
      "(or `jupyter nbconvert --to notebook --execute` this file); it needs numpy, torch and "
      "matplotlib.";
  const std::string md = "markdown", code = "code";
  const std::pair<std::string, std::string> sections[] = {
      {md, intro},
      {code, kImports},
      {md, "## 1. The data\n\nThe columns the model reads and predicts, as the playground held them."},
      {code, data},
      {md, "## 2. Transforms and scaling\n\nBefore scaling: the log (if on), the linear trend fitted "
           "on the training rows (if on), differencing at lag d (if on); each step is inverted "
           "exactly for the predictions. Then the scaler, fitted on the transformed training rows "
           "only."},
      {code, transforms},
      {code, scaling},
      {md, "## 3. Windows\n\nWindow i reads rows [s, s + L) of the input columns and predicts the "
           "targets at rows [s + L, s + L + K), s = d + i * stride. The last windows are the test "
           "part, the ones before them the validation part."},
      {code, windows},
      {md, "## 4. The model in PyTorch\n\n" + model_title(c.model) +
               " with the weights the playground trained."},
      {code, model},
      {md, "## 5. Baselines and metrics\n\nThe model's predictions of every window, in data units, "
           "against four baselines, on the validation and the test windows. MASE divides by the "
           "in-sample seasonal naive MAE of the training rows: below 1 beats it."},
      {code, fill(kEvaluation, {{"@EXACT_SEASONAL@", double_text(kExactSeasonal)}})},
      {md, "## 6. The forecast\n\nThe recursive rollout past the end of the series, inverted "
           "through the transforms: the playground's forecast."},
      {code, fill(kForecast, {{"@STEPS@", num(std::max(forecast_steps, 0))}})},
      {md, "## 7. Plot"},
      {code, kPlot},
  };
  json cells = json::array();
  for (const auto& [type, text] : sections) cells.push_back(cell(type, text, int(cells.size()) + 1));
  const json nb = {
      {"cells", cells},
      {"metadata",
       {{"kernelspec", {{"display_name", "Python 3"}, {"language", "python"}, {"name", "python3"}}},
        {"language_info", {{"name", "python"}}}}},
      {"nbformat", 4},
      {"nbformat_minor", 5}};
  return nb.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace lstm
