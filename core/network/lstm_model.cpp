#include "lstm_model.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <type_traits>

#include "activations.h"
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

}  // namespace

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
  for (int l = 0; l < cfg.n_layers; ++l) {
    const int u = cfg.units[l];
    assert(u >= 1);
    const std::string p = "lstm_" + std::to_string(l) + "/";
    add(p + "kernel", input_dim(l), 4 * u);
    add(p + "recurrent_kernel", u, 4 * u);
    add(p + "bias", 1, 4 * u);
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
  for (int l = 0; l < cfg_.n_layers; ++l) {
    const int u = units(l);
    glorot_uniform(rng, p + tensors_[kernel_id(l)].offset, input_dim(l), 4 * u);
    orthogonal(rng, p + tensors_[recurrent_id(l)].offset, u, 4 * u);
    S* b = p + tensors_[bias_id(l)].offset;
    std::fill(b, b + 4 * u, S(0));
    std::fill(b + u, b + 2 * u, S(1));  // unit_forget_bias
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
  for (int l = 0; l < cfg_.n_layers; ++l) {
    const int u = units(l);
    umax = std::max(umax, u);
    gates_[l].assign(rows * 4 * u, S(0));
    cell_[l].assign(rows * u, S(0));
    actc_[l].assign(rows * u, S(0));
    hid_[l].assign(rows * u, S(0));
  }
  xtm_.assign(rows * n_features_, S(0));
  y_.assign(size_t(max_batch) * n_outputs_, S(0));
  dy_.assign(size_t(max_batch) * n_outputs_, S(0));
  dz_.assign(rows * 4 * umax, S(0));
  dh_.assign(rows * std::max(umax, n_features_), S(0));
  dhrec_.assign(size_t(max_batch) * umax, S(0));
  dcarry_.assign(size_t(max_batch) * umax, S(0));
  size_t pack = 0;  // largest packed B: U, U^T, W^T of any layer, dense kernel^T
  if constexpr (kFast<S>) {
    for (int l = 0; l < cfg_.n_layers; ++l) {
      const int u = units(l);
      pack = std::max({pack, kern::packed_size(u, 4 * u), kern::packed_size(4 * u, u),
                       kern::packed_size(4 * u, input_dim(l))});
    }
    pack = std::max(pack, kern::packed_size(n_outputs_, units(cfg_.n_layers - 1)));
  }
  pack_.assign(pack, S(0));
}

template <typename S>
void LstmModel<S>::forward(const S* x, int B) {
  assert(B >= 1 && B <= max_batch_);
  batch_ = B;
  const int T = steps_, F = n_features_, O = n_outputs_;
  for (int b = 0; b < B; ++b)  // (B, T, F) -> (T*B, F)
    for (int t = 0; t < T; ++t)
      std::copy_n(x + (size_t(b) * T + t) * F, F, xtm_.data() + (size_t(t) * B + b) * F);

  const S* in = xtm_.data();
  int in_dim = F;
  for (int l = 0; l < cfg_.n_layers; ++l) {
    const int u = units(l);
    CMatMap A(in, T * B, in_dim);                                  // (T*B, in)
    CMatMap W = cparam(kernel_id(l));                              // (in, 4u)
    CMatMap U = cparam(recurrent_id(l));                           // (u, 4u)
    CMatMap bias = cparam(bias_id(l));                             // (1, 4u)
    MatMap Z(gates_[l].data(), T * B, 4 * u);                      // (T*B, 4u)
    Z.rowwise() = bias.row(0);
    kern::BView Up{};
    if constexpr (kFast<S>) {
      kern::gemm(T * B, 4 * u, in_dim, in, in_dim, 1, kern::row_major(W.data(), 4 * u), Z.data(),
                 4 * u, true);
      // Packed once, reused every step (a tiny batch reads U in place).
      Up = B >= 4 ? kern::pack_b(u, 4 * u, U.data(), 4 * u, 1, pack_.data())
                  : kern::row_major(U.data(), 4 * u);
    } else {
      gemm(Z, A, W, true);
    }
    S* z = gates_[l].data();
    S* c = cell_[l].data();
    S* ac = actc_[l].data();
    S* h = hid_[l].data();
    act::dispatch(cfg_.activation, cfg_.recurrent_activation, [&](auto a, auto r) {
      using Act = decltype(a);
      using Rec = decltype(r);
      for (int t = 0; t < T; ++t) {
        const size_t zt = size_t(t) * B * 4 * u, ht = size_t(t) * B * u;
        const S* c_prev = t > 0 ? c + ht - size_t(B) * u : nullptr;
        if constexpr (kFast<S>) {
          if (t > 0) kern::gemm(B, 4 * u, u, h + ht - size_t(B) * u, u, 1, Up, z + zt, 4 * u, true);
          if constexpr (kTanhSigmoid<Act, Rec>) {
            kern::cell_forward_ts(z + zt, c_prev, c + ht, ac + ht, h + ht, B, u);
            continue;
          }
        } else if (t > 0) {
          MatMap Zt(z + zt, B, 4 * u);                             // (B, 4u)
          gemm(Zt, CMatMap(h + ht - size_t(B) * u, B, u), U, true);
        }
        cell_forward<Act, Rec>(z + zt, c_prev, c + ht, ac + ht, h + ht, B, u);
      }
    });
    in = h;
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

template <typename S>
S LstmModel<S>::loss(const S* y_true, LossKind kind) {
  return loss_and_grad(y_.data(), y_true, batch_ * n_outputs_, kind, dy_.data());
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

  for (int l = L - 1; l >= 0; --l) {
    const int u = units(l), in_dim = input_dim(l);
    const S* a_in = l == 0 ? xtm_.data() : hid_[l - 1].data();
    CMatMap A(a_in, T * B, in_dim);                                // (T*B, in)
    CMatMap W = cparam(kernel_id(l));                              // (in, 4u)
    CMatMap U = cparam(recurrent_id(l));                           // (u, 4u)
    MatMap dZ(dz_.data(), T * B, 4 * u);                           // (T*B, 4u)
    MatMap dhrec(dhrec_.data(), B, u);                             // (B, u)
    const S* g = gates_[l].data();
    const S* c = cell_[l].data();
    const S* ac = actc_[l].data();
    kern::BView UT{};
    if constexpr (kFast<S>)
      if (B > 1) UT = kern::pack_b(4 * u, u, U.data(), 1, 4 * u, pack_.data());
    act::dispatch(cfg_.activation, cfg_.recurrent_activation, [&](auto a, auto r) {
      using Act = decltype(a);
      using Rec = decltype(r);
      for (int t = T - 1; t >= 0; --t) {
        const size_t zt = size_t(t) * B * 4 * u, ht = size_t(t) * B * u;
        MatMap dht(dh_.data() + ht, B, u);                         // (B, u)
        if (t < T - 1) dht += dhrec;
        const S* c_prev = t > 0 ? c + ht - size_t(B) * u : nullptr;
        bool done = false;
        if constexpr (kFast<S>) {  // nested: the outer test must not depend on Act, Rec
          if constexpr (kTanhSigmoid<Act, Rec>) {
            kern::cell_backward_ts(g + zt, c_prev, ac + ht, dht.data(), dcarry_.data(), t < T - 1,
                                   dz_.data() + zt, B, u);
            done = true;
          }
        }
        if (!done)
          cell_backward<Act, Rec>(g + zt, c_prev, ac + ht, dht.data(), dcarry_.data(), t < T - 1,
                                  dz_.data() + zt, B, u);
        if (t == 0) continue;
        if constexpr (kFast<S>) {
          if (B == 1) kern::gemv_bt(u, 4 * u, dz_.data() + zt, U.data(), 4 * u, dhrec.data(), false);
          else kern::gemm(B, u, 4 * u, dz_.data() + zt, 4 * u, 1, UT, dhrec.data(), u, false);
        }
        else
          gemm(dhrec, MatMap(dz_.data() + zt, B, 4 * u), U.transpose(), false);
      }
    });
    MatMap dU = grad(recurrent_id(l));
    if constexpr (kFast<S>) {
      // K = T*B products over the whole sweep; A^T is A read with swapped strides.
      kern::gemm(in_dim, 4 * u, T * B, a_in, 1, in_dim, kern::row_major(dZ.data(), 4 * u),
                 grad(kernel_id(l)).data(), 4 * u, false);
      kern::gemm(u, 4 * u, (T - 1) * B, hid_[l].data(), 1, u,
                 kern::row_major(dZ.data() + size_t(B) * 4 * u, 4 * u), dU.data(), 4 * u, false);
    } else {
      gemm(grad(kernel_id(l)), A.transpose(), dZ, false);
      if (T > 1) {
        CMatMap Hprev(hid_[l].data(), (T - 1) * B, u);             // h_0 .. h_{T-2}
        gemm(dU, Hprev.transpose(), dZ.bottomRows((T - 1) * B), false);
      } else {
        dU.setZero();
      }
    }
    if constexpr (kFast<S>) {  // row after row: one pass over dZ in memory order
      S* db = grad(bias_id(l)).data();
      std::fill_n(db, 4 * u, S(0));
      for (int row = 0; row < T * B; ++row) {
        const S* dzr = dz_.data() + size_t(row) * 4 * u;
        for (int j = 0; j < 4 * u; ++j) db[j] += dzr[j];
      }
    } else {
      grad(bias_id(l)).noalias() = dZ.colwise().sum();
    }
    if (l > 0 || dx) {
      MatMap dA(dh_.data(), T * B, in_dim);                        // (T*B, in): dL/dh of l-1
      if constexpr (kFast<S>) {
        const kern::BView WT = kern::pack_b(4 * u, in_dim, W.data(), 1, 4 * u, pack_.data());
        kern::gemm(T * B, in_dim, 4 * u, dZ.data(), 4 * u, 1, WT, dA.data(), in_dim, false);
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
void LstmModel<S>::trace(int layer, int sample, Trace q, S* out) const {
  assert(layer >= 0 && layer < cfg_.n_layers && sample >= 0 && sample < batch_);
  const int u = units(layer), B = batch_;
  for (int t = 0; t < steps_; ++t) {
    const size_t row = size_t(t) * B + sample;
    const S* src = nullptr;
    switch (q) {
      case Trace::I: src = gates_[layer].data() + row * 4 * u; break;
      case Trace::F: src = gates_[layer].data() + row * 4 * u + u; break;
      case Trace::G: src = gates_[layer].data() + row * 4 * u + 2 * u; break;
      case Trace::O: src = gates_[layer].data() + row * 4 * u + 3 * u; break;
      case Trace::C: src = cell_[layer].data() + row * u; break;
      case Trace::H: src = hid_[layer].data() + row * u; break;
    }
    std::copy_n(src, u, out + size_t(t) * u);
  }
}

template float loss_and_grad<float>(const float*, const float*, int, LossKind, float*);
template double loss_and_grad<double>(const double*, const double*, int, LossKind, double*);
template class LstmModel<float>;
template class LstmModel<double>;

}  // namespace lstm
