// Activation functions of the LSTM cell as tag types, so the gate kernels are instantiated once
// per (activation, recurrent_activation) pair instead of branching per element.
// Derivatives are taken from the OUTPUT y = f(x): the forward pass keeps only post-activations.
#pragma once
#include <algorithm>
#include <cmath>

#include "config.h"

namespace lstm::act {

struct Tanh {
  template <typename S> static S f(S x) { return std::tanh(x); }
  template <typename S> static S df(S y) { return S(1) - y * y; }
};

struct Relu {
  template <typename S> static S f(S x) { return x > S(0) ? x : S(0); }
  template <typename S> static S df(S y) { return y > S(0) ? S(1) : S(0); }
};

struct Sigmoid {
  template <typename S> static S f(S x) { return S(1) / (S(1) + std::exp(-x)); }
  template <typename S> static S df(S y) { return y * (S(1) - y); }
};

// tf.keras 2.x hard_sigmoid: clip(0.2x + 0.5, 0, 1); slope 0.2 strictly inside (-2.5, 2.5).
// (Keras 3 changed it to relu6(x + 3) / 6; we follow the 2.x tutorials.)
struct HardSigmoid {
  template <typename S> static S f(S x) {
    return std::min(std::max(S(0.2) * x + S(0.5), S(0)), S(1));
  }
  template <typename S> static S df(S y) { return (y > S(0) && y < S(1)) ? S(0.2) : S(0); }
};

// Calls fn(Act{}, Rec{}) with the tag types chosen by the config.
template <typename Fn>
void dispatch(Activation a, RecurrentActivation r, Fn&& fn) {
  if (a == Activation::Tanh) {
    if (r == RecurrentActivation::Sigmoid) fn(Tanh{}, Sigmoid{});
    else fn(Tanh{}, HardSigmoid{});
  } else {
    if (r == RecurrentActivation::Sigmoid) fn(Relu{}, Sigmoid{});
    else fn(Relu{}, HardSigmoid{});
  }
}

}  // namespace lstm::act
