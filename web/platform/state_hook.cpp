// The page's entry points. lstm_state_json: read-only JSON state for the page and its
// end-to-end tests; it reports, it never acts. lstm_receive_csv: the text of a file the user
// picked (or pasted) in the page, handed to the Data panel like a paste (a JSON object is
// imported as weights). lstm_open_link / lstm_link_failed / lstm_link_shown /
// lstm_embed_shown: share links and the embed snippet.
// Those that act wake the main loop, which sleeps while nothing changes (main_loop.h).
// Text arrives as (data, n) in the wasm heap, copied there by page_text.js (Module.lstmPassText):
// ccall's 'string' argument goes on the 5 MB stack, which a 1.4 MB CSV overflowed. data is null
// when the page did not copy the n bytes: over kMaxTextBytes, or no memory left for them.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#define EMSCRIPTEN_KEEPALIVE  // natively the native smoke test and tools call them directly
#endif

#include <string>

#include "app.h"
#include "csv.h"
#include "out_of_memory.h"
#include "share_link.h"
#include "wake.h"

namespace {
std::string text_of(const char* data, size_t n) { return data ? std::string(data, n) : std::string(); }

// Why the page could not hand over n bytes of `what`, when data is null.
std::string not_copied(size_t n, const std::string& what) {
  std::string why = lstm::check_text_size(n, what);
  if (why.empty())
    why = "The playground ran out of memory while taking in " + what + " (" +
          std::to_string(n >> 20) + " MB): nothing was loaded. Reload the page to free memory.";
  return why;
}
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE size_t lstm_max_text_bytes() { return lstm::kMaxTextBytes; }

extern "C" const char* lstm_state_json() {
  static std::string json;
  json = current_app() ? current_app()->state_json() : "{}";
  return json.c_str();
}

// A share link from the address bar ("v2.r..." after the page inflated a "v2.z" one), or why the
// page could not read it; and the final URL of a link the app published.
extern "C" void lstm_open_link(const char* fragment, size_t n) {
  if (App* app = current_app()) {
    if (!fragment && n > lstm::kMaxLinkChars) app->link_failed(lstm::check_link_size(n));
    else if (!fragment) app->link_failed(not_copied(n, "the link"));
    else if (!catching_out_of_memory([&] { app->open_link(text_of(fragment, n)); }))
      app->link_failed("The playground ran out of memory opening the link");
  }
  wake_main_loop();
}
extern "C" void lstm_link_failed(const char* message, size_t n) {
  if (current_app() && message) current_app()->link_failed(text_of(message, n));
  wake_main_loop();
}
extern "C" void lstm_link_shown(const char* url, size_t n) {
  if (current_app() && url) current_app()->link_shown(text_of(url, n));
  wake_main_loop();
}

extern "C" void lstm_embed_shown(const char* snippet, size_t n) {
  if (current_app() && snippet) current_app()->embed_shown(text_of(snippet, n));
  wake_main_loop();
}

extern "C" void lstm_receive_csv(const char* text, size_t n, const char* source) {
  const std::string name = source && *source ? source : "the file";
  if (App* app = current_app()) {
    if (!text) app->csv_refused(not_copied(n, name));
    else if (!catching_out_of_memory([&] { app->receive_csv(text_of(text, n), name); }))
      app->csv_refused("The playground ran out of memory loading " + name + ": keep fewer rows or columns.");
  }
  wake_main_loop();
}
