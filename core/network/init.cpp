// Bit-reproducible across compilers: a fused multiply-add rounds once where mul + add rounds
// twice, so contraction (GCC's default with -march=native) is switched off for this file.
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include "init.h"

#include <cassert>
#include <cmath>
#include <vector>

namespace lstm {

namespace {

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (uint64_t& s : s_) s = splitmix64(x);
}

uint64_t Rng::next_u64() {
  const uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Rng::uniform() { return double(next_u64() >> 11) * 0x1.0p-53; }

double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  double u, v, s;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double m = std::sqrt(-2.0 * det_log(s) / s);  // sqrt is correctly rounded (IEEE 754)
  spare_ = v * m;
  has_spare_ = true;
  return u * m;
}

uint32_t Rng::below(uint32_t n) {
  assert(n > 0);
  uint64_t m = uint64_t(uint32_t(next_u64() >> 32)) * n;
  uint32_t low = uint32_t(m);
  if (low < n) {
    const uint32_t threshold = uint32_t(-n) % n;
    while (low < threshold) {
      m = uint64_t(uint32_t(next_u64() >> 32)) * n;
      low = uint32_t(m);
    }
  }
  return uint32_t(m >> 32);
}

double det_log(double x) {
  assert(x > 0.0 && std::isfinite(x));
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1): exact
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    e -= 1;
  }
  // log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716: 12 odd terms reach 1e-18.
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double sum = 0.0;
  for (int k = 11; k >= 0; --k) sum = sum * s2 + 1.0 / double(2 * k + 1);
  return double(e) * 0.69314718055994530942 + 2.0 * s * sum;
}

template <typename S>
void glorot_uniform(Rng& rng, S* w, int fan_in, int fan_out) {
  const double limit = std::sqrt(6.0 / double(fan_in + fan_out));
  const int n = fan_in * fan_out;
  for (int k = 0; k < n; ++k) w[k] = S(rng.uniform(-limit, limit));
}

template <typename S>
void orthogonal(Rng& rng, S* w, int rows, int cols) {
  const int m = rows > cols ? rows : cols;  // Keras draws the (max, min) matrix and transposes
  const int n = rows > cols ? cols : rows;
  std::vector<double> a(size_t(m) * n);     // (m, n) row-major
  for (double& v : a) v = rng.normal();
  // Modified Gram-Schmidt over the n columns, run twice for orthogonality to working precision.
  std::vector<double> q(size_t(m) * n);     // (m, n) row-major, orthonormal columns
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i) q[size_t(i) * n + j] = a[size_t(i) * n + j];
    for (int pass = 0; pass < 2; ++pass) {
      for (int k = 0; k < j; ++k) {
        double dot = 0.0;
        for (int i = 0; i < m; ++i) dot += q[size_t(i) * n + k] * q[size_t(i) * n + j];
        for (int i = 0; i < m; ++i) q[size_t(i) * n + j] -= dot * q[size_t(i) * n + k];
      }
    }
    double norm2 = 0.0;
    for (int i = 0; i < m; ++i) norm2 += q[size_t(i) * n + j] * q[size_t(i) * n + j];
    const double inv = 1.0 / std::sqrt(norm2);
    for (int i = 0; i < m; ++i) q[size_t(i) * n + j] *= inv;
  }
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      w[size_t(r) * cols + c] = S(rows >= cols ? q[size_t(r) * n + c] : q[size_t(c) * n + r]);
}

template void glorot_uniform<float>(Rng&, float*, int, int);
template void glorot_uniform<double>(Rng&, double*, int, int);
template void orthogonal<float>(Rng&, float*, int, int);
template void orthogonal<double>(Rng&, double*, int, int);

}  // namespace lstm
