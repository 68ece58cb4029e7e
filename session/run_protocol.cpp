#include "run_protocol.h"

#include <algorithm>

#include "field_walks.h"

namespace lstm {
namespace {
constexpr uint32_t kCommandMagic = 0x4C52434D;   // "LRCM"
constexpr uint32_t kSnapshotMagic = 0x4C52534E;  // "LRSN"

template <class IO, class C>
void command_fields(IO& io, C& c) {
  io.pod(c.kind), io.pod(c.seq);
  config_fields(io, c.config);
  series_fields(io, c.series);
  io.pod(c.batches), io.pod(c.window), io.pod(c.rollout_steps);
  io.vec(c.weights);
  trainer_state_fields(io, c.state);
}

template <class IO, class S>
void snapshot_fields(IO& io, S& s) {
  io.pod(s.generation), io.pod(s.acked), io.pod(s.phase), io.pod(s.train_seconds);
  progress_fields(io, s.progress);
  io.str(s.error), io.str(s.notice);
  io.vec(s.history.train), io.vec(s.history.val);
  io.pod(s.look_back), io.pod(s.n_windows), io.pod(s.n_train);
  io.vec(s.targets);
  io.pod(s.has_forecast), io.pod(s.has_trace), io.pod(s.has_weights), io.pod(s.has_state);
  if (s.has_forecast) {
    auto& f = s.forecast;
    io.pod(f.samples), io.pod(f.horizon), io.pod(f.n_targets), io.pod(f.n_train), io.pod(f.n_val);
    io.pod(f.model.rmse), io.pod(f.model.mae), io.pod(f.model.count);
    io.pod(f.baseline.rmse), io.pod(f.baseline.mae), io.pod(f.baseline.count);
    io.vec(f.x), io.vec(f.pred), io.vec(f.naive), io.vec(f.rollout), io.vec(f.grad_by_lag);
    io.str(f.rollout_error);
    io.pod(f.n_test);
    evaluation_fields(io, f.eval);
    io.vec(f.baseline_paths);
    intervals_fields(io, f.intervals);
  }
  if (s.has_trace) {
    io.pod(s.trace.window), io.pod(s.trace.cell);
    io.vec(s.trace.units);
    io.seq(s.trace.values, [&](auto& v) { io.vec(v); });
    io.pod(s.trace.n_features), io.vec(s.trace.saliency);
  }
  if (s.has_weights) {
    io.pod(s.weights.samples);
    io.vec(s.weights.params);
    io.seq(s.weights.tensors, [&](auto& t) {
      io.str(t.name);
      io.pod(t.offset), io.pod(t.rows), io.pod(t.cols);
    });
  }
  if (s.has_state) trainer_state_fields(io, s.state);
}

template <class T>
std::vector<uint8_t> encode(uint32_t magic, const T& value, void (*walk)(ByteWriter&, const T&)) {
  ByteWriter w;
  w.pod(magic);
  walk(w, value);
  return std::move(w.b);
}

// Reads a whole message: the magic, every field, nothing left over.
template <class T>
bool decode(const uint8_t* data, size_t n, uint32_t magic, T* out, void (*walk)(ByteReader&, T&)) {
  ByteReader r{data, n};
  uint32_t m = 0;
  r.pod(m);
  if (!r.ok || m != magic) return false;
  T value;
  walk(r, value);
  if (!r.ok || r.n != 0) return false;
  *out = std::move(value);
  return true;
}
}  // namespace

void merge_snapshot(RunSnapshot& older, RunSnapshot&& newer) {
  if (!newer.has_forecast && older.has_forecast) newer.has_forecast = true, newer.forecast = std::move(older.forecast);
  if (!newer.has_trace && older.has_trace) newer.has_trace = true, newer.trace = std::move(older.trace);
  if (!newer.has_weights && older.has_weights) newer.has_weights = true, newer.weights = std::move(older.weights);
  if (!newer.has_state && older.has_state) newer.has_state = true, newer.state = std::move(older.state);
  older = std::move(newer);
}

std::vector<uint8_t> encode_command(const RunCommand& c) {
  return encode<RunCommand>(kCommandMagic, c, command_fields<ByteWriter, const RunCommand>);
}

bool decode_command(const uint8_t* data, size_t n, RunCommand* out) {
  RunCommand c;
  if (!decode<RunCommand>(data, n, kCommandMagic, &c, command_fields<ByteReader, RunCommand>)) return false;
  if (uint8_t(c.kind) > uint8_t(RunCommandKind::LoadState) || c.series.names.size() != c.series.columns.size())
    return false;
  *out = std::move(c);
  return true;
}

// The sizes inside a snapshot agree with each other: the views index by them.
static bool consistent(const RunSnapshot& s) {
  if (s.has_forecast) {
    const RunForecast& f = s.forecast;
    const size_t n = f.x.size(), O = size_t(std::max(f.horizon, 0)) * size_t(std::max(f.n_targets, 0));
    if (f.horizon < 1 || f.n_targets < 0 || f.n_train < 0 || f.n_val < 0 || f.n_test < 0 ||
        size_t(f.n_train) + size_t(f.n_val) + size_t(f.n_test) > n ||
        f.pred.size() != n * O || f.naive.size() != size_t(f.n_val) * O ||
        (f.n_targets > 0 && f.rollout.size() % size_t(f.n_targets) != 0) ||
        (!f.baseline_paths.empty() && f.baseline_paths.size() != size_t(kBaselineCount) * f.rollout.size()))
      return false;
    const Intervals& iv = f.intervals;
    for (const auto& h : iv.half)
      if (h.size() != size_t(std::max(iv.steps, 0)) * size_t(std::max(iv.n_targets, 0))) return false;
  }
  if (s.has_trace) {
    const RunTrace& t = s.trace;
    if (uint8_t(t.cell) > uint8_t(CellKind::SimpleRnn)) return false;
    const size_t Q = size_t(t.per_layer());
    if (t.values.size() != Q * t.units.size()) return false;
    for (size_t i = 0; i < t.values.size(); ++i) {
      const int u = t.units[i / Q];
      if (u < 1 || t.values[i].size() != t.values[i - i % Q].size() || t.values[i].size() % size_t(u) != 0) return false;
    }
    if (!t.saliency.empty() && (t.n_features < 1 || t.saliency.size() % size_t(t.n_features) != 0)) return false;
  }
  if (s.has_weights) {
    for (const ParamTensor& t : s.weights.tensors)
      if (t.offset < 0 || t.rows < 0 || t.cols < 0 ||
          size_t(t.offset) + size_t(t.rows) * size_t(t.cols) > s.weights.params.size())
        return false;
  }
  return true;
}

std::vector<uint8_t> encode_snapshot(const RunSnapshot& s) {
  return encode<RunSnapshot>(kSnapshotMagic, s, snapshot_fields<ByteWriter, const RunSnapshot>);
}

bool decode_snapshot(const uint8_t* data, size_t n, RunSnapshot* out) {
  RunSnapshot s;
  if (!decode<RunSnapshot>(data, n, kSnapshotMagic, &s, snapshot_fields<ByteReader, RunSnapshot>)) return false;
  if (uint8_t(s.phase) > uint8_t(RunPhase::Failed) || !consistent(s)) return false;
  *out = std::move(s);
  return true;
}

}  // namespace lstm
