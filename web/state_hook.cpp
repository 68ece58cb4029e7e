// Read-only JSON state for the page and its end-to-end tests. It reports; it never acts.
#include <string>

#include "app.h"

extern "C" const char* lstm_state_json() {
  static std::string json;
  json = current_app() ? current_app()->state_json() : "{}";
  return json.c_str();
}
