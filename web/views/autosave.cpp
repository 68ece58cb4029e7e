// Autosave and restore (issue 12): the session is saved 1 s after each change (every 3 s at most
// while a run trains) as a saved session (session/session_snapshot.h) plus the share link for the
// address bar, through autosave_glue.h (the browser's IndexedDB and history.replaceState, or a
// file in the user's config folder). The page restores it on load unless the address bar holds
// another link, which wins. The Session menu: where saves go, Start fresh, open a link.
#include "app.h"
#include "autosave_glue.h"
#include "browser_glue.h"
#include "clock.h"
#include "imgui.h"
#include "out_of_memory.h"
#include "session_snapshot.h"
#include "share_link.h"
#include "ui_widgets.h"

#ifndef __EMSCRIPTEN__
#include <chrono>
#include <thread>
#endif

namespace {
constexpr double kQuietSeconds = 1.0;   // save this long after the last change...
constexpr double kMaxDelaySeconds = 3.0;  // ...or this long after the first unsaved one
constexpr double kQuitWaitSeconds = 2.0;  // on quit, wait at most this long for runs to pause
// Longer links stay out of the address bar (servers and browsers cut URLs near 32-64 KB); the
// saved session still holds everything.
constexpr size_t kMaxUrlLinkChars = 32 * 1024;
}  // namespace

void App::adopt_view(const lstm::ShareState& s) {
  data_.tool = DrawTool::Off;
  const lstm::DataOrigin& o = session_.origin();
  data_.length = o.length, data_.noise = o.noise, data_.seed = o.seed, data_.k = o.k;
  SeriesPanelState& sv = series_view_;
  sv.view = s.view;
  const bool has_view = s.view.x_min != s.view.x_max && s.view.y_min != s.view.y_max;
  sv.view_pending = has_view;
  sv.fit_pending = !has_view;
  loss_.log = s.view.log_loss;
  hidden_panels_ = s.hidden_panels;
  if (data_.draw_column >= series_.width()) data_.draw_column = 0;
}

std::string App::restore_session(const std::vector<uint8_t>& bytes) {
  lstm::SavedSession saved;
  std::string err = lstm::decode_saved_session(bytes.data(), bytes.size(), &saved);
  if (err.empty()) err = session_.restore(saved);
  if (!err.empty()) return err;
  adopt_view(saved.share);
  autosave_.restored = true;
  error_.clear();
  notice_ = "Restored your last session (saved in " + autosave_location() + ").";
  return "";
}

void App::autosave_begin(const std::vector<uint8_t>& saved) {
  if (!saved.empty()) {
    const std::string err = restore_session(saved);
    if (!err.empty()) {
      autosave_.restore_error = err;
      error_ = err + " The playground starts with the defaults; your next change saves over it.";
    }
  }
  autosave_.ready = true;
  autosave_.seen = session_.change_count();  // what was restored is saved already
  autosave_.opened_seen = share_.opened;
  autosave_.pending = false;
}

void App::autosave_unreadable(size_t bytes) {
  // No saves this visit: the next change would write over the session the page could not read.
  autosave_.restore_error = "Your saved session (" + std::to_string((bytes + 1023) / 1024) +
                            " KB) could not be read back: the browser gave the page no more memory. "
                            "It is kept; reload the page to restore it.";
  error_ = autosave_.restore_error;
  autosave_.error = "Not saving: " + autosave_.restore_error;
  autosave_.ready = false;
}

void App::start_native(const std::string& link_arg) {
  if (!link_arg.empty()) {
    autosave_begin({});
    if (!open_link_text(link_arg)) link_failed("The argument is not a playground link (it has no \"#v3.\" fragment)");
    return;
  }
  std::vector<uint8_t> bytes;
  std::string err;
  autosave_read_native(&bytes, &err);
  autosave_begin(bytes);
  if (!err.empty()) error_ = err;
}

bool App::open_link_text(const std::string& text) {
  // A whole URL, a "#v3..." fragment or the fragment alone.
  const size_t hash = text.find('#');
  std::string frag = hash == std::string::npos ? text : text.substr(hash + 1);
  const size_t a = frag.find_first_not_of(" \t\r\n"), b = frag.find_last_not_of(" \t\r\n");
  frag = a == std::string::npos ? "" : frag.substr(a, b - a + 1);
  size_t i = 1;  // "v<digits>.r" or "v<digits>.z"
  while (i < frag.size() && frag[i] >= '0' && frag[i] <= '9') ++i;
  if (frag.empty() || frag[0] != 'v' || i == 1 || i + 1 >= frag.size() || frag[i] != '.' ||
      (frag[i + 1] != 'r' && frag[i + 1] != 'z'))
    return false;
  if (lstm::link_is_compressed(frag)) {
    std::string err;
    frag = inflate_link(frag, &err);
    if (frag.empty()) {
      link_failed(err);
      return true;
    }
  }
  open_link(frag);
  return true;
}

void App::autosave_result(const std::string& error) {
  if (autosave_.results < autosave_.saves) ++autosave_.results;  // a load-time report answers no save
  autosave_.error = error;
  if (error.empty()) autosave_.saved_at = lstm::now_seconds();
}

void App::autosave_tick() {
  AutosaveState& a = autosave_;
  if (!a.ready) return;
  const double now = lstm::now_seconds();
  const uint64_t changes = session_.change_count();
  if (share_.opened != a.opened_seen) {
    // A link opened (address bar, Back/Forward, paste) is no edit: the saved session stays as
    // it was until the next change.
    a.opened_seen = share_.opened;
    a.seen = changes;
    a.pending = false;
    return;
  }
  if (changes != a.seen) {
    a.seen = changes;
    a.changed_at = now;
    if (!a.pending) a.pending_since = now;
    a.pending = true;
  }
  if (!a.pending || (now - a.changed_at < kQuietSeconds && now - a.pending_since < kMaxDelaySeconds)) return;
  autosave_now();
}

#ifndef __EMSCRIPTEN__
void App::save_before_quit() {
  AutosaveState& a = autosave_;
  if (!a.ready) return;
  if (session_.any_training()) {
    // Pause lands within one batch; the paused runs publish their state (weights, optimizer,
    // position in the epoch), so the next start resumes from here rather than from the last
    // checkpoint, which can be 2 s old.
    session_.pause_all();
    const double until = lstm::now_seconds() + kQuitWaitSeconds;
    while ((session_.any_training() || session_.busy()) && lstm::now_seconds() < until) {
      session_.update(0.0);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  autosave_flush();
}
#endif

void App::autosave_flush() {
  const AutosaveState& a = autosave_;
  if (a.ready && share_.opened == a.opened_seen && (session_.change_count() != a.seen || a.pending)) autosave_now();
}

void App::autosave_now() {
  AutosaveState& a = autosave_;
  a.seen = session_.change_count();
  a.pending = false;
  // A save copies the whole session: with the heap at the browser's limit (a CSV that only just
  // loaded) that copy is refused, not the page (out_of_memory.h). The next change saves again.
  if (!catching_out_of_memory([&] { write_saved_session(); }))
    a.error = "Not saved: the playground ran out of memory copying the session. Use a shorter "
              "series; the next change tries again.";
}

void App::write_saved_session() {
  AutosaveState& a = autosave_;
  const uint64_t changes = a.seen;

  lstm::SavedSession saved = session_.save();
  const SeriesPanelState& sv = series_view_;
  lstm::ViewState& view = saved.share.view;
  view.x_min = sv.axes.x0, view.x_max = sv.axes.x1, view.y_min = sv.axes.y0, view.y_max = sv.axes.y1;
  view.log_loss = loss_.log;
  saved.share.hidden_panels = hidden_panels_;
  const std::vector<uint8_t> bytes = lstm::encode_saved_session(saved);
  // The address bar: the share link without weights (the saved session holds those).
  std::string link = lstm::encode_link(saved.share);
  a.url_note.clear();
  if (link.size() > kMaxUrlLinkChars) {
    a.url_note = "The data makes the link " + std::to_string(link.size() / 1024) +
                 " KB, too long for the address bar: it is saved in " + autosave_location() +
                 " only. Share > Copy link still makes a link.";
    link.clear();
  }
  a.bytes = bytes.size();
  ++a.saves;
  // Copy link published this very state (weights and all): the address bar keeps that link.
  autosave_write(link, bytes, a.published == changes);
}

void App::start_fresh() {
  autosave_clear();
  session_ = lstm::Session(make_runner_);
  hidden_panels_ = 0;
  share_.hide = 0;
  share_.link.clear();
  share_.error.clear();
  data_.csv_text.clear();
  data_.csv_cut_bytes = 0;
  data_.csv_error.clear();
  data_.csv_messages.clear();
  data_.draw_column = 0;
  load_defaults();
  error_.clear();
  notice_ = "Started fresh: the saved session and the address bar's link are cleared.";
  autosave_.seen = session_.change_count();
  autosave_.pending = false;
  autosave_.restored = false;
  autosave_.error.clear();
  autosave_.url_note.clear();
}

void App::draw_session_menu() {
#ifndef __EMSCRIPTEN__
  // Natively Ctrl+V with a link on the clipboard opens it (the page has its paste event).
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_V), false))
    if (const char* clip = ImGui::GetClipboardText()) open_link_text(clip);
#endif
  const bool problem = !autosave_.error.empty();
  if (problem) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.45f, 0.45f, 1.f));
  const bool open = ImGui::BeginMenu(problem ? "Session: not saved###session" : "Session###session");
  if (problem) ImGui::PopStyleColor();
  if (problem && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", autosave_.error.c_str());
  mark("menu_session");
  if (!open) return;
  ImGui::TextDisabled("Every change is saved in %s;", autosave_location().c_str());
  ImGui::TextDisabled("a reload brings back the data, the runs and their training, paused.");
#ifdef __EMSCRIPTEN__
  ImGui::TextDisabled("The address bar follows the setup (without weights): bookmark it.");
#endif
  if (problem) ui::error_text(autosave_.error);
  else if (autosave_.saves > 0 && autosave_.results == autosave_.saves)
    ImGui::Text("Saved (%zu KB).", (autosave_.bytes + 1023) / 1024);
  if (!autosave_.url_note.empty()) ImGui::TextWrapped("%s", autosave_.url_note.c_str());
  ImGui::Spacing();
  if (ImGui::Button("Start fresh")) {
    start_fresh();
    ImGui::CloseCurrentPopup();
  }
  mark("start_fresh");
  ui::tip("Forget the saved session and the address bar's link; back to the first-visit defaults.");
  ImGui::Separator();
  ImGui::Text("Open a link (paste it here or Ctrl+V on the page):");
  std::vector<char>& buf = autosave_.link_buffer;  // long links arrive by paste on the page
  if (buf.size() < 4096) buf.assign(4096, '\0');
  ImGui::SetNextItemWidth(360);
  ImGui::InputText("##open_link", buf.data(), buf.size());
  mark("open_link_field");
  ImGui::SameLine();
  if (ImGui::Button("Open")) {
    if (!open_link_text(buf.data())) link_failed("That is not a playground link (no \"#v3.\" part)");
    buf.assign(buf.size(), '\0');
  }
  mark("open_link");
  ImGui::EndMenu();
}
