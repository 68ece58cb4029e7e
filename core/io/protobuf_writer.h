// Protocol Buffers wire format, write only: the few encodings an ONNX ModelProto needs, so the
// page writes .onnx files without a protobuf library. Reference: protobuf.dev, "Encoding".
//   record = tag (field << 3 | wire type, as a varint) + payload
//   wire 0 varint (int32, int64, enum; a negative int64 takes 10 bytes), wire 5 fixed32 (float)
//   and wire 1 fixed64 (double), both little-endian, wire 2 length-delimited (string, bytes, a nested message, a packed list).
// Fields come out in the order they are written, so the same calls give the same bytes.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lstm::pb {

class Writer {
 public:
  void varint(int field, int64_t v);
  void fixed32(int field, float v);
  void bytes(int field, std::string_view s);  // string, bytes or a nested message's bytes
  void message(int field, const Writer& m) { bytes(field, m.data()); }
  // One length-delimited record holding every value back to back (proto2 [packed = true]).
  void packed_floats(int field, const float* v, size_t n);
  void packed_doubles(int field, const double* v, size_t n);
  void packed_varints(int field, const int64_t* v, size_t n);

  const std::string& data() const { return out_; }

 private:
  void tag(int field, int wire);
  void raw_varint(uint64_t v);
  void raw_fixed32(float v);
  void raw_fixed64(double v);
  std::string out_;
};

}  // namespace lstm::pb
