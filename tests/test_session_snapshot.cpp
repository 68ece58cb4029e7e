// Saved sessions (session/session_snapshot.h): the byte form round-trips, damaged bytes are
// refused with a message, the history is capped, and a session restored from a save comes back
// paused with its loss history and resumes training bit for bit (also from a mid-epoch state).
#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "clock.h"
#include "presets.h"
#include "session.h"
#include "session_fixtures.h"
#include "session_snapshot.h"
#include "windows.h"

using namespace lstm;
using lstm_test::wait_for;

namespace {

Config tiny_config(int epochs) {
  Config c;
  c.data = data_config(WindowSetup::Univariate, 8, {0}, {0});
  c.model.units = {{5, 5, 5, 5}};
  c.model.seed = 7;
  c.train.epochs = epochs;
  c.train.batch = 8;
  c.train.lr = 0.01f;
  return c;
}


bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

Series drawn(int n, float phase) {
  Series s;
  std::vector<float> v;
  for (int i = 0; i < n; ++i) v.push_back(quantize_drawn(std::sin(0.2f * float(i) + phase)));
  s.add("drawn", v);
  return s;
}

// A session with a drawn series, two history steps, a second run, run 0 trained `epochs`
// epochs of `total`.
Session trained_session(int epochs, int total) {
  Session s;  // in-frame runs: every platform has them
  s.load_preset(find_preset("sine"), true);
  s.begin_series_edit() = drawn(120, 0.f);
  s.end_series_edit("drawn with the mouse");
  s.begin_series_edit() = drawn(150, 0.5f);
  s.end_series_edit("drawn with the mouse");
  s.edit_config() = tiny_config(total);
  s.edit_config().data.look_back = 17;
  s.invalidate();
  Config other = s.config();
  other.model.seed = 9;
  s.add_run(other);
  s.start(0);
  REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.epoch >= epochs; }));
  s.pause(0);
  // The state and the published weights both of the paused point (a slow build, e.g. under the
  // sanitizers, may publish the weights a refresh later).
  REQUIRE(wait_for(s, [&] { return !s.run(0).training() && s.run(0).has_state() &&
                                   s.run(0).s.state.progress.samples == s.run(0).s.progress.samples &&
                                   s.run(0).s.weights.samples == s.run(0).s.progress.samples; }));
  return s;
}

}  // namespace

TEST_CASE("saved session: bytes round-trip everything a restore needs") {
  Session s = trained_session(2, 6);
  const SavedSession saved = s.save();
  REQUIRE(saved.runs.size() == 2);
  CHECK(saved.runs[0].has_state);
  CHECK_FALSE(saved.runs[1].has_state);  // never trained
  const std::vector<uint8_t> bytes = encode_saved_session(saved);
  SavedSession back;
  REQUIRE(decode_saved_session(bytes.data(), bytes.size(), &back) == "");
  CHECK(same_share_state(back.share, saved.share));
  CHECK(back.label == saved.label);
  REQUIRE(back.undo.size() == saved.undo.size());
  CHECK(back.undo.back().columns == saved.undo.back().columns);
  const TrainerState &a = saved.runs[0].state, &b = back.runs[0].state;
  CHECK(same_bits(a.params, b.params));
  CHECK(same_bits(a.opt_m, b.opt_m));
  CHECK(same_bits(a.opt_v, b.opt_v));
  CHECK(a.opt_t == b.opt_t);
  CHECK(a.order == b.order);
  CHECK(same_bits(a.history.train, b.history.train));
  CHECK(a.progress.epoch == b.progress.epoch);
  CHECK(a.progress.samples == b.progress.samples);
  // Encoding is deterministic: the same session gives the same bytes.
  CHECK(encode_saved_session(back) == bytes);
}

TEST_CASE("saved session: truncated, corrupted, foreign and newer bytes are refused cleanly") {
  Session s = trained_session(1, 3);
  const std::vector<uint8_t> bytes = encode_saved_session(s.save());
  SavedSession out;
  out.label = "untouched";
  for (size_t n : {size_t(0), size_t(3), size_t(15), size_t(16), bytes.size() / 2, bytes.size() - 1}) {
    CAPTURE(n);
    const std::string err = decode_saved_session(bytes.data(), n, &out);
    CHECK(err != "");
  }
  CHECK(decode_saved_session(bytes.data(), bytes.size() / 2, &out).find("truncated") != std::string::npos);
  std::vector<uint8_t> bad = bytes;
  bad[bytes.size() / 2] ^= 0x40;
  CHECK(decode_saved_session(bad.data(), bad.size(), &out).find("checksum") != std::string::npos);
  bad = bytes;
  bad[4] = 2;  // version 2
  CHECK(decode_saved_session(bad.data(), bad.size(), &out).find("version 2") != std::string::npos);
  bad = bytes;
  bad[0] = 'X';
  CHECK(decode_saved_session(bad.data(), bad.size(), &out).find("not a session") != std::string::npos);
  CHECK(out.label == "untouched");
  // Every single-byte flip is refused (length or checksum), never a crash.
  for (size_t i = 0; i < bytes.size(); i += 97) {
    bad = bytes;
    bad[i] ^= 0xFF;
    CHECK(decode_saved_session(bad.data(), bad.size(), &out) != "");
  }
}

TEST_CASE("saved session: the undo history is capped, newest steps kept") {
  SavedSession s;
  s.share.data.kind = DataKind::Drawn;
  s.share.data.series = drawn(100, 0.f);
  s.share.config = tiny_config(2);
  s.runs.resize(1);
  const size_t step_bytes = 200000 * sizeof(float);  // 0.8 MB per history step
  for (int i = 0; i < 5; ++i) {
    Series big;
    big.add("drawn", std::vector<float>(200000, float(i)));
    s.undo.push_back(big);
  }
  Series redo;
  redo.add("drawn", std::vector<float>(10, 5.f));
  s.redo.push_back(redo);
  const std::vector<uint8_t> bytes = encode_saved_session(s);
  CHECK(bytes.size() < kMaxUndoBytes + 4096);
  SavedSession back;
  REQUIRE(decode_saved_session(bytes.data(), bytes.size(), &back) == "");
  REQUIRE(back.undo.size() == kMaxUndoBytes / step_bytes);  // 2 of 5
  CHECK(back.undo.back().columns[0][0] == 4.f);  // the newest
  CHECK(back.undo.front().columns[0][0] == 3.f);
  CHECK(back.redo.size() == 1);
}

TEST_CASE("saved session: a restored run is paused with its history and trains on bit for bit") {
  const int total = 5;
  // Uninterrupted reference: the same session trained to the end.
  Session ref = trained_session(total, total);
  REQUIRE(ref.run(0).s.progress.done);

  for (int stop_epoch : {1, 3}) {
    CAPTURE(stop_epoch);
    Session a = trained_session(stop_epoch, total);
    const RunView& va = a.run(0);
    const std::vector<uint8_t> bytes = encode_saved_session(a.save());
    SavedSession saved;
    REQUIRE(decode_saved_session(bytes.data(), bytes.size(), &saved) == "");

    Session b;
    REQUIRE(b.restore(saved) == "");
    REQUIRE(wait_for(b, [&] { return b.run(0).has_forecast() && b.run(0).s.forecast.samples == va.s.progress.samples; }));
    const RunView& vb = b.run(0);
    CHECK_FALSE(vb.training());
    CHECK(b.config().data.look_back == 17);
    CHECK(b.series().columns == a.series().columns);
    CHECK(b.undo_depth() == a.undo_depth());
    CHECK(b.n_runs() == 2);
    CHECK(vb.s.progress.epoch == va.s.progress.epoch);
    CHECK(vb.s.progress.batch == va.s.progress.batch);  // paused mid-epoch: there again
    CHECK(same_bits(vb.s.history.train, va.s.history.train));
    CHECK(same_bits(vb.s.history.val, va.s.history.val));
    CHECK(same_bits(vb.s.weights.params, va.s.weights.params));
    if (va.has_forecast() && va.s.forecast.samples == va.s.progress.samples)
      CHECK(same_bits(vb.s.forecast.pred, va.s.forecast.pred));  // the same predictions
    CHECK(vb.s.notice.find("Restored") != std::string::npos);

    b.start(0);
    REQUIRE(wait_for(b, [&] { return !b.run(0).stale && b.run(0).s.progress.done && !b.run(0).training(); }));
    CHECK(same_bits(b.run(0).s.history.train, ref.run(0).s.history.train));
    CHECK(same_bits(b.run(0).s.history.val, ref.run(0).s.history.val));
    CHECK(same_bits(b.run(0).s.weights.params, ref.run(0).s.weights.params));
  }
}

TEST_CASE("saved session: a state that does not fit the run is refused, the run stays untrained") {
  Session a = trained_session(1, 3);
  SavedSession saved = a.save();
  saved.runs[0].state.params.pop_back();
  Session b;
  REQUIRE(b.restore(saved) == "");  // the setup restores; the state is refused by the run
  REQUIRE(wait_for(b, [&] { return !b.run(0).s.error.empty(); }));
  CHECK(b.run(0).s.error.find("do not fit") != std::string::npos);
  CHECK(b.run(0).s.progress.epoch == 0);
}
