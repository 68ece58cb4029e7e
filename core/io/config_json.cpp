#include "config_json.h"

#include <algorithm>

#include "config_fields.h"

namespace lstm {

nlohmann::json config_json(const Config& c) {
  using nlohmann::json;
  // Arrays cut to the used length: units to n_layers, input_cols to n_inputs, target_cols to
  // n_targets.
  auto group = [](const auto& g) {
    json o = json::object();
    visit_fields(g, [&](const FieldInfo& f, const auto& x) {
      using T = std::decay_t<decltype(x)>;
      json v;
      if constexpr (std::is_enum<T>::value) v = enum_label(x);
      else v = x;
      if (f.index < 0) o[f.name] = v;
      else o[f.name].push_back(v);
    });
    const std::pair<const char*, const char*> used[] = {
        {"input_cols", "n_inputs"}, {"target_cols", "n_targets"}, {"units", "n_layers"}};
    for (const auto& [array, count] : used) {
      if (!o.contains(array)) continue;
      json& a = o[array];
      const size_t n = std::min(a.size(), size_t(std::max(0, o[count].template get<int>())));
      a.erase(a.begin() + std::ptrdiff_t(n), a.end());
    }
    return o;
  };
  return {{"data", group(c.data)}, {"model", group(c.model)}, {"train", group(c.train)}};
}

}  // namespace lstm
