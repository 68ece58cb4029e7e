// The small model every weights-import fuzz input, seed and corpus check is read into: 2 layers
// of 3 and 2 units, 2 features, 2 outputs, Keras init from `seed`.
#pragma once
#include <cstdint>

#include "lstm_model.h"

template <typename S>
void configure_small_model(lstm::LstmModel<S>& m, lstm::CellKind cell, uint64_t seed) {
  lstm::ModelConfig cfg;
  cfg.n_layers = 2;
  cfg.units = {{3, 2, 4, 4}};
  cfg.cell = cell;
  m.configure(cfg, 2, 2);
  m.init_keras(seed);
}
