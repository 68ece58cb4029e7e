// The whole pipeline as a Jupyter notebook (nbformat 4.5, python3 kernel, no outputs), for a
// learner who wants to see every step the playground took, in numpy and PyTorch:
//   1 the data       the used columns embedded as lists, and where they came from
//   2 transforms     log, linear detrend (the fitted a, b), differencing at lag d, with their
//                    inverse (core/data/transforms.h), and the fitted scaler
//   3 windows        look_back, horizon, stride, the train / validation / test counts
//   4 the model      PyTorch with the trained weights (export_scripts.h: pytorch_model_section)
//   5 evaluation     naive, seasonal naive (m), drift and mean; RMSE, MAE, MAPE, sMAPE and MASE
//                    of the model and the baselines on the validation and test windows
//                    (core/training/evaluation.h), printed, last line METRICS_JSON: {...}
//   6 the forecast   the recursive rollout inverted through the transforms (Trainer::rollout),
//                    last line FORECAST_JSON: [[target values of step 1], ...] as the scripts
//   7 a plot         matplotlib: the series, the validation / test predictions, the forecast;
//                    saved as lstm_forecast.png beside the notebook (and shown inline)
// Run it with: jupyter nbconvert --to notebook --execute lstm_pipeline.ipynb
#pragma once
#include <string>

#include "trainer.h"

namespace lstm {

// forecast_steps: the rollout length (0 = none); source: where the series came from ("CSV:
// sales.csv", "preset: sine"), named in the data cell. The trainer must be ready().
// Deterministic: the same trainer gives the same bytes.
std::string export_notebook(const Trainer& trainer, int forecast_steps,
                            const std::string& source = "");

}  // namespace lstm
