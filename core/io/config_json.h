// The config as JSON: every field under its field-list name (config_fields.h), enums as their
// labels. The page's state hook and lstm-cli's result both print it.
#pragma once
#include <nlohmann/json.hpp>

#include "config.h"

namespace lstm {

nlohmann::json config_json(const Config& c);

}  // namespace lstm
