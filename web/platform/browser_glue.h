// The few things the UI asks of its host: save a file, publish a share link, tell the page the
// app is ready. In the browser they go to index.html's JavaScript (browser_glue.cpp, EM_JS);
// natively to the file system and SDL's clipboard.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

// Browser: a download (Blob + a.download). Native: a file in the working directory.
// Returns what happened, for the UI ("downloaded weights.json" / "saved /path/weights.json"), or
// "" and sets *error.
std::string save_file(const std::string& name, const std::vector<uint8_t>& bytes,
                      const char* mime, std::string* error);

// Browser: index.html compresses the raw "v1.r..." link when that is shorter, pushes it into the
// address bar (history.pushState, so Back returns here) and tries the clipboard; it then reports
// the final URL through lstm_link_shown. Native: SDL clipboard, shown as is.
void publish_link(const std::string& raw_link);

// Browser: index.html makes an <iframe> snippet of this page opening the link (compressed when
// shorter), width in pixels or "100%", tries the clipboard and reports the snippet through
// lstm_embed_shown. Native: a snippet with a relative src on SDL's clipboard.
void publish_embed(const std::string& raw_link, const char* width, int height);

// Browser: index.html reads location.hash now (and on every hashchange) and opens it.
void notify_app_ready();
