#pragma once
namespace lstm {
// "MAJOR.MINOR.PATCH+<git describe>", set by CMake at configure time.
const char* version();
}  // namespace lstm
