// What the UI may know about the platform it runs on, without including SDL or Emscripten.
#pragma once

struct PlatformInfo {
  const char* name;     // "web (WebGL2)" or "native (OpenGL 3.3)"
  const char* simd;     // which SIMD the core was compiled for
  bool wasm_simd;       // true when the wasm module uses simd128 (it only loads if the browser has it)
};

inline PlatformInfo platform_info() {
#if defined(__EMSCRIPTEN__)
#  if defined(__wasm_simd128__)
  return {"web (WebGL2)", "WASM SIMD128", true};
#  else
  return {"web (WebGL2)", "scalar wasm", false};
#  endif
#elif defined(__AVX2__)
  return {"native (OpenGL 3.3)", "AVX2", false};
#elif defined(__SSE2__)
  return {"native (OpenGL 3.3)", "SSE2", false};
#else
  return {"native (OpenGL 3.3)", "scalar", false};
#endif
}
