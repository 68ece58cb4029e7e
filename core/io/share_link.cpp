#include "share_link.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "presets.h"
#include "windows.h"

namespace lstm {

namespace {

constexpr size_t kHeaderBytes = 6;  // version, u32 length, check byte
constexpr size_t kMinPayload = kHeaderBytes + 4;  // + crc
constexpr uint8_t kFlagWeights = 1;

// ---- bytes out ----

struct Writer {
  std::vector<uint8_t> b;
  void u8(uint8_t v) { b.push_back(v); }
  void varint(uint64_t v) {
    while (v >= 0x80) b.push_back(uint8_t(v | 0x80)), v >>= 7;
    b.push_back(uint8_t(v));
  }
  void zigzag(int64_t v) { varint((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
  void u32(uint32_t v) {
    for (int k = 0; k < 4; ++k) b.push_back(uint8_t(v >> (8 * k)));
  }
  void f32(float f) {
    uint32_t v;
    std::memcpy(&v, &f, 4);
    u32(v);
  }
  void str(const std::string& s) {
    varint(s.size());
    b.insert(b.end(), s.begin(), s.end());
  }
  // One visit_fields field.
  template <class T>
  void operator()(const FieldInfo&, const T& x) {
    if constexpr (std::is_enum<T>::value || std::is_same<T, bool>::value) u8(uint8_t(x));
    else if constexpr (std::is_same<T, int>::value) zigzag(x);
    else if constexpr (std::is_same<T, uint64_t>::value) varint(x);
    else if constexpr (std::is_same<T, float>::value) f32(x);
    else static_assert(sizeof(T) == 0, "field type without a wire form");
  }
};

// ---- bytes in: every read is bounded by the payload; the first failure sticks ----

struct Reader {
  const uint8_t* p;
  const uint8_t* end;
  std::string err;
  int version = kLinkVersion;  // of the link being read

  size_t left() const { return size_t(end - p); }
  bool fail(std::string msg) {
    if (err.empty()) err = std::move(msg);
    return false;
  }
  bool need(size_t n) {
    return err.empty() && (left() >= n || fail("The link is corrupted: its fields end early."));
  }
  uint8_t u8() { return need(1) ? *p++ : 0; }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!need(1)) return 0;
      const uint8_t c = *p++;
      v |= uint64_t(c & 0x7f) << shift;
      if (!(c & 0x80)) return v;
    }
    fail("The link is corrupted: a number is too long.");
    return 0;
  }
  int64_t zigzag() {
    const uint64_t v = varint();
    return int64_t(v >> 1) ^ -int64_t(v & 1);
  }
  uint32_t u32() {
    if (!need(4)) return 0;
    const uint32_t v = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 |
                       uint32_t(p[3]) << 24;
    p += 4;
    return v;
  }
  float f32() {
    const uint32_t v = u32();
    float f;
    std::memcpy(&f, &v, 4);
    return f;
  }
  // A count of items that take at least min_bytes each: bounded by what is left, so a hostile
  // count cannot make us allocate more than the link's own size.
  size_t count(const char* what, uint64_t limit, size_t min_bytes) {
    const uint64_t n = varint();
    if (!err.empty()) return 0;
    if (n > limit) return fail(std::string("The link's ") + what + " (" + std::to_string(n) +
                               ") is over the limit of " + std::to_string(limit) + "."), 0;
    if (n * min_bytes > left()) return fail(std::string("The link is corrupted: its ") + what +
                                            " is larger than its data."), 0;
    return size_t(n);
  }
  std::string str(const char* what) {
    const size_t n = count(what, kMaxNameBytes, 1);
    if (!err.empty()) return {};
    std::string s(reinterpret_cast<const char*>(p), n);
    p += n;
    return s;
  }
  template <class T>
  void operator()(const FieldInfo& f, T& x) {
    if (f.since > version) return;  // an older link: the field keeps its default
    if constexpr (std::is_enum<T>::value) {
      x = T(u8());
    } else if constexpr (std::is_same<T, bool>::value) {
      const uint8_t v = u8();
      if (v > 1) fail(f.label() + " " + std::to_string(v) + " is out of range " + range_text(f));
      x = v != 0;
    } else if constexpr (std::is_same<T, int>::value) {
      const int64_t v = zigzag();
      if (v < -2147483647 || v > 2147483647)
        fail(f.label() + " " + std::to_string(v) + " is out of range " + range_text(f));
      x = int(v);
    } else if constexpr (std::is_same<T, uint64_t>::value) {
      x = varint();
    } else if constexpr (std::is_same<T, float>::value) {
      x = f32();
    }
  }
};

std::string with_thousands(uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
  return s;
}

void write_series(Writer& w, const Series& s, bool drawn) {
  w.varint(s.columns.size());
  w.varint(uint64_t(s.length()));
  for (size_t c = 0; c < s.columns.size(); ++c) w.str(c < s.names.size() ? s.names[c] : "");
  for (const std::vector<float>& col : s.columns) {
    int64_t prev = 0;
    for (int r = 0; r < s.length(); ++r) {
      const float v = r < int(col.size()) ? col[size_t(r)] : 0.f;
      if (drawn) {
        const int64_t k = int64_t(std::llround(double(quantize_drawn(v)) * 1024.0));
        w.zigzag(k - prev);
        prev = k;
      } else {
        w.f32(v);
      }
    }
  }
}

void read_series(Reader& r, Series& s, bool drawn) {
  const size_t n_cols = r.count("column count", kMaxLinkColumns, 1);
  const size_t n_rows = r.count("row count", kMaxLinkRows, 0);
  // Every value takes at least 1 byte (drawn) or 4 (CSV).
  if (!r.err.empty()) return;
  if (n_cols * n_rows * (drawn ? 1 : 4) > r.left()) {
    r.fail("The link is corrupted: its table (" + with_thousands(n_cols) + " x " +
           with_thousands(n_rows) + ") is larger than its data.");
    return;
  }
  s.names.resize(n_cols);
  for (size_t c = 0; c < n_cols && r.err.empty(); ++c) s.names[c] = r.str("column name");
  s.columns.assign(n_cols, std::vector<float>(n_rows));
  const int64_t limit = int64_t(kDrawnLimit) * 1024;
  for (size_t c = 0; c < n_cols && r.err.empty(); ++c) {
    int64_t k = 0;
    for (size_t i = 0; i < n_rows && r.err.empty(); ++i) {
      if (!drawn) {
        s.columns[c][i] = r.f32();
        continue;
      }
      const int64_t d = r.zigzag();
      if (d < -2 * limit || d > 2 * limit || std::llabs(k + d) > limit) {
        r.fail("drawn value " + std::to_string(i) + " of column " + std::to_string(c) +
               " is out of range -1e6..1e6");
        return;
      }
      k += d;
      s.columns[c][i] = float(double(k) / 1024.0);
    }
  }
  if (n_cols == 0 && n_rows != 0) r.fail("The link is corrupted: rows without columns.");
}

std::string prefix_of(int version) { return "v" + std::to_string(version) + "."; }

// Splits "v<n>.<frame><body>"; "" or a message.
std::string parse_frame(std::string_view f, int* version, char* frame, std::string_view* body) {
  const std::string not_link =
      "This is not a playground link: it should start with #v" + std::to_string(kLinkVersion) + ".";
  if (f.size() < 3 || f[0] != 'v') return not_link;
  size_t i = 1;
  long n = 0;
  while (i < f.size() && i < 8 && f[i] >= '0' && f[i] <= '9') n = n * 10 + (f[i++] - '0');
  if (i == 1 || i >= f.size() || f[i] != '.') return not_link;
  *version = int(n);
  if (n > kLinkVersion)
    return "The link was made by a newer version (v" + std::to_string(n) +
           ") of the playground: open it with that version.";
  if (n < 1) return "The link has an unknown version (v" + std::to_string(n) + ").";
  if (i + 1 >= f.size()) return "The link is truncated: it has no data after v" + std::to_string(n) + ".";
  *frame = f[i + 1];
  *body = f.substr(i + 2);
  return "";
}

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// Decodes whole and partial groups; *bad = index of the first invalid character or npos;
// *loose = leftover bits that a canonical encoder leaves zero are not (or a lone 6-bit char).
void b64_decode_lenient(std::string_view t, std::vector<uint8_t>* out, size_t* bad, bool* loose) {
  out->clear();
  out->reserve(t.size() * 3 / 4);
  *bad = std::string_view::npos;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const int v = b64_value(t[i]);
    if (v < 0) {
      *bad = i;
      return;
    }
    acc = (acc << 6) | uint32_t(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(uint8_t(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  *loose = bits == 6 || (bits > 0 && acc != 0);
}

}  // namespace

// ---- public ----

std::string base64url_encode(const uint8_t* data, size_t n) {
  std::string s;
  s.reserve((n * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      s.push_back(kB64[(acc >> bits) & 63]);
    }
    acc &= (1u << bits) - 1;
  }
  if (bits > 0) s.push_back(kB64[(acc << (6 - bits)) & 63]);
  return s;
}

bool base64url_decode(std::string_view text, std::vector<uint8_t>* out) {
  size_t bad;
  bool loose = false;
  b64_decode_lenient(text, out, &bad, &loose);
  return bad == std::string_view::npos && !loose;
}

int64_t expected_param_count(const Config& c) {
  const ColumnPlan plan = plan_columns(c.data);
  int64_t n = 0, in = plan.n_features();
  const int layers = std::min(std::max(c.model.n_layers, 1), kMaxLayers);
  for (int l = 0; l < layers; ++l) {
    const int64_t u = c.model.units[size_t(l)], G = gate_blocks(c.model.cell);
    n += G * u * (in + u + bias_rows(c.model.cell));
    in = u;
  }
  return n + in * plan.n_outputs() + plan.n_outputs();
}

std::string validate_share_state(const ShareState& s) {
  std::string msg = check_fields(s.config);
  if (s.runs.size() > size_t(kMaxLinkRuns))
    return "The link has " + std::to_string(s.runs.size()) + " extra runs; at most " + std::to_string(kMaxLinkRuns) + ".";
  for (size_t i = 0; i < s.runs.size() && msg.empty(); ++i) {
    msg = check_fields(s.runs[i]);
    if (!msg.empty()) msg = "run " + std::to_string(i + 2) + ": " + msg;
  }
  if (msg.empty() && s.data.kind == DataKind::Preset) {
    if (find_preset(s.data.preset.id) < 0) {
      std::string id;
      for (char ch : s.data.preset.id.substr(0, 40)) id += (ch >= 32 && ch < 127) ? ch : '?';
      return "The link names an unknown preset '" + id + "'.";
    }
    msg = check_fields(s.data.preset);
  }
  if (msg.empty() && s.data.kind > DataKind::Csv)
    msg = "data kind " + std::to_string(int(s.data.kind)) + " is out of range 0..2";
  if (msg.empty()) msg = check_fields(s.view);
  if (msg.empty() && (s.hidden_panels & ~uint32_t(kPanelAll)))
    msg = "hidden_panels " + std::to_string(s.hidden_panels) + " is out of range 0.." +
          std::to_string(kPanelAll);
  if (!msg.empty()) return "The link has a value out of range: " + msg + ".";
  if (s.has_weights) {
    const int64_t want = expected_param_count(s.config);
    if (int64_t(s.weights.size()) != want)
      return "The link's weights (" + with_thousands(s.weights.size()) +
             " values) do not fit its model (" + with_thousands(uint64_t(want)) + " parameters).";
    for (size_t i = 0; i < s.weights.size(); ++i)
      if (!std::isfinite(s.weights[i]))
        return "The link's weight " + std::to_string(i) + " is not a finite number.";
  } else if (!s.weights.empty()) {
    return "The link is corrupted: weights without the weights flag.";
  }
  return "";
}

std::string encode_link(const ShareState& s) {
  Writer w;
  w.u8(s.has_weights ? kFlagWeights : 0);
  w.u8(uint8_t(s.data.kind));
  visit_fields(s.config, w);
  if (s.data.kind == DataKind::Preset) {
    w.str(s.data.preset.id);
    visit_fields(s.data.preset, w);
  } else {
    write_series(w, s.data.series, s.data.kind == DataKind::Drawn);
  }
  visit_fields(s.view, w);
  w.varint(s.hidden_panels);
  w.varint(s.runs.size());  // v2
  for (const Config& c : s.runs) visit_fields(c, w);
  if (s.has_weights) {
    w.varint(s.weights.size());
    for (float x : s.weights) {
      const uint16_t h = float_to_half(quantize_weight(x));
      w.u8(uint8_t(h)), w.u8(uint8_t(h >> 8));
    }
  }
  return link_detail::seal(w.b);
}

namespace link_detail {

std::string seal(const std::vector<uint8_t>& body) {
  Writer w;
  const uint32_t total = uint32_t(kHeaderBytes + body.size() + 4);
  w.u8(uint8_t(kLinkVersion));
  w.u32(total);
  w.u8(uint8_t(crc32(w.b.data(), 5)));
  w.b.insert(w.b.end(), body.begin(), body.end());
  w.u32(crc32(w.b.data(), w.b.size()));
  return prefix_of(kLinkVersion) + "r" + base64url_encode(w.b.data(), w.b.size());
}

std::vector<uint8_t> body_of(std::string_view link) {
  int version = 0;
  char frame = 0;
  std::string_view text;
  std::vector<uint8_t> b;
  if (!parse_frame(link, &version, &frame, &text).empty() || frame != 'r' ||
      !base64url_decode(text, &b) || b.size() < kHeaderBytes + 4)
    return {};
  return std::vector<uint8_t>(b.begin() + kHeaderBytes, b.end() - 4);
}

}  // namespace link_detail

bool link_is_compressed(std::string_view fragment) {
  while (!fragment.empty() && (fragment.front() == '#' || std::isspace(uint8_t(fragment.front()))))
    fragment.remove_prefix(1);
  int version = 0;
  char frame = 0;
  std::string_view body;
  parse_frame(fragment, &version, &frame, &body);
  return frame == 'z';
}

std::string check_link_size(size_t chars) {
  if (chars <= kMaxLinkChars) return "";
  return "The link is too large (" + with_thousands(chars) + " characters > 1 MB).";
}

std::string decode_link(std::string_view f, ShareState* out) {
  if (std::string err = check_link_size(f.size()); !err.empty()) return err;
  while (!f.empty() && std::isspace(uint8_t(f.back()))) f.remove_suffix(1);
  while (!f.empty() && std::isspace(uint8_t(f.front()))) f.remove_prefix(1);
  if (!f.empty() && f.front() == '#') f.remove_prefix(1);
  if (f.empty()) return "The link is empty.";

  int version = 0;
  char frame = 0;
  std::string_view body;
  std::string msg = parse_frame(f, &version, &frame, &body);
  if (!msg.empty()) return msg;
  if (frame == 'z')
    return "The link is compressed and this page cannot inflate it (it needs a browser with "
           "DecompressionStream).";
  if (frame != 'r') return "The link is corrupted: unknown format '" + std::string(1, frame) + "'.";

  std::vector<uint8_t> b;
  size_t bad;
  bool loose = false;
  b64_decode_lenient(body, &b, &bad, &loose);
  if (bad != std::string_view::npos) {
    const char c = body[bad];
    const std::string shown = (c > 32 && c < 127) ? "'" + std::string(1, c) + "'" : "a control or non-ASCII character";
    return "The link is corrupted: it contains " + shown + " at position " +
           std::to_string(bad + (body.data() - f.data())) + ", which a link never has.";
  }
  if (b.size() < kHeaderBytes)
    return "The link is truncated (" + std::to_string(b.size()) + " bytes of data): copy the whole link.";
  if (b[5] != uint8_t(crc32(b.data(), 5)))
    return "The link is corrupted: its header does not check out.";
  if (b[0] < 1 || b[0] > kLinkVersion || b[0] != version)
    return "The link's data has an unknown version (" + std::to_string(b[0]) + ").";
  const uint64_t total = uint64_t(b[1]) | uint64_t(b[2]) << 8 | uint64_t(b[3]) << 16 |
                        uint64_t(b[4]) << 24;
  if (b.size() < total)
    return "The link is truncated (got " + with_thousands(b.size()) + " of " +
           with_thousands(total) + " bytes): copy the whole link.";
  if (b.size() > total || total < kMinPayload || loose)
    return b.size() > total ? "The link is corrupted: it has " + std::to_string(b.size() - total) +
                                  " bytes more than its header says."
                            : std::string("The link is corrupted: its data is malformed.");
  uint32_t stored = 0;
  for (size_t k = 0; k < 4; ++k) stored |= uint32_t(b[b.size() - 4 + k]) << (8 * k);
  if (stored != crc32(b.data(), b.size() - 4))
    return "The link's checksum does not match: it was corrupted or edited.";

  ShareState s;  // decoded apart: *out stays untouched on any error
  Reader r{b.data() + kHeaderBytes, b.data() + b.size() - 4, {}, version};
  const uint8_t flags = r.u8();
  s.has_weights = flags & kFlagWeights;
  if (flags & ~kFlagWeights) r.fail("The link has unknown flags (" + std::to_string(flags) + ").");
  const uint8_t kind = r.u8();
  if (r.err.empty() && kind > uint8_t(DataKind::Csv))
    r.fail("The link has a value out of range: data kind " + std::to_string(kind) + " is out of range 0..2.");
  s.data.kind = DataKind(kind);
  visit_fields(s.config, r);
  if (s.data.kind == DataKind::Preset) {
    s.data.preset.id = r.str("preset id");
    visit_fields(s.data.preset, r);
  } else {
    read_series(r, s.data.series, s.data.kind == DataKind::Drawn);
  }
  visit_fields(s.view, r);
  const uint64_t panels = r.varint();
  if (r.err.empty() && panels > kPanelAll)
    r.fail("The link has a value out of range: hidden_panels " + std::to_string(panels) +
           " is out of range 0.." + std::to_string(kPanelAll) + ".");
  s.hidden_panels = uint32_t(panels);
  if (version >= 2) {
    const size_t n_runs = r.count("run count", kMaxLinkRuns, 8);
    s.runs.resize(n_runs);
    for (Config& c : s.runs) visit_fields(c, r);
  }
  if (s.has_weights) {
    const size_t n = r.count("weight count", uint64_t(1) << 24, 2);
    s.weights.resize(n);
    for (size_t i = 0; i < n && r.err.empty(); ++i) {
      const uint16_t lo = r.u8(), hi = r.u8();
      s.weights[i] = half_to_float(uint16_t(lo | hi << 8));
    }
  }
  if (r.err.empty() && r.left() != 0)
    r.fail("The link is corrupted: " + std::to_string(r.left()) + " bytes are left over.");
  if (!r.err.empty()) {
    // Field readers report bare "name v is out of range a..b"; give them the common lead-in.
    if (r.err.rfind("The link", 0) != 0) return "The link has a value out of range: " + r.err + ".";
    return r.err;
  }
  msg = validate_share_state(s);
  if (!msg.empty()) return msg;
  if (out) *out = std::move(s);
  return "";
}

}  // namespace lstm
