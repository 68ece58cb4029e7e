// Data panel: presets (length, noise), drawing tools, CSV paste / file picker.
#include <algorithm>
#include <cstdio>

#include "app.h"
#include "csv.h"
#include "imgui.h"
#include "presets.h"
#include "ui_widgets.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

void App::load_preset(int index, bool apply_suggested) {
  const auto& all = lstm::presets();
  if (index < 0 || index >= int(all.size())) return;
  if (!series_.empty()) push_undo();
  if (index != preset_ || apply_suggested) {
    if (apply_suggested) {
      length_ = all[index].default_length;
      noise_ = all[index].default_noise;
      cfg_.data = all[index].suggested;
    }
  }
  preset_ = index;
  series_ = lstm::make_preset(index, length_, noise_, uint64_t(data_seed_));
  series_label_ = std::string("preset: ") + all[index].name;
  tool_ = DrawTool::Off;
  fit_series_ = true;
  series_changed();
  preset_untouched_ = true;
}

void App::draw_data_panel() {
  ui::section("Data");
  const auto& all = lstm::presets();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##preset", all[preset_].name)) {
    for (int i = 0; i < int(all.size()); ++i)
      if (ImGui::Selectable(all[i].name, i == preset_)) load_preset(i, true);
    ImGui::EndCombo();
  }
  mark("preset");
  ui::tip("Built-in series; picking one also applies the window setup it was made for.");
  ImGui::TextDisabled("%s", all[preset_].description);
  ImGui::PushItemWidth(150);
  bool regen = ImGui::SliderInt("length", &length_, 10, 10000, "%d", ImGuiSliderFlags_Logarithmic);
  mark("length");
  ui::tip("Number of time steps generated (Keras: the length of the array passed to fit).");
  regen |= ImGui::SliderFloat("noise", &noise_, 0.f, 1.f, "%.2f");
  ui::tip("Std of Gaussian noise added, in units of the preset's amplitude (no Keras equivalent).");
  regen |= ImGui::InputInt("data seed", &data_seed_);
  ui::tip("Seed of the noise and random-walk generator (numpy.random.seed in the tutorials).");
  ImGui::PopItemWidth();
  if (regen) load_preset(preset_, false);
  ImGui::Text("%s", series_label_.c_str());
  ImGui::TextDisabled("%d rows x %d column%s", series_.length(), series_.width(),
                      series_.width() == 1 ? "" : "s");

  ui::section("Draw");
  int tool = int(tool_);
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
  tool_ = DrawTool(tool);
  if (series_.width() > 1) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##drawcol", series_.names[std::min(draw_column_, series_.width() - 1)].c_str())) {
      for (int c = 0; c < series_.width(); ++c)
        if (ImGui::Selectable(series_.names[c].c_str(), c == draw_column_)) draw_column_ = c;
      ImGui::EndCombo();
    }
    ui::tip("The column the pen draws into.");
  }
  ImGui::BeginDisabled(undo_.empty());
  if (ImGui::Button("Undo")) step_history(undo_, redo_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(redo_.empty());
  if (ImGui::Button("Redo")) step_history(redo_, undo_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Clear")) {
    push_undo();
    series_ = lstm::Series{};
    series_.add("drawn", {});
    series_label_ = "drawn with the mouse";
    cfg_.data = lstm::data_config(lstm::WindowSetup::Univariate, cfg_.data.look_back, {0}, {0}, 1,
                                  cfg_.data.val_split, cfg_.data.scaling);
    tool_ = DrawTool::Pen;
    preset_untouched_ = false;
    series_changed();
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
  csv_text_ = text.size() > 200000 ? text.substr(0, 200000) : text;
  lstm::CsvResult r = lstm::parse_csv(text);
  csv_messages_ = r.messages;
  csv_error_ = r.error;
  if (!r.ok()) return;
  push_undo();
  series_ = std::move(r.series);
  series_label_ = "CSV: " + source;
  preset_untouched_ = false;
  tool_ = DrawTool::Off;
  fit_series_ = true;
  // Univariate on the first column until the user picks columns in the Setup panel.
  const std::vector<int> cols = value_columns(series_);
  cfg_.data = lstm::data_config(lstm::WindowSetup::Univariate,
                                std::min(cfg_.data.look_back, std::max(1, series_.length() / 4)),
                                {cols[0]}, {cols[0]}, 1, cfg_.data.val_split, cfg_.data.scaling);
  series_changed();
}

void App::draw_csv_section() {
  ui::section("CSV");
  ImGui::TextDisabled("Paste (Ctrl+V) below or open a file; header and separator are detected.");
  static std::vector<char> buf;
  if (buf.size() < csv_text_.size() + 4096) buf.resize(csv_text_.size() + 4096);
  std::copy(csv_text_.begin(), csv_text_.end(), buf.begin());
  buf[csv_text_.size()] = 0;
  if (ImGui::InputTextMultiline("##csv", buf.data(), buf.size(), ImVec2(-1, 70)))
    csv_text_ = buf.data();
  mark("csv_text");
  if (ImGui::Button("Load pasted CSV")) receive_csv(csv_text_, "pasted text");
  mark("csv_load");
  ui::tip("Parses the text above (Keras: the numpy array you would pass to fit).");
  ImGui::SameLine();
#ifdef __EMSCRIPTEN__
  if (ImGui::Button("Open file...")) {
    // The browser's file picker; index.html hands the file's text to lstm_receive_csv.
    EM_ASM({ document.getElementById('csv-file').click(); });
  }
  mark("csv_open");
  ui::tip("Pick a .csv / .tsv / .txt file from your computer (it stays in the browser).");
#else
  static char path[512] = "";
  ImGui::SetNextItemWidth(-60);
  ImGui::InputTextWithHint("##path", "path/to/file.csv", path, sizeof path);
  ImGui::SameLine();
  if (ImGui::Button("Open")) {
    std::string text;
    if (FILE* f = std::fopen(path, "rb")) {
      char chunk[65536];
      size_t n;
      while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) text.append(chunk, n);
      std::fclose(f);
      receive_csv(text, path);
    } else {
      csv_error_ = std::string("Cannot open '") + path + "': check the path.";
    }
  }
#endif
  ui::error_text(csv_error_);
  for (const std::string& m : csv_messages_) ui::note_text(m);
}
