#include "bench_core.h"

#include <cstdio>

#include "clock.h"
#include "trainer.h"

namespace bench {
using lstm::now_seconds;

std::string run(const Spec& s) {
  lstm::Config cfg;
  cfg.data.look_back = s.look_back;
  cfg.data.scaling = lstm::Scaling::None;  // the peers see the raw series too
  cfg.data.val_split = 0.f;                // every window trains
  cfg.model.cell = s.cell;
  cfg.model.n_layers = s.layers;
  for (int l = 0; l < s.layers; ++l) cfg.model.units[l] = s.units;
  cfg.train.optimizer = lstm::OptimizerKind::Adam;
  cfg.train.lr = 1e-3f;
  cfg.train.batch = s.batch;
  cfg.train.epochs = 100000;  // the trainer reserves its history for this many
  cfg.train.shuffle = true;
  cfg.train.loss = lstm::LossKind::Mse;
  lstm::Series series;
  series.add("s", std::vector<float>(s.series, s.series + s.n));
  lstm::Trainer tr;
  const std::string err = tr.setup(cfg, series);
  if (!err.empty()) return "{\"error\": \"" + err + "\"}";
  const int bpe = tr.progress().batches_per_epoch;
  const int n_train = tr.dataset().windows.split.n_train;

  // Warm-up: one epoch, or what fits in warm_s.
  const double w0 = now_seconds();
  while (tr.progress().epoch < 1 && now_seconds() - w0 < s.warm_s)
    tr.step({s.warm_s - (now_seconds() - w0), bpe - tr.progress().batch});

  const long long n0 = tr.progress().samples;
  const int e0 = tr.progress().epoch;
  const double t0 = now_seconds();
  double dt = 0;
  while (tr.progress().epoch - e0 < s.max_epochs && dt < s.cap_s) {
    tr.step({s.cap_s - dt, bpe - tr.progress().batch});
    dt = now_seconds() - t0;
  }
  const lstm::Progress& p = tr.progress();
  const long long done = p.samples - n0;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "{\"samples\": %lld, \"seconds\": %.4f, \"samples_per_s\": %.3f, \"loss\": %.6g, "
                "\"epochs\": %.3f}",
                done, dt, double(done) / dt, p.epoch > e0 ? double(p.train_loss) : -1.0,
                p.epoch + double(p.batch * s.batch) / n_train);
  return buf;
}

}  // namespace bench
