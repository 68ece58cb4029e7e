// The one list of Config fields: name, allowed range and a reference, in a fixed order. The share
// link codec walks it to write and read (the order IS the wire order of link v1: append new
// fields at the end of a group and bump the link version), and to range-check what it read; the
// CLI and the exports can walk it too instead of keeping their own lists.
//
//   struct Printer { template <class T> void operator()(const FieldInfo& f, T& value); };
//   visit_fields(cfg, printer);  // cfg: Config or const Config
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

namespace lstm {

struct FieldInfo {
  const char* name;
  double lo, hi;   // inclusive; enums: 0..count-1; bool 0..1; uint64_t: the whole range
  int index = -1;  // array element, or -1
  std::string label() const {
    return index < 0 ? std::string(name) : std::string(name) + "[" + std::to_string(index) + "]";
  }
};

// Selects a visit_fields overload for T = U or const U.
template <class T, class U>
using IfSame = std::enable_if_t<std::is_same<std::remove_const_t<T>, U>::value, int>;

template <class C, class V, IfSame<C, Config> = 0>
void visit_fields(C& c, V&& v) {
  auto& d = c.data;
  v(FieldInfo{"setup", 0, 3}, d.setup);
  v(FieldInfo{"look_back", 1, 10000}, d.look_back);
  v(FieldInfo{"horizon", 1, 1000}, d.horizon);
  v(FieldInfo{"n_inputs", 1, kMaxColumns}, d.n_inputs);
  v(FieldInfo{"n_targets", 1, kMaxColumns}, d.n_targets);
  for (int k = 0; k < kMaxColumns; ++k) v(FieldInfo{"input_cols", 0, 255, k}, d.input_cols[k]);
  for (int k = 0; k < kMaxColumns; ++k) v(FieldInfo{"target_cols", 0, 255, k}, d.target_cols[k]);
  v(FieldInfo{"scaling", 0, 2}, d.scaling);
  v(FieldInfo{"val_split", 0, 0.95}, d.val_split);

  auto& m = c.model;
  v(FieldInfo{"n_layers", 1, kMaxLayers}, m.n_layers);
  for (int l = 0; l < kMaxLayers; ++l) v(FieldInfo{"units", 1, 1024, l}, m.units[l]);
  v(FieldInfo{"activation", 0, 1}, m.activation);
  v(FieldInfo{"recurrent_activation", 0, 1}, m.recurrent_activation);
  v(FieldInfo{"seed", 0, 18446744073709551615.0}, m.seed);

  auto& t = c.train;
  v(FieldInfo{"optimizer", 0, 2}, t.optimizer);
  v(FieldInfo{"lr", 1e-9, 10}, t.lr);
  v(FieldInfo{"beta1", 0, 0.9999999}, t.beta1);  // < 1: Adam's bias correction divides by 1 - beta^t
  v(FieldInfo{"beta2", 0, 0.9999999}, t.beta2);
  v(FieldInfo{"epsilon", 0, 1}, t.epsilon);
  v(FieldInfo{"momentum", 0, 0.9999999}, t.momentum);
  v(FieldInfo{"clip_norm", 0, 1e6}, t.clip_norm);
  v(FieldInfo{"batch", 1, 65536}, t.batch);
  v(FieldInfo{"epochs", 1, 1000000}, t.epochs);
  v(FieldInfo{"shuffle", 0, 1}, t.shuffle);
  v(FieldInfo{"loss", 0, 1}, t.loss);
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
