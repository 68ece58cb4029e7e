#include "kernels_gemm.h"

#include <algorithm>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

namespace lstm::kern {

BView pack_b(int K, int N, const float* b, int rsb, int csb, float* bp) {
  const int panels = (N + kPanel - 1) / kPanel;
  for (int p = 0; p < panels; ++p) {
    float* dst = bp + size_t(p) * K * kPanel;
    const int n0 = p * kPanel, w = std::min(kPanel, N - n0);
    for (int k = 0; k < K; ++k) {
      const float* src = b + size_t(k) * rsb + size_t(n0) * csb;
      for (int j = 0; j < w; ++j) dst[k * kPanel + j] = src[size_t(j) * csb];
      for (int j = w; j < kPanel; ++j) dst[k * kPanel + j] = 0.f;
    }
  }
  return {bp, kPanel, K * kPanel, true};
}

namespace {

// C rows [0, MR) x 8 columns (w of them stored) (+)= A rows x B panel, over K.
template <int MR>
inline void micro(int K, const float* a, int rsa, int csa, const float* b, int ldb, float* c,
                  int ldc, int w, bool acc) {
#ifdef __wasm_simd128__
  v128_t c0[MR], c1[MR];
  for (int i = 0; i < MR; ++i) c0[i] = c1[i] = wasm_f32x4_splat(0.f);
  for (int k = 0; k < K; ++k) {
    const v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
    b += ldb;
    const float* ak = a + size_t(k) * csa;
    for (int i = 0; i < MR; ++i) {
      const v128_t ai = wasm_v128_load32_splat(ak + size_t(i) * rsa);
      c0[i] = wasm_f32x4_add(c0[i], wasm_f32x4_mul(ai, b0));
      c1[i] = wasm_f32x4_add(c1[i], wasm_f32x4_mul(ai, b1));
    }
  }
  for (int i = 0; i < MR; ++i) {
    float* ci = c + size_t(i) * ldc;
    if (w == kPanel) {
      if (acc) {
        c0[i] = wasm_f32x4_add(c0[i], wasm_v128_load(ci));
        c1[i] = wasm_f32x4_add(c1[i], wasm_v128_load(ci + 4));
      }
      wasm_v128_store(ci, c0[i]);
      wasm_v128_store(ci + 4, c1[i]);
    } else {
      alignas(16) float t[kPanel];
      wasm_v128_store(t, c0[i]);
      wasm_v128_store(t + 4, c1[i]);
      for (int j = 0; j < w; ++j) ci[j] = acc ? ci[j] + t[j] : t[j];
    }
  }
#else
  float t[MR][kPanel] = {};
  for (int k = 0; k < K; ++k) {
    const float* ak = a + size_t(k) * csa;
    for (int i = 0; i < MR; ++i) {
      const float ai = ak[size_t(i) * rsa];
      for (int j = 0; j < kPanel; ++j) t[i][j] += ai * b[j];
    }
    b += ldb;
  }
  for (int i = 0; i < MR; ++i) {
    float* ci = c + size_t(i) * ldc;
    for (int j = 0; j < w; ++j) ci[j] = acc ? ci[j] + t[i][j] : t[i][j];
  }
#endif
}

// Columns of an unpadded last panel: dot products (reading 8 wide would run past B).
void tail(int M, int n0, int w, int K, const float* a, int rsa, int csa, const float* b, int ldb,
          float* c, int ldc, bool acc) {
  for (int m = 0; m < M; ++m)
    for (int j = 0; j < w; ++j) {
      float s = 0.f;
      for (int k = 0; k < K; ++k) s += a[size_t(m) * rsa + size_t(k) * csa] * b[size_t(k) * ldb + j];
      float& cv = c[size_t(m) * ldc + n0 + j];
      cv = acc ? cv + s : s;
    }
}

// One block, M <= kMc and K <= kKc. Strided A (A^T of a time-major buffer, csa != 1) is copied
// to groups of 4 rows stored (K, 4), and row-major B panel by panel to a (K, 8) block, so the
// micro-kernel reads both contiguously; each copy is reused N/8 or M/4 times.
constexpr int kMc = 64, kKc = 256;
void block(int M, int N, int K, const float* a, int rsa, int csa, BView b, float* c, int ldc,
           bool acc) {
  alignas(16) static thread_local float abuf[kMc * kKc];
  alignas(16) static thread_local float bbuf[kKc * kPanel];
  const bool pack_a = csa != 1 && N > kPanel;
  if (pack_a) {
    for (int m = 0; m < M; m += 4) {
      float* dst = abuf + size_t(m) * K;
      const int mr = std::min(4, M - m);
      for (int k = 0; k < K; ++k)
        for (int i = 0; i < 4; ++i)
          dst[k * 4 + i] = i < mr ? a[size_t(m + i) * rsa + size_t(k) * csa] : 0.f;
    }
  }
  const int ra = pack_a ? 1 : rsa, ca = pack_a ? 4 : csa;
  const bool pack_b_panels = !b.padded && M > 4;
  const int panels = (N + kPanel - 1) / kPanel;
  for (int p = 0; p < panels; ++p) {
    const int n0 = p * kPanel, w = std::min(kPanel, N - n0);
    const float* bp = b.p + size_t(p) * b.panel;
    int ldb = b.ld;
    if (pack_b_panels) {
      for (int k = 0; k < K; ++k) {
        const float* src = bp + size_t(k) * ldb;
        for (int j = 0; j < kPanel; ++j) bbuf[k * kPanel + j] = j < w ? src[j] : 0.f;
      }
      bp = bbuf;
      ldb = kPanel;
    } else if (w < kPanel && !b.padded) {
      tail(M, n0, w, K, a, rsa, csa, bp, b.ld, c, ldc, acc);
      continue;
    }
    auto arow = [&](int m) { return pack_a ? abuf + size_t(m) * K : a + size_t(m) * rsa; };
    int m = 0;
    for (; m + 4 <= M; m += 4)
      micro<4>(K, arow(m), ra, ca, bp, ldb, c + size_t(m) * ldc + n0, ldc, w, acc);
    const float* am = arow(m);
    float* cm = c + size_t(m) * ldc + n0;
    switch (M - m) {
      case 3: micro<3>(K, am, ra, ca, bp, ldb, cm, ldc, w, acc); break;
      case 2: micro<2>(K, am, ra, ca, bp, ldb, cm, ldc, w, acc); break;
      case 1: micro<1>(K, am, ra, ca, bp, ldb, cm, ldc, w, acc); break;
      default: break;
    }
  }
}

}  // namespace

void gemm(int M, int N, int K, const float* a, int rsa, int csa, BView b, float* c, int ldc,
          bool acc) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!acc)
      for (int m = 0; m < M; ++m) std::fill_n(c + size_t(m) * ldc, N, 0.f);
    return;
  }
  // K in chunks of kKc: a chunk of a panel (kKc x 8 floats, 8 KB) stays in L1 while every row
  // block of A passes over it (dW and dU have K = T*B in the thousands).
  if (K > kKc) {
    for (int k0 = 0; k0 < K; k0 += kKc) {
      const BView bk{b.p + size_t(k0) * b.ld, b.ld, b.panel, b.padded};
      gemm(M, N, std::min(kKc, K - k0), a + size_t(k0) * csa, rsa, csa, bk, c, ldc, acc || k0 > 0);
    }
    return;
  }
  // M in chunks of kMc rows: the chunk of A (at most 64 x 256 floats, 64 KB) stays in L2 while
  // every panel of B passes over it (the input projection and dL/dx have M = T*B).
  if (M > kMc) {
    for (int m0 = 0; m0 < M; m0 += kMc)
      gemm(std::min(kMc, M - m0), N, K, a + size_t(m0) * rsa, rsa, csa, b, c + size_t(m0) * ldc,
           ldc, acc);
    return;
  }
  block(M, N, K, a, rsa, csa, b, c, ldc, acc);
}

void gemv_bt(int N, int K, const float* x, const float* b, int ldb, float* y, bool acc) {
  for (int n = 0; n < N; ++n) {
    const float* bn = b + size_t(n) * ldb;
    int k = 0;
    float s = 0.f;
#ifdef __wasm_simd128__
    v128_t v = wasm_f32x4_splat(0.f);
    for (; k + 4 <= K; k += 4)
      v = wasm_f32x4_add(v, wasm_f32x4_mul(wasm_v128_load(x + k), wasm_v128_load(bn + k)));
    s = (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
        (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
#endif
    for (; k < K; ++k) s += x[k] * bn[k];
    y[n] = acc ? y[n] + s : s;
  }
}

void gemm_ref(int M, int N, int K, const float* a, int rsa, int csa, const float* b, int rsb,
              int csb, float* c, int ldc, bool acc) {
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      double s = 0.0;
      for (int k = 0; k < K; ++k)
        s += double(a[size_t(m) * rsa + size_t(k) * csa]) * double(b[size_t(k) * rsb + size_t(n) * csb]);
      float& cv = c[size_t(m) * ldc + n];
      cv = acc ? float(cv + s) : float(s);
    }
}

}  // namespace lstm::kern
