// Which of the page's extra font files (tools/subset_fonts.py, built into <build>/fonts) the
// user's text needs. The default ImGui font (ProggyClean) covers 0x20-0xFF only; column names,
// file names and pasted text in Thai, Chinese, Japanese, Korean, Cyrillic, Greek or accented
// Latin need a subset of Debian's Noto fonts, fetched only then. Pure text functions: no ImGui.
#pragma once
#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lstm {

struct CodepointRange {
  uint32_t first, last;  // inclusive
};

struct ScriptFile {
  const char* name;  // under fonts/ next to the page or the native executable
  std::vector<CodepointRange> ranges;
};

// The extra font files in merge order (an earlier one wins where ranges overlap). Mirrors the
// groups of tools/subset_fonts.py.
const std::vector<ScriptFile>& script_files();

// Index into script_files() of the file that draws cp, or -1 (the default font's 0x00-0xFF, or
// a codepoint no file covers).
int script_file_for(uint32_t cp);

// The codepoint at utf8[*pos] (*pos < size), moving *pos past it; a byte that starts no valid
// sequence gives U+FFFD and moves one byte.
uint32_t next_codepoint(std::string_view utf8, size_t* pos);
// Codepoints of UTF-8 text; a byte that starts no valid sequence gives U+FFFD.
std::vector<uint32_t> utf8_codepoints(std::string_view utf8);

// A set of Basic Multilingual Plane codepoints (what ImGui 1.86's 16-bit ImWchar holds).
class CodepointSet {
 public:
  // Adds the text's codepoints from 0x100 up (beyond the default font); returns how many were new.
  int add_text(std::string_view utf8);
  bool contains(uint32_t cp) const { return cp < kSize && bits_[cp]; }
  int size() const { return int(bits_.count()); }
  // Bit i: some codepoint of the set belongs to script_files()[i].
  uint32_t files_needed() const { return files_; }
  // ImGui glyph ranges: [first, last] pairs of the set's runs, then a 0 terminator.
  std::vector<uint16_t> glyph_ranges() const;

 private:
  static constexpr uint32_t kSize = 0x10000;
  std::bitset<kSize> bits_;
  uint32_t files_ = 0;
};

}  // namespace lstm
