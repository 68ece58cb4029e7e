// The page's entry points. lstm_state_json: read-only JSON state for the page and its
// end-to-end tests; it reports, it never acts. lstm_receive_csv: the text of a file the user
// picked (or pasted) in the page, handed to the Data panel like a paste (a JSON object is
// imported as weights). lstm_open_link / lstm_link_failed / lstm_link_shown: share links.
// Those that act wake the main loop, which sleeps while nothing changes (main_loop.h).
#include <string>

#include "app.h"
#include "wake.h"

extern "C" const char* lstm_state_json() {
  static std::string json;
  json = current_app() ? current_app()->state_json() : "{}";
  return json.c_str();
}

// A share link from the address bar ("v2.r..." after the page inflated a "v2.z" one), or why the
// page could not read it; and the final URL of a link the app published.
extern "C" void lstm_open_link(const char* fragment) {
  if (current_app() && fragment) current_app()->open_link(fragment);
  wake_main_loop();
}
extern "C" void lstm_link_failed(const char* message) {
  if (current_app() && message) current_app()->link_failed(message);
  wake_main_loop();
}
extern "C" void lstm_link_shown(const char* url) {
  if (current_app() && url) current_app()->link_shown(url);
  wake_main_loop();
}

extern "C" void lstm_receive_csv(const char* text, const char* source) {
  if (current_app() && text) current_app()->receive_csv(text, source ? source : "file");
  wake_main_loop();
}
