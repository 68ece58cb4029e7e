// IEEE 754 binary16 <-> float, bit-exact and platform independent (no F16C / wasm dependence):
// the share link stores trained weights as float16.
#pragma once
#include <cstdint>
#include <cstring>

namespace lstm {

// Round to nearest, ties to even. Overflow gives +-inf, NaN stays NaN (quiet).
inline uint16_t float_to_half(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint16_t sign = uint16_t((x >> 16) & 0x8000u);
  const uint32_t absx = x & 0x7fffffffu;
  if (absx >= 0x7f800000u) return uint16_t(sign | (absx > 0x7f800000u ? 0x7e00u : 0x7c00u));
  if (absx >= 0x477ff000u) return uint16_t(sign | 0x7c00u);  // rounds to >= 65520: inf
  if (absx < 0x38800000u) {  // below 2^-14: subnormal half (or zero)
    if (absx < 0x33000000u) return sign;  // < 2^-25 (half of the smallest subnormal): zero
    const uint32_t mant = (absx & 0x7fffffu) | 0x800000u;
    const int shift = 126 - int(absx >> 23);  // 14..24 + 1 for the implicit position
    const uint32_t q = mant >> shift, rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
    return uint16_t(sign | (q + (rem > half || (rem == half && (q & 1)))));
  }
  const uint32_t r = absx - 0x38000000u;  // rebias exponent 127 -> 15
  const uint32_t q = r >> 13, rem = r & 0x1fffu;
  return uint16_t(sign | (q + (rem > 0x1000u || (rem == 0x1000u && (q & 1)))));
}

inline float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  const uint32_t e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  uint32_t x;
  if (e == 0x1f) {
    x = sign | 0x7f800000u | (m << 13);
  } else if (e != 0) {
    x = sign | ((e + 112) << 23) | (m << 13);
  } else if (m == 0) {
    x = sign;
  } else {  // subnormal: m * 2^-24
    int sh = 0;
    uint32_t mm = m;
    while (!(mm & 0x400u)) mm <<= 1, ++sh;
    x = sign | (uint32_t(113 - sh) << 23) | ((mm & 0x3ffu) << 13);
  }
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

}  // namespace lstm
