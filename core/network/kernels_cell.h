// The LSTM cell's elementwise work for the default activations (tanh, sigmoid gates) in f32,
// with fast activations (exp from Cephes' polynomial, tanh from Eigen's rational form): 4 lanes under wasm_simd128, scalar
// elsewhere (the same maths, used for tails and for the error test). Max errors against
// std::: tests/test_kernels.cpp. Layouts as in lstm_model.h: z (B, 4u) gate blocks i, f, g, o.
#pragma once

namespace lstm::kern {

float fast_exp(float x);      // |rel err| <= ~2 ulp on [-87, 88]; clamps outside
float fast_sigmoid(float x);  // 1 / (1 + exp(-x))
float fast_tanh(float x);     // rational x P(x^2) / Q(x^2) (Eigen's fast tanh), x near 0

// In place on z: pre-activations -> i, f, g, o; c = f c_prev + i g (c_prev null: zero state),
// ac = tanh(c), h = o ac.
void cell_forward_ts(float* z, const float* c_prev, float* c, float* ac, float* h, int B, int u);
// dh (B, u) dL/dh_t; dcarry in: dL/dc_t from t+1 (if has_carry), out: dc_t f_t; dz (B, 4u).
void cell_backward_ts(const float* gate, const float* c_prev, const float* ac, const float* dh,
                      float* dcarry, bool has_carry, float* dz, int B, int u);

// Vector forms of the activations over n floats (tests and callers that want arrays).
void sigmoid_n(const float* x, float* y, int n);
void tanh_n(const float* x, float* y, int n);

}  // namespace lstm::kern
