// Model and Optimizer panels: the cell, stacked layers and units, activations, seed; optimizer
// settings.
#include <cmath>
#include <string>

#include "app.h"
#include "config_enums.h"
#include "imgui.h"
#include "ui_widgets.h"

void App::draw_model_panel() {
  ui::section("Model");
  lstm::ModelConfig& m = cfg_.model;
  bool changed = false;
  ImGui::PushItemWidth(150);
  int cell = int(m.cell);
  const lstm::EnumLabels& cells = lstm::enum_labels<lstm::CellKind>();
  if (ImGui::Combo("cell", &cell, cells.titles, cells.count)) m.cell = lstm::CellKind(cell), changed = true;
  mark("cell");
  ui::tip("LSTM: gates and a cell state. GRU: two gates, no cell (Keras GRU, reset_after=True).\n"
          "SimpleRNN: no gates at all, h = act(x W + h U + b): it forgets what lies far back.");
  const char* layer = cells.titles[cell];
  changed |= ImGui::SliderInt("layers", &m.n_layers, 1, lstm::kMaxLayers);
  ui::tip((std::string("Stacked ") + layer + " layers (Keras: " + layer +
           "(..., return_sequences=True) for all but the last).").c_str());
  for (int l = 0; l < m.n_layers; ++l) {
    const std::string label = "units " + std::to_string(l + 1);
    changed |= ImGui::SliderInt(label.c_str(), &m.units[l], 1, 256, "%d", ImGuiSliderFlags_Logarithmic);
    mark(("units_" + std::to_string(l + 1)).c_str());
    ui::tip((std::string("Hidden size of this layer (Keras: ") + layer + "(units=...)).").c_str());
  }
  int act = int(m.activation);
  const lstm::EnumLabels& acts = lstm::enum_labels<lstm::Activation>();
  if (ImGui::Combo("activation", &act, acts.titles, acts.count))
    m.activation = lstm::Activation(act), changed = true;
  ui::tip((std::string("Candidate and output activation (Keras: ") + layer + "(activation=...)).").c_str());
  if (m.cell != lstm::CellKind::SimpleRnn) {  // SimpleRNN has no gates
    int ract = int(m.recurrent_activation);
    const lstm::EnumLabels& racts = lstm::enum_labels<lstm::RecurrentActivation>();
    if (ImGui::Combo("recurrent act.", &ract, racts.titles, racts.count))
      m.recurrent_activation = lstm::RecurrentActivation(ract), changed = true;
    ui::tip((std::string("Gate activation (Keras: ") + layer + "(recurrent_activation=...)).").c_str());
  }
  int seed = int(m.seed);
  if (ImGui::InputInt("seed", &seed)) m.seed = uint64_t(std::max(seed, 0)), changed = true;
  ui::tip("Weight initialisation seed (Keras: tf.keras.utils.set_random_seed(...)).");
  ImGui::PopItemWidth();
  if (changed) config_changed();
}

void App::draw_optimizer_panel() {
  ui::section("Optimizer");
  lstm::TrainConfig& t = cfg_.train;
  bool changed = false;
  ImGui::PushItemWidth(150);
  int opt = int(t.optimizer);
  const lstm::EnumLabels& opts = lstm::enum_labels<lstm::OptimizerKind>();
  if (ImGui::Combo("optimizer", &opt, opts.titles, opts.count)) {
    t.optimizer = lstm::OptimizerKind(opt);
    t.epsilon = t.optimizer == lstm::OptimizerKind::AdamTorch ? 1e-8f : 1e-7f;
    changed = true;
  }
  ui::tip("Keras: compile(optimizer=Adam()) / torch.optim.Adam's epsilon placement / SGD(momentum=...).");
  // Log-scaled slider over 1e-5..1; Ctrl+click to type a value.
  changed |= ImGui::SliderFloat("learning rate", &t.lr, 1e-5f, 1.f, "%.5f", ImGuiSliderFlags_Logarithmic);
  mark("lr");
  ui::tip("Step size (Keras: Adam(learning_rate=...)); Ctrl+click to type.");
  if (t.optimizer == lstm::OptimizerKind::Sgd) {
    changed |= ImGui::SliderFloat("momentum", &t.momentum, 0.f, 0.99f, "%.2f");
    ui::tip("Keras: SGD(momentum=...).");
  }
  changed |= ImGui::SliderInt("batch", &t.batch, 1, 512, "%d", ImGuiSliderFlags_Logarithmic);
  mark("batch");
  ui::tip("Windows per gradient step (Keras: fit(batch_size=...)).");
  changed |= ImGui::SliderInt("epochs", &t.epochs, 1, 2000, "%d", ImGuiSliderFlags_Logarithmic);
  mark("epochs");
  ui::tip("Passes over the training windows (Keras: fit(epochs=...)).");
  changed |= ImGui::SliderFloat("clip norm", &t.clip_norm, 0.f, 10.f, t.clip_norm > 0 ? "%.2f" : "off");
  ui::tip("Global gradient-norm clipping, 0 = off (Keras: Adam(global_clipnorm=...)).");
  int loss = int(t.loss);
  const lstm::EnumLabels& losses = lstm::enum_labels<lstm::LossKind>();
  if (ImGui::Combo("loss", &loss, losses.titles, losses.count)) t.loss = lstm::LossKind(loss), changed = true;
  ui::tip("Keras: compile(loss='mse' | 'mae').");
  changed |= ImGui::Checkbox("shuffle", &t.shuffle);
  ui::tip("Shuffle training windows each epoch (Keras: fit(shuffle=True)).");
  ImGui::PopItemWidth();
  if (changed) config_changed();
}
