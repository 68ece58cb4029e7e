// Every window's model input and output in data units, as JSON, so a model exported to another
// runtime (ONNX, a script) can be checked against the C++ one on the same windows:
//   {"inputs": (N, look_back, F) the input columns' rows of each window, oldest first,
//    "outputs": (N, O) Trainer::predict_windows, step-major, "start": (N) first row of each}
// Numbers are the exact float32 values (written as doubles: Math.fround gives them back).
#pragma once
#include <string>

#include "trainer.h"

namespace lstm {

// The trainer must be ready().
std::string windows_json(Trainer& trainer);

}  // namespace lstm
