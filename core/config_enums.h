// The names of every Config enum, in one place: machine labels (CLI values, the state hook, weights
// files, exports) and titles (the UI's combos and radio buttons). Index i names enum value i.
//
//   enum_label(Scaling::ZScore)                 // "zscore"
//   parse_enum("adam-torch", &kind)             // true: '-' and '_' match each other
//   const EnumLabels& s = enum_labels<Scaling>();
//   ImGui::Combo("scaling", &i, s.titles, s.count);
#pragma once
#include <iterator>
#include <string>
#include <type_traits>

#include "config.h"

namespace lstm {

struct EnumLabels {
  const char* const* labels;  // machine labels: lower case, '_' between words
  const char* const* titles;  // what the UI shows
  int count;
};

// Specialised per enum: static constexpr labels[] and titles[], same length.
template <class E>
struct EnumNames;

template <>
struct EnumNames<CellKind> {
  static constexpr const char* labels[] = {"lstm", "gru", "simple_rnn"};
  static constexpr const char* titles[] = {"LSTM", "GRU", "SimpleRNN"};
};
template <>
struct EnumNames<Activation> {
  static constexpr const char* labels[] = {"tanh", "relu"};
  static constexpr const char* titles[] = {"tanh", "relu"};
};
template <>
struct EnumNames<RecurrentActivation> {
  static constexpr const char* labels[] = {"sigmoid", "hard_sigmoid"};
  static constexpr const char* titles[] = {"sigmoid", "hard_sigmoid"};
};
template <>
struct EnumNames<OptimizerKind> {
  static constexpr const char* labels[] = {"adam", "adam_torch", "sgd"};
  static constexpr const char* titles[] = {"Adam", "Adam (PyTorch form)", "SGD"};
};
template <>
struct EnumNames<LossKind> {
  static constexpr const char* labels[] = {"mse", "mae"};
  static constexpr const char* titles[] = {"mse", "mae"};
};
template <>
struct EnumNames<Scaling> {
  static constexpr const char* labels[] = {"minmax", "zscore", "none"};
  static constexpr const char* titles[] = {"min-max [0, 1]", "z-score", "none"};
};
template <>
struct EnumNames<WindowSetup> {
  static constexpr const char* labels[] = {"univariate", "multivariate_in", "parallel", "multi_step"};
  static constexpr const char* titles[] = {"Univariate", "Multivariate in", "Parallel", "Multi-step"};
};
template <>
struct EnumNames<Difference> {
  static constexpr const char* labels[] = {"none", "lag1", "seasonal"};
  static constexpr const char* titles[] = {"none", "lag 1", "lag m"};
};

template <class E>
constexpr EnumLabels make_enum_labels() {
  static_assert(std::size(EnumNames<E>::labels) == std::size(EnumNames<E>::titles),
                "one title per label");
  return {EnumNames<E>::labels, EnumNames<E>::titles, int(std::size(EnumNames<E>::labels))};
}
template <class E>
inline constexpr EnumLabels kEnumLabels = make_enum_labels<E>();

template <class E>
const EnumLabels& enum_labels() {
  return kEnumLabels<E>;
}

// Index of `text` among t.labels ('-' and '_' compare equal), or -1.
inline int find_label(const EnumLabels& t, const std::string& text) {
  for (int i = 0; i < t.count; ++i) {
    const char* l = t.labels[i];
    size_t k = 0;
    for (; l[k] && k < text.size(); ++k) {
      const char a = l[k] == '-' ? '_' : l[k], b = text[k] == '-' ? '_' : text[k];
      if (a != b) break;
    }
    if (!l[k] && k == text.size()) return i;
  }
  return -1;
}

// "tanh | relu"
inline std::string join_labels(const EnumLabels& t, const char* sep = " | ") {
  std::string s;
  for (int i = 0; i < t.count; ++i) s += (i ? sep : "") + std::string(t.labels[i]);
  return s;
}

template <class E>
const char* enum_label(E e) {
  const int i = int(static_cast<std::underlying_type_t<E>>(e));
  return i < kEnumLabels<E>.count ? kEnumLabels<E>.labels[i] : "?";
}
template <class E>
const char* enum_title(E e) {
  const int i = int(static_cast<std::underlying_type_t<E>>(e));
  return i < kEnumLabels<E>.count ? kEnumLabels<E>.titles[i] : "?";
}

// False (and *out untouched) when text is none of E's labels.
template <class E>
bool parse_enum(const std::string& text, E* out) {
  const int i = find_label(kEnumLabels<E>, text);
  if (i < 0) return false;
  *out = E(i);
  return true;
}

}  // namespace lstm
