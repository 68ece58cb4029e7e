// Field walks shared by the byte forms (run_protocol.cpp: commands and snapshots;
// session_snapshot.cpp: the saved session). One walk per struct serves both directions: IO is
// ByteWriter (the struct const) or ByteReader.
#pragma once
#include "byte_stream.h"
#include "config_fields.h"
#include "series.h"
#include "trainer.h"

namespace lstm {

template <class IO, class C>
void config_fields(IO& io, C& c) {  // through the one field list
  visit_fields(c, [&](const FieldInfo&, auto& v) { io.pod(v); });
}

template <class IO, class S>
void series_fields(IO& io, S& s) {
  io.seq(s.names, [&](auto& name) { io.str(name); });
  io.seq(s.columns, [&](auto& column) { io.vec(column); });
}

template <class IO, class P>
void progress_fields(IO& io, P& p) {
  io.pod(p.epoch), io.pod(p.batch), io.pod(p.batches_per_epoch), io.pod(p.samples);
  io.pod(p.train_loss), io.pod(p.val_loss), io.pod(p.samples_per_s), io.pod(p.done), io.pod(p.diverged);
  io.str(p.message);
}

// Rng is plain data (four u64 words and a spare normal): it travels as its bytes.
template <class IO, class S>
void trainer_state_fields(IO& io, S& s) {
  io.vec(s.params), io.vec(s.good_params);
  io.pod(s.opt_t), io.vec(s.opt_m), io.vec(s.opt_v);
  io.pod(s.shuffle_rng);
  io.vec(s.order);
  io.pod(s.epoch_loss_sum), io.pod(s.epoch_loss_count);
  progress_fields(io, s.progress);
  io.vec(s.history.train), io.vec(s.history.val);
}

template <class IO, class M>
void forecast_metrics_fields(IO& io, M& m) {
  io.pod(m.rmse), io.pod(m.mae), io.pod(m.mape), io.pod(m.smape), io.pod(m.mase);
  io.pod(m.count), io.pod(m.near_zero);
}

template <class IO, class E>
void evaluation_fields(IO& io, E& e) {
  io.pod(e.season), io.pod(e.season_detected), io.vec(e.mase_scale);
  for (auto* s : {&e.val, &e.test}) {
    io.pod(s->windows);
    forecast_metrics_fields(io, s->model);
    for (auto& b : s->baselines) forecast_metrics_fields(io, b);
    io.str(s->verdict);
  }
}

template <class IO, class I>
void intervals_fields(IO& io, I& iv) {
  io.pod(iv.steps), io.pod(iv.n_targets), io.pod(iv.calibration_origins), io.pod(iv.test_origins);
  for (auto& h : iv.half) io.vec(h);
  for (auto& n : iv.test_points) io.pod(n);
  for (auto& c : iv.coverage) io.pod(c);
}

}  // namespace lstm
