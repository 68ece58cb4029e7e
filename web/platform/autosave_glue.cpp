#include "autosave_glue.h"

#include "app.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "wake.h"

// web/platform/autosave.js (linked with --post-js) defines Module.lstmAutosave.
EM_JS(void, js_autosave_write, (const char* link, const uint8_t* data, int n, int keep_url), {
  Module.lstmAutosave.save(UTF8ToString(link), HEAPU8.slice(data, data + n), keep_url !== 0);
});
EM_JS(void, js_autosave_clear, (), { Module.lstmAutosave.clear(); });

void autosave_write(const std::string& url_link, const std::vector<uint8_t>& bytes, bool keep_url) {
  js_autosave_write(url_link.c_str(), bytes.data(), int(bytes.size()), keep_url ? 1 : 0);
}
void autosave_clear() { js_autosave_clear(); }
bool autosave_read_native(std::vector<uint8_t>*, std::string*) { return false; }
std::string autosave_location() { return "this browser's storage (IndexedDB)"; }
std::string inflate_link(const std::string&, std::string* error) {
  *error = "compressed links are inflated by the page";
  return "";
}

// The page's answers: the saved session to restore (n = 0: none), and how each save went.
// data is null with n > 0 when the page had no memory to copy the n bytes in.
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_autosave_begin(const uint8_t* data, size_t n) {
  if (App* app = current_app()) {
    if (!data && n) app->autosave_unreadable(n);
    else app->autosave_begin(data && n ? std::vector<uint8_t>(data, data + n) : std::vector<uint8_t>());
  }
  wake_main_loop();
}
// The tab goes hidden (another tab, the phone's home screen, a reload): a browser may discard a
// hidden tab without warning, so what is unsaved is saved now rather than after the quiet second.
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_autosave_flush() {
  if (App* app = current_app()) app->autosave_flush();
}
extern "C" EMSCRIPTEN_KEEPALIVE void lstm_autosave_result(const char* message, size_t n) {
  // message null with n > 0: the page had no memory to pass the message.
  if (App* app = current_app())
    app->autosave_result(message ? std::string(message, n)
                         : n ? "Not saved: the playground is out of memory." : std::string());
  wake_main_loop();
}

#else
#include <sys/stat.h>
#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "share_link.h"

namespace {
std::string config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/lstm-playground";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.config/lstm-playground";
}
std::string session_path() { return config_dir() + "/session.bin"; }

// mkdir -p for the config folder.
bool make_dirs(const std::string& path) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') continue;
    const std::string part = path.substr(0, i);
    if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  return true;
}
}  // namespace

void autosave_write(const std::string&, const std::vector<uint8_t>& bytes, bool) {
  App* app = current_app();
  const std::string path = session_path(), tmp = path + ".tmp";
  std::string error;
  if (!make_dirs(config_dir())) {
    error = "Cannot create " + config_dir() + " (" + std::strerror(errno) + "): the session is not saved.";
  } else if (FILE* f = std::fopen(tmp.c_str(), "wb")) {
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const bool closed = std::fclose(f) == 0;
    if (!written || !closed || std::rename(tmp.c_str(), path.c_str()) != 0) {
      error = "Cannot write " + path + " (" + std::strerror(errno) + ", the disk may be full): the session is not saved.";
      std::remove(tmp.c_str());
    }
  } else {
    error = "Cannot write " + tmp + " (" + std::strerror(errno) + "): the session is not saved.";
  }
  if (app) app->autosave_result(error);
}

void autosave_clear() { std::remove(session_path().c_str()); }

bool autosave_read_native(std::vector<uint8_t>* bytes, std::string* error) {
  const std::string path = session_path();
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno != ENOENT) *error = "Cannot read " + path + " (" + std::strerror(errno) + ").";
    return false;
  }
  uint8_t buf[65536];
  size_t k;
  bytes->clear();
  while ((k = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->insert(bytes->end(), buf, buf + k);
  std::fclose(f);
  return true;
}

std::string autosave_location() { return session_path(); }

std::string inflate_link(const std::string& fragment, std::string* error) {
  const size_t dot = fragment.find('.');
  std::vector<uint8_t> packed;
  if (dot == std::string::npos || dot + 1 >= fragment.size() ||
      !lstm::base64url_decode(std::string_view(fragment).substr(dot + 2), &packed)) {
    *error = "The link is corrupted: a character outside base64url.";
    return "";
  }
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) {
    *error = "The link cannot be inflated here.";
    return "";
  }
  std::vector<uint8_t> out(lstm::kMaxLinkChars + 1);
  z.next_in = packed.data();
  z.avail_in = uInt(packed.size());
  z.next_out = out.data();
  z.avail_out = uInt(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const size_t n = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    *error = n > lstm::kMaxLinkChars ? "The link is oversized: it inflates past 1 MB."
                                     : "The link is corrupted: its compressed data does not inflate.";
    return "";
  }
  return fragment.substr(0, dot) + ".r" + lstm::base64url_encode(out.data(), n);
}
#endif
