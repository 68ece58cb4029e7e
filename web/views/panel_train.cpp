// Training bar: Train / Pause / Step / Reset weights, progress with epoch, samples/s and ETA, and
// the messages of the last action.
#include <cmath>
#include <cstdio>

#include "app.h"
#include "imgui.h"
#include "ui_widgets.h"

bool App::ensure_setup() {
  if (!needs_setup_ && trainer_.ready()) return true;
  const std::string err = trainer_.setup(cfg_, series_);
  if (!err.empty()) {
    error_ = err;
    training_ = false;
    return false;
  }
  error_.clear();
  for (const std::string& m : trainer_.dataset().messages) notice_ = m;
  forecast_job_.cancel();
  forecast_ = Forecast{};
  needs_setup_ = false;
  train_seconds_ = 0;
  return true;
}

void App::start_training() {
  if (!ensure_setup()) return;
  if (trainer_.progress().done) {
    notice_ = trainer_.progress().diverged
                  ? "Training had diverged: fresh weights. Try a lower learning rate or a clip norm."
                  : "All epochs were done: training again from fresh weights.";
    trainer_.reset_weights();
    forecast_ = Forecast{};
  } else if (weights_from_link_) {
    // A link's weights are the sender's result: training again reproduces the sender's run.
    notice_ = "Training from the seed, as the sender did (the link's weights were their result).";
    trainer_.reset_weights();
    forecast_ = Forecast{};
  }
  weights_from_link_ = false;
  error_.clear();
  training_ = true;
}

void App::pause_training() { training_ = false; }

void App::step_one_batch() {
  training_ = false;
  if (!ensure_setup()) return;
  if (trainer_.progress().done) trainer_.reset_weights();
  trainer_.step({0.0, 1});
}

void App::reset_weights() {
  training_ = false;
  if (!ensure_setup()) return;
  trainer_.reset_weights();
  forecast_ = Forecast{};
  notice_ = "Fresh weights from the seed; history cleared.";
}

void App::series_changed() {
  needs_setup_ = true;
  weights_from_link_ = false;
  if (training_) {
    training_ = false;
    notice_ = "Settings or data changed: training paused. Train starts again from fresh weights.";
  }
  if (draw_column_ >= series_.width()) draw_column_ = 0;
}

void App::draw_train_bar() {
  ImGui::BeginGroup();
  const ImVec4 go(0.20f, 0.55f, 0.30f, 1.f);
  ImGui::PushStyleColor(ImGuiCol_Button, go);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.25f, 0.65f, 0.36f, 1.f));
  if (!training_) {
    if (ImGui::Button("  Train  ")) start_training();
  } else {
    if (ImGui::Button("  Pause  ")) pause_training();
  }
  ImGui::PopStyleColor(2);
  mark("train");
  ui::tip("Start or pause training (Space). Keras: model.fit(...).");
  ImGui::SameLine();
  if (ImGui::Button("Step")) step_one_batch();
  mark("step");
  ui::tip("Train on one batch, then stop (Keras: model.train_on_batch(x, y)).");
  ImGui::SameLine();
  if (ImGui::Button("Reset weights")) reset_weights();
  mark("reset");
  ui::tip("Fresh Keras initialisation from the seed (Keras: rebuild and compile the model).");
  ImGui::SameLine();
  const lstm::Progress& p = trainer_.progress();
  const bool ready = trainer_.ready() && !needs_setup_;
  const int epochs = ready ? trainer_.config().train.epochs : cfg_.train.epochs;
  float frac = 0.f;
  char overlay[160] = "not trained yet";
  if (weights_from_link_) std::snprintf(overlay, sizeof overlay, "trained weights from the link (Train retrains from the seed)");
  if (ready && (p.samples > 0 || p.epoch > 0)) {
    const double bpe = std::max(p.batches_per_epoch, 1);
    frac = float((p.epoch + p.batch / bpe) / std::max(epochs, 1));
    const double sps = train_seconds_ > 0 ? double(p.samples) / train_seconds_ : 0.0;
    const double left_samples = (1.0 - frac) * epochs * trainer_.dataset().windows.split.n_train;
    const double eta = sps > 0 ? left_samples / sps : 0.0;
    std::snprintf(overlay, sizeof overlay, "epoch %d / %d   %.0f samples/s   %s %.0f s", p.epoch,
                  epochs, p.samples_per_s > 0 && training_ ? p.samples_per_s : sps,
                  p.done ? "done" : "ETA", p.done ? train_seconds_ : eta);
  }
  ImGui::ProgressBar(std::min(frac, 1.f), ImVec2(-1, 0), overlay);
  mark("progress");
  ImGui::EndGroup();
  ui::error_text(error_);
  if (error_.empty()) ui::note_text(notice_);
}
