#include "python_text.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace lstm {

std::string double_text(double v) {
  char buf[40];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

std::string py_string(const std::string& s) {
  using nlohmann::json;
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string fill(std::string text,
                 std::initializer_list<std::pair<const char*, std::string>> tokens) {
  for (const auto& [token, value] : tokens) {
    const std::string key(token);
    for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + value.size()))
      text.replace(p, key.size(), value);
  }
  return text;
}

}  // namespace lstm
