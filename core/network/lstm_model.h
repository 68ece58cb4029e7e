// Stacked recurrent layers (Keras LSTM, GRU or SimpleRNN, return_sequences between layers) + a
// Dense head on the last hidden state. Forward, loss and full BPTT over one flat parameter buffer.
//
// Parameter buffer (one contiguous array, gradients in a twin array of the same layout), all
// tensors row-major in Keras orientation, G gate blocks of u columns (config.h: gate_blocks):
//   for each layer l (in = n_features for l = 0, else units[l-1], u = units[l]):
//     <cell>_l/kernel            (in, G u)     LSTM i, f, c(g), o; GRU z, r, h; SimpleRNN one block
//     <cell>_l/recurrent_kernel  (u, G u)
//     <cell>_l/bias              (R, G u)      R = 1; GRU (reset_after): row 0 input, row 1 recurrent
//   dense/kernel                 (u_last, O)   O = n_outputs = n_targets * horizon
//   dense/bias                   (1, O)
// <cell> is the Keras layer name: lstm, gru, simple_rnn.
//
// Cells, per step t for B rows (x_t W + b precomputed for all steps as one GEMM):
//   LSTM       z = x W + h U + b; i, f, o = rec(z..); g = act(z_g); c = f c + i g; h = o act(c)
//   GRU        a = x W + b0; q = h U + b1; z = rec(a_z + q_z); r = rec(a_r + q_r);
//              n = act(a_h + r q_h); h = z h + (1 - z) n          (Keras reset_after = nn.GRU)
//   SimpleRNN  h = act(x W + h U + b)
//
// Workspaces are time-major internally (row t*B + b) so a timestep is one contiguous (B, .)
// block: the input projection of a layer is one (T*B, in) x (in, G u) GEMM, the recurrence one
// (B, u) x (u, G u) GEMM per step, and after the backward sweep dKernel, dRecurrent and dInput
// are single GEMMs with K = T*B. After reserve(), forward/loss/backward allocate nothing.
#pragma once
#include <Eigen/Core>
#include <array>
#include <string>
#include <vector>

#include "aligned_vector.h"
#include "config.h"
#include "kernels_gemm.h"

namespace lstm {

struct ParamTensor {
  std::string name;  // "lstm_0/kernel", ..., "dense/kernel", "dense/bias"
  int offset = 0;    // into params() / grads()
  int rows = 0, cols = 0;
  int size() const { return rows * cols; }
};

// Per-sample quantities the UI draws, per cell (trace() index q):
//   LSTM       0 i, 1 f, 2 g, 3 o, 4 c, 5 h
//   GRU        0 z, 1 r, 2 n (candidate), 3 h
//   SimpleRNN  0 h
enum class Trace : uint8_t { I, F, G, O, C, H };  // the LSTM's, by name
struct TraceQuantity {
  const char* name;  // "input gate i"
  const char* tip;   // one line on what it does
  bool gate;         // in [0, 1] (a recurrent activation), else signed
};
int trace_count(CellKind cell);
const TraceQuantity& trace_quantity(CellKind cell, int q);

// Mean over the n = B*O entries, as Keras' mse / mae. Writes dL/dy into dy when non-null.
template <typename S>
S loss_and_grad(const S* y, const S* y_true, int n, LossKind kind, S* dy);

template <typename S>
class LstmModel {
 public:
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using MatMap = Eigen::Map<Mat>;
  using CMatMap = Eigen::Map<const Mat>;

  // Sizes the parameter buffers (zeroed) and drops the workspaces.
  void configure(const ModelConfig& cfg, int n_features, int n_outputs);
  // Keras defaults: glorot_uniform kernels, orthogonal recurrent kernels, zero biases with
  // unit_forget_bias, glorot_uniform dense kernel. Deterministic for a seed on every platform.
  void init_keras(uint64_t seed);
  // Sizes every workspace for batches up to max_batch of `steps` timesteps.
  void reserve(int max_batch, int steps);

  // x: (B, T, F) row-major, B <= max_batch. Result in output().
  void forward(const S* x, int batch);
  const S* output() const { return y_.data(); }  // (B, O) of the last forward
  // Loss of the last forward against y_true (B, O); stores dL/dy for backward().
  S loss(const S* y_true, LossKind kind);
  // Full BPTT of the last forward + loss. Overwrites grads(); dx (B, T, F) if non-null.
  void backward(S* dx = nullptr);
  // BPTT of the last forward from a given dL/dy (B, O) instead of a loss: saliency = dy/dx.
  void backward_from(const S* dy, S* dx);

  // Copies quantity q (trace_quantity) of one sample of the last forward for one layer:
  // out (T, units(layer)).
  void trace(int layer, int sample, int q, S* out) const;
  void trace(int layer, int sample, Trace q, S* out) const { trace(layer, sample, int(q), out); }

  S* params() { return params_.data(); }
  const S* params() const { return params_.data(); }
  S* grads() { return grads_.data(); }
  const S* grads() const { return grads_.data(); }
  int n_params() const { return int(params_.size()); }
  const std::vector<ParamTensor>& tensors() const { return tensors_; }

  // Named views into a buffer with the parameter layout (params() or grads()).
  static int kernel_id(int l) { return 3 * l; }
  static int recurrent_id(int l) { return 3 * l + 1; }
  static int bias_id(int l) { return 3 * l + 2; }
  int dense_kernel_id() const { return 3 * cfg_.n_layers; }
  int dense_bias_id() const { return 3 * cfg_.n_layers + 1; }
  MatMap view(S* base, int id) const {
    const ParamTensor& t = tensors_[id];
    return MatMap(base + t.offset, t.rows, t.cols);
  }
  CMatMap view(const S* base, int id) const {
    const ParamTensor& t = tensors_[id];
    return CMatMap(base + t.offset, t.rows, t.cols);
  }
  MatMap param(int id) { return view(params_.data(), id); }
  CMatMap cparam(int id) const { return view(params_.data(), id); }
  CMatMap cgrad(int id) const { return view(grads_.data(), id); }
  MatMap grad(int id) { return view(grads_.data(), id); }

  const ModelConfig& config() const { return cfg_; }
  CellKind cell() const { return cfg_.cell; }
  int gates() const { return gate_blocks(cfg_.cell); }  // G
  int n_layers() const { return cfg_.n_layers; }
  int units(int l) const { return cfg_.units[l]; }
  int input_dim(int l) const { return l == 0 ? n_features_ : cfg_.units[l - 1]; }
  int n_features() const { return n_features_; }
  int n_outputs() const { return n_outputs_; }
  int steps() const { return steps_; }
  int max_batch() const { return max_batch_; }
  int batch() const { return batch_; }  // of the last forward

 private:
  ModelConfig cfg_{};
  int n_features_ = 0, n_outputs_ = 0;
  int max_batch_ = 0, steps_ = 0, batch_ = 0;
  std::vector<ParamTensor> tensors_;
  AlignedVector<S> params_, grads_;

  kern::BView packed_recurrent(int l, int B);
  void add_recurrent(int l, int B, const kern::BView& Up, const S* h_prev, S* out) const;
  void forward_lstm_rnn(int l, int B);
  void forward_gru(int l, int B);

  // Per layer, time-major rows t*B + b:
  std::array<AlignedVector<S>, kMaxLayers> gates_;  // (T*B, G u) pre-activations, then the gates
  std::array<AlignedVector<S>, kMaxLayers> cell_;   // LSTM (T*B, u) c; GRU (T*B, u) q_h = h U_h + b1_h
  std::array<AlignedVector<S>, kMaxLayers> actc_;   // LSTM (T*B, u) act(c)
  std::array<AlignedVector<S>, kMaxLayers> hid_;    // (T*B, u) h
  AlignedVector<S> xtm_;     // (T*B, F) the input, time-major
  AlignedVector<S> y_, dy_;  // (B, O)
  AlignedVector<S> dz_;      // (T*B, G u_max) dL/d pre-activations of the current layer (x side)
  AlignedVector<S> dzh_;     // GRU (T*B, 3 u_max) dL/dq (recurrent side; others use dz_)
  AlignedVector<S> rproj_;   // GRU (B, 3 u_max) q = h_{t-1} U + b1 of the current step
  AlignedVector<S> dh_;      // (T*B, max(u_max, F)) dL/dh of the current layer, then dL/d input
  AlignedVector<S> dhrec_;   // (B, u_max) dL/dh_{t-1} through the recurrent kernel
  AlignedVector<S> dcarry_;  // (B, u_max) LSTM dL/dc_{t-1} = dc_t f_t; GRU dL/dh_{t-1} = dh_t z_t
  AlignedVector<S> pack_;    // f32 wasm kernels: one packed B (U, U^T, W^T), see kernels_gemm.h
};

extern template class LstmModel<float>;
extern template class LstmModel<double>;

}  // namespace lstm
