#include "optimizer.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace lstm {

template <typename S>
void Optimizer<S>::configure(const TrainConfig& cfg) {
  cfg_ = cfg;
}

template <typename S>
void Optimizer<S>::reserve(int n_params) {
  m_.assign(size_t(n_params), S(0));
  v_.assign(size_t(n_params), S(0));
  t_ = 0;
}

template <typename S>
bool Optimizer<S>::load_state(int t, const std::vector<S>& m, const std::vector<S>& v) {
  if (t < 0 || m.size() != m_.size() || v.size() != v_.size()) return false;
  std::copy(m.begin(), m.end(), m_.begin());
  std::copy(v.begin(), v.end(), v_.begin());
  t_ = t;
  return true;
}

template <typename S>
void Optimizer<S>::reset() {
  std::fill(m_.begin(), m_.end(), S(0));
  std::fill(v_.begin(), v_.end(), S(0));
  t_ = 0;
}

template <typename S>
S Optimizer<S>::step(S* p, S* g, int n) {
  assert(n <= int(m_.size()));
  double sq = 0.0;
  for (int k = 0; k < n; ++k) sq += double(g[k]) * double(g[k]);
  const double norm = std::sqrt(sq);
  if (!std::isfinite(norm)) return S(norm);
  if (cfg_.clip_norm > 0.f && norm > double(cfg_.clip_norm)) {
    const S scale = S(double(cfg_.clip_norm) / norm);
    for (int k = 0; k < n; ++k) g[k] *= scale;
  }
  ++t_;
  S* m = m_.data();
  S* v = v_.data();
  const double lr = cfg_.lr, b1 = cfg_.beta1, b2 = cfg_.beta2;
  const S b1s = S(b1), b2s = S(b2), a1 = S(1.0 - b1), a2 = S(1.0 - b2);
  const S eps = S(cfg_.epsilon);
  switch (cfg_.optimizer) {
    case OptimizerKind::Adam: {
      const S lr_t = S(lr * std::sqrt(1.0 - std::pow(b2, t_)) / (1.0 - std::pow(b1, t_)));
      for (int k = 0; k < n; ++k) {
        m[k] = b1s * m[k] + a1 * g[k];
        v[k] = b2s * v[k] + a2 * g[k] * g[k];
        p[k] -= lr_t * m[k] / (std::sqrt(v[k]) + eps);
      }
      break;
    }
    case OptimizerKind::AdamTorch: {
      // Operation order of torch.optim.Adam (single-tensor path, torch 1.13).
      const S step_size = S(lr / (1.0 - std::pow(b1, t_)));
      const S bc2_sqrt = S(std::sqrt(1.0 - std::pow(b2, t_)));
      for (int k = 0; k < n; ++k) {
        m[k] = m[k] * b1s + g[k] * a1;
        v[k] = v[k] * b2s + a2 * g[k] * g[k];
        const S denom = std::sqrt(v[k]) / bc2_sqrt + eps;
        p[k] += -step_size * (m[k] / denom);
      }
      break;
    }
    case OptimizerKind::Sgd: {
      const S lrs = S(lr), mom = S(cfg_.momentum);
      for (int k = 0; k < n; ++k) {
        m[k] = mom * m[k] - lrs * g[k];
        p[k] += m[k];
      }
      break;
    }
  }
  return S(norm);
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace lstm
