// The memory challenges at three gaps k, each trained with SimpleRNN, LSTM and GRU at the
// playground's default settings (units 32, Adam lr 0.01, batch 32, 60 epochs, seed 1): final
// validation loss per cell, and chance (the loss of predicting the mean of the training targets).
// Not a test: learning long gaps is sensitive to seeds and learning rates; this prints what happens.
// Usage: build/bench-native/memory_challenges [epochs]
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "config_enums.h"
#include "presets.h"
#include "trainer.h"

using namespace lstm;

int main(int argc, char** argv) {
  const int epochs = argc > 1 ? std::atoi(argv[1]) : 60;
  struct Row {
    const char* id;
    int ks[3];
  };
  const Row rows[] = {{"memory_stock", {3, 20, 50}}, {"memory_delay", {10, 20, 40}},
                      {"memory_adding", {10, 20, 40}}};
  std::printf("| challenge | k | windows | chance | SimpleRNN | LSTM | GRU | LSTM / RNN | GRU / RNN |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const Row& r : rows) {
    const int p = find_preset(r.id);
    const Preset& pr = presets()[size_t(p)];
    for (int k : r.ks) {
      float loss[3] = {0, 0, 0};
      double chance = 0, seconds = 0;
      int windows = 0;
      const CellKind cells[3] = {CellKind::SimpleRnn, CellKind::Lstm, CellKind::Gru};
      for (int c = 0; c < 3; ++c) {
        Config cfg;
        cfg.data = suggested_config(p, k);
        cfg.model.cell = cells[c];
        cfg.model.units = {{32, 32, 32, 32}};
        cfg.train.lr = 0.01f;
        cfg.train.epochs = epochs;
        Trainer t;
        const auto t0 = std::chrono::steady_clock::now();
        const std::string err = t.setup(cfg, make_preset(p, pr.default_length, pr.default_noise, 1, k));
        if (!err.empty()) {
          std::printf("%s k=%d: %s\n", r.id, k, err.c_str());
          return 1;
        }
        while (!t.progress().done) t.step({0.0, 0});
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        loss[c] = t.progress().val_loss;
        const Windows& w = t.dataset().windows;
        windows = w.n;
        if (c == 0) {  // variance of the validation targets around the training mean
          double mean = 0, var = 0;
          for (int i = 0; i < w.split.n_train; ++i) mean += w.y[size_t(i)];
          mean /= w.split.n_train;
          for (int i = w.split.n_train; i < w.n; ++i) var += (w.y[size_t(i)] - mean) * (w.y[size_t(i)] - mean);
          chance = var / std::max(w.split.n_val, 1);
        }
      }
      std::printf("| %s | %d | %d | %.3g | %.3g | %.3g | %.3g | %.3f | %.3f |\n", pr.name, k, windows,
                  chance, loss[0], loss[1], loss[2], loss[1] / loss[0], loss[2] / loss[0]);
      std::fflush(stdout);
      (void)seconds;
    }
  }
}
