#include "lstm_model.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <type_traits>

#include "activations.h"
#include "config_enums.h"
#include "init.h"
#include "kernels_cell.h"
#include "kernels_gemm.h"

namespace lstm {

namespace {

// f32 under WebAssembly SIMD runs the hand-written kernels (kernels_gemm, kernels_cell);
// natively, and in double everywhere, Eigen and the exact cell below.
#ifdef __wasm_simd128__
constexpr bool kSimdBuild = true;
#else
constexpr bool kSimdBuild = false;
#endif
template <typename S>
constexpr bool kFast = kSimdBuild && std::is_same_v<S, float>;
template <typename Act, typename Rec>
constexpr bool kTanhSigmoid = std::is_same_v<Act, act::Tanh> && std::is_same_v<Rec, act::Sigmoid>;

// C = A B (or C += A B) through Eigen, in tiles of 128 x 128 outputs and depth
// EIGEN_STACK_ALLOCATION_LIMIT / (128 sizeof(S)), so every panel Eigen packs fits its stack
// buffer (larger panels are heap-allocated on every call). Extra packing: ~1/128 of the flops.
// The place for a hand-written SIMD kernel.
template <typename Dst, typename Lhs, typename Rhs>
void gemm(Dst C, const Lhs& A, const Rhs& B, bool accumulate) {
  using Index = Eigen::Index;
  using S = typename Dst::Scalar;
  constexpr Index kMN = 128, kK = Index(EIGEN_STACK_ALLOCATION_LIMIT / (sizeof(S) * kMN));
  const Index M = C.rows(), N = C.cols(), K = A.cols();
  if (!accumulate) C.setZero();
  for (Index i = 0; i < M; i += kMN) {
    const Index m = std::min(kMN, M - i);
    for (Index j = 0; j < N; j += kMN) {
      const Index n = std::min(kMN, N - j);
      for (Index k = 0; k < K; k += kK) {
        const Index kk = std::min(kK, K - k);
        C.block(i, j, m, n).noalias() += A.block(i, k, m, kk) * B.block(k, j, kk, n);
      }
    }
  }
}

// One timestep of the cell for B rows, in place on z (B, 4u): pre-activations -> i, f, g, o.
// c_prev (B, u) is null at t = 0 (Keras zero initial state).
template <typename Act, typename Rec, typename S>
void cell_forward(S* z, const S* c_prev, S* c, S* ac, S* h, int B, int u) {
  for (int r = 0; r < B; ++r) {
    S* zr = z + size_t(r) * 4 * u;
    const size_t o = size_t(r) * u;
    for (int j = 0; j < u; ++j) {
      const S i = Rec::f(zr[j]);
      const S f = Rec::f(zr[u + j]);
      const S g = Act::f(zr[2 * u + j]);
      const S og = Rec::f(zr[3 * u + j]);
      zr[j] = i;
      zr[u + j] = f;
      zr[2 * u + j] = g;
      zr[3 * u + j] = og;
      const S cv = c_prev ? f * c_prev[o + j] + i * g : i * g;
      const S a = Act::f(cv);
      c[o + j] = cv;
      ac[o + j] = a;
      h[o + j] = og * a;
    }
  }
}

// Backward through one timestep's cell for B rows. dh (B, u): dL/dh_t (output + recurrent).
// dcarry (B, u): in dL/dc_t from step t+1 (if has_carry), out dL/dc_{t-1} = dc_t * f_t.
// dz (B, 4u): dL/d pre-activations.
template <typename Act, typename Rec, typename S>
void cell_backward(const S* gate, const S* c_prev, const S* ac, const S* dh, S* dcarry,
                   bool has_carry, S* dz, int B, int u) {
  for (int r = 0; r < B; ++r) {
    const S* gr = gate + size_t(r) * 4 * u;
    S* dzr = dz + size_t(r) * 4 * u;
    const size_t o = size_t(r) * u;
    for (int j = 0; j < u; ++j) {
      const S i = gr[j], f = gr[u + j], g = gr[2 * u + j], og = gr[3 * u + j];
      const S a = ac[o + j];
      const S d = dh[o + j];
      S dc = d * og * Act::df(a);
      if (has_carry) dc += dcarry[o + j];
      dzr[j] = dc * g * Rec::df(i);
      dzr[u + j] = c_prev ? dc * c_prev[o + j] * Rec::df(f) : S(0);
      dzr[2 * u + j] = dc * i * Act::df(g);
      dzr[3 * u + j] = d * a * Rec::df(og);
      dcarry[o + j] = dc * f;
    }
  }
}

// y = f(y) over n values: the SIMD vector forms for f32 tanh / sigmoid in the wasm build.
template <typename F, typename S>
void activate(S* y, int n) {
  if constexpr (kFast<S> && std::is_same_v<F, act::Tanh>) kern::tanh_n(y, y, n);
  else if constexpr (kFast<S> && std::is_same_v<F, act::Sigmoid>) kern::sigmoid_n(y, y, n);
  else for (int k = 0; k < n; ++k) y[k] = F::f(y[k]);
}

// GRU step for B rows. a (B, 3u): x W + b0, in place -> z, r, n. q (B, 3u): h_{t-1} U + b1 (h_prev
// null at t = 0: q = b1). qh (B, u) keeps q's h block for backward.
template <typename Act, typename Rec, typename S>
void gru_forward(S* a, const S* q, const S* h_prev, S* qh, S* h, int B, int u) {
  for (int r = 0; r < B; ++r) {
    S* ar = a + size_t(r) * 3 * u;
    const S* qr = q + size_t(r) * 3 * u;
    for (int j = 0; j < 2 * u; ++j) ar[j] += qr[j];
    activate<Rec>(ar, 2 * u);
    const size_t o = size_t(r) * u;
    for (int j = 0; j < u; ++j) {
      qh[o + j] = qr[2 * u + j];
      ar[2 * u + j] += ar[u + j] * qr[2 * u + j];
    }
    activate<Act>(ar + 2 * u, u);
    for (int j = 0; j < u; ++j) {
      const S z = ar[j], n = ar[2 * u + j];
      h[o + j] = h_prev ? z * h_prev[o + j] + (S(1) - z) * n : (S(1) - z) * n;
    }
  }
}

// Backward through one GRU step for B rows. dh (B, u): dL/dh_t from above and through U. Writes
// dz (B, 3u) dL/da (x side), dq (B, 3u) dL/dq (recurrent side) and dcarry (B, u) = dL/dh_{t-1}
// along the direct path h = z h_{t-1} + ...
template <typename Act, typename Rec, typename S>
void gru_backward(const S* gate, const S* qh, const S* h_prev, const S* dh, S* dz, S* dq, S* dcarry,
                  int B, int u) {
  for (int r = 0; r < B; ++r) {
    const S* gr = gate + size_t(r) * 3 * u;
    S* dzr = dz + size_t(r) * 3 * u;
    S* dqr = dq + size_t(r) * 3 * u;
    const size_t o = size_t(r) * u;
    for (int j = 0; j < u; ++j) {
      const S z = gr[j], rg = gr[u + j], n = gr[2 * u + j], d = dh[o + j];
      const S hp = h_prev ? h_prev[o + j] : S(0);
      const S dan = d * (S(1) - z) * Act::df(n);
      const S daz = d * (hp - n) * Rec::df(z);
      const S dar = dan * qh[o + j] * Rec::df(rg);
      dzr[j] = dqr[j] = daz;
      dzr[u + j] = dqr[u + j] = dar;
      dzr[2 * u + j] = dan;
      dqr[2 * u + j] = dan * rg;
      dcarry[o + j] = d * z;
    }
  }
}

// SimpleRNN: h = act(z) in place on z (B, u), copied to h.
template <typename Act, typename S>
void rnn_forward(S* z, S* h, int B, int u) {
  activate<Act>(z, B * u);
  std::copy_n(z, size_t(B) * u, h);
}

template <typename Act, typename S>
void rnn_backward(const S* hcur, const S* dh, S* dz, int B, int u) {
  for (int k = 0; k < B * u; ++k) dz[k] = dh[k] * Act::df(hcur[k]);
}

constexpr TraceQuantity kLstmTrace[] = {
    {"input gate i", "How much of the candidate enters the cell (sigmoid).", true},
    {"forget gate f", "How much of the old cell is kept (sigmoid).", true},
    {"candidate g", "New content proposed for the cell (activation).", false},
    {"output gate o", "How much of act(c) is shown as h (sigmoid).", true},
    {"cell c", "The cell state carried across time.", false},
    {"hidden h", "The layer's output at each step (Keras: return_sequences).", false},
};
constexpr TraceQuantity kGruTrace[] = {
    {"update gate z", "How much of the old h is kept: h = z h + (1 - z) n (sigmoid).", true},
    {"reset gate r", "How much of the old h the candidate sees (sigmoid).", true},
    {"candidate n", "New content proposed for h (activation).", false},
    {"hidden h", "The layer's output and its only state (Keras: return_sequences).", false},
};
constexpr TraceQuantity kRnnTrace[] = {
    {"hidden h", "act(x W + h U + b): the output and the only state, no gates.", false},
};

}  // namespace

int trace_count(CellKind cell) {
  return cell == CellKind::Lstm ? 6 : cell == CellKind::Gru ? 4 : 1;
}

const TraceQuantity& trace_quantity(CellKind cell, int q) {
  assert(q >= 0 && q < trace_count(cell));
  return cell == CellKind::Lstm ? kLstmTrace[q] : cell == CellKind::Gru ? kGruTrace[q] : kRnnTrace[q];
}

template <typename S>
S loss_and_grad(const S* y, const S* y_true, int n, LossKind kind, S* dy) {
  double sum = 0.0;
  const S inv_n = S(1) / S(n);
  for (int k = 0; k < n; ++k) {
    const S e = y[k] - y_true[k];
    if (kind == LossKind::Mse) {
      sum += double(e) * double(e);
      if (dy) dy[k] = S(2) * e * inv_n;
    } else {
      sum += std::abs(double(e));
      if (dy) dy[k] = (e > S(0) ? S(1) : e < S(0) ? S(-1) : S(0)) * inv_n;
    }
  }
  return S(sum / n);
}

template <typename S>
void LstmModel<S>::configure(const ModelConfig& cfg, int n_features, int n_outputs) {
  assert(cfg.n_layers >= 1 && cfg.n_layers <= kMaxLayers);
  assert(n_features >= 1 && n_outputs >= 1);
  cfg_ = cfg;
  n_features_ = n_features;
  n_outputs_ = n_outputs;
  tensors_.clear();
  int offset = 0;
  auto add = [&](std::string name, int rows, int cols) {
    tensors_.push_back({std::move(name), offset, rows, cols});
    offset += rows * cols;
  };
  const int G = gates();
  for (int l = 0; l < cfg.n_layers; ++l) {
    const int u = cfg.units[l];
    assert(u >= 1);
    const std::string p = enum_label(cfg.cell) + std::string("_") + std::to_string(l) + "/";
    add(p + "kernel", input_dim(l), G * u);
    add(p + "recurrent_kernel", u, G * u);
    add(p + "bias", bias_rows(cfg.cell), G * u);
  }
  add("dense/kernel", cfg.units[cfg.n_layers - 1], n_outputs);
  add("dense/bias", 1, n_outputs);
  params_.assign(size_t(offset), S(0));
  grads_.assign(size_t(offset), S(0));
  max_batch_ = steps_ = batch_ = 0;
}

template <typename S>
void LstmModel<S>::init_keras(uint64_t seed) {
  Rng rng(seed);
  S* p = params_.data();
  const int G = gates();
  for (int l = 0; l < cfg_.n_layers; ++l) {
    const int u = units(l);
    glorot_uniform(rng, p + tensors_[kernel_id(l)].offset, input_dim(l), G * u);
    orthogonal(rng, p + tensors_[recurrent_id(l)].offset, u, G * u);
    S* b = p + tensors_[bias_id(l)].offset;
    std::fill(b, b + tensors_[bias_id(l)].size(), S(0));
    if (cfg_.cell == CellKind::Lstm) std::fill(b + u, b + 2 * u, S(1));  // unit_forget_bias
  }
  glorot_uniform(rng, p + tensors_[dense_kernel_id()].offset, units(cfg_.n_layers - 1),
                 n_outputs_);
  S* bd = p + tensors_[dense_bias_id()].offset;
  std::fill(bd, bd + n_outputs_, S(0));
}

template <typename S>
void LstmModel<S>::reserve(int max_batch, int steps) {
  assert(max_batch >= 1 && steps >= 1 && !tensors_.empty());
  max_batch_ = max_batch;
  steps_ = steps;
  const size_t rows = size_t(steps) * max_batch;
  int umax = 0;
  const int G = gates();
  const bool lstm = cfg_.cell == CellKind::Lstm, gru = cfg_.cell == CellKind::Gru;
  for (int l = 0; l < cfg_.n_layers; ++l) {
    const int u = units(l);
    umax = std::max(umax, u);
    gates_[l].assign(rows * G * u, S(0));
    cell_[l].assign(lstm || gru ? rows * u : 0, S(0));
    actc_[l].assign(lstm ? rows * u : 0, S(0));
    hid_[l].assign(rows * u, S(0));
  }
  for (int l = cfg_.n_layers; l < kMaxLayers; ++l) gates_[l] = {}, cell_[l] = {}, actc_[l] = {}, hid_[l] = {};
  xtm_.assign(rows * n_features_, S(0));
  y_.assign(size_t(max_batch) * n_outputs_, S(0));
  dy_.assign(size_t(max_batch) * n_outputs_, S(0));
  dz_.assign(rows * G * umax, S(0));
  dzh_.assign(gru ? rows * G * umax : 0, S(0));
  rproj_.assign(gru ? size_t(max_batch) * G * umax : 0, S(0));
  dh_.assign(rows * std::max(umax, n_features_), S(0));
  dhrec_.assign(size_t(max_batch) * umax, S(0));
  dcarry_.assign(size_t(max_batch) * umax, S(0));
  size_t pack = 0;  // largest packed B: U, U^T, W^T of any layer, dense kernel^T
  if constexpr (kFast<S>) {
    for (int l = 0; l < cfg_.n_layers; ++l) {
      const int u = units(l);
      pack = std::max({pack, kern::packed_size(u, G * u), kern::packed_size(G * u, u),
                       kern::packed_size(G * u, input_dim(l))});
    }
    pack = std::max(pack, kern::packed_size(n_outputs_, units(cfg_.n_layers - 1)));
  }
  pack_.assign(pack, S(0));
}

template <typename S>
void LstmModel<S>::forward(const S* x, int B) {
  assert(B >= 1 && B <= max_batch_);
  batch_ = B;
  const int T = steps_, F = n_features_, O = n_outputs_, G = gates();
  for (int b = 0; b < B; ++b)  // (B, T, F) -> (T*B, F)
    for (int t = 0; t < T; ++t)
      std::copy_n(x + (size_t(b) * T + t) * F, F, xtm_.data() + (size_t(t) * B + b) * F);

  const S* in = xtm_.data();
  int in_dim = F;
  for (int l = 0; l < cfg_.n_layers; ++l) {
    const int u = units(l);
    CMatMap A(in, T * B, in_dim);                                  // (T*B, in)
    CMatMap W = cparam(kernel_id(l));                              // (in, G u)
    MatMap Z(gates_[l].data(), T * B, G * u);                      // (T*B, G u)
    Z.rowwise() = cparam(bias_id(l)).row(0);
    if constexpr (kFast<S>)
      kern::gemm(T * B, G * u, in_dim, in, in_dim, 1, kern::row_major(W.data(), G * u), Z.data(),
                 G * u, true);
    else
      gemm(Z, A, W, true);
    if (cfg_.cell == CellKind::Gru) forward_gru(l, B);
    else forward_lstm_rnn(l, B);
    in = hid_[l].data();
    in_dim = u;
  }
  CMatMap Hlast(in + size_t(T - 1) * B * in_dim, B, in_dim);       // (B, u_last)
  MatMap Y(y_.data(), B, O);                                       // (B, O)
  Y.rowwise() = cparam(dense_bias_id()).row(0);
  if constexpr (kFast<S>)
    kern::gemm(B, O, in_dim, Hlast.data(), in_dim, 1,
               kern::row_major(cparam(dense_kernel_id()).data(), O), Y.data(), O, true);
  else
    gemm(Y, Hlast, cparam(dense_kernel_id()), true);
}

// f32 wasm kernels: layer l's recurrent kernel (u, G u) packed once and reused every step (a tiny
// batch reads it in place). Elsewhere unused.
template <typename S>
kern::BView LstmModel<S>::packed_recurrent(int l, int B) {
  if constexpr (kFast<S>) {
    const int u = units(l), GU = gates() * u;
    const S* U = cparam(recurrent_id(l)).data();
    return B >= 4 ? kern::pack_b(u, GU, U, GU, 1, pack_.data()) : kern::row_major(U, GU);
  }
  return kern::BView{};
}

// out (B, G u) += h_prev (B, u) U: the recurrent term of one step (Up: packed_recurrent(l, B)).
template <typename S>
void LstmModel<S>::add_recurrent(int l, int B, const kern::BView& Up, const S* h_prev, S* out) const {
  const int u = units(l), GU = gates() * u;
  if constexpr (kFast<S>) kern::gemm(B, GU, u, h_prev, u, 1, Up, out, GU, true);
  else gemm(MatMap(out, B, GU), CMatMap(h_prev, B, u), cparam(recurrent_id(l)), true);
}

// The recurrence of an LSTM or SimpleRNN layer: z_t += h_{t-1} U, then the cell, step by step.
template <typename S>
void LstmModel<S>::forward_lstm_rnn(int l, int B) {
  const int T = steps_, u = units(l), G = gates();
  const bool lstm = cfg_.cell == CellKind::Lstm;
  const kern::BView Up = packed_recurrent(l, B);
  S* z = gates_[l].data();
  S* c = cell_[l].data();
  S* ac = actc_[l].data();
  S* h = hid_[l].data();
  act::dispatch(cfg_.activation, cfg_.recurrent_activation, [&](auto a, auto r) {
    using Act = decltype(a);
    using Rec = decltype(r);
    for (int t = 0; t < T; ++t) {
      const size_t zt = size_t(t) * B * G * u, ht = size_t(t) * B * u;
      if (t > 0) add_recurrent(l, B, Up, h + ht - size_t(B) * u, z + zt);
      if (!lstm) {
        rnn_forward<Act>(z + zt, h + ht, B, u);
        continue;
      }
      const S* c_prev = t > 0 ? c + ht - size_t(B) * u : nullptr;
      if constexpr (kFast<S>) {  // nested: the outer test must not depend on Act, Rec
        if constexpr (kTanhSigmoid<Act, Rec>) {
          kern::cell_forward_ts(z + zt, c_prev, c + ht, ac + ht, h + ht, B, u);
          continue;
        }
      }
      cell_forward<Act, Rec>(z + zt, c_prev, c + ht, ac + ht, h + ht, B, u);
    }
  });
}

// The recurrence of a GRU layer: q = h_{t-1} U + b1 apart from a = x W + b0 (reset_after).
template <typename S>
void LstmModel<S>::forward_gru(int l, int B) {
  const int T = steps_, u = units(l), G = 3;
  const kern::BView Up = packed_recurrent(l, B);
  MatMap Q(rproj_.data(), B, G * u);                               // (B, 3u)
  S* a = gates_[l].data();
  S* qh = cell_[l].data();
  S* h = hid_[l].data();
  act::dispatch(cfg_.activation, cfg_.recurrent_activation, [&](auto ac, auto rc) {
    using Act = decltype(ac);
    using Rec = decltype(rc);
    for (int t = 0; t < T; ++t) {
      const size_t zt = size_t(t) * B * G * u, ht = size_t(t) * B * u;
      Q.rowwise() = cparam(bias_id(l)).row(1);
      const S* h_prev = t > 0 ? h + ht - size_t(B) * u : nullptr;
      if (h_prev) add_recurrent(l, B, Up, h_prev, Q.data());
      gru_forward<Act, Rec>(a + zt, Q.data(), h_prev, qh + ht, h + ht, B, u);
    }
  });
}

template <typename S>
S LstmModel<S>::loss(const S* y_true, LossKind kind) {
  return loss_and_grad(y_.data(), y_true, batch_ * n_outputs_, kind, dy_.data());
}

template <typename S>
void LstmModel<S>::backward_from(const S* dy, S* dx) {
  std::copy_n(dy, size_t(batch_) * n_outputs_, dy_.data());
  backward(dx);
}

template <typename S>
void LstmModel<S>::backward(S* dx) {
  const int B = batch_, T = steps_, O = n_outputs_, L = cfg_.n_layers;
  const int uL = units(L - 1);
  CMatMap dY(dy_.data(), B, O);                                    // (B, O)
  CMatMap Hlast(hid_[L - 1].data() + size_t(T - 1) * B * uL, B, uL);
  grad(dense_bias_id()).noalias() = dY.colwise().sum();
  MatMap dH(dh_.data(), T * B, uL);                                // (T*B, u_last)
  dH.topRows((T - 1) * B).setZero();
  if constexpr (kFast<S>) {
    kern::gemm(uL, O, B, Hlast.data(), 1, uL, kern::row_major(dY.data(), O),
               grad(dense_kernel_id()).data(), O, false);
    const S* Wd = cparam(dense_kernel_id()).data();                // (u_last, O)
    if (B == 1) {
      kern::gemv_bt(uL, O, dY.data(), Wd, O, dH.bottomRows(B).data(), false);
    } else {
      const kern::BView WdT = kern::pack_b(O, uL, Wd, 1, O, pack_.data());
      kern::gemm(B, uL, O, dY.data(), O, 1, WdT, dH.bottomRows(B).data(), uL, false);
    }
  } else {
    gemm(grad(dense_kernel_id()), Hlast.transpose(), dY, false);
    gemm(dH.bottomRows(B), dY, cparam(dense_kernel_id()).transpose(), false);
  }

  const int G = gates();
  const CellKind cell = cfg_.cell;
  for (int l = L - 1; l >= 0; --l) {
    const int u = units(l), in_dim = input_dim(l), GU = G * u;
    const S* a_in = l == 0 ? xtm_.data() : hid_[l - 1].data();
    CMatMap A(a_in, T * B, in_dim);                                // (T*B, in)
    CMatMap W = cparam(kernel_id(l));                              // (in, G u)
    CMatMap U = cparam(recurrent_id(l));                           // (u, G u)
    MatMap dZ(dz_.data(), T * B, GU);                              // (T*B, G u) x side
    // The recurrent side's gradient: the same as the x side but for the GRU (r scales q_h).
    S* dq = cell == CellKind::Gru ? dzh_.data() : dz_.data();
    MatMap dQ(dq, T * B, GU);
    MatMap dhrec(dhrec_.data(), B, u);                             // (B, u)
    const S* g = gates_[l].data();
    const S* c = cell_[l].data();
    const S* ac = actc_[l].data();
    const S* h = hid_[l].data();
    kern::BView UT{};
    if constexpr (kFast<S>)
      if (B > 1) UT = kern::pack_b(GU, u, U.data(), 1, GU, pack_.data());
    act::dispatch(cfg_.activation, cfg_.recurrent_activation, [&](auto a, auto r) {
      using Act = decltype(a);
      using Rec = decltype(r);
      for (int t = T - 1; t >= 0; --t) {
        const size_t zt = size_t(t) * B * GU, ht = size_t(t) * B * u;
        MatMap dht(dh_.data() + ht, B, u);                         // (B, u)
        if (t < T - 1) dht += dhrec;
        const S* prev = t > 0 ? (cell == CellKind::Lstm ? c : h) + ht - size_t(B) * u : nullptr;
        if (cell == CellKind::SimpleRnn) {
          rnn_backward<Act>(h + ht, dht.data(), dz_.data() + zt, B, u);
        } else if (cell == CellKind::Gru) {
          gru_backward<Act, Rec>(g + zt, c + ht, prev, dht.data(), dz_.data() + zt, dq + zt,
                                 dcarry_.data(), B, u);
        } else {
          bool done = false;
          if constexpr (kFast<S>) {  // nested: the outer test must not depend on Act, Rec
            if constexpr (kTanhSigmoid<Act, Rec>) {
              kern::cell_backward_ts(g + zt, prev, ac + ht, dht.data(), dcarry_.data(), t < T - 1,
                                     dz_.data() + zt, B, u);
              done = true;
            }
          }
          if (!done)
            cell_backward<Act, Rec>(g + zt, prev, ac + ht, dht.data(), dcarry_.data(), t < T - 1,
                                    dz_.data() + zt, B, u);
        }
        if (t == 0) continue;
        if constexpr (kFast<S>) {
          if (B == 1) kern::gemv_bt(u, GU, dq + zt, U.data(), GU, dhrec.data(), false);
          else kern::gemm(B, u, GU, dq + zt, GU, 1, UT, dhrec.data(), u, false);
        } else {
          gemm(dhrec, MatMap(dq + zt, B, GU), U.transpose(), false);
        }
        if (cell == CellKind::Gru) dhrec += MatMap(dcarry_.data(), B, u);  // h = z h_{t-1} + ...
      }
    });
    MatMap dU = grad(recurrent_id(l));
    if constexpr (kFast<S>) {
      // K = T*B products over the whole sweep; A^T is A read with swapped strides.
      kern::gemm(in_dim, GU, T * B, a_in, 1, in_dim, kern::row_major(dZ.data(), GU),
                 grad(kernel_id(l)).data(), GU, false);
      kern::gemm(u, GU, (T - 1) * B, h, 1, u, kern::row_major(dq + size_t(B) * GU, GU), dU.data(),
                 GU, false);
    } else {
      gemm(grad(kernel_id(l)), A.transpose(), dZ, false);
      if (T > 1) {
        CMatMap Hprev(h, (T - 1) * B, u);                          // h_0 .. h_{T-2}
        gemm(dU, Hprev.transpose(), dQ.bottomRows((T - 1) * B), false);
      } else {
        dU.setZero();
      }
    }
    // Bias rows: the x side's, and the GRU's recurrent row (q = h U + b1 at every step).
    const int n_bias_rows = cell == CellKind::Gru ? 2 : 1;
    for (int row_id = 0; row_id < n_bias_rows; ++row_id) {
      const S* src = row_id == 0 ? dz_.data() : dq;
      S* db = grad(bias_id(l)).data() + size_t(row_id) * GU;
      if constexpr (kFast<S>) {  // row after row: one pass over dZ in memory order
        std::fill_n(db, GU, S(0));
        for (int row = 0; row < T * B; ++row) {
          const S* dzr = src + size_t(row) * GU;
          for (int j = 0; j < GU; ++j) db[j] += dzr[j];
        }
      } else {
        Eigen::Map<Eigen::Matrix<S, 1, Eigen::Dynamic>>(db, GU).noalias() =
            CMatMap(src, T * B, GU).colwise().sum();
      }
    }
    if (l > 0 || dx) {
      MatMap dA(dh_.data(), T * B, in_dim);                        // (T*B, in): dL/dh of l-1
      if constexpr (kFast<S>) {
        const kern::BView WT = kern::pack_b(GU, in_dim, W.data(), 1, GU, pack_.data());
        kern::gemm(T * B, in_dim, GU, dZ.data(), GU, 1, WT, dA.data(), in_dim, false);
      } else {
        gemm(dA, dZ, W.transpose(), false);
      }
    }
  }
  if (dx) {
    const int F = n_features_;
    for (int b = 0; b < B; ++b)  // (T*B, F) -> (B, T, F)
      for (int t = 0; t < T; ++t)
        std::copy_n(dh_.data() + (size_t(t) * B + b) * F, F, dx + (size_t(b) * T + t) * F);
  }
}

template <typename S>
void LstmModel<S>::trace(int layer, int sample, int q, S* out) const {
  assert(layer >= 0 && layer < cfg_.n_layers && sample >= 0 && sample < batch_);
  assert(q >= 0 && q < trace_count(cfg_.cell));
  const int u = units(layer), B = batch_, G = gates();
  const int last = trace_count(cfg_.cell) - 1;  // h is every cell's last quantity
  for (int t = 0; t < steps_; ++t) {
    const size_t row = size_t(t) * B + sample;
    const S* src = nullptr;
    if (q == last) src = hid_[layer].data() + row * u;
    else if (cfg_.cell == CellKind::Lstm && q == int(Trace::C)) src = cell_[layer].data() + row * u;
    else src = gates_[layer].data() + row * G * u + size_t(q) * u;  // gate block q
    std::copy_n(src, u, out + size_t(t) * u);
  }
}

template float loss_and_grad<float>(const float*, const float*, int, LossKind, float*);
template double loss_and_grad<double>(const double*, const double*, int, LossKind, double*);
template class LstmModel<float>;
template class LstmModel<double>;

}  // namespace lstm
