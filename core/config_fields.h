// The one list of Config fields: name, allowed range, CLI flag, help line and (enums) labels, in a
// fixed order. The share link codec walks it to write and read (the order IS the wire order of
// links: append new fields at the end of a group with `since` = a new link version), and to range-check
// what it read; lstm-cli's parser and --help, Trainer::setup's checks and the state hook walk it
// too instead of keeping their own lists.
//
//   struct Printer { template <class T> void operator()(const FieldInfo& f, T& value); };
//   visit_fields(cfg, printer);  // cfg: Config or const Config (or one of its three groups)
//
// T is one of int, float, bool, uint64_t or an enum with uint8_t underlying type (const-qualified
// when the Config is const). Array elements are visited one by one with f.index = 0, 1, ...
#pragma once
#include <cassert>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

#include "config.h"
#include "config_enums.h"

namespace lstm {

struct FieldInfo {
  const char* name;
  double lo, hi;   // inclusive; enums: 0..count-1; bool 0..1; uint64_t: the whole range
  int index = -1;  // array element, or -1
  const char* flag = nullptr;  // lstm-cli flag ("--look-back"); nullptr: the CLI sets it otherwise
  const char* help = nullptr;  // one line for --help
  const EnumLabels* labels = nullptr;  // enum fields: their names (lo..hi = 0..count-1)
  int since = 1;   // the link version that added the field: older links keep the default
  std::string label() const {
    return index < 0 ? std::string(name) : std::string(name) + "[" + std::to_string(index) + "]";
  }
};

// Selects a visit_fields overload for T = U or const U.
template <class T, class U>
using IfSame = std::enable_if_t<std::is_same<std::remove_const_t<T>, U>::value, int>;

// Enum fields range over their labels.
template <class E>
FieldInfo enum_field(const char* name, const char* flag, const char* help, int since = 1) {
  return FieldInfo{name, 0, double(kEnumLabels<E>.count - 1), -1, flag, help, &kEnumLabels<E>, since};
}

template <class C, class V, IfSame<C, DataConfig> = 0>
void visit_fields(C& d, V&& v) {
  v(enum_field<WindowSetup>("setup", nullptr, "window setup (the CLI picks it from the columns)"),
    d.setup);
  v(FieldInfo{"look_back", 1, 10000, -1, "--look-back", "timesteps per input window"}, d.look_back);
  v(FieldInfo{"horizon", 1, 1000, -1, "--horizon",
              "steps predicted at once, > 1: direct multi-step"},
    d.horizon);
  v(FieldInfo{"n_inputs", 1, kMaxColumns, -1, nullptr, "input columns used"}, d.n_inputs);
  v(FieldInfo{"n_targets", 1, kMaxColumns, -1, nullptr, "target columns used"}, d.n_targets);
  for (int k = 0; k < kMaxColumns; ++k)
    v(FieldInfo{"input_cols", 0, 255, k, nullptr, "input column index"}, d.input_cols[k]);
  for (int k = 0; k < kMaxColumns; ++k)
    v(FieldInfo{"target_cols", 0, 255, k, nullptr, "target column index"}, d.target_cols[k]);
  v(enum_field<Scaling>("scaling", "--scale", "scaling fitted on the training part"),
    d.scaling);
  v(FieldInfo{"val_split", 0, 0.95, -1, "--val-split",
              "last fraction of windows for validation, as Keras"},
    d.val_split);
  v(FieldInfo{"stride", 1, 100000, -1, "--stride", "rows between window starts (1: every row)",
              nullptr, 2},
    d.stride);
  v(FieldInfo{"test_split", 0, 0.5, -1, "--test-split",
              "last fraction of windows held out for the test part, never used for a choice",
              nullptr, 3},
    d.test_split);
  v(FieldInfo{"season", 0, 10000, -1, "--season",
              "period m for seasonal naive, MASE and seasonal differencing; 0 = detect", nullptr, 3},
    d.season);
  v(FieldInfo{"log", 0, 1, -1, "--log", "log transform before scaling (positive series only)",
              nullptr, 3},
    d.log);
  v(FieldInfo{"detrend", 0, 1, -1, "--detrend",
              "remove a linear trend fitted on the training rows", nullptr, 3},
    d.detrend);
  v(enum_field<Difference>("difference", "--diff", "differencing: none, lag1 or seasonal (lag m)",
                           3),
    d.difference);
}

template <class C, class V, IfSame<C, ModelConfig> = 0>
void visit_fields(C& m, V&& v) {
  v(FieldInfo{"n_layers", 1, kMaxLayers, -1, nullptr, "stacked recurrent layers"}, m.n_layers);
  for (int l = 0; l < kMaxLayers; ++l)
    v(FieldInfo{"units", 1, 1024, l, nullptr, "units of a recurrent layer"}, m.units[l]);
  v(enum_field<Activation>("activation", "--activation", "cell input and output activation"),
    m.activation);
  v(enum_field<RecurrentActivation>("recurrent_activation", "--recurrent-activation",
                                    "gate activation"),
    m.recurrent_activation);
  v(FieldInfo{"seed", 0, 18446744073709551615.0, -1, "--seed", "initial weights and shuffling"},
    m.seed);
  v(enum_field<CellKind>("cell", "--cell", "recurrent cell: lstm, gru (Keras reset_after) or simple_rnn", 2),
    m.cell);
}

template <class C, class V, IfSame<C, TrainConfig> = 0>
void visit_fields(C& t, V&& v) {
  v(enum_field<OptimizerKind>("optimizer", "--optimizer",
                              "Keras Adam, PyTorch Adam (epsilon 1e-8) or SGD"),
    t.optimizer);
  v(FieldInfo{"lr", 1e-9, 10, -1, "--lr", "learning rate"}, t.lr);
  // beta < 1: Adam's bias correction divides by 1 - beta^t
  v(FieldInfo{"beta1", 0, 0.9999999, -1, "--beta1", "Adam: decay of the mean gradient"}, t.beta1);
  v(FieldInfo{"beta2", 0, 0.9999999, -1, "--beta2", "Adam: decay of the squared gradient"},
    t.beta2);
  v(FieldInfo{"epsilon", 0, 1, -1, "--epsilon", "Adam: added to the denominator"}, t.epsilon);
  v(FieldInfo{"momentum", 0, 0.9999999, -1, "--momentum", "SGD momentum"}, t.momentum);
  v(FieldInfo{"clip_norm", 0, 1e6, -1, "--clip-norm", "clip gradients by global norm, 0 = off"},
    t.clip_norm);
  v(FieldInfo{"batch", 1, 65536, -1, "--batch", "windows per gradient step"}, t.batch);
  v(FieldInfo{"epochs", 1, 1000000, -1, "--epochs", "passes over the training windows"}, t.epochs);
  v(FieldInfo{"shuffle", 0, 1, -1, "--shuffle", "shuffle the training windows each epoch"},
    t.shuffle);
  v(enum_field<LossKind>("loss", "--loss", "training loss"), t.loss);
}

// The three groups in order: data, model, train.
template <class C, class V, IfSame<C, Config> = 0>
void visit_fields(C& c, V&& v) {
  visit_fields(c.data, v);
  visit_fields(c.model, v);
  visit_fields(c.train, v);
}

// "1..10000"
inline std::string range_text(const FieldInfo& f) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g..%.9g", f.lo, f.hi);
  return buf;
}

// "" when value lies in f's range, else "look_back 0 is out of range 1..10000". NaN is out of
// every range.
template <class T>
std::string check_field(const FieldInfo& f, const T& value) {
  using U = std::remove_cv_t<T>;
  if constexpr (std::is_same<U, uint64_t>::value) {
    return "";
  } else {
    double x;
    if constexpr (std::is_enum<U>::value) x = double(static_cast<std::underlying_type_t<U>>(value));
    else x = double(value);
    // Float fields compare with the bounds rounded to float, so float(1e-9) is inside 1e-9..10.
    const bool is_float = std::is_same<U, float>::value;
    const double lo = is_float ? double(float(f.lo)) : f.lo, hi = is_float ? double(float(f.hi)) : f.hi;
    if (x >= lo && x <= hi) return "";
    char buf[48];
    std::snprintf(buf, sizeof buf, " %.9g is out of range ", x);
    return f.label() + buf + range_text(f);
  }
}

// Range-checks every field visit_fields lists for S; "" or the first problem.
template <class S>
std::string check_fields(const S& s) {
  std::string msg;
  visit_fields(s, [&](const FieldInfo& f, const auto& x) {
    if (msg.empty()) msg = check_field(f, x);
  });
  return msg;
}

// Bit-for-bit equality of two field values (floats compared by their bits, so NaN == NaN).
template <class T>
bool same_bits(const T& a, const T& b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

// True when every field visit_fields lists for S (Config, ViewState, ...) is bit-for-bit equal.
template <class S>
bool same_fields(const S& a, const S& b) {
  // Walk a and b in lockstep: collect b's field addresses in visit order, then compare.
  const void* ptrs[128];
  int n = 0;
  visit_fields(b, [&](const FieldInfo&, const auto& x) {
    assert(n < 128);
    ptrs[n++] = &x;
  });
  int i = 0;
  bool same = true;
  visit_fields(a, [&](const FieldInfo&, const auto& x) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(x)>>;
    same = same && same_bits(x, *static_cast<const T*>(ptrs[i++]));
  });
  return same;
}

}  // namespace lstm
