#include "alloc_counter.h"

#include <cstdlib>
#include <new>

namespace {
volatile bool g_counting = false;
volatile long g_count = 0;
inline void note() {
  if (g_counting) g_count = g_count + 1;
}
}  // namespace

CountAllocations::CountAllocations() {
  g_count = 0;
  g_counting = true;
}
CountAllocations::~CountAllocations() { g_counting = false; }
long CountAllocations::count() const { return g_count; }

#if defined(__GLIBC__) && !defined(__EMSCRIPTEN__)
extern "C" void* __libc_malloc(size_t);
extern "C" void* __libc_calloc(size_t, size_t);
extern "C" void* __libc_realloc(void*, size_t);
extern "C" void* malloc(size_t n) {
  note();
  return __libc_malloc(n);
}
extern "C" void* calloc(size_t n, size_t s) {
  note();
  return __libc_calloc(n, s);
}
extern "C" void* realloc(void* p, size_t n) {
  note();
  return __libc_realloc(p, n);
}
#else
void* operator new(std::size_t n) {
  note();
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif
