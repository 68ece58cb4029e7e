#include "script_fonts.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "script_coverage.h"
#include "wake.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <SDL.h>
#endif

namespace {

enum class FileState { Unread, Reading, Read, Failed };

struct FontFile {
  FileState state = FileState::Unread;
  std::vector<unsigned char> bytes;  // the atlas reads them at each build (FontDataOwnedByAtlas off)
  std::string error;
};

// stb_truetype sizes a font by ascender - descender (hhea), which is 1.36 em in Noto Sans, 1.51
// em in Noto Sans Thai (room for stacked marks) and 1.45 em in Noto Sans CJK: at the default
// font's 13 px their letters would be far smaller than ProggyClean's. These factors bring the
// x-height to ProggyClean's 7 px (536 and 556 units) and ideographs to about 11 px.
const float kSizeFactor[] = {1.35f, 1.4f, 1.3f, 1.3f};  // latin, thai, cjk, hangul

struct ScriptFonts {
  lstm::CodepointSet wanted;            // the user's codepoints from 0x100 up
  std::vector<FontFile> files = std::vector<FontFile>(lstm::script_files().size());
  std::vector<ImWchar> ranges{0};       // what the merged configs ask for (alive while the atlas is)
  bool dirty = false;                   // wanted glyphs or read files changed since the last build
  float built_size = 0;                 // the default font's size the merge was built for
  int merged_configs = 0;
  int rebuilds = 0;
};

ScriptFonts& fonts() {
  static ScriptFonts f;
  return f;
}

bool is_ours(const ImFontConfig& c) {
  for (const FontFile& f : fonts().files)
    if (!f.bytes.empty() && c.FontData == f.bytes.data()) return true;
  return false;
}

#ifdef __EMSCRIPTEN__
// Same origin, through the bundle's name map when there is one (index.html's lstmAssetUrl).
EM_JS(void, js_fetch_font, (int index, const char* name), {
  const file = 'fonts/' + UTF8ToString(name);
  const url = window.lstmAssetUrl ? window.lstmAssetUrl(file) : file;
  fetch(url)
    .then((r) => { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
    .then((buf) => {
      const bytes = new Uint8Array(buf);
      const p = Module._malloc(bytes.length);
      if (!p) throw new Error('no memory for ' + bytes.length + ' bytes');
      HEAPU8.set(bytes, p);
      Module._lstm_font_read(index, p, bytes.length);
    })
    .catch((err) => {
      console.warn('font ' + url + ' not loaded: ' + err.message);
      Module._lstm_font_failed(index);
    });
});

void start_reading(int index) {
  fonts().files[size_t(index)].state = FileState::Reading;
  js_fetch_font(index, lstm::script_files()[size_t(index)].name);
}
#else
void start_reading(int index) {
  FontFile& f = fonts().files[size_t(index)];
  f.state = FileState::Reading;  // read between frames by update_font_atlas()
}

void read_now(int index) {
  FontFile& f = fonts().files[size_t(index)];
  char* base = SDL_GetBasePath();
  const std::string path = std::string(base ? base : "./") + "fonts/" + lstm::script_files()[size_t(index)].name;
  SDL_free(base);
  if (FILE* in = std::fopen(path.c_str(), "rb")) {
    unsigned char chunk[65536];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, in)) > 0) f.bytes.insert(f.bytes.end(), chunk, chunk + n);
    std::fclose(in);
  }
  f.state = f.bytes.empty() ? FileState::Failed : FileState::Read;
  if (f.bytes.empty()) {
    f.error = "cannot read " + path;
    std::fprintf(stderr, "%s: the text that needs it shows '?'\n", f.error.c_str());
  }
  fonts().dirty = true;
}
#endif

}  // namespace

#ifdef __EMSCRIPTEN__
// The page's fetch of a font file ended: its bytes (malloc'd by the page, ours now) or a failure.
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_font_read(int index, unsigned char* data, int n) {
  if (index >= 0 && size_t(index) < fonts().files.size()) {
    FontFile& f = fonts().files[size_t(index)];
    f.bytes.assign(data, data + n);
    f.state = FileState::Read;
    fonts().dirty = true;
  }
  std::free(data);
  wake_main_loop();
}
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_font_failed(int index) {
  if (index >= 0 && size_t(index) < fonts().files.size()) {
    fonts().files[size_t(index)].state = FileState::Failed;
    fonts().files[size_t(index)].error = "not fetched";
  }
}
#endif

void note_user_text(std::string_view utf8) {
  ScriptFonts& s = fonts();
  if (s.wanted.add_text(utf8) == 0) return;
  s.dirty = true;
  const uint32_t need = s.wanted.files_needed();
  for (size_t i = 0; i < s.files.size(); ++i)
    if ((need >> i & 1u) && s.files[i].state == FileState::Unread) start_reading(int(i));
  wake_main_loop();
}

bool update_font_atlas() {
  ScriptFonts& s = fonts();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (!atlas->IsBuilt()) return false;  // the backend builds the default font on the first frame
#ifndef __EMSCRIPTEN__
  for (size_t i = 0; i < s.files.size(); ++i)
    if (s.files[i].state == FileState::Reading) read_now(int(i));
#endif
  int ours = 0;
  for (const ImFontConfig& c : atlas->ConfigData) ours += is_ours(c);
  ImFont* base = atlas->Fonts[0];
  const float size = base->ConfigData ? base->ConfigData->SizePixels : base->FontSize;
  int readable = 0;
  for (const FontFile& f : s.files) readable += f.state == FileState::Read;
  // Someone rebuilt the atlas without our configs (or at another size): merge again.
  const bool lost = ours != s.merged_configs || (s.merged_configs > 0 && size != s.built_size);
  if (!(s.dirty && readable > 0) && !lost) return false;
  s.dirty = false;

  for (int i = atlas->ConfigData.Size - 1; i >= 0; --i)
    if (is_ours(atlas->ConfigData[i])) atlas->ConfigData.erase(atlas->ConfigData.begin() + i);
  const std::vector<uint16_t> ranges = s.wanted.glyph_ranges();
  s.ranges.assign(ranges.begin(), ranges.end());
  s.merged_configs = 0;
  for (size_t i = 0; i < s.files.size() && s.ranges.size() > 1; ++i) {
    FontFile& f = s.files[i];
    if (f.state != FileState::Read) continue;
    ImFontConfig cfg;
    cfg.MergeMode = true;
    cfg.FontDataOwnedByAtlas = false;
    cfg.OversampleH = 2;  // ProggyClean is pixel-snapped; 2 keeps small script text crisp enough
    cfg.PixelSnapH = true;
    std::snprintf(cfg.Name, sizeof cfg.Name, "%s", lstm::script_files()[i].name);
    atlas->AddFontFromMemoryTTF(f.bytes.data(), int(f.bytes.size()), size * kSizeFactor[i], &cfg,
                                s.ranges.data());
    atlas->ConfigData.back().DstFont = base;  // into the default font, whatever came after it
    ++s.merged_configs;
  }
  s.built_size = size;
  atlas->ClearTexData();
  atlas->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  ++s.rebuilds;
  return true;
}

std::string font_failure_note() {
  std::string files;
  for (size_t i = 0; i < fonts().files.size(); ++i)
    if (fonts().files[i].state == FileState::Failed)
      files += std::string(files.empty() ? "" : ", ") + "fonts/" + lstm::script_files()[i].name;
  if (files.empty()) return "";
  return "Some letters show as '?': the font " + files + " could not be loaded (" +
#ifdef __EMSCRIPTEN__
         "reload the page to try again).";
#else
         "it belongs beside the executable).";
#endif
}

int missing_glyphs(std::string_view utf8) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (atlas->Fonts.empty()) return 0;
  const ImFont* font = atlas->Fonts[0];
  int missing = 0;
  for (size_t i = 0; i < utf8.size();) {
    const uint32_t cp = lstm::next_codepoint(utf8, &i);
    if (cp < 0x20) continue;  // control characters draw nothing anyway
    if (cp > 0xFFFF || !font->FindGlyphNoFallback(ImWchar(cp))) ++missing;
  }
  return missing;
}

nlohmann::json font_state_json(const std::vector<std::string>& visible) {
  const ScriptFonts& s = fonts();
  nlohmann::json read = nlohmann::json::array(), reading = nlohmann::json::array(),
                 failed = nlohmann::json::array();
  for (size_t i = 0; i < s.files.size(); ++i) {
    const char* name = lstm::script_files()[i].name;
    if (s.files[i].state == FileState::Read) read.push_back(name);
    if (s.files[i].state == FileState::Reading) reading.push_back(name);
    if (s.files[i].state == FileState::Failed) failed.push_back(name);
  }
  int missing = 0;
  for (const std::string& v : visible) missing += missing_glyphs(v);
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return {{"files", read}, {"reading", reading}, {"failed", failed},
          {"wanted_codepoints", s.wanted.size()}, {"merged_configs", s.merged_configs},
          {"rebuilds", s.rebuilds}, {"atlas", {atlas->TexWidth, atlas->TexHeight}},
          {"glyphs", atlas->Fonts.empty() ? 0 : atlas->Fonts[0]->Glyphs.Size},
          {"missing_glyphs", missing}};
}
