// Helpers shared by the session suites (test_session.cpp, test_session_snapshot.cpp).
#pragma once
#include <chrono>
#include <thread>

#include "clock.h"
#include "session.h"

namespace lstm_test {

// Polls until pred() holds (the runner may be a thread); false after `seconds`.
template <class P>
bool wait_for(lstm::Session& s, P pred, double seconds = 30.0) {
  const double t0 = lstm::now_seconds();
  while (!pred()) {
    s.update(0.005);
    if (lstm::now_seconds() - t0 > seconds) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

}  // namespace lstm_test
