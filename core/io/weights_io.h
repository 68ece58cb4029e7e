// Weights as JSON in the two layouts people bring from Python. One JSON object; nested arrays
// are row-major ([[row0...], [row1...]]).
//
// Keras (model.get_weights() per layer; gate blocks LSTM i, f, c, o; GRU z, r, h):
//   {"layout": "keras", "config": {...},
//    "layers": [{"kernel": (in, G u), "recurrent_kernel": (u, G u), "bias": (G u) or GRU (2, 3u)}, ...],
//    "dense_kernel": (u, O), "dense_bias": (O)}
// PyTorch (nn.LSTM / nn.GRU / nn.RNN + nn.Linear named `head`; state_dict names, optional
// "lstm." / "gru." / "rnn." prefix; gate blocks LSTM i, f, g, o; GRU r, z, n):
//   {"layout": "pytorch", "config": {...},
//    "weight_ih_l0": (G H, in), "weight_hh_l0": (G H, H), "bias_ih_l0": (G H), "bias_hh_l0": (G H),
//    ..., "head.weight": (O, H), "head.bias": (O)}
//   LSTM and SimpleRNN have one bias per layer = bias_ih + bias_hh: export writes it all to
//   bias_ih and zeros to bias_hh. The GRU keeps both (reset_after: b_hn sits inside r * (...)).
// "config" = {"n_layers", "units": [...], "n_features", "n_outputs", "activation",
// "recurrent_activation", "cell"}: written on export; import refuses a file whose "cell" differs
// from the model's (no "cell": an LSTM file) and takes the shapes from the arrays.
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
