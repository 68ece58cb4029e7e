#include "browser_glue.h"

#include <cstdio>

#include "app.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// index.html defines window.lstmDownload / lstmPublishLink / lstmAppReady.
EM_JS(void, js_download, (const char* name, const uint8_t* data, int n, const char* mime), {
  window.lstmDownload(UTF8ToString(name), HEAPU8.slice(data, data + n), UTF8ToString(mime));
});
EM_JS(void, js_publish_link, (const char* raw), { window.lstmPublishLink(UTF8ToString(raw)); });
EM_JS(void, js_publish_embed, (const char* raw, const char* width, int height), {
  window.lstmPublishEmbed(UTF8ToString(raw), UTF8ToString(width), height);
});
EM_JS(void, js_app_ready, (), { if (window.lstmAppReady) window.lstmAppReady(); });

std::string save_file(const std::string& name, const std::vector<uint8_t>& bytes, const char* mime,
                      std::string*) {
  js_download(name.c_str(), bytes.data(), int(bytes.size()), mime);
  return "downloaded " + name;
}

void publish_link(const std::string& raw_link) { js_publish_link(raw_link.c_str()); }

void publish_embed(const std::string& raw_link, const char* width, int height) {
  js_publish_embed(raw_link.c_str(), width, height);
}

void notify_app_ready() { js_app_ready(); }

#else
#include <SDL.h>
#include <unistd.h>

std::string save_file(const std::string& name, const std::vector<uint8_t>& bytes, const char*,
                      std::string* error) {
  FILE* f = std::fopen(name.c_str(), "wb");
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    if (f) std::fclose(f);
    *error = "Cannot write " + name + " in the working directory: check its permissions.";
    return "";
  }
  std::fclose(f);
  char cwd[4096];
  return "saved " + (getcwd(cwd, sizeof cwd) ? std::string(cwd) + "/" : std::string()) + name;
}

void publish_link(const std::string& raw_link) {
  SDL_SetClipboardText(("#" + raw_link).c_str());
  if (App* app = current_app()) app->link_shown("#" + raw_link);
}

void publish_embed(const std::string& raw_link, const char* width, int height) {
  const std::string snippet = "<iframe src=\"index.html#" + raw_link + "\" width=\"" + width +
                              "\" height=\"" + std::to_string(height) +
                              "\" style=\"border:0;max-width:100%\" allow=\"clipboard-write\" "
                              "title=\"LSTM Playground\"></iframe>";
  SDL_SetClipboardText(snippet.c_str());
  if (App* app = current_app()) app->embed_shown(snippet);
}

void notify_app_ready() {}
#endif
