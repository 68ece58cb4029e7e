// A trained model as an ONNX file (opset 14, IR version 8), written directly as protobuf bytes
// (protobuf_writer.h): the standard recurrent operators, so onnxruntime, netron or any ONNX
// runtime runs it without Python.
//
// Graph (names as in the file; B is the symbolic dimension "batch"):
//   input  "window"      float (B, look_back, F)  the last look_back rows of the input columns,
//                        in data units, oldest first; F in the order of the metadata
//                        "input_columns". With transforms (log, detrend, differencing;
//                        transforms.h) the window holds the transformed series and the
//                        prediction is in the same units: the transforms are not graph ops;
//                        the metadata "transforms" gives them (fitted trend, lag) to apply and
//                        invert outside. Without transforms both are plain data units.
//   Cast, Sub, Div, Cast (window - in_offset) / in_scale in double precision, then float: the
//                        playground's scaler (min-max, z-score or none, fitted on the training
//                        rows) as graph ops, with the same arithmetic as Scaler::forward
//   Transpose            -> (look_back, B, F): the recurrent operators run sequence-first
//   LSTM | GRU | RNN     one operator per layer, hidden_size = units; between layers Squeeze
//                        drops num_directions from Y (look_back, 1, B, u) -> (look_back, B, u)
//   Squeeze(Y_h)         the last layer's final hidden state (1, B, u) -> (B, u)
//   Gemm                 the Dense head: h dense_kernel + dense_bias -> (B, O)
//   Cast, Mul, Add, Cast y * out_scale + out_offset in double precision: back to data units
//   output "prediction"  float (B, O), O = horizon * J, step-major (step k, target j at k*J + j),
//                        targets in the order of the metadata "target_columns"
// Metadata (string pairs): input_columns, target_columns (JSON lists), look_back, horizon,
// scaling, transforms ("none" or JSON: log, detrend, trend {column: [a, b]}, difference_lag).
//
// Cells: LSTM gate blocks reordered from Keras' i, f, c, o to ONNX's i, o, f, c, the one bias in
// Wb and zeros in Rb. GRU: Keras' z, r, h is ONNX's order; reset_after (the reset gate scales
// h U + b_rec) is ONNX's linear_before_reset = 1, with the input bias in Wb and the recurrent one
// in Rb. SimpleRNN: the RNN operator with the bias in Wb.
// Activations attribute (f gates, g candidate, h cell output): LSTM [rec, act, act], GRU
// [rec, act], RNN [act]; tanh -> Tanh, relu -> Relu, sigmoid -> Sigmoid, hard_sigmoid ->
// HardSigmoid with ONNX's default alpha 0.2, beta 0.5 (tf.keras 2.x: clip(0.2 x + 0.5, 0, 1)).
#pragma once
#include <string>

#include "config.h"
#include "trainer.h"

namespace lstm {

// The file's bytes, or "" with *error saying why the model cannot be written (a trainer that is
// not ready, an activation ONNX's recurrent operators do not name). Deterministic: the same
// trained model gives the same bytes.
std::string export_onnx(const Trainer& trainer, std::string* error);

// "" when the model's cell and activations map onto ONNX's operators, else why not.
std::string onnx_unsupported(const ModelConfig& model);

}  // namespace lstm
