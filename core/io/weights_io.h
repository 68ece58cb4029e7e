// Weights as JSON in the two layouts people bring from Python. One JSON object; nested arrays
// are row-major ([[row0...], [row1...]]), gate order i, f, c(g), o in both layouts.
//
// Keras (model.get_weights() per layer):
//   {"layout": "keras", "config": {...},
//    "layers": [{"kernel": (in, 4u), "recurrent_kernel": (u, 4u), "bias": (4u)}, ...],
//    "dense_kernel": (u, O), "dense_bias": (O)}
// PyTorch (nn.LSTM + nn.Linear named `head`; state_dict names, optional "lstm." prefix):
//   {"layout": "pytorch", "config": {...},
//    "weight_ih_l0": (4H, in), "weight_hh_l0": (4H, H), "bias_ih_l0": (4H), "bias_hh_l0": (4H),
//    ..., "head.weight": (O, H), "head.bias": (O)}
//   The model has one bias per layer = bias_ih + bias_hh; export writes it all to bias_ih and
//   zeros to bias_hh.
// "config" = {"n_layers", "units": [...], "n_features", "n_outputs", "activation",
// "recurrent_activation"}: written on export; import ignores it (shapes come from the arrays).
// Import detects the layout from the keys, checks every shape against the model and every value
// for finiteness, and leaves the model untouched on error.
#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "config.h"
#include "lstm_model.h"

namespace lstm {

enum class WeightLayout : uint8_t { Keras, PyTorch };

const char* layout_name(WeightLayout layout);  // "keras" / "pytorch"

template <typename S>
nlohmann::json weights_to_json(const LstmModel<S>& model, WeightLayout layout);
// indent < 0: compact one-line JSON.
template <typename S>
std::string export_weights(const LstmModel<S>& model, WeightLayout layout, int indent = -1);

// Returns "" on success, otherwise a message for the user (the model is then unchanged).
template <typename S>
std::string import_weights_json(LstmModel<S>& model, const nlohmann::json& doc,
                                WeightLayout* detected = nullptr);
template <typename S>
std::string import_weights(LstmModel<S>& model, const std::string& json_text,
                           WeightLayout* detected = nullptr);

// Reads the model shape a weights document describes (layers, units, features, outputs from
// the arrays; activations from "config" when present, else left as they are in cfg), so a
// model can be configured before import. Returns "" or a message.
std::string weights_shape(const nlohmann::json& doc, ModelConfig& cfg, int& n_features,
                          int& n_outputs);

}  // namespace lstm
