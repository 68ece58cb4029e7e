#include "runners.h"

#include "wake.h"

#ifdef __EMSCRIPTEN__
#include "worker_runner.h"

lstm::Session::RunnerFactory platform_runner_factory() {
  if (!web_workers_available()) return nullptr;
  return [] { return make_worker_runner(); };
}
#else
lstm::Session::RunnerFactory platform_runner_factory() {
  return [] { return lstm::make_thread_runner(wake_main_loop); };
}
#endif
