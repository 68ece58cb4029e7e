// Data panel: presets (length, noise), drawing tools, CSV paste / file picker. The series and its
// history live in the session; this panel keeps only its widgets' state (DataPanelState).
#include <algorithm>
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "presets.h"
#include "script_fonts.h"
#include "ui_widgets.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

void App::draw_data_panel() {
  ui::section("Data");
  const auto& all = lstm::presets();
  const int preset = session_.origin().preset;
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", all[preset].name, ImGuiComboFlags_HeightLargest)) {
    for (int i = 0; i < int(all.size()); ++i) {
      if (ImGui::Selectable(all[i].name, i == preset)) {
        session_.load_preset(i, true);
        data_.length = session_.origin().length;
        data_.noise = session_.origin().noise;
        data_.k = session_.origin().k;
        series_loaded();
      }
      mark((std::string("preset_") + all[i].id).c_str());
    }
    ImGui::EndCombo();
  }
  mark("preset");
  ui::tip("Built-in series; picking one also applies the window setup it was made for.");
  ImGui::TextDisabled("%s", all[preset].description);
  ImGui::PushItemWidth(150);
  bool regen = ImGui::SliderInt("length", &data_.length, 10, 100000, "%d", ImGuiSliderFlags_Logarithmic);
  mark("length");
  ui::tip("Number of time steps generated (Keras: the length of the array passed to fit).");
  regen |= ImGui::SliderFloat("noise", &data_.noise, 0.f, 1.f, "%.2f");
  ui::tip("Std of Gaussian noise added, in units of the preset's amplitude (no Keras equivalent).");
  regen |= ImGui::InputInt("data seed", &data_.seed);
  ui::tip("Seed of the noise and random-walk generator (numpy.random.seed in the tutorials).");
  if (all[preset].default_k > 0) {
    regen |= ImGui::SliderInt("k (gap)", &data_.k, 1, all[preset].max_k, "%d", ImGuiSliderFlags_Logarithmic);
    mark("memory_k");
    ui::tip("How many steps lie between what must be remembered and the answer. look_back follows it.\n"
            "A SimpleRNN's gradient fades over these steps; an LSTM's cell state carries it.");
  }
  ImGui::PopItemWidth();
  if (regen) {
    session_.regenerate_preset(data_.length, data_.noise, data_.seed, data_.k);
    series_loaded();
  }
  ImGui::Text("%s", session_.origin().label.c_str());
  ImGui::TextDisabled("%d rows x %d column%s", series_.length(), series_.width(),
                      series_.width() == 1 ? "" : "s");

  ui::section("Draw");
  int tool = int(data_.tool);
  ImGui::RadioButton("off", &tool, int(DrawTool::Off));
  mark("tool_off");
  ui::tip("Mouse pans and zooms the series plot.");
  ImGui::SameLine();
  ImGui::RadioButton("pen", &tool, int(DrawTool::Pen));
  mark("tool_pen");
  ui::tip("Drag on the series plot to draw values; drawing past the end extends the series (right-drag pans).");
  ImGui::SameLine();
  ImGui::RadioButton("eraser", &tool, int(DrawTool::Eraser));
  mark("tool_eraser");
  ui::tip("Drag over rows to erase them: at the end the series is cut, inside it is bridged by a line.");
  data_.tool = DrawTool(tool);
  if (series_.width() > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    const int col = std::min(data_.draw_column, series_.width() - 1);
    if (ImGui::BeginCombo("##drawcol", series_.names[col].c_str())) {
      for (int c = 0; c < series_.width(); ++c)
        if (ImGui::Selectable(series_.names[c].c_str(), c == data_.draw_column)) data_.draw_column = c;
      ImGui::EndCombo();
    }
    ui::tip("The column the pen draws into.");
  }
  ImGui::BeginDisabled(session_.undo_depth() == 0);
  if (ImGui::Button("Undo") && session_.undo()) config_changed();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(session_.redo_depth() == 0);
  if (ImGui::Button("Redo") && session_.redo()) config_changed();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    session_.clear_series();
    config_changed();
    data_.tool = DrawTool::Pen;
  }
  mark("clear");
  ui::tip("Start from an empty series and draw one (Undo brings the old one back).");
  draw_csv_section();
}

void App::receive_csv(const std::string& text, const std::string& source) {
  // The file picker and paste also bring weights: a JSON object is never a CSV.
  const size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && text[first] == '{') {
    import_weights_text(text, source);
    return;
  }
  data_.csv_text = text.size() > kCsvBoxBytes ? text.substr(0, kCsvBoxBytes) : text;
  data_.csv_cut_bytes = text.size() > kCsvBoxBytes ? text.size() : 0;
  note_user_text(data_.csv_text);
  note_user_text(source);
  const lstm::CsvLoad r = session_.load_csv(text, source);
  data_.csv_messages = r.messages;
  data_.csv_error = r.error;
  if (r.error.empty()) series_loaded();
}

void App::csv_refused(const std::string& why) {
  data_.csv_messages.clear();
  data_.csv_error = why;
}

void App::draw_csv_section() {
  ui::section("CSV");
  ImGui::TextDisabled("Paste (Ctrl+V) below or open a file; header and separator are detected.");
  std::vector<char>& buf = data_.csv_buffer;
  if (buf.size() < data_.csv_text.size() + 4096) buf.resize(data_.csv_text.size() + 4096);
  std::copy(data_.csv_text.begin(), data_.csv_text.end(), buf.begin());
  buf[data_.csv_text.size()] = 0;
  if (ImGui::InputTextMultiline("##csv", buf.data(), buf.size(), ImVec2(-1, 70))) {
    data_.csv_text = buf.data();
    data_.csv_cut_bytes = 0;  // edited: the text is the user's now, loaded as it reads
    note_user_text(data_.csv_text);
  }
  mark("csv_text");
  if (data_.csv_cut_bytes) {
    // Loading the box would load a cut copy of what is loaded already.
    ImGui::TextDisabled("The box shows the first %zu KB of %.1f MB; all of it is loaded.",
                        kCsvBoxBytes / 1000, double(data_.csv_cut_bytes) / 1e6);
    mark("csv_cut_note");
  }
  ImGui::BeginDisabled(data_.csv_cut_bytes != 0);
  if (ImGui::Button("Load pasted CSV")) receive_csv(data_.csv_text, "pasted text");
  ImGui::EndDisabled();
  mark("csv_load");
  ui::tip(data_.csv_cut_bytes ? "The box holds only the start of the text loaded: edit it to load it as it reads."
                              : "Parses the text above (Keras: the numpy array you would pass to fit).");
  ImGui::SameLine();
#ifdef __EMSCRIPTEN__
  if (ImGui::Button("Open file...")) {
    // The browser's file picker; index.html hands the file's text to lstm_receive_csv.
    EM_ASM({ document.getElementById('csv-file').click(); });
  }
  mark("csv_open");
  ui::tip("Pick a .csv / .tsv / .txt file from your computer (it stays in the browser).");
#else
  ImGui::SetNextItemWidth(-60);
  ImGui::InputTextWithHint("##path", "path/to/file.csv", data_.path, sizeof data_.path);
  ImGui::SameLine();
  if (ImGui::Button("Open")) {
    std::string text;
    if (FILE* f = std::fopen(data_.path, "rb")) {
      char chunk[65536];
      size_t n;
      while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
      std::fclose(f);
      receive_csv(text, data_.path);
    } else {
      data_.csv_error = std::string("Cannot open '") + data_.path + "': check the path.";
    }
  }
#endif
  ui::error_text(data_.csv_error);
  for (const std::string& m : data_.csv_messages) ui::note_text(m);
  if (const std::string fonts = font_failure_note(); !fonts.empty()) ui::note_text(fonts);
}
