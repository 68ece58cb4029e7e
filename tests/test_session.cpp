// The UI-free session: undo/redo, CSV defaults, setup inference, share states applied all or
// nothing, and runs behind every runner training bit-identically, paused within one batch.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#include "clock.h"
#include "config_fields.h"
#include "data_choice.h"
#include "presets.h"
#include "run_protocol.h"
#include "session.h"
#include "session_fixtures.h"
#include "windows.h"

using namespace lstm;
using lstm_test::wait_for;

namespace {

Config small_config(int epochs, int batch, uint64_t seed = 1) {
  Config c;
  c.data = data_config(WindowSetup::Univariate, 8, {0}, {0});
  c.model.units = {{6, 6, 6, 6}};
  c.model.seed = seed;
  c.train.epochs = epochs;
  c.train.batch = batch;
  c.train.lr = 0.01f;
  return c;
}


bool finished(const Session& s, int i) {
  const RunView& v = s.run(i);
  return !v.stale && v.s.progress.done && !v.training();
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Every runner this build has (wasm: the page's worker glue is tested in the browser).
#ifdef __EMSCRIPTEN__
const char* const kRunners[] = {"in-frame"};
const char* const kParallel = "in-frame";
#else
const char* const kRunners[] = {"in-frame", "thread"};
const char* const kParallel = "thread";
#endif

Session::RunnerFactory factory(const char* kind) {
#ifndef __EMSCRIPTEN__
  if (std::strcmp(kind, "thread") == 0) return [] { return make_thread_runner(); };
#endif
  return nullptr;  // in-frame
}

Session sine_session(const char* kind, const Config& c) {
  Session s(factory(kind));
  s.load_preset(find_preset("sine"), true);
  s.edit_config() = c;
  s.invalidate();
  return s;
}

}  // namespace

TEST_CASE("session: undo and redo walk the series history; a new edit clears redo") {
  Session s;
  s.load_preset(find_preset("sine"), true);
  const Series sine = s.series();
  s.begin_series_edit().columns[0][3] = 42.f;
  s.end_series_edit("drawn with the mouse");
  CHECK(s.series().columns[0][3] == 42.f);
  CHECK_FALSE(s.origin().preset_untouched);
  REQUIRE(s.undo());
  CHECK(s.series().columns == sine.columns);
  CHECK(s.redo_depth() == 1);
  REQUIRE(s.redo());
  CHECK(s.series().columns[0][3] == 42.f);
  CHECK_FALSE(s.redo());
  s.undo();
  s.begin_series_edit().columns[0][0] = 7.f;  // a new edit after an undo
  s.end_series_edit("");
  CHECK(s.redo_depth() == 0);
  for (int i = 0; i < Session::kMaxUndo + 20; ++i) {
    s.begin_series_edit();
    s.end_series_edit("");
  }
  CHECK(s.undo_depth() == size_t(Session::kMaxUndo));
}

TEST_CASE("session: a CSV gets the default columns and setup lstm-cli uses") {
  SUBCASE("a time column and two value columns: Parallel over the value columns") {
    Session s;
    std::string csv = "t,temp,humidity\n";
    for (int i = 0; i < 60; ++i)
      csv += std::to_string(i) + "," + std::to_string(std::sin(i * 0.3)) + "," + std::to_string(std::cos(i * 0.2)) + "\n";
    const CsvLoad r = s.load_csv(csv, "weather.csv");
    REQUIRE(r.error == "");
    const DataConfig& d = s.config().data;
    CHECK(d.setup == WindowSetup::Parallel);
    CHECK(d.n_inputs == 2);
    CHECK(d.input_cols[0] == 1);
    CHECK(d.input_cols[1] == 2);
    CHECK(d.n_targets == 2);
    CHECK(s.origin().label == "CSV: weather.csv");
    // The same choice the CLI makes without --columns.
    const DataConfig cli = default_data_config(s.series(), DataConfig{});
    CHECK(cli.setup == d.setup);
    CHECK(cli.input_cols == d.input_cols);
  }
  SUBCASE("one value column: Univariate") {
    Session s;
    const CsvLoad r = s.load_csv("value\n1\n3\n2\n5\n4\n6\n5\n8\n7\n9\n", "x.csv");
    REQUIRE(r.error == "");
    CHECK(s.config().data.setup == WindowSetup::Univariate);
    CHECK(s.config().data.input_cols[0] == 0);
  }
  SUBCASE("a CSV without numbers changes nothing") {
    Session s;
    s.load_preset(find_preset("sine"), true);
    const Config before = s.config();
    const size_t depth = s.undo_depth();
    const CsvLoad r = s.load_csv("a,b\nx,y\n", "bad.csv");
    CHECK(r.error != "");
    CHECK(same_fields(before, s.config()));
    CHECK(s.undo_depth() == depth);
    CHECK(s.origin().preset_untouched);
  }
}

TEST_CASE("session: switching the window setup carries the columns over") {
  Series s;
  s.add("t", {0, 1, 2, 3, 4, 5});
  s.add("a", {1, 3, 2, 4, 3, 5});
  s.add("b", {5, 1, 4, 2, 3, 1});
  DataConfig d = data_config(WindowSetup::Univariate, 2, {1}, {1});
  switch_setup(d, WindowSetup::MultivariateIn, s);
  CHECK(d.n_inputs == 1);
  CHECK(d.input_cols[0] == 1);
  CHECK(d.target_cols[0] == 2);  // the last value column becomes the target
  switch_setup(d, WindowSetup::Parallel, s);
  CHECK(d.n_targets == d.n_inputs);
  CHECK(d.target_cols == d.input_cols);
  switch_setup(d, WindowSetup::MultiStep, s);
  CHECK(d.horizon == 3);
  switch_setup(d, WindowSetup::Univariate, s);
  CHECK(d.horizon == 1);
  CHECK(d.n_inputs == 1);
  CHECK(d.target_cols[0] == d.input_cols[0]);
  std::vector<int> in{1, 2}, out{2};
  choose_setup(d, in, out);
  CHECK(d.setup == WindowSetup::MultivariateIn);
  choose_setup(d, in, in);
  CHECK(d.setup == WindowSetup::Parallel);
}

TEST_CASE("session: a share state applies all or nothing") {
  Session s;
  s.load_preset(find_preset("sine"), true);
  const Config before = s.config();
  const Series series = s.series();
  const size_t depth = s.undo_depth();
  auto unchanged = [&] {
    CHECK(same_fields(before, s.config()));
    CHECK(s.series().columns == series.columns);
    CHECK(s.undo_depth() == depth);
    CHECK(s.origin().preset_untouched);
  };
  SUBCASE("an unknown preset") {
    ShareState st;
    st.data.kind = DataKind::Preset;
    st.data.preset.id = "no-such-preset";
    CHECK(s.apply(st).find("does not exist") != std::string::npos);
    unchanged();
  }
  SUBCASE("weights that do not fit the model") {
    ShareState st = s.share_state(false);
    st.config.model.units[0] = 9;
    st.has_weights = true;
    st.weights.assign(10, 0.5f);
    CHECK(s.apply(st).find("weights") != std::string::npos);
    unchanged();
  }
  SUBCASE("a series too short for the window, with weights") {
    ShareState st;
    st.data.kind = DataKind::Drawn;
    st.data.series.add("drawn", {0.f, 1.f, 0.5f});
    st.has_weights = true;
    st.weights.assign(100, 0.f);
    CHECK(s.apply(st) != "");
    unchanged();
  }
  SUBCASE("a good state changes everything and is one undo step") {
    ShareState st;
    st.config = small_config(3, 8);
    st.data.kind = DataKind::Drawn;
    for (int i = 0; i < 40; ++i) st.data.series.columns.resize(1), st.data.series.names = {"drawn"};
    for (int i = 0; i < 40; ++i) st.data.series.columns[0].push_back(quantize_drawn(std::sin(i * 0.4f)));
    REQUIRE(s.apply(st) == "");
    CHECK(same_fields(st.config, s.config()));
    CHECK(s.series().columns == st.data.series.columns);
    CHECK(s.undo_depth() == depth + 1);
    CHECK(s.share_state(false).data.kind == DataKind::Drawn);
  }
}

TEST_CASE("session: a link's weights reach the run, and Train starts again from the seed") {
  Session sender;
  sender.load_preset(find_preset("sine"), true);
  sender.edit_config() = small_config(2, 16);
  sender.invalidate();
  sender.start(0);
  REQUIRE(wait_for(sender, [&] { return finished(sender, 0) && sender.run(0).has_weights(); }));
  const ShareState st = sender.share_state(true);
  REQUIRE(st.has_weights);
  Session receiver;
  REQUIRE(receiver.apply(st) == "");
  REQUIRE(wait_for(receiver, [&] { return receiver.run(0).has_weights(); }));
  CHECK(receiver.run(0).weights_from_link);
  CHECK(same_bits(receiver.run(0).s.weights.params, st.weights));
  receiver.start(0);
  REQUIRE(wait_for(receiver, [&] { return finished(receiver, 0); }));
  CHECK(same_bits(receiver.run(0).s.history.train, sender.run(0).s.history.train));
}

TEST_CASE("session: the same seed trains bit-identically in a thread, in frames and in a bare Trainer") {
  const Config c = small_config(4, 8, 3);
  Trainer bare;
  REQUIRE(bare.setup(c, make_preset(find_preset("sine"), 200, 0.f, 1)) == "");
  while (!bare.progress().done) bare.step({0.0, 0});
  for (const char* kind : kRunners) {
    CAPTURE(kind);
    Session s = sine_session(kind, c);
    REQUIRE(s.series().length() == 200);
    s.start(0);
    REQUIRE(wait_for(s, [&] { return finished(s, 0); }));
    CHECK(std::string(s.runner_kind(0)) == kind);
    CHECK(same_bits(s.run(0).s.history.train, bare.history().train));
    CHECK(same_bits(s.run(0).s.history.val, bare.history().val));
  }
}

TEST_CASE("session: two runs in parallel give the histories of each run alone") {
  const Config a = small_config(5, 8, 1), b = small_config(5, 4, 2);
  std::vector<float> alone[2];
  int k = 0;
  for (const Config& c : {a, b}) {
    Session s = sine_session(kParallel, c);
    s.start(0);
    REQUIRE(wait_for(s, [&] { return finished(s, 0); }));
    alone[k++] = s.run(0).s.history.train;
  }
  Session s = sine_session(kParallel, a);
  REQUIRE(s.add_run(b) == 1);
  s.start_all();
  REQUIRE(wait_for(s, [&] { return finished(s, 0) && finished(s, 1); }));
  CHECK(same_bits(s.run(0).s.history.train, alone[0]));
  CHECK(same_bits(s.run(1).s.history.train, alone[1]));
  CHECK(s.add_run(a) == 2);
  CHECK(s.add_run(a) == 3);
  CHECK(s.add_run(a) == -1);  // at most kMaxRuns
}

TEST_CASE("session: Step runs exactly one batch; Pause lands within one batch; a config change cancels") {
  for (const char* kind : kRunners) {
    CAPTURE(kind);
    Config c = small_config(100000, 4);
    c.model.units = {{64, 64, 64, 64}};  // slow batches, so Pause meets a run in full flight
    Session s = sine_session(kind, c);
    s.step(0);
    REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.samples > 0; }));
    CHECK(s.run(0).s.progress.samples == 4);
    CHECK(s.run(0).s.progress.batch == 1);
    s.step(0);
    REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.samples > 4; }));
    CHECK(s.run(0).s.progress.samples == 8);

    s.start(0);
    REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.samples > 400; }));
    s.pause(0);
    REQUIRE(wait_for(s, [&] { return !s.busy(); }));
    const long long paused_at = s.run(0).s.progress.samples;
    CHECK(s.run(0).s.phase == RunPhase::Idle);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    s.update(0.01);
    CHECK(s.run(0).s.progress.samples == paused_at);  // no batch after the pause

    s.start(0);
    REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.samples > paused_at + 40; }));
    s.edit_config().data.look_back = 12;  // a config change while training
    s.invalidate();
    CHECK(s.run(0).stale);
    CHECK_FALSE(s.run(0).training());
    CHECK_FALSE(s.any_training());
    REQUIRE(wait_for(s, [&] { return !s.busy(); }));
    s.step(0);  // set up again with the new window, from fresh weights
    REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.samples > 0; }));
    CHECK(s.run(0).s.progress.samples == 4);
    CHECK(s.run(0).s.look_back == 12);
  }
}

TEST_CASE("session: predictions, metrics, rollout, trace and weights arrive in snapshots") {
  Session s = sine_session(kParallel, small_config(3, 16));
  s.set_trace_window(5);
  s.start(0);
  REQUIRE(wait_for(s, [&] {
    const RunView& v = s.run(0);
    return finished(s, 0) && v.has_forecast() && v.s.forecast.samples == v.s.progress.samples &&
           v.s.trace.window == 5;
  }));
  const RunView& v = s.run(0);
  CHECK(v.s.forecast.pred.size() == size_t(v.s.n_windows));
  CHECK(v.s.forecast.model.count > 0);
  CHECK(v.s.forecast.baseline.count > 0);
  CHECK(v.s.forecast.rollout.size() == size_t(s.rollout_steps()));
  REQUIRE(v.s.trace.values.size() == 6);
  CHECK(v.s.trace.values[0].size() == size_t(8 * 6));
  CHECK(v.s.weights.samples == v.s.progress.samples);
  Trainer t;
  REQUIRE(s.model_for_export(0, &t) == "");
  const Trainer::Report r = t.validation_report();
  CHECK(r.model.rmse == v.s.forecast.model.rmse);  // one computation of the validation figures
  CHECK(r.naive.rmse == v.s.forecast.baseline.rmse);
}

TEST_CASE("session: a setup error shows in the run's view") {
  Session s;
  s.load_preset(find_preset("sine"), true);
  s.edit_config().data.look_back = 5000;
  s.invalidate();
  s.start(0);
  REQUIRE(wait_for(s, [&] { return s.run(0).s.phase == RunPhase::Failed; }));
  CHECK(s.run(0).s.error.find("look_back") != std::string::npos);
  CHECK_FALSE(s.any_training());
}

TEST_CASE("run protocol: commands and snapshots survive their byte form; damaged bytes are refused") {
  RunCommand c{RunCommandKind::Setup};
  c.config = small_config(7, 3, 99);
  c.series = make_preset(find_preset("sine"), 50, 0.f, 1);
  c.window = 4;
  c.weights = {1.f, 2.f};
  const std::vector<uint8_t> bytes = encode_command(c);
  RunCommand back;
  REQUIRE(decode_command(bytes.data(), bytes.size(), &back));
  CHECK(back.kind == c.kind);
  CHECK(same_fields(back.config, c.config));
  CHECK(back.series.columns == c.series.columns);
  CHECK(back.series.names == c.series.names);
  CHECK(back.window == 4);
  CHECK(back.weights == c.weights);
  for (size_t cut : {size_t(0), size_t(3), bytes.size() / 2, bytes.size() - 1})
    CHECK_FALSE(decode_command(bytes.data(), cut, &back));

  RunSnapshot s;
  s.generation = 3;
  s.phase = RunPhase::Training;
  s.progress.samples = 1234;
  s.progress.message = "why";
  s.history.train = {0.5f, 0.25f};
  s.has_forecast = s.has_trace = s.has_weights = true;
  s.forecast.x = {10, 11, 12};
  s.forecast.n_targets = 1, s.forecast.n_train = 2, s.forecast.n_val = 1;
  s.forecast.pred = {1, 2, 3};
  s.forecast.naive = {0.5f};
  s.forecast.model.rmse = 0.125;
  s.forecast.rollout_error = "no";
  s.trace.window = 2;
  s.trace.units = {2};
  s.trace.values.assign(6, std::vector<float>{1.f, 2.f});
  s.weights.params = {4.f};
  s.weights.tensors = {ParamTensor{"dense/bias", 0, 1, 1}};
  const std::vector<uint8_t> sb = encode_snapshot(s);
  RunSnapshot sback;
  REQUIRE(decode_snapshot(sb.data(), sb.size(), &sback));
  CHECK(sback.generation == 3);
  CHECK(sback.phase == RunPhase::Training);
  CHECK(sback.progress.samples == 1234);
  CHECK(sback.progress.message == "why");
  CHECK(sback.history.train == s.history.train);
  CHECK(sback.forecast.pred == s.forecast.pred);
  CHECK(sback.forecast.model.rmse == 0.125);
  CHECK(sback.trace.values == s.trace.values);
  CHECK(sback.weights.tensors[0].name == "dense/bias");
  std::vector<uint8_t> bad = sb;
  bad[0] ^= 1;
  CHECK_FALSE(decode_snapshot(bad.data(), bad.size(), &sback));
  CHECK_FALSE(decode_snapshot(sb.data(), sb.size() - 1, &sback));
  // Sizes that disagree with each other are refused: the views index by them.
  auto refused = [&](auto damage) {
    RunSnapshot d = s;
    damage(d);
    const std::vector<uint8_t> db = encode_snapshot(d);
    return !decode_snapshot(db.data(), db.size(), &sback);
  };
  CHECK(refused([](RunSnapshot& d) { d.forecast.pred.push_back(4); }));
  CHECK(refused([](RunSnapshot& d) { d.forecast.n_val = 3; }));
  CHECK(refused([](RunSnapshot& d) { d.trace.units = {3}; }));
  CHECK(refused([](RunSnapshot& d) { d.trace.values.pop_back(); }));
  CHECK(refused([](RunSnapshot& d) { d.weights.tensors[0].offset = 1; }));
  CHECK_FALSE(refused([](RunSnapshot& d) { d.weights.tensors[0].offset = 0; }));
  // A bool is one byte, 0 or 1. The three has_* flags end a snapshot that carries no parts, and
  // sit at the same offset in one that does.
  RunSnapshot bare = s;
  bare.has_forecast = bare.has_trace = bare.has_weights = false;
  const size_t flags = encode_snapshot(bare).size() - 3;
  std::vector<uint8_t> nonbool = sb;
  REQUIRE(nonbool[flags + 1] == 1);
  nonbool[flags + 1] = 2;
  CHECK_FALSE(decode_snapshot(nonbool.data(), nonbool.size(), &sback));
}

TEST_CASE("run protocol: unread snapshots fold into one, each heavy part from its newest carrier") {
  RunSnapshot a, b, c;
  a.progress.samples = 10, a.has_forecast = true, a.forecast.samples = 10, a.has_weights = true;
  a.weights.samples = 10;
  b.progress.samples = 20, b.has_trace = true, b.trace.window = 3;
  c.progress.samples = 30, c.has_weights = true, c.weights.samples = 30;
  merge_snapshot(a, std::move(b));
  merge_snapshot(a, std::move(c));
  CHECK(a.progress.samples == 30);
  CHECK(a.has_forecast);
  CHECK(a.forecast.samples == 10);
  CHECK(a.trace.window == 3);
  CHECK(a.weights.samples == 30);  // the newer weights win
}

TEST_CASE("session: a refused setup leaves nothing to train, not even the previous data") {
  for (const char* kind : kRunners) {
    CAPTURE(kind);
    Session s = sine_session(kind, small_config(2, 8));
    s.start(0);
    REQUIRE(wait_for(s, [&] { return finished(s, 0); }));
    s.clear_series();  // an empty drawn column: its setup is refused
    s.start(0);
    REQUIRE(wait_for(s, [&] { return s.run(0).s.phase == RunPhase::Failed && !s.busy(); }));
    CHECK(s.run(0).s.error != "");
    CHECK(s.run(0).s.progress.samples == 0);
    CHECK_FALSE(s.run(0).has_weights());
    s.step(0);
    REQUIRE(wait_for(s, [&] { return !s.busy(); }));
    CHECK(s.run(0).s.phase == RunPhase::Failed);
    CHECK(s.run(0).s.progress.samples == 0);
    CHECK(s.share_state(true).has_weights == false);
  }
}

TEST_CASE("session: weights imported after a finished run train on from them through every epoch") {
  for (const char* kind : kRunners) {
    CAPTURE(kind);
    Session s = sine_session(kind, small_config(3, 8));
    s.start(0);
    REQUIRE(wait_for(s, [&] { return finished(s, 0) && s.run(0).has_weights(); }));
    Trainer other;  // other weights for the same model: seed 7
    Config c7 = s.config();
    c7.model.seed = 7;
    REQUIRE(other.setup(c7, s.series()) == "");
    WeightLayout layout{};
    REQUIRE(s.import_weights(0, export_weights(other.model(), WeightLayout::Keras), &layout) == "");
    REQUIRE(wait_for(s, [&] { return !s.busy(); }));
    CHECK(same_bits(s.run(0).s.weights.params, std::vector<float>(other.model().params(),
                                                                  other.model().params() + other.model().n_params())));
    CHECK(s.run(0).trained());  // a link made now carries the imported weights
    s.start(0);  // not "all epochs done: fresh weights from the seed"
    REQUIRE(wait_for(s, [&] { return finished(s, 0); }));
    CHECK(s.run(0).s.progress.epoch == 3);
    // Training from seed 7's weights with seed 1's shuffling gives its own history.
    Session fresh = sine_session(kind, small_config(3, 8));
    fresh.start(0);
    REQUIRE(wait_for(fresh, [&] { return finished(fresh, 0); }));
    CHECK_FALSE(same_bits(s.run(0).s.history.train, fresh.run(0).s.history.train));
  }
}

TEST_CASE("session: a snapshot sent before the runner saw Pause does not show Training again") {
  Session s = sine_session("in-frame", small_config(100000, 4));
  s.start(0);
  REQUIRE(wait_for(s, [&] { return s.run(0).s.progress.samples > 40; }));
  // In-frame commands are handled at once; the thread and worker runners answer later, so their
  // snapshots can trail a command. Snapshots echo the last command seen (acked): check it here.
  s.pause(0);
  s.update(0.005);
  CHECK(s.run(0).s.acked > 0);
  CHECK(s.run(0).s.phase == RunPhase::Idle);
#ifndef __EMSCRIPTEN__
  Session t = sine_session("thread", small_config(100000, 4));
  t.start(0);
  REQUIRE(wait_for(t, [&] { return t.run(0).s.progress.samples > 40; }));
  for (int i = 0; i < 20; ++i) {  // Pause and look at once, many times: never Training again
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // a Training snapshot waits unread
    t.pause(0);
    CHECK_FALSE(t.run(0).training());
    t.update(0.0);
    CHECK_FALSE(t.run(0).training());
    t.start(0);
    t.update(0.0);
    CHECK(t.run(0).training());
  }
  t.pause(0);
  REQUIRE(wait_for(t, [&] { return !t.busy(); }));
  CHECK(t.run(0).s.phase == RunPhase::Idle);
#endif
}

TEST_CASE("session: runs beside run 1 keep their own model and window length, follow the data, travel in links") {
  Session s = sine_session("in-frame", small_config(2, 8));
  Config rnn = s.config();
  rnn.model.cell = CellKind::SimpleRnn;
  rnn.data.look_back = 5;
  REQUIRE(s.add_run(rnn) == 1);
  s.load_preset(find_preset("pairs"), true);  // two columns, Parallel
  CHECK(s.run(1).config.model.cell == CellKind::SimpleRnn);
  CHECK(s.run(1).config.data.look_back == 5);
  CHECK(s.run(1).config.data.setup == s.config().data.setup);
  CHECK(s.run(1).config.data.n_inputs == 2);
  const ShareState link = s.share_state(false);
  REQUIRE(link.runs.size() == 1);
  Session other = sine_session("in-frame", small_config(2, 8));
  other.add_run(small_config(1, 4));
  other.add_run(small_config(1, 4));
  REQUIRE(other.apply(link) == "");
  REQUIRE(other.n_runs() == 2);
  CHECK(same_fields(other.run(1).config, s.run(1).config));
  ShareState too_many = link;
  too_many.runs.assign(4, s.config());
  CHECK(other.apply(too_many) != "");
  CHECK(other.n_runs() == 2);  // nothing changed
}

TEST_CASE("session: a memory challenge's k moves every run's window with it") {
  Session s;
  s.load_preset(find_preset("memory_adding"), true);
  Config rnn = s.config();
  rnn.model.cell = CellKind::SimpleRnn;
  REQUIRE(s.add_run(rnn) == 1);
  s.regenerate_preset(s.origin().length, 0.f, 1, 30);
  CHECK(s.origin().k == 30);
  CHECK(s.config().data.look_back == 30);
  CHECK(s.config().data.stride == 31);
  CHECK(s.run(1).config.data.look_back == 30);
  CHECK(s.run(1).config.data.stride == 31);
}
