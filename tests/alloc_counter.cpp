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

#if defined(__SANITIZE_ADDRESS__)
#define LSTM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LSTM_ASAN 1
#endif
#endif

#if defined(LSTM_ASAN)
// Under AddressSanitizer (build/sanitize) the runtime owns malloc: a malloc defined here would hand
// out glibc blocks that ASan's free then rejects ("not malloc()-ed"). ASan's allocator hook sees
// every allocation instead (malloc, calloc, realloc, operator new, aligned allocations), so the
// count stays as strict as the glibc build's.
// (sanitizer/allocator_interface.h declares it; Debian's g++ does not ship that header.)
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*)(const volatile void*, size_t),
                                                         void (*)(const volatile void*));
namespace {
void on_malloc(const volatile void*, size_t) { note(); }
void on_free(const volatile void*) {}
const int g_hooked = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}  // namespace
#elif defined(__GLIBC__) && !defined(__EMSCRIPTEN__)
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
