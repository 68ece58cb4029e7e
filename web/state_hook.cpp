// The page's two entry points. lstm_state_json: read-only JSON state for the page and its
// end-to-end tests; it reports, it never acts. lstm_receive_csv: the text of a file the user
// picked (or pasted) in the page, handed to the Data panel like a paste.
#include <string>

#include "app.h"

extern "C" const char* lstm_state_json() {
  static std::string json;
  json = current_app() ? current_app()->state_json() : "{}";
  return json.c_str();
}

extern "C" void lstm_receive_csv(const char* text, const char* source) {
  if (current_app() && text) current_app()->receive_csv(text, source ? source : "file");
}
