// The GL 3 / GLES 3 API for the app's own drawing (heatmaps); the ImGui backend has its own loader.
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <SDL_opengl.h>
#include <SDL_opengl_glext.h>
#endif
