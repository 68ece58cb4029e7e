// Minimal PNG encoder (RGBA8, stored deflate blocks: no zlib needed). Used for screenshots of
// the native app and for the "plot as PNG" export.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

// rgba: (height, width, 4) top row first.
std::vector<uint8_t> encode_png(const uint8_t* rgba, int width, int height);
bool write_png(const std::string& path, const uint8_t* rgba, int width, int height);
