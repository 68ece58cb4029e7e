// Where a run's engine works. The session sends commands and polls snapshots; whether the work
// happens on a thread, in a Web Worker or inside the UI's frames is the runner's business.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "run_protocol.h"

namespace lstm {

class Runner {
 public:
  virtual ~Runner() = default;
  virtual void send(const RunCommand& c) = 0;
  // The oldest snapshot not yet polled, if any. Snapshots come in order; the heavy parts
  // (predictions, trace, weights) come only in some of them, so none may be skipped (unread ones
  // are folded together with merge_snapshot).
  virtual bool poll(RunSnapshot* out) = 0;
  // In-frame runners work here, inside the caller's frame; background runners ignore it.
  virtual void pump(double /*seconds*/) {}
  // Whether the runner still has something to do or to deliver (the UI keeps drawing frames).
  virtual bool busy() const = 0;
  virtual const char* kind() const = 0;  // "thread", "worker", "in-frame"
  // Set when the runner cannot work (a worker that failed to start): the session replaces it.
  virtual std::string failure() const { return ""; }
  // Set when a runner that worked died (a Web Worker that crashed mid-run, e.g. out of memory):
  // the session gives the run a fresh runner of the same kind and reports the run as stopped.
  virtual std::string crash() const { return ""; }
};

// The fallback: the engine works inside the UI's frame, `seconds` at a time (the session splits
// about 12 ms per frame among the runs).
std::unique_ptr<Runner> make_inline_runner();

#ifndef __EMSCRIPTEN__
// Natively: the engine on a std::thread of its own. Pause and other commands interrupt a slice at
// the next batch boundary. on_snapshot (may be null) is called on that thread after each
// snapshot is queued: a UI wakes its sleeping loop there.
std::unique_ptr<Runner> make_thread_runner(std::function<void()> on_snapshot = nullptr);
#endif

}  // namespace lstm
