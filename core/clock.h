// Monotonic wall time in seconds, for time budgets and throughput figures.
#pragma once
#include <chrono>

namespace lstm {

inline double now_seconds() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

}  // namespace lstm
