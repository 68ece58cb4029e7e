// Share links: the whole playground state in a URL fragment, "#v3.r<base64url>" (v1 and v2 links open too).
//
// Fragment:  "v" <version> "." <frame> <base64url, no padding>
//   frame 'r': the payload as is (this codec reads and writes it)
//   frame 'z': the payload deflate-raw compressed by the browser's CompressionStream. The JS glue
//              decompresses, re-encodes as "v3.r..." and calls decode_link (link_is_compressed
//              tells it to); it keeps the 'z' form only when shorter.
// Payload (v3; older versions lack the fields with a later FieldInfo::since), little-endian:
//   u8 version (3) | u32 total payload bytes | u8 low byte of crc32(the previous 5 bytes)
//   u8 flags (bit 0: weights) | u8 DataKind
//   Config        every field of visit_fields(Config) in order: enums / bool as u8, int as zigzag
//                 varint, uint64_t as varint, float as its 4 bytes
//   data          Preset: string id, visit_fields(PresetParams)
//                 Drawn / Csv: varint columns, varint rows, per column a string name, then
//                 column-major values: Drawn as zigzag varint deltas of value * 1024
//                 (quantize_drawn's grid), Csv as exact float bits
//   view          visit_fields(ViewState);  varint hidden_panels
//   runs          (v2) varint count <= kMaxLinkRuns, each visit_fields(Config): compare mode
//   weights       (flag) varint count, count float16 (run 1's)
//   u32 crc32 (zlib polynomial) of everything before it
// The header's length tells a truncated link ("got 812 of 1,204 bytes") from a corrupted one; its
// check byte keeps a damaged length from posing as truncation. Strings: varint length + bytes.
//
// Exactness: Config, preset parameters, CSV values and drawn values already on the grid round trip
// bit for bit, so retraining reproduces the sender's loss curve in the same build. Weights are
// float16 (quantize_weight): LSTM(16) univariate weights (1,169 floats) fit in the 4,000-character
// target only that way.
//
// Decoding is bounded: links over 1 MB are refused before anything else, and every count is
// checked against the bytes left before anything is allocated. Every value is range-checked with
// the visit_fields ranges, and the weights count against the model the config describes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crc32.h"
#include "share_state.h"

namespace lstm {

// v2 added the model's cell (config_fields.h: FieldInfo::since); v3 the forecasting fields (test
// split, season, transforms). Older links still open with those fields at their defaults.
constexpr int kLinkVersion = 3;
constexpr size_t kMaxLinkChars = size_t(1) << 20;  // 1 MB

// "v2.r<base64url>". Never fails, but links longer than kMaxLinkChars are refused by
// decode_link: the UI checks the size before offering one (e.g. share without the CSV). Also drawn values are put on the grid, weights on float16 (so
// encode what the receiver will see: decode(encode(s)) == s when s is already quantised). Values
// out of range are written as they are; decode_link reports them.
std::string encode_link(const ShareState& s);

// Decodes a fragment (a leading '#' and surrounding whitespace are ignored). Returns "" and sets
// *out, or a message for the user naming what is wrong (truncated, corrupted, checksum, version,
// oversized, a value out of range) and leaves *out untouched. out may be null (just validate).
std::string decode_link(std::string_view fragment, ShareState* out);
// "" when a fragment of `chars` characters may be a link, else decode_link's "too large" message
// (the page asks before copying a huge address-bar fragment into the wasm).
std::string check_link_size(size_t chars);

// True for a "v<n>.z..." fragment: deflate-compressed by the browser, to inflate before decoding.
bool link_is_compressed(std::string_view fragment);

// "" when every value of s is in range and the weights fit the model; else the first problem.
std::string validate_share_state(const ShareState& s);

// Parameters of the model the config describes (LstmModel::n_params for its plan_columns).
int64_t expected_param_count(const Config& c);

// RFC 4648 section 5, no padding. decode returns false on a character outside the alphabet.
std::string base64url_encode(const uint8_t* data, size_t n);
bool base64url_decode(std::string_view text, std::vector<uint8_t>* out);


// Test and fuzz hooks. The body is the payload between header and CRC; seal() wraps any body in
// a fresh header and checksum, so tests can forge well-sealed links carrying bad values.
namespace link_detail {
std::string seal(const std::vector<uint8_t>& body);
std::vector<uint8_t> body_of(std::string_view link);  // empty unless a well-formed "v<n>.r" link
}  // namespace link_detail

}  // namespace lstm
