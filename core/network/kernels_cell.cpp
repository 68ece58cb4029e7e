#include "kernels_cell.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace lstm::kern {

namespace {
// Cephes expf: x = n ln2 + r, |r| <= ln2/2, exp(r) by a degree-6 polynomial, 2^n by exponent bits.
constexpr float kLog2e = 1.44269504088896341f, kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
constexpr float kExpLo = -87.0f, kExpHi = 88.0f;
constexpr float kP0 = 1.9875691500e-4f, kP1 = 1.3981999507e-3f, kP2 = 8.3334519073e-3f,
                kP3 = 4.1665795894e-2f, kP4 = 1.6666665459e-1f, kP5 = 5.0000001201e-1f;
// Round to nearest by adding 1.5 * 2^23: the sum's low mantissa bits hold the integer.
constexpr float kRound = 12582912.f;
// tanh: Eigen's generic_fast_tanh_float (no-FMA clamp), x P(x^2) / Q(x^2) on [-7.9053, 7.9053]
// where it reaches +-1 in f32, and x itself below |x| 4e-4.
constexpr float kTanhClamp = 7.90531110763549805f, kTanhTiny = 0.0004f;
constexpr float kA1 = 4.89352455891786e-03f, kA3 = 6.37261928875436e-04f,
                kA5 = 1.48572235717979e-05f, kA7 = 5.12229709037114e-08f,
                kA9 = -8.60467152213735e-11f, kA11 = 2.00018790482477e-13f,
                kA13 = -2.76076847742355e-16f;
constexpr float kB0 = 4.89352518554385e-03f, kB2 = 2.26843463243900e-03f,
                kB4 = 1.18534705686654e-04f, kB6 = 1.19825839466702e-06f;
}  // namespace

float fast_exp(float x) {
  if (x != x) return x;  // NaN: int32_t(NaN) below would be undefined
  x = std::min(std::max(x, kExpLo), kExpHi);
  const float n = __builtin_nearbyintf(x * kLog2e);
  const float r = (x - n * kLn2Hi) - n * kLn2Lo;
  float p = kP0;
  p = p * r + kP1;
  p = p * r + kP2;
  p = p * r + kP3;
  p = p * r + kP4;
  p = p * r + kP5;
  p = p * r * r + r + 1.f;
  const uint32_t bits = uint32_t(int32_t(n) + 127) << 23;  // n in [-126, 127] after the clamp
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

float fast_sigmoid(float x) { return 1.f / (1.f + fast_exp(-x)); }

float fast_tanh(float x) {
  if (std::abs(x) < kTanhTiny) return x;
  x = std::min(std::max(x, -kTanhClamp), kTanhClamp);
  const float z = x * x;
  float p = kA13;
  p = p * z + kA11;
  p = p * z + kA9;
  p = p * z + kA7;
  p = p * z + kA5;
  p = p * z + kA3;
  p = p * z + kA1;
  float q = kB6;
  q = q * z + kB4;
  q = q * z + kB2;
  q = q * z + kB0;
  return x * p / q;
}

#ifdef __wasm_simd128__
namespace {
inline v128_t exp4(v128_t x) {
  // pmin / pmax are single instructions in V8 (min / max handle NaN and -0 in several); a NaN
  // still comes through, so divergence is still seen.
  x = wasm_f32x4_pmax(wasm_f32x4_pmin(x, wasm_f32x4_splat(kExpHi)), wasm_f32x4_splat(kExpLo));
  const v128_t t = wasm_f32x4_add(wasm_f32x4_mul(x, wasm_f32x4_splat(kLog2e)), wasm_f32x4_splat(kRound));
  const v128_t n = wasm_f32x4_sub(t, wasm_f32x4_splat(kRound));  // round(x log2 e)
  const v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Hi))),
                                  wasm_f32x4_mul(n, wasm_f32x4_splat(kLn2Lo)));
  v128_t p = wasm_f32x4_splat(kP0);
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(kP1));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(kP2));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(kP3));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(kP4));
  p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(kP5));
  p = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_mul(p, r), r), r),
                     wasm_f32x4_splat(1.f));
  // t's bits are those of kRound plus n: subtracting them leaves the integer n.
  const v128_t ni = wasm_i32x4_sub(t, wasm_f32x4_splat(kRound));
  const v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(ni, wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, scale);
}
inline v128_t sigmoid4(v128_t x) {
  const v128_t one = wasm_f32x4_splat(1.f);
  return wasm_f32x4_div(one, wasm_f32x4_add(one, exp4(wasm_f32x4_neg(x))));
}
inline v128_t madd(v128_t a, v128_t b, float c) {
  return wasm_f32x4_add(wasm_f32x4_mul(a, b), wasm_f32x4_splat(c));
}
inline v128_t tanh4(v128_t x0) {
  const v128_t x = wasm_f32x4_pmax(wasm_f32x4_pmin(x0, wasm_f32x4_splat(kTanhClamp)),
                                   wasm_f32x4_splat(-kTanhClamp));
  const v128_t z = wasm_f32x4_mul(x, x);
  v128_t p = madd(z, wasm_f32x4_splat(kA13), kA11);
  p = madd(z, p, kA9);
  p = madd(z, p, kA7);
  p = madd(z, p, kA5);
  p = madd(z, p, kA3);
  p = madd(z, p, kA1);
  v128_t q = madd(z, wasm_f32x4_splat(kB6), kB4);
  q = madd(z, q, kB2);
  q = madd(z, q, kB0);
  const v128_t r = wasm_f32x4_div(wasm_f32x4_mul(x, p), q);
  return wasm_v128_bitselect(x0, r, wasm_f32x4_lt(wasm_f32x4_abs(x0), wasm_f32x4_splat(kTanhTiny)));
}
}  // namespace
#endif

void sigmoid_n(const float* x, float* y, int n) {
  int k = 0;
#ifdef __wasm_simd128__
  for (; k + 4 <= n; k += 4) wasm_v128_store(y + k, sigmoid4(wasm_v128_load(x + k)));
#endif
  for (; k < n; ++k) y[k] = fast_sigmoid(x[k]);
}

void tanh_n(const float* x, float* y, int n) {
  int k = 0;
#ifdef __wasm_simd128__
  for (; k + 4 <= n; k += 4) wasm_v128_store(y + k, tanh4(wasm_v128_load(x + k)));
#endif
  for (; k < n; ++k) y[k] = fast_tanh(x[k]);
}

void cell_forward_ts(float* z, const float* c_prev, float* c, float* ac, float* h, int B, int u) {
  for (int r = 0; r < B; ++r) {
    float* zr = z + size_t(r) * 4 * u;
    const size_t o = size_t(r) * u;
    int j = 0;
#ifdef __wasm_simd128__
    for (; j + 4 <= u; j += 4) {
      const v128_t i = sigmoid4(wasm_v128_load(zr + j));
      const v128_t f = sigmoid4(wasm_v128_load(zr + u + j));
      const v128_t g = tanh4(wasm_v128_load(zr + 2 * u + j));
      const v128_t og = sigmoid4(wasm_v128_load(zr + 3 * u + j));
      wasm_v128_store(zr + j, i);
      wasm_v128_store(zr + u + j, f);
      wasm_v128_store(zr + 2 * u + j, g);
      wasm_v128_store(zr + 3 * u + j, og);
      v128_t cv = wasm_f32x4_mul(i, g);
      if (c_prev) cv = wasm_f32x4_add(wasm_f32x4_mul(f, wasm_v128_load(c_prev + o + j)), cv);
      const v128_t a = tanh4(cv);
      wasm_v128_store(c + o + j, cv);
      wasm_v128_store(ac + o + j, a);
      wasm_v128_store(h + o + j, wasm_f32x4_mul(og, a));
    }
#endif
    for (; j < u; ++j) {
      const float i = fast_sigmoid(zr[j]), f = fast_sigmoid(zr[u + j]);
      const float g = fast_tanh(zr[2 * u + j]), og = fast_sigmoid(zr[3 * u + j]);
      zr[j] = i;
      zr[u + j] = f;
      zr[2 * u + j] = g;
      zr[3 * u + j] = og;
      const float cv = c_prev ? f * c_prev[o + j] + i * g : i * g;
      const float a = fast_tanh(cv);
      c[o + j] = cv;
      ac[o + j] = a;
      h[o + j] = og * a;
    }
  }
}

void cell_backward_ts(const float* gate, const float* c_prev, const float* ac, const float* dh,
                      float* dcarry, bool has_carry, float* dz, int B, int u) {
  for (int r = 0; r < B; ++r) {
    const float* gr = gate + size_t(r) * 4 * u;
    float* dzr = dz + size_t(r) * 4 * u;
    const size_t o = size_t(r) * u;
    int j = 0;
#ifdef __wasm_simd128__
    const v128_t one = wasm_f32x4_splat(1.f);
    for (; j + 4 <= u; j += 4) {
      const v128_t i = wasm_v128_load(gr + j), f = wasm_v128_load(gr + u + j);
      const v128_t g = wasm_v128_load(gr + 2 * u + j), og = wasm_v128_load(gr + 3 * u + j);
      const v128_t a = wasm_v128_load(ac + o + j), d = wasm_v128_load(dh + o + j);
      // dc = d og (1 - a^2) [+ carry]
      v128_t dc = wasm_f32x4_mul(wasm_f32x4_mul(d, og), wasm_f32x4_sub(one, wasm_f32x4_mul(a, a)));
      if (has_carry) dc = wasm_f32x4_add(dc, wasm_v128_load(dcarry + o + j));
      wasm_v128_store(dzr + j, wasm_f32x4_mul(wasm_f32x4_mul(dc, g),
                                              wasm_f32x4_mul(i, wasm_f32x4_sub(one, i))));
      wasm_v128_store(dzr + u + j,
                      c_prev ? wasm_f32x4_mul(wasm_f32x4_mul(dc, wasm_v128_load(c_prev + o + j)),
                                              wasm_f32x4_mul(f, wasm_f32x4_sub(one, f)))
                             : wasm_f32x4_splat(0.f));
      wasm_v128_store(dzr + 2 * u + j,
                      wasm_f32x4_mul(wasm_f32x4_mul(dc, i), wasm_f32x4_sub(one, wasm_f32x4_mul(g, g))));
      wasm_v128_store(dzr + 3 * u + j,
                      wasm_f32x4_mul(wasm_f32x4_mul(d, a), wasm_f32x4_mul(og, wasm_f32x4_sub(one, og))));
      wasm_v128_store(dcarry + o + j, wasm_f32x4_mul(dc, f));
    }
#endif
    for (; j < u; ++j) {  // the order of operations of cell_backward in lstm_model.cpp
      const float i = gr[j], f = gr[u + j], g = gr[2 * u + j], og = gr[3 * u + j];
      const float a = ac[o + j], d = dh[o + j];
      float dc = d * og * (1.f - a * a);
      if (has_carry) dc += dcarry[o + j];
      dzr[j] = dc * g * (i * (1.f - i));
      dzr[u + j] = c_prev ? dc * c_prev[o + j] * (f * (1.f - f)) : 0.f;
      dzr[2 * u + j] = dc * i * (1.f - g * g);
      dzr[3 * u + j] = d * a * (og * (1.f - og));
      dcarry[o + j] = dc * f;
    }
  }
}

}  // namespace lstm::kern
