// Issue 12 part 6, limits: text over kMaxTextBytes, rows and columns past the CSV caps, links past
// kMaxLinkChars and windows past the memory cap are refused with messages; a runner that crashes
// mid-run leaves its run stopped with its last snapshot, and Train starts afresh on a new runner.
#include <doctest/doctest.h>

#include <string>

#include "csv.h"
#include "presets.h"
#include "session.h"
#include "share_link.h"
#include "windows.h"

#include "data_fixtures.h"

using namespace lstm;
using lstm_test::has_message;

namespace {
}  // namespace

TEST_CASE("limits: text over kMaxTextBytes is refused with both sizes and what to do") {
  CHECK(check_text_size(kMaxTextBytes, "big.csv") == "");
  CHECK(check_text_size(0, "pasted text") == "");
  const std::string m = check_text_size(size_t(17) << 20, "big.csv");
  CAPTURE(m);
  CHECK(m.find("big.csv is 17.0 MB") == 0);
  CHECK(m.find("16 MB") != std::string::npos);
  CHECK(m.find("nothing was loaded") != std::string::npos);
  CHECK(m.find("fewer rows or columns") != std::string::npos);
  CHECK(check_text_size(kMaxTextBytes + 1, "x") != "");
  CHECK(CsvOptions{}.max_bytes == kMaxTextBytes);
}

TEST_CASE("limits: rows and columns past the CSV caps are cut with a message") {
  CsvOptions o;
  o.max_rows = 1000;
  o.max_columns = 4;
  std::string text;
  for (int r = 0; r < 1500; ++r) text += "1,2,3,4,5,6\n";
  const CsvResult r = parse_csv(text, o);
  REQUIRE(r.ok());
  CHECK(r.series.length() == 1000);
  CHECK(r.series.width() == 4);
  CHECK(has_message(r, "Only the first 1,000 rows were read (the most the playground reads)."));
  CHECK(has_message(r, "Only the first 4 columns were read (the most the playground reads)."));
  const CsvResult fits = parse_csv("1,2\n3,4\n", o);
  CHECK(fits.messages.empty());
}

TEST_CASE("limits: a link past kMaxLinkChars is refused by its size alone") {
  CHECK(check_link_size(kMaxLinkChars) == "");
  const std::string m = check_link_size(1500000);
  CHECK(m == "The link is too large (1,500,000 characters > 1 MB).");
  CHECK(decode_link(std::string(kMaxLinkChars + 1, 'A'), nullptr) == check_link_size(kMaxLinkChars + 1));
}

TEST_CASE("limits: windows that would not fit in memory are refused before they are built") {
  Series s;
  s.add("x", std::vector<float>(800000, 0.5f));  // a 10 MB CSV's 800,000 rows
  DataConfig d = data_config(WindowSetup::Univariate, 20, {0}, {0});
  CHECK(check_windows(s, d) == "");  // 800k x 20 floats: 64 MB
  d.look_back = 200;                 // 640 MB
  const std::string m = check_windows(s, d);
  CAPTURE(m);
  CHECK(m.find("The windows would take") == 0);
  CHECK(m.find("Shorten look_back") != std::string::npos);
}

namespace {
// An in-frame runner that a test can make crash, as a Web Worker does when it dies mid-run.
struct CrashingRunner final : Runner {
  std::unique_ptr<Runner> inner = make_inline_runner();
  std::string crash_with;
  void send(const RunCommand& c) override { inner->send(c); }
  bool poll(RunSnapshot* out) override { return inner->poll(out); }
  void pump(double seconds) override {
    if (crash_with.empty()) inner->pump(seconds);
  }
  bool busy() const override { return inner->busy(); }
  const char* kind() const override { return "crashing"; }
  std::string crash() const override { return crash_with; }
};
}  // namespace

TEST_CASE("limits: a runner that crashes mid-run is replaced; the run shows as stopped, Train starts afresh") {
  int made = 0;
  CrashingRunner* last = nullptr;
  Session s([&] {
    auto r = std::make_unique<CrashingRunner>();
    last = r.get();
    ++made;
    return r;
  });
  s.load_preset(find_preset("sine"), true);
  s.edit_config().train.epochs = 50;
  s.invalidate();
  s.start(0);
  for (int i = 0; i < 2000 && s.run(0).s.progress.epoch < 2; ++i) s.update(0.005);
  REQUIRE(s.run(0).s.progress.epoch >= 2);
  const int epochs_before = s.run(0).s.progress.epoch;
  const size_t losses_before = s.run(0).s.history.train.size();

  last->crash_with = "out of memory";
  CHECK(s.update(0.005));
  CHECK(made == 2);  // a fresh runner of the same kind
  const RunView& v = s.run(0);
  CHECK_FALSE(v.training());
  CHECK(v.s.error == "Training stopped: the training worker crashed (out of memory). Train starts again from fresh weights.");
  CHECK(v.s.progress.epoch == epochs_before);  // the last snapshot stays on screen
  CHECK(v.s.history.train.size() == losses_before);
  for (int i = 0; i < 20; ++i) s.update(0.005);  // the fresh runner has nothing to show yet
  CHECK(s.run(0).s.progress.epoch == epochs_before);

  s.start(0);
  for (int i = 0; i < 2000 && s.run(0).s.progress.epoch < 1; ++i) s.update(0.005);
  CHECK(s.run(0).s.progress.epoch >= 1);
  CHECK(s.run(0).s.error == "");
  CHECK(made == 2);
}
