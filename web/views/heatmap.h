// Heatmaps drawn on the GPU: values go to an R32F texture, shaders/heatmap.glsl maps them through
// a colormap, and the quad is drawn from an ImDrawList callback inside ImGui's render pass.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "imgui.h"

enum class Colormap { Sequential, Diverging };

struct HeatmapView {
  const float* data = nullptr;  // (rows, cols) row-major
  int rows = 0, cols = 0;
  bool transpose = false;       // show as cols x rows (traces (T, u) drawn units x time)
  float lo = 0.f, hi = 1.f;
  Colormap map = Colormap::Sequential;
  uint64_t version = 0;         // bump when data changes; same slot + version = no upload
};

class HeatmapRenderer {
 public:
  void begin_frame();  // forgets last frame's draw records (their callbacks have run)
  // Draws view into the next size pixels as an ImGui item; slot names a texture to reuse.
  // Returns true when hovered and sets *row / *col to the cell under the mouse (display axes).
  bool draw(int slot, const HeatmapView& view, ImVec2 size, int* row, int* col);
  bool available() const { return program_ != 0; }
  const char* error() const { return error_.c_str(); }

 private:
  struct Texture {
    unsigned id = 0;
    int w = 0, h = 0;
    uint64_t version = ~0ull;
  };
  struct DrawRecord {
    HeatmapRenderer* self;
    unsigned tex;
    ImVec2 min, max;
    float lo, hi;
    int diverging, transpose;
  };
  bool init_gl();
  static void draw_callback(const ImDrawList* list, const ImDrawCmd* cmd);

  bool tried_ = false;
  unsigned program_ = 0, vao_ = 0;
  int u_rect_ = -1, u_tex_ = -1, u_range_ = -1, u_div_ = -1, u_tr_ = -1;
  std::vector<Texture> textures_;
  std::deque<DrawRecord> records_;  // stable addresses for the callbacks
  std::string error_;
};
