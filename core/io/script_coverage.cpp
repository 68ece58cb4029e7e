#include "script_coverage.h"

namespace lstm {

const std::vector<ScriptFile>& script_files() {
  // Keep in step with tools/subset_fonts.py's groups.
  static const std::vector<ScriptFile> files = {
      // Accented Latin beyond Latin-1, Greek, Cyrillic, punctuation, currency (NotoSans-Regular).
      {"latin.ttf", {{0x100, 0x24F}, {0x370, 0x52F}, {0x1E00, 0x1EFF}, {0x2000, 0x206F}, {0x20A0, 0x20BF}}},
      {"thai.ttf", {{0xE00, 0xE7F}}},  // NotoSansThai-Regular
      // Kana, CJK punctuation, full-width forms, ImGui's common Chinese + Japanese ideographs
      // (NotoSansCJK, the Simplified Chinese face).
      {"cjk.otf", {{0x3000, 0x30FF}, {0x31F0, 0x31FF}, {0x4E00, 0x9FFF}, {0xFF00, 0xFFEF}}},
      // Hangul compatibility jamo and the KS X 1001 syllables.
      {"hangul.otf", {{0x3131, 0x3163}, {0xAC00, 0xD7A3}}},
  };
  return files;
}

int script_file_for(uint32_t cp) {
  const auto& files = script_files();
  for (size_t i = 0; i < files.size(); ++i)
    for (const CodepointRange& r : files[i].ranges)
      if (cp >= r.first && cp <= r.last) return int(i);
  return -1;
}

uint32_t next_codepoint(std::string_view s, size_t* pos) {
  const size_t i = *pos;
  const auto b = static_cast<unsigned char>(s[i]);
  const int n = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
  uint32_t cp = n == 0 ? b : n == 1 ? (b & 0x1Fu) : n == 2 ? (b & 0x0Fu) : (b & 0x07u);
  bool ok = n >= 0 && i + size_t(n) < s.size();
  for (int k = 1; ok && k <= n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) ok = false;
    else cp = (cp << 6) | (c & 0x3Fu);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not characters.
  static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (ok && (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) ok = false;
  *pos = ok ? i + size_t(n) + 1 : i + 1;
  return ok ? cp : 0xFFFD;
}

std::vector<uint32_t> utf8_codepoints(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) out.push_back(next_codepoint(s, &i));
  return out;
}

int CodepointSet::add_text(std::string_view utf8) {
  int added = 0;
  for (size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {  // ASCII: the common case, one byte
      ++i;
      continue;
    }
    const uint32_t cp = next_codepoint(utf8, &i);
    if (cp < 0x100 || cp >= kSize || bits_[cp]) continue;
    bits_[cp] = true;
    ++added;
    const int f = script_file_for(cp);
    if (f >= 0) files_ |= 1u << f;
  }
  return added;
}

std::vector<uint16_t> CodepointSet::glyph_ranges() const {
  std::vector<uint16_t> out;
  for (uint32_t cp = 0x100; cp < kSize; ++cp) {
    if (!bits_[cp]) continue;
    const uint32_t first = cp;
    while (cp + 1 < kSize && bits_[cp + 1]) ++cp;
    out.push_back(uint16_t(first));
    out.push_back(uint16_t(cp));
  }
  out.push_back(0);
  return out;
}

}  // namespace lstm
