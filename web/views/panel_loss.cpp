// Live loss plot: training and validation loss per epoch (Keras' history), log scale optional.
#include <vector>

#include "app.h"
#include "imgui.h"
#include "plot.h"
#include "ui_widgets.h"

void App::draw_loss_panel() {
  ImGui::TextColored(ImVec4(0.55f, 0.80f, 1.0f, 1.0f), "Loss");
  ImGui::SameLine();
  ImGui::Checkbox("log scale", &loss_log_);
  ui::tip("Logarithmic loss axis (Keras: plt.yscale('log') over history.history['loss']).");
  const lstm::EpochLosses& h = trainer_.history();
  const bool have = trainer_.ready() && !needs_setup_ && !h.train.empty();
  if (have) {
    ImGui::SameLine();
    ImGui::TextDisabled("last: train %.3g  val %.3g", h.train.back(), h.val.empty() ? 0.f : h.val.back());
  }
  if (Plot::BeginPlot("##loss", ImVec2(-1, -1))) {
    Plot::SetupAxes("epoch", "loss (scaled units)", Plot::AxisFlags_AutoFit,
                    Plot::AxisFlags_AutoFit | (loss_log_ ? Plot::AxisFlags_Log : 0));
    if (!have) Plot::SetupAxesLimits(0, 10, loss_log_ ? 1e-3 : 0, 1, Plot::Cond::Always);
    if (have) {
      Plot::SetNextColor(ui::kTrainColor);
      Plot::PlotLine("train (loss)", h.train.data(), int(h.train.size()), 1, 1);
      Plot::SetNextColor(ui::kValColor);
      Plot::PlotLine("validation (val_loss)", h.val.data(), int(h.val.size()), 1, 1);
    }
    Plot::EndPlot();
  }
}
