// Per-column scaling (min-max to [0,1], z-score, none), fitted on the training rows only so no
// validation statistics leak into training, with the inverse for predictions.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "series.h"

namespace lstm {

struct Scaler {
  Scaling kind = Scaling::None;
  // scaled = (x - offset) / scale, per series column. Unfitted columns keep (0, 1).
  std::vector<double> offset;  // (W)
  std::vector<double> scale;   // (W)

  float forward(int col, float v) const {
    return static_cast<float>((double(v) - offset[col]) / scale[col]);
  }
  float inverse(int col, float v) const {
    return static_cast<float>(double(v) * scale[col] + offset[col]);
  }
};

// Fits columns `cols` of s on rows [first_row, rows). Min-max: offset = min, scale = max - min.
// Z-score: offset = mean, scale = population std (ddof 0, like scikit-learn's StandardScaler).
// A constant column gets scale 1 (it maps to 0, as in scikit-learn) and a message.
Scaler fit_scaler(const Series& s, Scaling kind, int rows, const std::vector<int>& cols,
                  std::vector<std::string>* messages = nullptr, int first_row = 0);

Series apply_scaler(const Scaler& scaler, const Series& s);

// In place on model outputs y (N, O), O = targets.size() * horizon, step-major
// (y[n][k * J + j] is target j at step k): scaled units <-> data units.
void scale_outputs(const Scaler& scaler, const std::vector<int>& targets, int horizon, float* y,
                   int n);
void unscale_outputs(const Scaler& scaler, const std::vector<int>& targets, int horizon, float* y,
                     int n);

}  // namespace lstm
