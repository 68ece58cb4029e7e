// The Export menu: weights JSON (Keras / PyTorch layouts, core/io/weights_io.h), PyTorch and Keras
// scripts (core/io/export_scripts.h), a Jupyter notebook of the whole pipeline
// (core/io/export_notebook.h), the TensorFlow.js model (core/io/export_tfjs.h), predictions
// and forecast CSV (core/io/export_csv.h), the series plot as PNG, and importing a weights JSON.
// Browser: downloads; native: files in the working directory.
#include <cstdio>

#include "app.h"
#include "browser_glue.h"
#include "export_csv.h"
#include "export_notebook.h"
#include "export_onnx.h"
#include "export_scripts.h"
#include "export_tfjs.h"
#include "imgui.h"
#include "png_writer.h"
#include "ui_widgets.h"
#include "weights_io.h"

void App::export_text_file(const std::string& name, const std::string& text, const char* mime) {
  export_.error.clear();
  export_.message = save_file(name, std::vector<uint8_t>(text.begin(), text.end()), mime, &export_.error);
}

void App::import_weights_text(const std::string& text, const std::string& source) {
  // The model the current settings describe must match the file's shapes.
  lstm::WeightLayout layout{};
  const std::string err = session_.import_weights(0, text, &layout);
  if (!err.empty()) {
    error_ = "Cannot import " + source + ": " + err;
    return;
  }
  error_.clear();
  notice_ = "Weights loaded from " + source + " (" + lstm::layout_name(layout) +
            " layout). Train continues from them.";
}

bool App::capture_wanted(WidgetRect* r) const {
  const auto it = rects_.find("series_panel");
  if (export_.capture_frame < 0 || frame_count_ < export_.capture_frame || it == rects_.end()) return false;
  *r = it->second;
  return true;
}

void App::capture_done(const std::vector<uint8_t>& rgba, int w, int h) {
  export_.capture_frame = -1;
  const std::vector<uint8_t> png = encode_png(rgba.data(), w, h);
  export_.error.clear();
  export_.message = save_file("lstm_series.png", png, "image/png", &export_.error);
}

void App::draw_export_menu() {
  if (!ImGui::BeginMenu("Export")) {
    mark("menu_export");
    return;
  }
  mark("menu_export");
  // The exports read a model rebuilt from run 0's newest snapshot, never the training buffers.
  const bool model = run0().has_weights();
  ImGui::TextDisabled(model ? "Weights of the current model" : "Train or Step once to export weights.");
  auto with_model = [&](auto&& make) {
    lstm::Trainer t;
    const std::string err = session_.model_for_export(0, &t);
    if (!err.empty()) export_.error = err;
    else make(t);
  };
  ImGui::BeginDisabled(!model);
  if (ImGui::Button("Weights JSON (Keras)"))
    with_model([&](lstm::Trainer& t) {
      export_text_file("lstm_weights_keras.json", lstm::export_weights(t.model(), lstm::WeightLayout::Keras, 1), "application/json");
    });
  mark("export_keras");
  ui::tip("Per layer: kernel, recurrent_kernel, bias (Keras: layer.set_weights(...)).");
  ImGui::SameLine();
  if (ImGui::Button("Weights JSON (PyTorch)"))
    with_model([&](lstm::Trainer& t) {
      export_text_file("lstm_weights_pytorch.json", lstm::export_weights(t.model(), lstm::WeightLayout::PyTorch, 1), "application/json");
    });
  mark("export_pytorch");
  ui::tip("state_dict names: weight_ih_l0, weight_hh_l0, bias_ih_l0, ... head.weight (model.load_state_dict).");
  const int steps = session_.rollout_steps();
  if (ImGui::Button("PyTorch script (.py)"))
    with_model([&](lstm::Trainer& t) { export_text_file("lstm_pytorch.py", lstm::export_pytorch_script(t, steps), "text/x-python"); });
  mark("export_pytorch_script");
  ui::tip("A runnable script: nn.LSTM with these weights, printing the next prediction and the forecast.");
  ImGui::SameLine();
  if (ImGui::Button("Keras script (.py)"))
    with_model([&](lstm::Trainer& t) { export_text_file("lstm_keras.py", lstm::export_keras_script(t, steps), "text/x-python"); });
  mark("export_keras_script");
  ui::tip("The same for tf.keras: Sequential([LSTM(...), Dense(...)]) with model.set_weights(...).");
  if (ImGui::Button("Jupyter notebook (.ipynb)"))
    with_model([&](lstm::Trainer& t) {
      export_text_file("lstm_pipeline.ipynb", lstm::export_notebook(t, steps, session_.origin().label),
                       "application/x-ipynb+json");
    });
  mark("export_notebook");
  ui::tip("The whole pipeline in numpy and PyTorch, cell by cell: the data, transforms and scaling, "
          "windows, the model with these weights, baselines and metrics, the forecast and a plot.");
  if (ImGui::Button("ONNX model (.onnx)"))
    with_model([&](lstm::Trainer& t) {
      std::string err;
      const std::string onnx = lstm::export_onnx(t, &err);
      if (!err.empty()) {
        export_.message.clear();
        export_.error = err;
        return;
      }
      export_text_file("lstm_model.onnx", onnx, "application/octet-stream");  // binary protobuf
    });
  mark("export_onnx");
  ui::tip("ONNX (opset 14: LSTM / GRU / RNN operators, Gemm head) for onnxruntime and other runtimes. "
          "Input \"window\" (batch, look_back, inputs), output \"prediction\" (batch, horizon x "
          "targets), both in data units: the scaling is part of the graph.");
  if (ImGui::Button("TensorFlow.js model (model.json + weights.bin)"))
    with_model([&](lstm::Trainer& t) {
      const lstm::TfjsExport tfjs = lstm::export_tfjs(t);
      if (!tfjs.error.empty()) {
        export_.message.clear();
        export_.error = tfjs.error;
        return;
      }
      // Two downloads; model.json's manifest names the second one, so keep both names.
      export_text_file("model.json", tfjs.model_json, "application/json");
      if (!export_.error.empty()) return;
      const std::string first = export_.message;
      export_.message = save_file(lstm::kTfjsWeightsFile, tfjs.weights_bin, "application/octet-stream", &export_.error);
      if (export_.error.empty()) export_.message = first + " and " + lstm::kTfjsWeightsFile;
    });
  mark("export_tfjs");
  ui::tip("Two files for tf.loadLayersModel: keep them side by side (tensorflowjs_converter turns them\n"
          "into a Keras .h5). The model takes scaled windows; the scaler is in getUserDefinedMetadata().\n"
          "LSTM and SimpleRNN only: TensorFlow.js has no GRU(reset_after=True).");
  if (ImGui::Button("Predictions CSV"))
    with_model([&](lstm::Trainer& t) { export_text_file("lstm_predictions.csv", lstm::predictions_csv(t), "text/csv"); });
  mark("export_predictions");
  ui::tip("step, actual, predicted and train/val per row (Keras: model.predict over the windows).");
  ImGui::SameLine();
  const lstm::RunForecast& f = run0().s.forecast;
  const bool rollout = run0().has_forecast() && !f.rollout.empty() && f.samples == run0().s.weights.samples;
  ImGui::BeginDisabled(!rollout);
  if (ImGui::Button("Forecast CSV"))
    with_model([&](lstm::Trainer& t) { export_text_file("lstm_forecast.csv", lstm::forecast_csv(t, f.rollout), "text/csv"); });
  ImGui::EndDisabled();
  mark("export_forecast");
  ui::tip("The recursive rollout past the end of the series (rollout steps in the Series panel).");
  ImGui::EndDisabled();

  ImGui::Spacing();
  ImGui::BeginDisabled(!shown(lstm::kPanelSeries));
  if (ImGui::Button("Series plot as PNG")) {
    export_.capture_frame = frame_count_ + 2;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndDisabled();
  mark("export_png");
  ui::tip("The Series & forecast panel as it is on screen now.");
  ImGui::Spacing();
  ImGui::TextDisabled("Import: open a weights .json with Data > Open file... (or paste it).");
  if (!export_.message.empty()) ImGui::TextWrapped("%s", export_.message.c_str());
  ui::error_text(export_.error);
  ImGui::EndMenu();
}
