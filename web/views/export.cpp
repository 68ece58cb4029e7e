// The Export menu: weights JSON (Keras / PyTorch layouts, core/io/weights_io.h), PyTorch and Keras
// scripts (core/io/export_scripts.h), predictions and forecast CSV (core/io/export_csv.h), the series
// plot as PNG, and importing a weights JSON. Browser: downloads; native: files in the working directory.
#include <cstdio>

#include "app.h"
#include "browser_glue.h"
#include "export_csv.h"
#include "export_scripts.h"
#include "imgui.h"
#include "png_writer.h"
#include "ui_widgets.h"
#include "weights_io.h"

void App::export_text_file(const std::string& name, const std::string& text, const char* mime) {
  export_error_.clear();
  export_message_ = save_file(name, std::vector<uint8_t>(text.begin(), text.end()), mime, &export_error_);
}

void App::export_weights_file(int layout) {
  const auto l = lstm::WeightLayout(layout);
  export_text_file(std::string("lstm_weights_") + lstm::layout_name(l) + ".json",
                   lstm::export_weights(trainer_.model(), l, 1), "application/json");
}

void App::import_weights_text(const std::string& text, const std::string& source) {
  // The model the current settings describe must match the file's shapes.
  if (!ensure_setup()) {
    error_ = "Cannot import " + source + ": " + error_;
    return;
  }
  lstm::WeightLayout layout{};
  const std::string err = lstm::import_weights(trainer_.model(), text, &layout);
  if (!err.empty()) {
    error_ = "Cannot import " + source + ": " + err;
    return;
  }
  training_ = false;
  weights_from_link_ = false;
  forecast_job_.cancel();
  forecast_ = Forecast{};
  error_.clear();
  notice_ = "Weights loaded from " + source + " (" + lstm::layout_name(layout) +
            " layout). Train continues from them.";
}

bool App::capture_wanted(WidgetRect* r) const {
  const auto it = rects_.find("series_panel");
  if (capture_frame_ < 0 || frame_count_ < capture_frame_ || it == rects_.end()) return false;
  *r = it->second;
  return true;
}

void App::capture_done(const std::vector<uint8_t>& rgba, int w, int h) {
  capture_frame_ = -1;
  const std::vector<uint8_t> png = encode_png(rgba.data(), w, h);
  export_error_.clear();
  export_message_ = save_file("lstm_series.png", png, "image/png", &export_error_);
}

void App::draw_export_menu() {
  if (!ImGui::BeginMenu("Export")) {
    mark("menu_export");
    return;
  }
  mark("menu_export");
  const bool model = trainer_.ready() && !needs_setup_;
  ImGui::TextDisabled(model ? "Weights of the current model" : "Train or Step once to export weights.");
  ImGui::BeginDisabled(!model);
  if (ImGui::Button("Weights JSON (Keras)")) export_weights_file(int(lstm::WeightLayout::Keras));
  mark("export_keras");
  ui::tip("Per layer: kernel, recurrent_kernel, bias (Keras: layer.set_weights(...)).");
  ImGui::SameLine();
  if (ImGui::Button("Weights JSON (PyTorch)")) export_weights_file(int(lstm::WeightLayout::PyTorch));
  mark("export_pytorch");
  ui::tip("state_dict names: weight_ih_l0, weight_hh_l0, bias_ih_l0, ... head.weight (model.load_state_dict).");
  ImGui::EndDisabled();

  ImGui::BeginDisabled(!model);
  if (ImGui::Button("PyTorch script (.py)"))
    export_text_file("lstm_pytorch.py", lstm::export_pytorch_script(trainer_, rollout_steps_), "text/x-python");
  mark("export_pytorch_script");
  ui::tip("A runnable script: nn.LSTM with these weights, printing the next prediction and the forecast.");
  ImGui::SameLine();
  if (ImGui::Button("Keras script (.py)"))
    export_text_file("lstm_keras.py", lstm::export_keras_script(trainer_, rollout_steps_), "text/x-python");
  mark("export_keras_script");
  ui::tip("The same for tf.keras: Sequential([LSTM(...), Dense(...)]) with model.set_weights(...).");
  if (ImGui::Button("Predictions CSV")) export_text_file("lstm_predictions.csv", lstm::predictions_csv(trainer_), "text/csv");
  mark("export_predictions");
  ui::tip("step, actual, predicted and train/val per row (Keras: model.predict over the windows).");
  ImGui::SameLine();
  const bool rollout = !forecast_.rollout.empty() && forecast_.samples == trainer_.progress().samples;
  ImGui::BeginDisabled(!rollout);
  if (ImGui::Button("Forecast CSV"))
    export_text_file("lstm_forecast.csv", lstm::forecast_csv(trainer_, forecast_.rollout), "text/csv");
  ImGui::EndDisabled();
  mark("export_forecast");
  ui::tip("The recursive rollout past the end of the series (rollout steps in the Series panel).");
  ImGui::EndDisabled();

  ImGui::Spacing();
  ImGui::BeginDisabled(!shown(lstm::kPanelSeries));
  if (ImGui::Button("Series plot as PNG")) {
    capture_frame_ = frame_count_ + 2;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndDisabled();
  mark("export_png");
  ui::tip("The Series & forecast panel as it is on screen now.");
  ImGui::Spacing();
  ImGui::TextDisabled("Import: open a weights .json with Data > Open file... (or paste it).");
  if (!export_message_.empty()) ImGui::TextWrapped("%s", export_message_.c_str());
  ui::error_text(export_error_);
  ImGui::EndMenu();
}
