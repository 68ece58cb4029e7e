#include "protobuf_writer.h"

#include <cassert>
#include <cstring>

namespace lstm::pb {

namespace {
constexpr int kWireVarint = 0, kWireLength = 2, kWireFixed32 = 5;

size_t varint_size(uint64_t v) {
  size_t n = 1;
  for (; v >= 0x80; v >>= 7) ++n;
  return n;
}
}  // namespace

void Writer::raw_varint(uint64_t v) {
  for (; v >= 0x80; v >>= 7) out_ += char(uint8_t(v) | 0x80);
  out_ += char(uint8_t(v));
}

void Writer::raw_fixed32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  for (int k = 0; k < 4; ++k) out_ += char(uint8_t(bits >> (8 * k)));  // little-endian
}

void Writer::raw_fixed64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  for (int k = 0; k < 8; ++k) out_ += char(uint8_t(bits >> (8 * k)));
}

void Writer::tag(int field, int wire) {
  assert(field >= 1 && field < (1 << 29));
  raw_varint((uint64_t(field) << 3) | uint64_t(wire));
}

void Writer::varint(int field, int64_t v) {
  tag(field, kWireVarint);
  raw_varint(uint64_t(v));  // two's complement: -1 -> 10 bytes, as protobuf's int64
}

void Writer::fixed32(int field, float v) {
  tag(field, kWireFixed32);
  raw_fixed32(v);
}

void Writer::bytes(int field, std::string_view s) {
  tag(field, kWireLength);
  raw_varint(s.size());
  out_.append(s.data(), s.size());
}

void Writer::packed_floats(int field, const float* v, size_t n) {
  tag(field, kWireLength);
  raw_varint(4 * uint64_t(n));
  out_.reserve(out_.size() + 4 * n);
  for (size_t k = 0; k < n; ++k) raw_fixed32(v[k]);
}

void Writer::packed_doubles(int field, const double* v, size_t n) {
  tag(field, kWireLength);
  raw_varint(8 * uint64_t(n));
  out_.reserve(out_.size() + 8 * n);
  for (size_t k = 0; k < n; ++k) raw_fixed64(v[k]);
}

void Writer::packed_varints(int field, const int64_t* v, size_t n) {
  size_t size = 0;
  for (size_t k = 0; k < n; ++k) size += varint_size(uint64_t(v[k]));
  tag(field, kWireLength);
  raw_varint(size);
  for (size_t k = 0; k < n; ++k) raw_varint(uint64_t(v[k]));
}

}  // namespace lstm::pb
