// Optimizers over the model's flat parameter buffer (see lstm_model.h for its layout).
//   Adam       tf.keras 2.x form ("epsilon hat"): lr_t = lr sqrt(1-b2^t) / (1-b1^t),
//              p -= lr_t m / (sqrt(v) + eps)
//   AdamTorch  torch.optim.Adam: p -= lr mhat / (sqrt(vhat) + eps), eps after bias correction
//   Sgd        tf.keras SGD with momentum: v = mom v - lr g; p += v
// Optional global-norm clipping first (tf.clip_by_global_norm: g *= c / max(||g||, c)).
// After reserve(), step() allocates nothing.
#pragma once
#include <vector>

#include "aligned_vector.h"
#include "config.h"

namespace lstm {

// Keras' Adam default is 1e-7, PyTorch's 1e-8: the UI can offer this when the kind changes.
inline float default_epsilon(OptimizerKind k) { return k == OptimizerKind::AdamTorch ? 1e-8f : 1e-7f; }

template <typename S>
class Optimizer {
 public:
  // Takes optimizer, lr, beta1, beta2, epsilon, momentum, clip_norm. Keeps the state, so the
  // learning rate can change between steps.
  void configure(const TrainConfig& cfg);
  void reserve(int n_params);  // sizes and zeroes the state
  void reset();                // zero moments, t = 0

  // Clips grads in place if clip_norm > 0, then updates params. Returns the global gradient
  // norm before clipping (non-finite: the caller has diverged; params are then left unchanged).
  S step(S* params, S* grads, int n);

  int iterations() const { return t_; }
  const TrainConfig& config() const { return cfg_; }
  // The state a saved session carries: step count and moments (n each, or SGD velocity in m).
  const AlignedVector<S>& first_moment() const { return m_; }
  const AlignedVector<S>& second_moment() const { return v_; }
  // False (nothing changed) unless m and v have the reserved size.
  bool load_state(int t, const std::vector<S>& m, const std::vector<S>& v);

 private:
  TrainConfig cfg_{};
  int t_ = 0;
  AlignedVector<S> m_;  // (n) first moment, or SGD velocity
  AlignedVector<S> v_;  // (n) second moment
};

extern template class Optimizer<float>;
extern template class Optimizer<double>;

}  // namespace lstm
