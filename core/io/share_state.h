// Everything a share link carries: the config, where the data came from, the view, which panels a
// classroom link hides and, optionally, trained weights. Plain data; share_link.h encodes it.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "config.h"
#include "config_fields.h"
#include "float16.h"
#include "series.h"

namespace lstm {

enum class DataKind : uint8_t { Drawn, Preset, Csv };

// Regenerated on open with make_preset(find_preset(id), length, noise, seed, k).
struct PresetParams {
  std::string id = "sine";  // Preset::id, stable across builds (an index would not be)
  int length = 100;
  float noise = 0.f;
  uint64_t seed = 1;
  int k = 0;                // memory challenges: the gap (0 = the preset has none)
};

struct DataSource {
  DataKind kind = DataKind::Drawn;
  PresetParams preset;  // kind == Preset
  Series series;        // kind == Drawn (values on the quantize_drawn grid) or Csv (exact floats)
};

// The plots' view, so the receiver sees what the sender saw.
struct ViewState {
  float x_min = 0.f, x_max = 0.f, y_min = 0.f, y_max = 0.f;  // series plot; all 0 = auto-fit
  int selected_sample = -1;                                   // window shown in the Inside panel
  bool log_loss = false;                                      // loss plot on a log axis
};

// Bits of ShareState::hidden_panels (a classroom link hides these).
enum PanelBit : uint32_t {
  kPanelData = 1u << 0, kPanelSetup = 1u << 1, kPanelModel = 1u << 2, kPanelOptimizer = 1u << 3,
  kPanelTrain = 1u << 4, kPanelSeries = 1u << 5, kPanelLoss = 1u << 6, kPanelInside = 1u << 7,
  kPanelAll = (1u << 8) - 1,
};

struct ShareState {
  Config config;
  DataSource data;
  ViewState view;
  uint32_t hidden_panels = 0;  // PanelBit mask
  bool has_weights = false;
  std::vector<float> weights;  // LstmModel::params() layout, float16 precision (quantize_weight)
  std::vector<Config> runs;    // the runs beside run 1 (compare mode), at most kMaxLinkRuns; link v2
};

// Limits the codec enforces on data (beyond the Config field ranges).
constexpr int kMaxLinkColumns = 256;      // CsvOptions::max_columns
constexpr int kMaxLinkRows = 1000000;     // CsvOptions::max_rows
constexpr int kMaxNameBytes = 256;        // column names and preset ids
constexpr int kMaxLinkRuns = 3;           // runs beside run 1 (the session holds 4)
constexpr float kDrawnLimit = 1e6f;       // |drawn value| bound
constexpr float kDrawnStep = 1.f / 1024;  // drawn values live on this grid

// Drawn values are kept on a 1/1024 grid (exact in float for |v| <= kDrawnLimit), clamped to
// +-kDrawnLimit, NaN -> 0. The drawing tool applies this as it draws, so sender and receiver
// train on identical numbers; quantize_drawn(quantize_drawn(v)) == quantize_drawn(v).
inline float quantize_drawn(float v) {
  if (!(v == v)) return 0.f;
  const double c = std::fmin(std::fmax(double(v), -double(kDrawnLimit)), double(kDrawnLimit));
  return float(std::nearbyint(c * 1024.0) / 1024.0);
}

// What a weight becomes after a link round trip: float16, overflow clamped to +-65504, NaN -> 0.
inline float quantize_weight(float w) {
  if (!(w == w)) return 0.f;
  const float c = std::fmin(std::fmax(w, -65504.f), 65504.f);
  return half_to_float(float_to_half(c));
}

// The same field list idea as config_fields.h, for the small structs the link carries.
template <class P, class V, IfSame<P, PresetParams> = 0>
void visit_fields(P& p, V&& v) {
  v(FieldInfo{"preset length", 1, kMaxLinkRows}, p.length);
  v(FieldInfo{"preset noise", 0, 10}, p.noise);
  v(FieldInfo{"preset seed", 0, 18446744073709551615.0}, p.seed);
  v(FieldInfo{"preset k", 0, 100000, -1, nullptr, nullptr, nullptr, 2}, p.k);
}
template <class S, class V, IfSame<S, ViewState> = 0>
void visit_fields(S& s, V&& v) {
  v(FieldInfo{"view x_min", -1e30, 1e30}, s.x_min);
  v(FieldInfo{"view x_max", -1e30, 1e30}, s.x_max);
  v(FieldInfo{"view y_min", -1e30, 1e30}, s.y_min);
  v(FieldInfo{"view y_max", -1e30, 1e30}, s.y_max);
  v(FieldInfo{"view selected_sample", -1, kMaxLinkRows}, s.selected_sample);
  v(FieldInfo{"view log_loss", 0, 1}, s.log_loss);
}

// Bit-for-bit equality (floats by their bits) of everything the link carries.
bool same_share_state(const ShareState& a, const ShareState& b);

}  // namespace lstm
