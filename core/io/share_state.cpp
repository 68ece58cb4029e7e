#include "share_state.h"

namespace lstm {

namespace {

bool same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * 4) == 0);
}

}  // namespace

bool same_share_state(const ShareState& a, const ShareState& b) {
  if (!same_fields(a.config, b.config) || !same_fields(a.view, b.view)) return false;
  if (a.hidden_panels != b.hidden_panels || a.has_weights != b.has_weights) return false;
  if (!same_floats(a.weights, b.weights) || a.runs.size() != b.runs.size()) return false;
  for (size_t i = 0; i < a.runs.size(); ++i)
    if (!same_fields(a.runs[i], b.runs[i])) return false;
  const DataSource &da = a.data, &db = b.data;
  if (da.kind != db.kind) return false;
  if (da.kind == DataKind::Preset)
    return da.preset.id == db.preset.id && same_fields(da.preset, db.preset);
  if (da.series.names != db.series.names || da.series.columns.size() != db.series.columns.size())
    return false;
  for (size_t c = 0; c < da.series.columns.size(); ++c)
    if (!same_floats(da.series.columns[c], db.series.columns[c])) return false;
  return true;
}

}  // namespace lstm
