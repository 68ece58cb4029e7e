// Training bar: Train / Pause / Step / Reset weights, extra runs beside the first, progress with
// epoch, samples/s and ETA, and the messages of the last action. Everything goes through the
// session; progress comes from run snapshots.
#include <algorithm>
#include <cstdio>

#include "app.h"
#include "config_enums.h"
#include "imgui.h"
#include "ui_widgets.h"

void App::start_training() {
  error_.clear();
  if (run0().weights_from_link)
    notice_ = "Training from the seed, as the sender did (the link's weights were their result).";
  else if (!run0().stale && run0().s.progress.done)
    notice_ = run0().s.progress.diverged
                  ? "Training had diverged: fresh weights. Try a lower learning rate or a clip norm."
                  : "All epochs were done: training again from fresh weights.";
  session_.start_all();
}

void App::pause_training() { session_.pause_all(); }

void App::step_one_batch() {
  error_.clear();
  session_.pause_all();
  for (int i = 0; i < session_.n_runs(); ++i) session_.step(i);
}

void App::reset_weights() {
  error_.clear();
  session_.pause_all();
  for (int i = 0; i < session_.n_runs(); ++i) session_.reset(i);
  notice_ = "Fresh weights from the seed; history cleared.";
}

void App::add_run() {
  lstm::Config c = session_.run(session_.n_runs() - 1).config;
  c.model.seed += 1;
  if (session_.add_run(c) < 0) notice_ = "At most 4 runs train side by side.";
}

void App::compare_with(lstm::CellKind cell) {
  lstm::Config c = run0().config;  // run 1 with one thing changed: its cell
  c.model.cell = cell;
  if (session_.add_run(c) < 0) {
    notice_ = "At most 4 runs train side by side: remove one first (- run).";
    return;
  }
  notice_ = std::string("Run ") + std::to_string(session_.n_runs()) + ": the same model as run 1 with a " +
            lstm::enum_labels<lstm::CellKind>().titles[int(cell)] + " cell. Train trains every run.";
}

namespace {
// SameLine unless a button labelled `label` would run past the right edge (phones): then a new row.
void same_line_if_fits(const char* label) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float w = ImGui::CalcTextSize(label, nullptr, true).x + 2 * st.FramePadding.x;
  const float right = ImGui::GetItemRectMax().x + st.ItemSpacing.x + w;
  if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}
}  // namespace

void App::draw_train_bar() {
  ImGui::BeginGroup();
  const ImVec4 go(0.20f, 0.55f, 0.30f, 1.f);
  ImGui::PushStyleColor(ImGuiCol_Button, go);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.25f, 0.65f, 0.36f, 1.f));
  const bool training = session_.any_training();
  if (!training) {
    if (ImGui::Button("  Train  ")) start_training();
  } else {
    if (ImGui::Button("  Pause  ")) pause_training();
  }
  ImGui::PopStyleColor(2);
  mark("train");
  ui::tip("Start or pause training (Space). Keras: model.fit(...).");
  same_line_if_fits("Step");
  if (ImGui::Button("Step")) step_one_batch();
  mark("step");
  ui::tip("Train on one batch, then stop (Keras: model.train_on_batch(x, y)).");
  same_line_if_fits("Reset weights");
  if (ImGui::Button("Reset weights")) reset_weights();
  mark("reset");
  ui::tip("Fresh Keras initialisation from the seed (Keras: rebuild and compile the model).");
  same_line_if_fits("+ run");
  ImGui::BeginDisabled(session_.n_runs() >= lstm::kMaxRuns);
  if (ImGui::Button("+ run")) add_run();
  ImGui::EndDisabled();
  mark("add_run");
  ui::tip("Train another run beside this one on the same data: the same settings with the next seed.");
  same_line_if_fits("compare...");
  ImGui::BeginDisabled(session_.n_runs() >= lstm::kMaxRuns);
  if (ImGui::Button("compare...")) ImGui::OpenPopup("##compare");
  ImGui::EndDisabled();
  mark("compare");
  ui::tip("Train another run beside run 1: the same model and data with another cell.");
  if (ImGui::BeginPopup("##compare")) {
    const lstm::EnumLabels& cells = lstm::enum_labels<lstm::CellKind>();
    for (int k = 0; k < cells.count; ++k) {
      if (k == int(run0().config.model.cell)) continue;
      const std::string item = std::string("compare with ") + cells.titles[k];
      if (ImGui::Selectable(item.c_str())) compare_with(lstm::CellKind(k));
      mark((std::string("compare_") + cells.labels[k]).c_str());
    }
    ImGui::EndPopup();
  }
  if (session_.n_runs() > 1) {
    same_line_if_fits("- run");
    if (ImGui::Button("- run")) session_.remove_run(session_.n_runs() - 1);
    mark("remove_run");
  }
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < 360.f) ImGui::NewLine();  // narrow: the progress on its own line
  const lstm::RunView& v = run0();
  const lstm::Progress& p = v.s.progress;
  const int epochs = v.config.train.epochs;
  float frac = 0.f;
  char overlay[200] = "not trained yet";
  if (v.weights_from_link) std::snprintf(overlay, sizeof overlay, "trained weights from the link (Train retrains from the seed)");
  if (!v.stale && (p.samples > 0 || p.epoch > 0)) {
    const double bpe = std::max(p.batches_per_epoch, 1);
    frac = float((p.epoch + p.batch / bpe) / std::max(epochs, 1));
    const double sps = v.s.train_seconds > 0 ? double(p.samples) / v.s.train_seconds : 0.0;
    const double left_samples = (1.0 - frac) * epochs * v.s.n_train;
    const double eta = sps > 0 ? left_samples / sps : 0.0;
    int n = std::snprintf(overlay, sizeof overlay, "epoch %d / %d   %.0f samples/s   %s %.1f s", p.epoch,
                          epochs, v.training() && p.samples_per_s > 0 ? p.samples_per_s : sps,
                          p.done ? "done" : "ETA", p.done ? v.s.train_seconds : eta);
    if (session_.n_runs() > 1 && n > 0)
      std::snprintf(overlay + n, sizeof overlay - size_t(n), "   (+%d run%s)", session_.n_runs() - 1,
                    session_.n_runs() > 2 ? "s" : "");
  }
  ImGui::ProgressBar(std::min(frac, 1.f), ImVec2(-1, 0), overlay);
  mark("progress");
  ImGui::EndGroup();
  // The action's own message first, then what the run said (a setup refused, a divergence).
  const std::string& error = !error_.empty() ? error_ : v.stale ? error_ : v.s.error;
  ui::error_text(error);
  if (error.empty()) ui::note_text(!notice_.empty() ? notice_ : v.stale ? notice_ : v.s.notice);
}
