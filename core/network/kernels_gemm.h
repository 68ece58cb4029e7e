// f32 GEMM for the LSTM's products: C (M, N) (+)= A (M, K) B (K, N).
// A is strided both ways, so A and A^T are the same call: element (m, k) at a[m*rsa + k*csa].
// B is read in column panels of 8: panel p, row k at b[p*panel + k*ld]. Row-major B is
// {B, ldb, 8, false}; pack_b() makes {Bp, 8, 8K, true}, each panel one contiguous (K, 8) block,
// zero-padded to a multiple of 8 columns (weights reused every timestep are packed once).
// WebAssembly: a register-blocked 4x8 wasm_simd128 micro-kernel (TOOLCHAIN.md's ~19 GFLOP/s
// shape). Elsewhere the same blocking in plain C++, which the compiler vectorises.
// gemm_ref() is the triple loop the tests hold both against.
#pragma once
#include <cstddef>

namespace lstm::kern {

constexpr int kPanel = 8;

struct BView {
  const float* p;
  int ld;          // between rows k and k+1 of a panel
  int panel;       // between panels
  bool padded;     // the last panel may be read full width (zero-padded)
};

inline BView row_major(const float* b, int ldb) { return {b, ldb, kPanel, false}; }
inline size_t packed_size(int K, int N) { return size_t(K) * ((N + kPanel - 1) / kPanel) * kPanel; }
// Packs B (K, N), element (k, n) at b[k*rsb + n*csb], into bp (packed_size(K, N) floats).
BView pack_b(int K, int N, const float* b, int rsb, int csb, float* bp);

void gemm(int M, int N, int K, const float* a, int rsa, int csa, BView b, float* c, int ldc,
          bool accumulate);

// Batch-1 form of A B^T: y (N) (+)= x (K) B^T with B (N, K) row-major (ldb), as N dot products,
// so tiny nets need no packing (the model's dL/dh_{t-1} = dz_t U^T at B = 1).
void gemv_bt(int N, int K, const float* x, const float* b, int ldb, float* y, bool accumulate);

// Reference: C (+)= A B with B element (k, n) at b[k*rsb + n*csb], in double accumulators.
void gemm_ref(int M, int N, int K, const float* a, int rsa, int csa, const float* b, int rsb,
              int csb, float* c, int ldc, bool accumulate);

}  // namespace lstm::kern
