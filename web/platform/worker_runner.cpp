#ifdef __EMSCRIPTEN__
#include "worker_runner.h"

#include <emscripten.h>

#include <deque>
#include <map>
#include <string>

#include "wake.h"

// Module.lstmWorkers[id]: the Worker of run id. Its messages: {snapshot: ArrayBuffer} or
// {error: string}. A worker that fails to load reports through onerror.
EM_JS(int, js_workers_available, (), {
  if (typeof Worker !== 'function') return 0;
  return new URLSearchParams(location.search).get('worker') === '0' ? 0 : 1;
});
EM_JS(void, js_worker_start, (int id), {
  Module.lstmWorkers = Module.lstmWorkers || {};
  // Before the worker said {ready} it failed to start; after, it crashed.
  let ready = false;
  const fail = (why) => {
    const n = lengthBytesUTF8(why) + 1, p = _malloc(n);
    stringToUTF8(why, p, n);
    (ready ? _lstm_worker_crashed : _lstm_worker_failed)(id, p);
    _free(p);
  };
  // File names through index.html's lstmAssetUrl (hashed in the bundle); the worker learns its
  // module's names from the fragment of its own URL (run_worker.js).
  const asset = (name) => (window.lstmAssetUrl ? window.lstmAssetUrl(name) : name);
  const names = new URLSearchParams();
  for (const name of ['lstm-worker.js', 'lstm-worker.wasm']) names.set(name, asset(name));
  let w;
  try {
    w = new Worker(asset('run_worker.js') + '#' + names);
  } catch (e) {
    fail('no Web Worker: ' + e.message);
    return;
  }
  Module.lstmWorkers[id] = w;
  w.onmessage = (e) => {
    if (e.data.ready) { ready = true; return; }
    if (e.data.crashed) { fail(e.data.crashed); return; }
    if (e.data.error) { fail(e.data.error); return; }
    const bytes = new Uint8Array(e.data.snapshot);
    const p = _malloc(bytes.length);
    HEAPU8.set(bytes, p);
    _lstm_worker_snapshot(id, p, bytes.length);
    _free(p);
  };
  w.onerror = (e) => {
    e.preventDefault();
    fail(ready ? (e.message || 'an error without a message') : 'the Web Worker failed: ' + (e.message || 'it did not load'));
  };
});
EM_JS(void, js_worker_post, (int id, const uint8_t* data, int n), {
  const w = Module.lstmWorkers[id];
  if (!w) return;
  const bytes = HEAPU8.slice(data, data + n);
  w.postMessage(bytes.buffer, [bytes.buffer]);
});
EM_JS(void, js_worker_stop, (int id), {
  const w = Module.lstmWorkers[id];
  if (w) w.terminate();
  delete Module.lstmWorkers[id];
});

namespace {

class WorkerRunner;
std::map<int, WorkerRunner*>& live_runners() {
  static std::map<int, WorkerRunner*> m;
  return m;
}

class WorkerRunner final : public lstm::Runner {
 public:
  WorkerRunner() : id_(next_id()) {
    live_runners()[id_] = this;
    js_worker_start(id_);
  }
  ~WorkerRunner() override {
    live_runners().erase(id_);
    js_worker_stop(id_);
  }
  void send(const lstm::RunCommand& c) override {
    const std::vector<uint8_t> bytes = lstm::encode_command(c);
    js_worker_post(id_, bytes.data(), int(bytes.size()));
    sent_ = c.seq;
    if (c.kind == lstm::RunCommandKind::Start) training_ = true;
  }
  bool poll(lstm::RunSnapshot* out) override {
    if (queue_.empty()) return false;
    *out = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }
  bool busy() const override { return acked_ != sent_ || training_ || !queue_.empty(); }
  const char* kind() const override { return "worker"; }
  std::string failure() const override { return failure_; }
  std::string crash() const override { return crash_; }

  void receive(const uint8_t* data, size_t n) {
    lstm::RunSnapshot s;
    if (!lstm::decode_snapshot(data, n, &s)) {
      failure_ = "the Web Worker sent a damaged snapshot";
      return;
    }
    acked_ = s.acked;
    if (acked_ == sent_) training_ = s.phase == lstm::RunPhase::Training;  // else a Start may be on its way
    // Unread snapshots fold into one (a hidden page draws no frames to read them).
    if (!queue_.empty() && queue_.back().generation == s.generation) lstm::merge_snapshot(queue_.back(), std::move(s));
    else queue_.push_back(std::move(s));
  }
  void fail(const std::string& why) { failure_ = why; }
  void crashed(const std::string& why) { crash_ = why; }

 private:
  static int next_id() {
    static int id = 0;
    return ++id;
  }
  int id_;
  uint32_t sent_ = 0, acked_ = 0;  // RunCommand::seq sent last, and the last one a snapshot echoed
  bool training_ = false;
  std::deque<lstm::RunSnapshot> queue_;
  std::string failure_;
  std::string crash_;
};

}  // namespace

bool web_workers_available() { return js_workers_available() != 0; }

std::unique_ptr<lstm::Runner> make_worker_runner() { return std::make_unique<WorkerRunner>(); }

extern "C" {
EMSCRIPTEN_KEEPALIVE void lstm_worker_snapshot(int id, const uint8_t* data, int n) {
  auto it = live_runners().find(id);
  if (it != live_runners().end()) it->second->receive(data, size_t(n));
  wake_main_loop();
}
EMSCRIPTEN_KEEPALIVE void lstm_worker_failed(int id, const char* why) {
  auto it = live_runners().find(id);
  if (it != live_runners().end()) it->second->fail(why ? why : "the Web Worker failed");
  wake_main_loop();
}
EMSCRIPTEN_KEEPALIVE void lstm_worker_crashed(int id, const char* why) {
  auto it = live_runners().find(id);
  if (it != live_runners().end()) it->second->crashed(why ? why : "no reason given");
  wake_main_loop();
}
}
#endif
