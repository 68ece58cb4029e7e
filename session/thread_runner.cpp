// The native runner: one std::thread per run. Commands go through a mutex-guarded queue and set
// an atomic flag the trainer polls between batches, so Pause lands within one batch.
#ifndef __EMSCRIPTEN__
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "run_engine.h"
#include "runner.h"

namespace lstm {
namespace {

class ThreadRunner final : public Runner {
 public:
  static constexpr double kSlice = 0.01;  // seconds of work between looks at the queues

  explicit ThreadRunner(std::function<void()> on_snapshot)
      : on_snapshot_(std::move(on_snapshot)), thread_([this] { loop(); }) {}
  ~ThreadRunner() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
      pending_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  void send(const RunCommand& c) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      commands_.push_back(c);
      pending_ = true;
      busy_ = true;
    }
    cv_.notify_one();
  }
  bool poll(RunSnapshot* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (snapshots_.empty()) return false;
    *out = std::move(snapshots_.front());
    snapshots_.pop_front();
    return true;
  }
  bool busy() const override {
    std::lock_guard<std::mutex> lock(mu_);
    return busy_ || !snapshots_.empty();
  }
  const char* kind() const override { return "thread"; }

 private:
  void loop() {
    std::deque<RunCommand> todo;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        busy_ = engine_busy_ || !commands_.empty();
        cv_.wait(lock, [&] { return quit_ || !commands_.empty() || engine_busy_; });
        if (quit_) return;
        todo.swap(commands_);
        pending_ = false;
      }
      for (const RunCommand& c : todo) engine_.handle(c);
      todo.clear();
      if (engine_.busy()) engine_.work(kSlice, &pending_);
      engine_busy_ = engine_.busy();
      if (engine_.snapshot_due()) {
        RunSnapshot s = engine_.snapshot();
        {
          std::lock_guard<std::mutex> lock(mu_);
          if (!snapshots_.empty() && snapshots_.back().generation == s.generation)
            merge_snapshot(snapshots_.back(), std::move(s));  // unread ones fold into one
          else
            snapshots_.push_back(std::move(s));
        }
        if (on_snapshot_) on_snapshot_();
      }
    }
  }

  std::function<void()> on_snapshot_;  // called on this thread
  RunEngine engine_;
  bool engine_busy_ = false;  // worker thread only
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<RunCommand> commands_;
  std::deque<RunSnapshot> snapshots_;
  std::atomic<bool> pending_{false};
  bool quit_ = false;
  bool busy_ = false;
  std::thread thread_;  // last: starts after every member above exists
};

}  // namespace

std::unique_ptr<Runner> make_thread_runner(std::function<void()> on_snapshot) {
  return std::make_unique<ThreadRunner>(std::move(on_snapshot));
}

}  // namespace lstm
#endif
