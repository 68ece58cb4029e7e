// Seeded RNG and the Keras default initialisers of LSTM + Dense.
// Everything is computed in double with hand-written arithmetic only (no std:: distributions,
// no libm transcendental calls, no FMA contraction), so one seed gives bit-identical weights in
// the native and the WebAssembly build.
#pragma once
#include <cstdint>

namespace lstm {

// xoshiro256** (Blackman & Vigna), state seeded by splitmix64(seed).
class Rng {
 public:
  explicit Rng(uint64_t seed = 1);
  uint64_t next_u64();
  double uniform();                      // [0, 1), 53 random bits
  double uniform(double lo, double hi);  // [lo, hi)
  double normal();                       // N(0, 1), Marsaglia polar form of Box-Muller
  uint32_t below(uint32_t n);            // uniform integer in [0, n), unbiased (Lemire)

 private:
  uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// Natural log from +, *, / and frexp only: libm's log may differ by an ulp between glibc and
// Emscripten's musl. Accurate to ~1 ulp for x > 0.
double det_log(double x);

// Keras glorot_uniform for a (fan_in, fan_out) kernel: U(-l, l), l = sqrt(6 / (fan_in + fan_out)).
// w: (fan_in, fan_out) row-major.
template <typename S>
void glorot_uniform(Rng& rng, S* w, int fan_in, int fan_out);

// Keras Orthogonal(gain=1) for a (rows, cols) matrix: QR of a normal matrix of shape
// (max, min), Q sign-corrected by diag(R) (= the Q with positive diag R, which Gram-Schmidt gives
// directly), transposed when rows < cols. rows <= cols gives W W^T = I, else W^T W = I.
// w: (rows, cols) row-major.
template <typename S>
void orthogonal(Rng& rng, S* w, int rows, int cols);

}  // namespace lstm
