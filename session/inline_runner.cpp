// The in-frame fallback runner: commands are handled at once, work happens in pump().
#include <deque>

#include "run_engine.h"
#include "runner.h"

namespace lstm {
namespace {

class InlineRunner final : public Runner {
 public:
  void send(const RunCommand& c) override {
    engine_.handle(c);
    publish();
  }
  bool poll(RunSnapshot* out) override {
    if (queue_.empty()) return false;
    *out = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }
  void pump(double seconds) override {
    if (engine_.busy()) engine_.work(seconds);
    publish();
  }
  bool busy() const override { return engine_.busy() || !queue_.empty(); }
  const char* kind() const override { return "in-frame"; }

 private:
  void publish() {
    if (engine_.snapshot_due()) queue_.push_back(engine_.snapshot());
  }
  RunEngine engine_;
  std::deque<RunSnapshot> queue_;
};

}  // namespace

std::unique_ptr<Runner> make_inline_runner() { return std::make_unique<InlineRunner>(); }

}  // namespace lstm
