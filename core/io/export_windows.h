// Every window's model input and output in the units an exported graph (export_onnx.h) takes
// and gives, so it can be checked against the C++ model on the same windows:
//   {"inputs": (N, look_back, F) the input columns' rows of each window, oldest first,
//    "outputs": (N, O) the model's predictions, step-major, "start": (N) first row of each}
// Units: the series after its transforms (log, detrend, differencing; transforms.h), i.e. data
// units when there are none; outputs are unscaled but not inverted through the transforms.
// Numbers are the exact float32 values (written as doubles: Math.fround gives them back).
#pragma once
#include <string>

#include "trainer.h"

namespace lstm {

// The trainer must be ready().
std::string windows_json(Trainer& trainer);

}  // namespace lstm
