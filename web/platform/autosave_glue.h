// Where a saved session lives (session/session_snapshot.h). Browser: the address bar (the share
// link, history.replaceState) and one IndexedDB key, written by web/platform/autosave.js, which
// reports back through App::autosave_result. Native: a file in the user's config folder
// ($XDG_CONFIG_HOME/lstm-playground/session.bin, else ~/.config/...), written whole then renamed.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

// url_link: the raw "v2.r..." link for the address bar, "" to clear it (too long for a URL).
// keep_url: leave the address bar as it is (it holds the link Copy link published for this very
// state, weights included).
void autosave_write(const std::string& url_link, const std::vector<uint8_t>& bytes, bool keep_url);
// Start fresh: forget the saved session (and the address bar's link).
void autosave_clear();
// Native: the saved file's bytes ("" and false when there is none; *error when it cannot be read).
bool autosave_read_native(std::vector<uint8_t>* bytes, std::string* error);
// Where saves go, for the UI ("this browser's storage", "/home/me/.config/lstm-playground/session.bin").
std::string autosave_location();
// Native: a "v2.z..." (deflate-raw) link inflated to "v2.r..."; "" and *error when it does not.
std::string inflate_link(const std::string& fragment, std::string* error);
