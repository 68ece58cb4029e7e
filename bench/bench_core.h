// One benchmark run of our engine (the real Trainer: forward, MSE, BPTT, Adam) on a series:
// shared by the native bench binary and the wasm module the bench page loads.
#pragma once
#include <string>

#include "config.h"

namespace bench {

struct Spec {
  const float* series = nullptr;  // (n) the raw series s[t]
  int n = 0;
  int look_back = 0;              // L: x = s[i..i+L), y = s[i+L]
  int layers = 1;
  int units = 4;                  // every recurrent layer
  int batch = 1;
  double warm_s = 10;             // warm-up: one epoch, cut after this many seconds (not timed)
  double cap_s = 20;              // timed phase: whole batches until cap_s or max_epochs
  int max_epochs = 10;
  lstm::CellKind cell = lstm::CellKind::Lstm;  // ModelConfig::cell: lstm, gru, simple_rnn
};

// Returns one JSON object: samples, seconds, samples_per_s, loss (mean batch MSE of the last
// timed epoch, -1 if none completed), epochs (warm-up + timed, fractional).
std::string run(const Spec& s);

}  // namespace bench
