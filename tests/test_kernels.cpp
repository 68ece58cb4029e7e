// The hand-written kernels (core/kernels_gemm, core/kernels_cell) against references: the GEMM
// against a double-accumulating triple loop on odd shapes, every stride case the model uses and
// both B layouts; the fast activations' maximum error against std::; the fused cell against the
// exact formulas. Runs natively (portable path) and under wasm (the simd128 path).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "init.h"
#include "kernels_cell.h"
#include "kernels_gemm.h"

using namespace lstm;

namespace {

std::vector<float> random_vec(Rng& rng, size_t n) {
  std::vector<float> v(n);
  for (float& x : v) x = float(rng.uniform(-1.0, 1.0));
  return v;
}

// C = A B (+ C0) through kern::gemm vs gemm_ref; A transposed in memory when a_t, B packed when packed.
void check_gemm(int M, int N, int K, bool a_t, bool packed, bool acc) {
  CAPTURE(M);
  CAPTURE(N);
  CAPTURE(K);
  CAPTURE(a_t);
  CAPTURE(packed);
  CAPTURE(acc);
  Rng rng(uint64_t(M * 10007 + N * 101 + K));
  const std::vector<float> a = random_vec(rng, size_t(M) * K), b = random_vec(rng, size_t(K) * N);
  const std::vector<float> c0 = random_vec(rng, size_t(M) * N);
  const int rsa = a_t ? 1 : K, csa = a_t ? M : 1;  // a_t: A stored (K, M)
  std::vector<float> got = c0, ref = c0, pack(kern::packed_size(K, N));
  const kern::BView bv = packed ? kern::pack_b(K, N, b.data(), N, 1, pack.data())
                                : kern::row_major(b.data(), N);
  kern::gemm(M, N, K, a.data(), rsa, csa, bv, got.data(), N, acc);
  kern::gemm_ref(M, N, K, a.data(), rsa, csa, b.data(), N, 1, ref.data(), N, acc);
  double worst = 0;
  for (size_t k = 0; k < got.size(); ++k)
    worst = std::max(worst, std::abs(double(got[k]) - ref[k]) / (1e-6 * std::sqrt(K + 1.0) + 1e-6 * std::abs(ref[k])));
  CHECK(worst <= 4.0);  // f32 accumulation error ~ eps sqrt(K)
}

}  // namespace

TEST_CASE("kernels: gemm matches the reference on odd shapes, strides and layouts") {
  const int shapes[][3] = {{1, 1, 1},   {1, 16, 4},    {3, 5, 7},     {4, 8, 1},    {5, 9, 3},
                           {7, 13, 17}, {32, 256, 64}, {13, 24, 129}, {64, 20, 33}, {2, 3, 0},
                           {5, 9, 600}, {100, 17, 300}};  // K and M past one block
  for (const auto& s : shapes)
    for (int v = 0; v < 8; ++v) check_gemm(s[0], s[1], s[2], v & 1, v & 2, v & 4);
}

TEST_CASE("kernels: packing a transposed B (the model's U^T, W^T)") {
  Rng rng(7);
  const int K = 12, N = 5;                       // B = W^T with W (N, K) row-major
  const std::vector<float> w = random_vec(rng, size_t(N) * K), a = random_vec(rng, 3 * K);
  std::vector<float> pack(kern::packed_size(K, N)), got(3 * N), ref(3 * N);
  kern::gemm(3, N, K, a.data(), K, 1, kern::pack_b(K, N, w.data(), 1, K, pack.data()), got.data(),
             N, false);
  kern::gemm_ref(3, N, K, a.data(), K, 1, w.data(), 1, K, ref.data(), N, false);
  for (int k = 0; k < 3 * N; ++k) CHECK(got[k] == doctest::Approx(ref[k]).epsilon(1e-5));
}

TEST_CASE("kernels: gemv_bt (batch-1 A B^T) matches the reference") {
  Rng rng(11);
  for (int K : {1, 3, 4, 16, 17}) {
    const int N = 5;
    const std::vector<float> b = random_vec(rng, size_t(N) * K), x = random_vec(rng, K);
    std::vector<float> got = random_vec(rng, N), ref = got;
    kern::gemv_bt(N, K, x.data(), b.data(), K, got.data(), true);
    kern::gemm_ref(1, N, K, x.data(), K, 1, b.data(), 1, K, ref.data(), N, true);
    for (int n = 0; n < N; ++n) CHECK(got[n] == doctest::Approx(ref[n]).epsilon(1e-5));
  }
}

TEST_CASE("kernels: fast exp, sigmoid and tanh stay within a few float ulp of std::") {
  // Dense sweep of [-20, 20] plus the clamped tails; scalar and 4-lane forms.
  std::vector<float> x;
  for (double v = -20.0; v <= 20.0; v += 1.0 / 4096) x.push_back(float(v));
  for (float v : {-100.f, -88.f, -30.f, 30.f, 88.f, 100.f, 0.f, -0.f, 1e-6f, -1e-6f, 0.625f, -0.625f})
    x.push_back(v);
  std::vector<float> sv(x.size()), tv(x.size());
  kern::sigmoid_n(x.data(), sv.data(), int(x.size()));
  kern::tanh_n(x.data(), tv.data(), int(x.size()));
  double es = 0, et = 0, ee = 0;  // max abs error of sigmoid, tanh; max rel error of exp
  for (size_t k = 0; k < x.size(); ++k) {
    const double xs = x[k];
    const double s = 1.0 / (1.0 + std::exp(-xs)), t = std::tanh(xs);
    es = std::max({es, std::abs(sv[k] - s), std::abs(kern::fast_sigmoid(x[k]) - s)});
    et = std::max({et, std::abs(tv[k] - t), std::abs(kern::fast_tanh(x[k]) - t)});
    if (std::abs(xs) < 80) ee = std::max(ee, std::abs(kern::fast_exp(x[k]) / std::exp(xs) - 1.0));
  }
  MESSAGE("max |err|: sigmoid " << es << ", tanh " << et << "; exp max rel err " << ee);
  CHECK(ee < 3e-7);  // ~2 ulp
  CHECK(es < 2e-7);
  CHECK(et < 5e-7);  // ~4 ulp near +-1
  // Relative accuracy near 0 matters for tanh (the cell state starts at 0).
  for (float v : {1e-3f, -1e-4f, 3e-2f, 0.5f})
    CHECK(kern::fast_tanh(v) == doctest::Approx(std::tanh(double(v))).epsilon(5e-7));
}

TEST_CASE("kernels: fused tanh/sigmoid cell matches the exact formulas") {
  Rng rng(3);
  for (int u : {1, 4, 7, 8, 13}) {
    const int B = 3;
    std::vector<float> z = random_vec(rng, size_t(B) * 4 * u), c_prev = random_vec(rng, size_t(B) * u);
    for (float& v : z) v *= 4.f;
    std::vector<float> z0 = z, c(B * u), ac(B * u), h(B * u);
    kern::cell_forward_ts(z.data(), c_prev.data(), c.data(), ac.data(), h.data(), B, u);
    for (int r = 0; r < B; ++r)
      for (int j = 0; j < u; ++j) {
        auto sig = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
        const float* zr = z0.data() + r * 4 * u;
        const double i = sig(zr[j]), f = sig(zr[u + j]), g = std::tanh(double(zr[2 * u + j]));
        const double o = sig(zr[3 * u + j]);
        const double cv = f * c_prev[r * u + j] + i * g;
        CHECK(c[r * u + j] == doctest::Approx(cv).epsilon(1e-5).scale(1));
        CHECK(h[r * u + j] == doctest::Approx(o * std::tanh(cv)).epsilon(1e-5).scale(1));
      }
    // Backward against the scalar formulas (derivatives from the outputs).
    const std::vector<float> dh = random_vec(rng, size_t(B) * u);
    std::vector<float> carry = random_vec(rng, size_t(B) * u), carry0 = carry, dz(size_t(B) * 4 * u);
    kern::cell_backward_ts(z.data(), c_prev.data(), ac.data(), dh.data(), carry.data(), true,
                           dz.data(), B, u);
    for (int r = 0; r < B; ++r)
      for (int j = 0; j < u; ++j) {
        const float* g = z.data() + r * 4 * u;
        const int o = r * u + j;
        const double a = ac[o], dc = dh[o] * g[3 * u + j] * (1 - a * a) + carry0[o];
        CHECK(dz[r * 4 * u + j] == doctest::Approx(dc * g[2 * u + j] * g[j] * (1 - g[j])).scale(1));
        CHECK(dz[r * 4 * u + 3 * u + j] ==
              doctest::Approx(dh[o] * a * g[3 * u + j] * (1 - g[3 * u + j])).scale(1));
        CHECK(carry[o] == doctest::Approx(dc * g[u + j]).scale(1));
      }
  }
}

TEST_CASE("kernels: fast activations pass NaN through (the trainer detects divergence by it)") {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> x(6, nan), y(6);
  kern::sigmoid_n(x.data(), y.data(), 6);  // 4 lanes + scalar tail
  for (float v : y) CHECK(std::isnan(v));
  kern::tanh_n(x.data(), y.data(), 6);
  for (float v : y) CHECK(std::isnan(v));
  CHECK(std::isnan(kern::fast_exp(nan)));
}
