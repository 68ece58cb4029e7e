// Share links: App <-> lstm::ShareState (core/io/share_state.h), the Share menu (Copy link,
// trained weights, classroom panels) and opening a link from the address bar. The codec is
// core/io/share_link.h; the page's side (compression, history, clipboard) is in index.html.
#include <cstdio>

#include "app.h"
#include "browser_glue.h"
#include "config_fields.h"
#include "imgui.h"
#include "presets.h"
#include "share_link.h"
#include "ui_widgets.h"

namespace {
struct PanelName {
  uint32_t bit;
  const char* label;
  const char* id;  // widget name in the state hook: hide_<id>
};
const PanelName kPanels[] = {
    {lstm::kPanelData, "Data", "data"},       {lstm::kPanelSetup, "Window setup", "setup"},
    {lstm::kPanelModel, "Model", "model"},    {lstm::kPanelOptimizer, "Optimizer", "optimizer"},
    {lstm::kPanelTrain, "Train bar", "train"}, {lstm::kPanelSeries, "Series & forecast", "series"},
    {lstm::kPanelLoss, "Loss", "loss"},       {lstm::kPanelInside, "Inside the LSTM", "inside"},
};

// Frame sizes for the embed snippet: the layout needs about 640 x 400 CSS pixels.
struct EmbedSize {
  const char* label;
  const char* width;  // iframe width attribute: pixels or a percentage
  int height;
};
const EmbedSize kEmbedSizes[] = {
    {"small 640 x 400", "640", 400}, {"medium 960 x 600", "960", 600}, {"full width x 720", "100%", 720}};

}  // namespace

void App::open_link(const std::string& fragment) {
  lstm::ShareState s;
  std::string err = lstm::decode_link(fragment, &s);
  if (err.empty()) err = session_.apply(s);
  if (!err.empty()) {
    link_failed(err);
    return;
  }
  adopt_view(s);
  ++share_.opened;
  share_.error.clear();
  error_.clear();
  notice_ = s.has_weights
                ? "Opened a shared link with trained weights. Train retrains from the seed and "
                  "reproduces the sender's loss curve."
                : "Opened a shared link.";
}

void App::link_failed(const std::string& message) {
  // The codec's messages are sentences ("The link is truncated (...): copy the whole link.").
  share_.error = message;
  if (share_.error.empty() || share_.error.back() != '.') share_.error += '.';
  share_.error += " The playground kept its previous state.";
  error_ = share_.error;
}

void App::link_shown(const std::string& url) { share_.link = url; }

void App::embed_shown(const std::string& snippet) { share_.embed = snippet; }

bool App::encode_share_link(std::string* raw_out) {
  lstm::ShareState s = session_.share_state(share_.include_weights);
  const SeriesPanelState& sv = series_view_;
  s.view.x_min = sv.axes.x0, s.view.x_max = sv.axes.x1, s.view.y_min = sv.axes.y0, s.view.y_max = sv.axes.y1;
  s.view.log_loss = loss_.log;
  s.hidden_panels = share_.hide;
  *raw_out = lstm::encode_link(s);
  share_.raw_chars = raw_out->size();
  if (raw_out->size() > lstm::kMaxLinkChars) {
    export_.error = "The link would be " + std::to_string(raw_out->size()) +
                    " characters, over the 1 MB limit: untick the weights or use a shorter series.";
    return false;
  }
  export_.error.clear();
  return true;
}

void App::copy_link() {
  std::string raw;
  if (encode_share_link(&raw)) {
    publish_link(raw);
    autosave_.published = session_.change_count();  // autosave leaves this address in place
  } else {
    share_.link.clear();
  }
}

void App::copy_embed() {
  std::string raw;
  const EmbedSize& size = kEmbedSizes[share_.embed_size];
  if (encode_share_link(&raw)) publish_embed(raw, size.width, size.height);
  else share_.embed.clear();
}

void App::draw_share_menu() {
  if (!ImGui::BeginMenu("Share")) {
    mark("menu_share");
    return;
  }
  mark("menu_share");
  ImGui::TextDisabled("The whole setup in a link: data, window, model, optimizer, seed, view.");
  ImGui::BeginDisabled(!run0().trained());
  ImGui::Checkbox("include trained weights", &share_.include_weights);
  ImGui::EndDisabled();
  mark("share_weights");
  ui::tip("float16 weights: the receiver sees your predictions without training (Keras: model.save).");
  ImGui::Spacing();
  ImGui::Text("Classroom: hide these panels for the receiver");
  for (int i = 0; i < 8; ++i) {
    bool hide = (share_.hide & kPanels[i].bit) != 0;
    if (i % 2) ImGui::SameLine(200);
    if (ImGui::Checkbox(kPanels[i].label, &hide)) share_.hide ^= kPanels[i].bit;
    mark((std::string("hide_") + kPanels[i].id).c_str());
  }
  ImGui::Spacing();
  if (ImGui::Button("Copy link")) copy_link();
  mark("copy_link");
  ui::tip("Puts the link in the address bar and on the clipboard.");
  ImGui::SameLine();
  const std::string& link = share_.link;
  if (share_.raw_chars > 0 && !link.empty()) {
    const size_t hash = link.find('#');
    const size_t frag = hash == std::string::npos ? link.size() : link.size() - hash - 1;
    ImGui::TextDisabled("%zu characters%s", frag, frag < share_.raw_chars ? " (compressed)" : "");
  }
  share_.shown = link;  // the read-only field needs a mutable buffer
  ImGui::SetNextItemWidth(440);
  ImGui::InputText("##link", share_.shown.data(), share_.shown.size() + 1, ImGuiInputTextFlags_ReadOnly);
  mark("link_text");
  ImGui::Spacing();
  ImGui::Text("Embed in a web page (the same setup and classroom panels)");
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    ImGui::RadioButton(kEmbedSizes[i].label, &share_.embed_size, i);
    mark((std::string("embed_size_") + std::to_string(i)).c_str());
  }
  if (ImGui::Button("Copy embed code")) copy_embed();
  mark("copy_embed");
  ui::tip("An <iframe> snippet for a course page or blog: paste it into the HTML.");
  share_.embed_shown = share_.embed;
  ImGui::SetNextItemWidth(440);
  ImGui::InputText("##embed", share_.embed_shown.data(), share_.embed_shown.size() + 1,
                   ImGuiInputTextFlags_ReadOnly);
  mark("embed_text");
  ui::error_text(export_.error);
  if (hidden_panels_) {
    ImGui::Separator();
    if (ImGui::Button("Show the hidden panels")) hidden_panels_ = 0;
    mark("show_panels");
  }
  ImGui::EndMenu();
}
