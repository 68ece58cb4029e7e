#include "session_snapshot.h"

#include <cstring>

#include "crc32.h"
#include "field_walks.h"
#include "share_link.h"

namespace lstm {
namespace {
constexpr uint32_t kMagic = 0x5641534C;  // "LSAV"
constexpr size_t kHeaderBytes = 16, kCrcBytes = 4;

template <class IO, class S>
void share_fields(IO& io, S& s) {
  io.pod(s.data.kind), io.pod(s.hidden_panels);
  config_fields(io, s.config);
  if (s.data.kind == DataKind::Preset) {
    io.str(s.data.preset.id);
    visit_fields(s.data.preset, [&](const FieldInfo&, auto& v) { io.pod(v); });
  } else {
    series_fields(io, s.data.series);
  }
  visit_fields(s.view, [&](const FieldInfo&, auto& v) { io.pod(v); });
  io.seq(s.runs, [&](auto& c) { config_fields(io, c); });
}

template <class IO, class S>
void session_fields(IO& io, S& s) {
  share_fields(io, s.share);
  io.str(s.label);
  io.pod(s.rollout_steps);
  io.seq(s.undo, [&](auto& series) { series_fields(io, series); });
  io.seq(s.redo, [&](auto& series) { series_fields(io, series); });
  io.seq(s.runs, [&](auto& r) {
    io.pod(r.has_state);
    if (r.has_state) trainer_state_fields(io, r.state);
  });
}

size_t series_bytes(const Series& s) {
  size_t n = 8;
  for (const auto& name : s.names) n += 4 + name.size();
  for (const auto& c : s.columns) n += 4 + c.size() * sizeof(float);
  return n;
}

bool consistent(const Series& s) {
  if (s.names.size() != s.columns.size()) return false;
  for (const auto& c : s.columns)
    if (c.size() != s.columns[0].size()) return false;
  return true;
}
}  // namespace

std::vector<uint8_t> encode_saved_session(const SavedSession& in) {
  SavedSession s;  // the trimmed history; everything else as given
  size_t budget = kMaxUndoBytes;
  // Undo: newest first while they fit; then redo: nearest (the back) first.
  std::vector<const Series*> undo_kept, redo_kept;
  for (size_t i = in.undo.size(); i-- > 0;) {
    const size_t b = series_bytes(in.undo[i]);
    if (b > budget) break;
    budget -= b;
    undo_kept.push_back(&in.undo[i]);
  }
  for (size_t i = in.redo.size(); i-- > 0;) {
    const size_t b = series_bytes(in.redo[i]);
    if (b > budget) break;
    budget -= b;
    redo_kept.push_back(&in.redo[i]);
  }
  s.share = in.share;
  s.label = in.label;
  s.rollout_steps = in.rollout_steps;
  s.runs = in.runs;
  for (size_t i = undo_kept.size(); i-- > 0;) s.undo.push_back(*undo_kept[i]);
  for (size_t i = redo_kept.size(); i-- > 0;) s.redo.push_back(*redo_kept[i]);

  ByteWriter w;
  w.pod(kMagic), w.pod(kSavedSessionVersion), w.pod(uint64_t(0));
  session_fields(w, static_cast<const SavedSession&>(s));
  const uint64_t total = w.b.size() + kCrcBytes;
  std::memcpy(w.b.data() + 8, &total, sizeof total);
  w.pod(crc32(w.b.data(), w.b.size()));
  return std::move(w.b);
}

std::string decode_saved_session(const uint8_t* data, size_t n, SavedSession* out) {
  ByteReader head{data, n};
  uint32_t magic = 0, version = 0;
  uint64_t total = 0;
  head.pod(magic), head.pod(version), head.pod(total);
  if (!head.ok || magic != kMagic) return "The saved session is not a session file.";
  if (version != kSavedSessionVersion)
    return "The saved session has format version " + std::to_string(version) + "; this version reads " +
           std::to_string(kSavedSessionVersion) + ".";
  if (total != n)
    return "The saved session is " + std::string(n < total ? "truncated" : "too long") + " (" +
           std::to_string(n) + " of " + std::to_string(total) + " bytes).";
  if (n < kHeaderBytes + kCrcBytes) return "The saved session is truncated.";
  uint32_t crc = 0;
  std::memcpy(&crc, data + n - kCrcBytes, kCrcBytes);
  if (crc != crc32(data, n - kCrcBytes)) return "The saved session is corrupted (checksum mismatch).";

  ByteReader r{data + kHeaderBytes, n - kHeaderBytes - kCrcBytes};
  SavedSession s;
  session_fields(r, s);
  if (!r.ok || r.n != 0) return "The saved session is corrupted (its fields do not add up).";
  if (uint8_t(s.share.data.kind) > uint8_t(DataKind::Csv)) return "The saved session is corrupted (data kind).";
  std::string err = validate_share_state(s.share);
  if (!err.empty()) return "The saved session cannot be restored: " + err;
  bool ok = s.share.data.kind == DataKind::Preset || consistent(s.share.data.series);
  for (const Series& u : s.undo) ok = ok && consistent(u);
  for (const Series& u : s.redo) ok = ok && consistent(u);
  if (!ok) return "The saved session is corrupted (a series with columns of different lengths).";
  if (s.runs.size() != s.share.runs.size() + 1)
    return "The saved session is corrupted (" + std::to_string(s.runs.size()) + " run states for " +
           std::to_string(s.share.runs.size() + 1) + " runs).";
  for (const SavedRun& r : s.runs)
    if (r.has_state > 1) return "The saved session is corrupted (a run's state flag).";
  if (s.rollout_steps < 0 || s.rollout_steps > 100000) return "The saved session is corrupted (rollout steps).";
  s.share.has_weights = false;
  s.share.weights.clear();
  *out = std::move(s);
  return "";
}

}  // namespace lstm
