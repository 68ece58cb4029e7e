// The Session menu's state: autosave (web/views/autosave.cpp) and the link field.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct AutosaveState {
  bool ready = false;           // the saved session was read (and restored or not): saves may go
  uint64_t seen = 0;            // Session::change_count() last looked at
  int opened_seen = 0;          // SharePanelState::opened last looked at: a link opened is no edit
  uint64_t published = ~0ull;   // Session::change_count() when Copy link last published a link
  bool pending = false;         // a change not yet saved
  double changed_at = 0, pending_since = 0, saved_at = -1;
  int saves = 0, results = 0;   // writes asked for; answers received
  bool restored = false;        // this page came back from a saved session
  size_t bytes = 0;             // size of the last save
  std::string error;            // why the last save failed ("" = saved), shown in the status bar
  std::string url_note;         // why the address bar holds no link
  std::string restore_error;    // why the saved session could not be restored
  std::vector<char> link_buffer;  // Session > Open a link: the field's edit buffer
};
