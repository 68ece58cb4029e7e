// A trained model in the TensorFlow.js layers format: model.json + weights.bin, what
// tf.loadLayersModel reads and `tensorflowjs_converter --input_format=tfjs_layers_model
// --output_format=keras model.json model.h5` turns into a Keras .h5.
//
// model.json: {"modelTopology": a Keras Sequential (LSTM / SimpleRNN layers, return_sequences
// between them, then Dense(O)), "format": "layers-model", "generatedBy", "convertedBy",
// "weightsManifest": [{"paths": ["weights.bin"], "weights": [{name, shape, dtype float32}...]}],
// "userDefinedMetadata": {"lstm_playground": {...}}}. weights.bin: the tensors in manifest order,
// little-endian float32, Keras orientation (kernel (in, G u), recurrent_kernel (u, G u),
// bias (G u); dense kernel (u, O), bias (O)); gate blocks i, f, c, o as tf.layers.lstm.
//
// Scaling is not in the graph: tfjs 4.22's Rescaling layer takes one scalar scale and offset,
// the playground scales per column. The model takes windows (batch, look_back, F) float32 in
// model units, x_scaled = (x - in_offset) / in_scale per input column, and returns (batch, O)
// model units, step-major (output k * J + j is target j at step k); data units =
// y * out_scale + out_offset per target. The metadata (model.getUserDefinedMetadata() after
// loading) holds the columns, look_back, horizon and these offsets and scales. x is the series
// as the model saw it: after the transforms the playground applied before scaling (log, detrend,
// differencing: core/data/transforms.h), which the metadata names but the model does not undo.
//
// Refused (an error, nothing exported): the GRU. The playground's GRU is Keras' reset_after=True
// (nn.GRU's maths) and tf.layers.gru only computes reset_after=False ("GRUCell does not support
// reset_after parameter set to true"), a different model. hard_sigmoid is tf.keras 2's
// clip(0.2 x + 0.5, 0, 1) in tfjs too (Keras 3 redefined the name: convert with a TF 2 Keras).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "trainer.h"

namespace lstm {

struct TfjsExport {
  std::string model_json;            // model.json text
  std::vector<uint8_t> weights_bin;  // weights.bin bytes
  std::string error;                 // "" or why this model cannot be exported
};

// Deterministic: the same weights give the same bytes. An error when the trainer is not ready().
TfjsExport export_tfjs(const Trainer& trainer);

// The file name model.json's manifest points at.
inline constexpr const char* kTfjsWeightsFile = "weights.bin";

}  // namespace lstm
