// The one field list (config_fields.h) and the one enum table (config_enums.h): labels round trip,
// CLI flags are unique and all parse, and lstm-cli, Trainer::setup and the share link codec give
// the same range message.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "cli_args.h"
#include "config_fields.h"
#include "config_walk.h"
#include "share_link.h"
#include "trainer.h"

using namespace lstm;

namespace {

// parse_cli on "train --csv x.csv" + args.
std::string parse(const std::vector<std::string>& args, CliOptions* out) {
  std::vector<const char*> argv = {"lstm-cli", "train", "--csv", "x.csv"};
  for (const std::string& a : args) argv.push_back(a.c_str());
  return parse_cli(int(argv.size()), argv.data(), out);
}

template <class T>
std::string number_text(T x) {
  char buf[48];
  if constexpr (std::is_same<T, float>::value) std::snprintf(buf, sizeof buf, "%.9g", double(x));
  else std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(x));
  return buf;
}

Series sine(int n) {
  std::vector<float> v(size_t(n), 0.f);
  for (int t = 0; t < n; ++t) v[size_t(t)] = quantize_drawn(float(std::sin(t * 0.2)));
  Series s;
  s.add("x", v);
  return s;
}

}  // namespace

TEST_CASE_TEMPLATE("config enums: every label round trips through parse_enum", E, Activation,
                   RecurrentActivation, OptimizerKind, LossKind, Scaling, WindowSetup) {
  const EnumLabels& t = enum_labels<E>();
  REQUIRE(t.count >= 2);
  std::set<std::string> seen;
  for (int i = 0; i < t.count; ++i) {
    CAPTURE(t.labels[i]);
    CHECK(seen.insert(t.labels[i]).second);
    CHECK(std::strlen(t.titles[i]) > 0);
    E e = E((i + 1) % t.count);
    REQUIRE(parse_enum(t.labels[i], &e));
    CHECK(int(e) == i);
    CHECK(std::string(enum_label(e)) == t.labels[i]);
    CHECK(std::string(enum_title(e)) == t.titles[i]);
    std::string dashed = t.labels[i];  // the CLI takes adam-torch for adam_torch
    for (char& ch : dashed) ch = ch == '_' ? '-' : ch;
    E d = E((i + 1) % t.count);
    CHECK(parse_enum(dashed, &d));
    CHECK(int(d) == i);
  }
  E e = E(0);
  CHECK_FALSE(parse_enum("", &e));
  CHECK_FALSE(parse_enum("nope", &e));
  CHECK_FALSE(parse_enum(std::string(t.labels[t.count - 1]) + "x", &e));
  CHECK(int(e) == 0);
}

TEST_CASE("config fields: enums range over their labels, flags are unique, every field has help") {
  Config c;
  std::set<std::string> flags;
  std::set<std::string> with_flag;
  visit_fields(c, [&](const FieldInfo& f, auto& x) {
    using T = std::remove_reference_t<decltype(x)>;
    CAPTURE(f.label());
    CHECK((f.help && *f.help));
    CHECK((std::is_enum<T>::value == (f.labels != nullptr)));
    if constexpr (std::is_enum<T>::value) {
      CHECK(f.lo == 0);
      CHECK(f.hi == f.labels->count - 1);
      CHECK(f.labels == &enum_labels<T>());
    }
    if (!f.flag) return;
    CHECK(f.index < 0);  // array elements have no flag of their own
    CHECK(std::strncmp(f.flag, "--", 2) == 0);
    CHECK(flags.insert(f.flag).second);
    with_flag.insert(f.name);
  });
  for (const char* name : {"look_back", "horizon", "val_split", "scaling", "activation",
                           "recurrent_activation", "seed", "optimizer", "lr", "beta1", "beta2",
                           "epsilon", "momentum", "clip_norm", "batch", "epochs", "shuffle", "loss"}) {
    CAPTURE(name);
    CHECK(with_flag.count(name) == 1);
  }
  // The CLI's own flags stay apart from the field flags.
  for (const char* own : {"--csv", "--columns", "--targets", "--hidden", "--weights-in",
                          "--weights-out", "--layout", "--forecast", "--export-pytorch",
                          "--export-keras", "--export-predictions", "--export-forecast", "--help"})
    CHECK(flags.count(own) == 0);
}

TEST_CASE("cli: every flag of the field list parses, is in --help, and sets its field") {
  const std::string help = cli_help();
  const int n = field_count();
  int tried = 0;
  for (int k = 0; k < n; ++k) {
    Config probe;
    with_field(probe, k, [&](const FieldInfo& f, auto& def) {
      using T = std::remove_reference_t<decltype(def)>;
      if (!f.flag) return;
      CAPTURE(f.flag);
      CHECK(help.find(f.flag) != std::string::npos);
      // A value in range that differs from the default.
      T want = def;
      std::vector<std::string> args;
      if constexpr (std::is_same<T, bool>::value) {
        want = !def;
        args = {want ? f.flag : "--no-" + std::string(f.flag + 2)};
      } else if constexpr (std::is_enum<T>::value) {
        want = T((int(def) + 1) % f.labels->count);
        args = {f.flag, f.labels->labels[int(want)]};
      } else if constexpr (std::is_same<T, uint64_t>::value) {
        want = 18446744073709551615ull;
        args = {f.flag, "18446744073709551615"};
      } else {
        want = T(f.hi);
        if (want == def) want = T(f.lo);
        args = {f.flag, number_text(want)};
      }
      CliOptions o;
      const std::string err = parse(args, &o);
      CAPTURE(args[0]);
      REQUIRE_MESSAGE(err.empty(), err);
      ++tried;
      // The parsed config differs from the defaults in this field only.
      int i = 0;
      visit_fields(o.config, [&](const FieldInfo& g, const auto& got) {
        using U = std::remove_cv_t<std::remove_reference_t<decltype(got)>>;
        if constexpr (std::is_same<U, T>::value) {
          if (i == k) CHECK(same_bits(got, want));
        }
        ++i;
        (void)g;
      });
      Config expect;
      with_field(expect, k, [&](const FieldInfo&, auto& x) {
        if constexpr (std::is_same<std::remove_reference_t<decltype(x)>, T>::value) x = want;
      });
      // adam_torch also brings PyTorch's epsilon unless --epsilon says otherwise.
      if (expect.train.optimizer == OptimizerKind::AdamTorch) expect.train.epsilon = 1e-8f;
      CHECK(same_fields(o.config, expect));
    });
  }
  CHECK(tried == 25);
}

TEST_CASE("cli: out-of-range and malformed values get the field list's message") {
  const int n = field_count();
  int tried = 0;
  for (int k = 0; k < n; ++k) {
    Config probe;
    with_field(probe, k, [&](const FieldInfo& f, auto& x) {
      using T = std::remove_reference_t<decltype(x)>;
      if (!f.flag) return;
      CAPTURE(f.flag);
      CliOptions o;
      if constexpr (std::is_enum<T>::value) {
        const std::string err = parse({f.flag, "nope"}, &o);
        CHECK(err.find("Bad value 'nope' for " + std::string(f.flag)) != std::string::npos);
        CHECK(err.find(join_labels(*f.labels, ", ")) != std::string::npos);
        ++tried;
      } else if constexpr (std::is_same<T, int>::value || std::is_same<T, float>::value) {
        const T bad = T(f.hi + 1);
        const std::string want = check_field(f, bad);
        REQUIRE(!want.empty());
        const std::string err = parse({f.flag, number_text(bad)}, &o);
        CHECK(err.find(want) != std::string::npos);
        CHECK(err.find(f.flag) != std::string::npos);
        CHECK(parse({f.flag, "abc"}, &o).find("Bad value 'abc'") != std::string::npos);
        ++tried;
      }
    });
  }
  CHECK(tried == 21);  // every flag but --seed and the bools (--shuffle, --log, --detrend)
  CliOptions o;
  CHECK(parse({"--hidden", "8,0"}, &o).find("units[1] 0 is out of range 1..1024") !=
        std::string::npos);
  CHECK(parse({"--lr", "nan"}, &o).find("lr nan is out of range") != std::string::npos);
  CHECK(parse({"--frobnicate", "1"}, &o).find("Unknown flag --frobnicate") != std::string::npos);
}

TEST_CASE("cli: adam_torch brings PyTorch's epsilon unless --epsilon is given") {
  CliOptions a, b, c;
  REQUIRE(parse({"--optimizer", "adam-torch"}, &a).empty());
  CHECK(a.config.train.optimizer == OptimizerKind::AdamTorch);
  CHECK(a.config.train.epsilon == 1e-8f);
  REQUIRE(parse({"--epsilon", "0.001", "--optimizer", "adam_torch"}, &b).empty());
  CHECK(b.config.train.epsilon == 0.001f);
  REQUIRE(parse({"--optimizer", "adam"}, &c).empty());
  CHECK(c.config.train.epsilon == Config{}.train.epsilon);
}

TEST_CASE("trainer: setup refuses out-of-range fields with the link codec's message") {
  const Series series = sine(200);
  {
    Trainer t;
    const std::string ok = t.setup(Config{}, series);
    REQUIRE_MESSAGE(ok.empty(), ok);
  }
  const int n = field_count();
  int tried = 0;
  for (int k = 0; k < n; ++k) {
    ShareState s;
    s.data.kind = DataKind::Drawn;
    s.data.series = series;
    bool skip = false;
    with_field(s.config, k, [&](const FieldInfo& f, auto& x) {
      using T = std::remove_reference_t<decltype(x)>;
      if constexpr (std::is_same<T, bool>::value || std::is_same<T, uint64_t>::value) skip = true;
      else if constexpr (std::is_same<T, float>::value) x = T(f.hi + 1);
      else x = T(int(f.hi) + 1);
    });
    if (skip) continue;
    const std::string msg = check_fields(s.config);
    CAPTURE(msg);
    REQUIRE(!msg.empty());
    Trainer t;
    CHECK(t.setup(s.config, series) == "The config has a value out of range: " + msg + ".");
    CHECK_FALSE(t.ready());
    ShareState back;
    CHECK(decode_link(encode_link(s), &back) == "The link has a value out of range: " + msg + ".");
    ++tried;
  }
  CHECK(tried == n - 4);  // all but seed and the bools shuffle, log and detrend
  Config nan_lr;
  nan_lr.train.lr = std::numeric_limits<float>::quiet_NaN();
  Trainer t;
  CHECK(t.setup(nan_lr, series).find("lr nan is out of range 1e-09..10") != std::string::npos);
}
