// core/io/script_coverage: the codepoints of the user's text and the font files they need.
#include <doctest/doctest.h>

#include "script_coverage.h"

using namespace lstm;

namespace {
int file_index(const char* name) {
  for (size_t i = 0; i < script_files().size(); ++i)
    if (std::string(script_files()[i].name) == name) return int(i);
  return -1;
}
}  // namespace

TEST_CASE("utf8_codepoints decodes Thai, Chinese and 4-byte text; bad bytes become U+FFFD") {
  CHECK(utf8_codepoints("a\xC3\xA9") == std::vector<uint32_t>{'a', 0xE9});
  CHECK(utf8_codepoints("วัน") == std::vector<uint32_t>{0xE27, 0xE31, 0xE19});
  CHECK(utf8_codepoints("销量") == std::vector<uint32_t>{0x9500, 0x91CF});
  CHECK(utf8_codepoints("\xF0\x9F\x98\x80") == std::vector<uint32_t>{0x1F600});
  CHECK(utf8_codepoints("\xFFx") == std::vector<uint32_t>{0xFFFD, 'x'});
  CHECK(utf8_codepoints("\xE0\xB8") == std::vector<uint32_t>{0xFFFD, 0xFFFD});  // cut short
  CHECK(utf8_codepoints("\xC0\xAF") == std::vector<uint32_t>{0xFFFD, 0xFFFD});  // overlong '/'
  CHECK(utf8_codepoints("\xED\xA0\x80").front() == 0xFFFD);                     // a surrogate
}

TEST_CASE("script_file_for maps each script to its subset file, Latin-1 to the default font") {
  CHECK(script_file_for('A') == -1);
  CHECK(script_file_for(0xE9) == -1);                             // é: ProggyClean has it
  CHECK(script_file_for(0x151) == file_index("latin.ttf"));       // ő
  CHECK(script_file_for(0x3B1) == file_index("latin.ttf"));       // α
  CHECK(script_file_for(0x416) == file_index("latin.ttf"));       // Ж
  CHECK(script_file_for(0xE19) == file_index("thai.ttf"));        // น
  CHECK(script_file_for(0x9500) == file_index("cjk.otf"));        // 销
  CHECK(script_file_for(0x3042) == file_index("cjk.otf"));        // あ
  CHECK(script_file_for(0xD55C) == file_index("hangul.otf"));     // 한
  CHECK(script_file_for(0x1F600) == -1);                          // no emoji font
}

TEST_CASE("CodepointSet collects what the default font lacks and builds ImGui ranges") {
  CodepointSet set;
  CHECK(set.add_text("day,value,café") == 0);  // all within 0x00-0xFF
  CHECK(set.files_needed() == 0);
  CHECK(set.glyph_ranges() == std::vector<uint16_t>{0});
  CHECK(set.add_text("วัน,ยอดขาย") == 8);  // ว ั น ย อ ด ข า (ย twice)
  CHECK(set.files_needed() == 1u << file_index("thai.ttf"));
  CHECK(set.add_text("ยอด") == 0);
  CHECK(set.add_text("销量") == 2);
  CHECK(set.files_needed() == ((1u << file_index("thai.ttf")) | (1u << file_index("cjk.otf"))));
  CHECK(set.contains(0x9500));
  CHECK_FALSE(set.contains('a'));
  // Runs become [first, last] pairs: ข(0E02) ด(0E14) น(0E19) ย(0E22) ว(0E27) อ(0E2D) ั(0E31) า(0E32).
  CHECK(set.glyph_ranges() == std::vector<uint16_t>{0xE02, 0xE02, 0xE14, 0xE14, 0xE19, 0xE19,
                                                    0xE22, 0xE22, 0xE27, 0xE27, 0xE2D, 0xE2D,
                                                    0xE31, 0xE32, 0x91CF, 0x91CF, 0x9500, 0x9500, 0});
  CHECK(set.add_text("\xF0\x9F\x98\x80") == 0);  // beyond the BMP: ImGui 1.86 cannot hold it
}
