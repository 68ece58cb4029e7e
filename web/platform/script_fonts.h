// The user's own text in their script: column names, file names and pasted text in Thai, Chinese,
// Japanese, Korean, Cyrillic, Greek or accented Latin. The default font (ProggyClean) draws
// 0x20-0xFF only; the Noto subsets of tools/subset_fonts.py (<build>/fonts) draw the rest. A file
// is read only when the text needs it (web: fetched from the page's origin; natively: fonts/
// beside the executable), and only the glyphs the text uses are merged into the atlas.
// The one place that adds fonts to ImGui's atlas besides its default font.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

// Text the user brought: notes its codepoints and starts reading the font files it needs.
void note_user_text(std::string_view utf8);

// Between frames (before ImGui_ImplOpenGL3_NewFrame): when newly needed glyphs or a newly read
// file wait, merges them into the default font, rebuilds the atlas and uploads its texture again.
// It also follows a rebuild of the default font by others (e.g. a new size). True if it rebuilt.
bool update_font_atlas();

// Why some of the user's text shows as '?' (a font file that could not be read), or "".
std::string font_failure_note();

// How many codepoints of `utf8` the atlas draws only as its fallback '?'.
int missing_glyphs(std::string_view utf8);

// For the state hook: the files read, being read and failed, the atlas size, and the glyphs
// missing from `visible` (the user's strings on screen).
nlohmann::json font_state_json(const std::vector<std::string>& visible);
