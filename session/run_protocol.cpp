#include "run_protocol.h"

#include <type_traits>

#include "byte_stream.h"
#include "config_fields.h"

namespace lstm {
namespace {
constexpr uint32_t kCommandMagic = 0x4C52434D;   // "LRCM"
constexpr uint32_t kSnapshotMagic = 0x4C52534E;  // "LRSN"

// The config travels field by field through the one field list.
void put_config(ByteWriter& w, const Config& c) {
  visit_fields(c, [&](const FieldInfo&, const auto& v) { w.pod(v); });
}
void get_config(ByteReader& r, Config* c) {
  visit_fields(*c, [&](const FieldInfo&, auto& v) { r.pod(&v); });
}

void put_series(ByteWriter& w, const Series& s) {
  w.pod(uint32_t(s.width()));
  for (int c = 0; c < s.width(); ++c) {
    w.str(s.names[c]);
    w.vec(s.columns[c]);
  }
}
void get_series(ByteReader& r, Series* s) {
  uint32_t width = 0;
  r.pod(&width);
  if (width > uint32_t(r.n)) r.ok = false;
  *s = Series{};
  for (uint32_t c = 0; c < width && r.ok; ++c) {
    std::string name;
    std::vector<float> v;
    r.str(&name);
    r.vec(&v);
    s->add(std::move(name), std::move(v));
  }
}

template <class IO, class P>
void progress_fields(IO&& io, P& p) {  // Progress minus its message
  io(p.epoch), io(p.batch), io(p.batches_per_epoch), io(p.samples), io(p.train_loss);
  io(p.val_loss), io(p.samples_per_s), io(p.done), io(p.diverged);
}
template <class IO, class F>
void forecast_fields(IO&& io, F& f) {  // RunForecast's scalars
  io(f.samples), io(f.horizon), io(f.n_targets), io(f.n_train), io(f.n_val);
  io(f.model.rmse), io(f.model.mae), io(f.model.count);
  io(f.baseline.rmse), io(f.baseline.mae), io(f.baseline.count);
}
}  // namespace

std::vector<uint8_t> encode_command(const RunCommand& c) {
  ByteWriter w;
  w.pod(kCommandMagic);
  w.pod(c.kind);
  put_config(w, c.config);
  put_series(w, c.series);
  w.pod(c.batches), w.pod(c.window), w.pod(c.rollout_steps);
  w.vec(c.weights);
  return std::move(w.b);
}

bool decode_command(const uint8_t* data, size_t n, RunCommand* out) {
  ByteReader r{data, n};
  uint32_t magic = 0;
  r.pod(&magic);
  RunCommand c;
  r.pod(&c.kind);
  get_config(r, &c.config);
  get_series(r, &c.series);
  r.pod(&c.batches), r.pod(&c.window), r.pod(&c.rollout_steps);
  r.vec(&c.weights);
  if (!r.ok || magic != kCommandMagic || r.n != 0 || uint8_t(c.kind) > uint8_t(RunCommandKind::LoadWeights))
    return false;
  *out = std::move(c);
  return true;
}

std::vector<uint8_t> encode_snapshot(const RunSnapshot& s) {
  ByteWriter w;
  w.pod(kSnapshotMagic);
  w.pod(s.generation), w.pod(s.phase), w.pod(s.train_seconds);
  progress_fields([&](const auto& v) { w.pod(v); }, s.progress);
  w.str(s.progress.message), w.str(s.error), w.str(s.notice);
  w.vec(s.history.train), w.vec(s.history.val);
  w.pod(s.look_back), w.pod(s.n_windows), w.pod(s.n_train);
  w.vec(s.targets);
  w.pod(s.has_forecast), w.pod(s.has_trace), w.pod(s.has_weights);
  if (s.has_forecast) {
    const RunForecast& f = s.forecast;
    forecast_fields([&](const auto& v) { w.pod(v); }, f);
    w.vec(f.x), w.vec(f.pred), w.vec(f.naive), w.vec(f.rollout);
    w.str(f.rollout_error);
  }
  if (s.has_trace) {
    w.pod(s.trace.window);
    w.vec(s.trace.units);
    w.pod(uint32_t(s.trace.values.size()));
    for (const auto& v : s.trace.values) w.vec(v);
  }
  if (s.has_weights) {
    w.pod(s.weights.samples);
    w.vec(s.weights.params);
    w.pod(uint32_t(s.weights.tensors.size()));
    for (const ParamTensor& t : s.weights.tensors) {
      w.str(t.name);
      w.pod(t.offset), w.pod(t.rows), w.pod(t.cols);
    }
  }
  return std::move(w.b);
}

bool decode_snapshot(const uint8_t* data, size_t n, RunSnapshot* out) {
  ByteReader r{data, n};
  uint32_t magic = 0;
  r.pod(&magic);
  RunSnapshot s;
  r.pod(&s.generation), r.pod(&s.phase), r.pod(&s.train_seconds);
  progress_fields([&](auto& v) { r.pod(&v); }, s.progress);
  r.str(&s.progress.message), r.str(&s.error), r.str(&s.notice);
  r.vec(&s.history.train), r.vec(&s.history.val);
  r.pod(&s.look_back), r.pod(&s.n_windows), r.pod(&s.n_train);
  r.vec(&s.targets);
  r.pod(&s.has_forecast), r.pod(&s.has_trace), r.pod(&s.has_weights);
  if (s.has_forecast) {
    RunForecast& f = s.forecast;
    forecast_fields([&](auto& v) { r.pod(&v); }, f);
    r.vec(&f.x), r.vec(&f.pred), r.vec(&f.naive), r.vec(&f.rollout);
    r.str(&f.rollout_error);
  }
  if (s.has_trace) {
    r.pod(&s.trace.window);
    r.vec(&s.trace.units);
    uint32_t k = 0;
    r.pod(&k);
    if (k > r.n) r.ok = false;
    s.trace.values.resize(r.ok ? k : 0);
    for (auto& v : s.trace.values) r.vec(&v);
  }
  if (s.has_weights) {
    r.pod(&s.weights.samples);
    r.vec(&s.weights.params);
    uint32_t k = 0;
    r.pod(&k);
    if (k > r.n) r.ok = false;
    s.weights.tensors.resize(r.ok ? k : 0);
    for (ParamTensor& t : s.weights.tensors) {
      r.str(&t.name);
      r.pod(&t.offset), r.pod(&t.rows), r.pod(&t.cols);
    }
  }
  if (!r.ok || magic != kSnapshotMagic || r.n != 0 || uint8_t(s.phase) > uint8_t(RunPhase::Failed))
    return false;
  *out = std::move(s);
  return true;
}

}  // namespace lstm
