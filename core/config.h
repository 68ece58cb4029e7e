// The one configuration struct. It feeds the UI panels, the share-link codec, the CLI flags
// and the exports; add a field here, never a parallel copy elsewhere.
#pragma once
#include <array>
#include <cstdint>

namespace lstm {

enum class CellKind : uint8_t { Lstm, Gru, SimpleRnn };           // Keras LSTM, GRU, SimpleRNN
enum class Activation : uint8_t { Tanh, Relu };                  // Keras LSTM(activation=)
enum class RecurrentActivation : uint8_t { Sigmoid, HardSigmoid }; // Keras recurrent_activation=
enum class OptimizerKind : uint8_t { Adam, AdamTorch, Sgd };      // Adam: Keras "epsilon hat" form
enum class LossKind : uint8_t { Mse, Mae };
enum class Scaling : uint8_t { MinMax, ZScore, None };
// The four window setups of the tutorials.
enum class WindowSetup : uint8_t { Univariate, MultivariateIn, Parallel, MultiStep };
// Differencing before scaling: none, lag 1, or the seasonal lag m (DataConfig::season).
enum class Difference : uint8_t { None, Lag1, Seasonal };

// Per cell: gate blocks along the kernels' columns (LSTM i, f, c, o; GRU z, r, h; SimpleRNN one)
// and bias rows (GRU reset_after keeps an input and a recurrent bias: Keras shape (2, 3u)).
constexpr int gate_blocks(CellKind c) { return c == CellKind::Lstm ? 4 : c == CellKind::Gru ? 3 : 1; }
constexpr int bias_rows(CellKind c) { return c == CellKind::Gru ? 2 : 1; }

constexpr int kMaxLayers = 4;
constexpr int kMaxColumns = 16;

struct DataConfig {
  WindowSetup setup = WindowSetup::Univariate;
  int look_back = 10;   // Keras tutorials: look_back / n_steps_in
  int horizon = 1;      // n_steps_out; > 1 only for MultiStep
  int n_inputs = 1;     // how many of input_cols are used
  int n_targets = 1;    // how many of target_cols are used
  std::array<int, kMaxColumns> input_cols{};   // column indexes into the series
  std::array<int, kMaxColumns> target_cols{};
  Scaling scaling = Scaling::MinMax;
  float val_split = 0.2f;  // Keras validation_split: the last fraction of windows, before shuffling
  int stride = 1;          // rows between window starts (Keras timeseries_dataset_from_array's
                           // sequence_stride): > 1 cuts a series of episodes into one window each
  // Forecasting (core/data/transforms.h, core/training/evaluation.h).
  float test_split = 0.f;  // the last fraction of windows, held out before val_split is applied
  int season = 0;          // period m of seasonal naive, MASE and seasonal differencing; 0 = detect
  bool log = false;        // log transform (positive series only), before the others
  bool detrend = false;    // remove a linear trend fitted on the training rows
  Difference difference = Difference::None;
};

struct ModelConfig {
  int n_layers = 1;
  std::array<int, kMaxLayers> units{{4, 4, 4, 4}};
  Activation activation = Activation::Tanh;
  RecurrentActivation recurrent_activation = RecurrentActivation::Sigmoid;
  uint64_t seed = 1;
  CellKind cell = CellKind::Lstm;  // GRU: Keras 2 defaults (reset_after=True); SimpleRNN: no gates
};

struct TrainConfig {
  OptimizerKind optimizer = OptimizerKind::Adam;
  float lr = 1e-3f;
  float beta1 = 0.9f, beta2 = 0.999f;
  float epsilon = 1e-7f;   // Keras default; AdamTorch uses 1e-8
  float momentum = 0.9f;   // SGD only
  float clip_norm = 0.f;   // global-norm clipping; 0 = off
  int batch = 32;
  int epochs = 100;
  bool shuffle = true;
  LossKind loss = LossKind::Mse;
};

struct Config {
  DataConfig data;
  ModelConfig model;
  TrainConfig train;
};

}  // namespace lstm
