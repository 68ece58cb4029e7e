// Runnable Python twins of a trained model, for a learner who leaves the browser: one
// self-contained file each for PyTorch and for tf.keras. Each embeds the weights (weights_io
// layouts), the scaler parameters of the used columns and the last look_back rows of the input
// columns, builds the same model, and prints the next prediction and the recursive forecast
// (the same rule as Trainer::rollout) in data units. The model's cell decides the layers:
// PyTorch nn.LSTM, nn.GRU or nn.RNN per layer (a hand-written HandLSTM / HandGRU with the same
// parameter names when nn.LSTM / nn.GRU lack the activations); Keras LSTM, GRU(reset_after=True)
// or SimpleRNN. The last stdout line is always
//   FORECAST_JSON: [[target values of step 1], [step 2], ...]     ([] when no rollout)
// so tests and tools can parse it.
#pragma once
#include <string>

#include "trainer.h"

namespace lstm {

// forecast_steps: rollout length embedded in the script (0 = only the next prediction).
// The trainer must be ready(). Deterministic: the same weights give the same bytes.
std::string export_pytorch_script(const Trainer& trainer, int forecast_steps);
std::string export_keras_script(const Trainer& trainer, int forecast_steps);

// The PyTorch script's model part, also the notebook's (export_notebook.h): WEIGHTS (PyTorch
// layout), the layer factory of the cell, class Forecaster, MODEL = load_model() and
// predict(window). Reads the Python names INPUT_COLUMNS, UNITS, N_OUTPUTS and json, torch, nn.
std::string pytorch_model_section(const Trainer& trainer);

}  // namespace lstm
