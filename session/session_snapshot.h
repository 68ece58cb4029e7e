// A saved session: what autosave keeps so a reload, or the next start of the native app, comes
// back as it was left. The share state (config, data, view, the runs' configs), the undo/redo
// history within a cap, and each run's training state (weights, optimizer, shuffle order,
// progress, loss history): a restored run is paused where its state was taken and Train
// continues it bit for bit.
//
// Bytes, little-endian (byte_stream.h):
//   u32 magic "LSAV" | u32 version (1) | u64 total bytes
//   ShareState  flags (u8 kind, u32 hidden panels), Config, PresetParams or Series, ViewState,
//               runs' Configs (the field walks of run_protocol, no weights)
//   string origin label | i32 rollout steps
//   undo, redo  series each (oldest first), trimmed to kMaxUndoBytes
//   runs        count = 1 + extra runs; each u32 has_state (0/1) [, TrainerState]
//   u32 crc32 of everything before it
// Decoding refuses a wrong magic, another version, a truncated or corrupted file (length, CRC)
// and values out of range (validate_share_state), and never allocates more than the bytes hold.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "series.h"
#include "share_state.h"
#include "trainer.h"

namespace lstm {

constexpr uint32_t kSavedSessionVersion = 1;
constexpr size_t kMaxUndoBytes = size_t(2) << 20;  // undo + redo series kept in a save

struct SavedRun {
  // 0: a run never trained (or changed since) restores set up, untrained. A u32 because every
  // element of a ByteReader::seq starts with at least 4 bytes.
  uint32_t has_state = 0;
  TrainerState state;
};

struct SavedSession {
  ShareState share;  // has_weights is ignored: the runs' states carry the weights
  std::string label;
  int rollout_steps = 50;
  std::vector<Series> undo, redo;  // oldest first, as Session keeps them
  std::vector<SavedRun> runs;      // 1 + share.runs.size()
};

// The history is trimmed to kMaxUndoBytes: undo steps newest first, then redo steps nearest
// first, while they fit (the oldest go).
std::vector<uint8_t> encode_saved_session(const SavedSession& s);
// "" and *out, or why the bytes cannot be restored (*out untouched).
std::string decode_saved_session(const uint8_t* data, size_t n, SavedSession* out);

}  // namespace lstm
