// Live loss plot: training and validation loss per epoch (Keras' history) of every run, log scale
// optional. Extra runs draw in their own colours.
#include <string>
#include <vector>

#include "app.h"
#include "imgui.h"
#include "plot.h"
#include "ui_widgets.h"

void App::draw_loss_panel() {
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "Loss");
  ImGui::SameLine();
  ImGui::Checkbox("log scale", &loss_.log);
  ui::tip("Logarithmic loss axis (Keras: plt.yscale('log') over history.history['loss']).");
  const lstm::EpochLosses& h = run0().s.history;
  const bool have = !run0().stale && !h.train.empty();
  if (have) {
    ImGui::SameLine();
    ImGui::TextDisabled("last: train %.3g  val %.3g", h.train.back(), h.val.empty() ? 0.f : h.val.back());
  }
  if (Plot::BeginPlot("##loss", ImVec2(-1, -1))) {
    Plot::SetupAxes("epoch", "loss (scaled units)", Plot::AxisFlags_AutoFit,
                    Plot::AxisFlags_AutoFit | (loss_.log ? Plot::AxisFlags_Log : 0));
    if (!have) Plot::SetupAxesLimits(0, 10, loss_.log ? 1e-3 : 0, 1, Plot::Cond::Always);
    if (have) {
      Plot::SetNextColor(ui::kTrainColor);
      Plot::PlotLine("train (loss)", h.train.data(), int(h.train.size()), 1, 1);
      Plot::SetNextColor(ui::kValColor);
      Plot::PlotLine("validation (val_loss)", h.val.data(), int(h.val.size()), 1, 1);
    }
    for (int i = 1; i < session_.n_runs(); ++i) {
      const lstm::RunView& v = session_.run(i);
      if (v.stale || v.s.history.train.empty()) continue;
      const std::string name = "run " + std::to_string(i + 1) + " (seed " + std::to_string(v.config.model.seed) + ")";
      Plot::SetNextColor(ui::kRunColors[(i - 1) % 3]);
      Plot::PlotLine((name + " val_loss").c_str(), v.s.history.val.data(), int(v.s.history.val.size()), 1, 1);
    }
    Plot::EndPlot();
  }
}
