// When the wasm heap cannot grow (2 GB, Emscripten's MAXIMUM_MEMORY, or the browser refuses).
// With ALLOW_MEMORY_GROWTH malloc returns null (ABORTING_MALLOC is off) and operator new calls
// the handler installed here. Inside catching_out_of_memory() it throws std::bad_alloc (the web
// build has -fexceptions) and the action is refused with a message, nothing lost; anywhere else
// it names the cause and aborts, instead of a bare "Aborted()" or an exception no frame catches.
// Sizes the user picks are checked up front (kMaxTextBytes in csv.h, the window cap in
// windows.cpp): this is the last resort. The page shows Module.lstmAbortMessage (index.html's
// onAbort); a worker's run stops with it (run_worker.js, worker_runner.cpp).
#pragma once
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <cstdlib>
#include <new>

[[noreturn]] inline void report_out_of_memory() {
  EM_ASM({
    Module.lstmAbortMessage = 'out of memory: the ' + (typeof window === 'undefined' ? 'training worker' : 'playground') +
        ' used all of the ' + Math.round(HEAPU8.length / 1048576) + ' MB the browser gave it';
  });
  std::abort();
}

inline int& out_of_memory_catchers() {
  static int depth = 0;
  return depth;
}

inline void on_out_of_memory() {
  if (out_of_memory_catchers() > 0) throw std::bad_alloc();
  report_out_of_memory();
}

inline void install_out_of_memory_report() { std::set_new_handler(on_out_of_memory); }

// Runs action(); false when it ran out of memory (what it changed before that stays changed).
template <class Action>
bool catching_out_of_memory(Action action) {
  ++out_of_memory_catchers();
  try {
    action();
  } catch (const std::bad_alloc&) {
    --out_of_memory_catchers();
    return false;
  }
  --out_of_memory_catchers();
  return true;
}
#else
#include <new>

// Natively operator new throws std::bad_alloc by itself.
inline void install_out_of_memory_report() {}

template <class Action>
bool catching_out_of_memory(Action action) {
  try {
    action();
  } catch (const std::bad_alloc&) {
    return false;
  }
  return true;
}
#endif
