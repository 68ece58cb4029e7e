#include "trainer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "clock.h"
#include "config_fields.h"

namespace lstm {
namespace {
constexpr uint64_t kShuffleStream = 0x53485546464C45ull;  // shuffle RNG is its own stream
}  // namespace

std::string Trainer::setup(const Config& cfg, const Series& raw) {
  // The ranges of the one field list, as the share link codec checks them.
  if (std::string msg = check_fields(cfg); !msg.empty())
    return "The config has a value out of range: " + msg + ".";
  Dataset d = make_dataset(raw, cfg.data);
  if (!d.ok()) return d.error;
  if (d.windows.split.n_train < 1) return "No training window is left: lower validation_split.";

  cfg_ = cfg;
  raw_ = raw;
  data_ = std::move(d);
  const Windows& w = data_.windows;
  max_batch_ = std::min(cfg.train.batch, std::max(w.split.n_train, w.split.n_val));
  max_batch_ = std::max(max_batch_, 1);
  model_.configure(cfg.model, w.n_features, w.n_outputs);
  model_.reserve(max_batch_, w.look_back);
  opt_.configure(cfg.train);
  opt_.reserve(model_.n_params());
  xb_.assign(size_t(max_batch_) * w.look_back * w.n_features, 0.f);
  yb_.assign(size_t(max_batch_) * w.n_outputs, 0.f);
  order_.resize(w.split.n_train);
  history_.train.reserve(cfg.train.epochs);
  history_.val.reserve(cfg.train.epochs);
  ready_ = true;
  reset_weights();
  return "";
}

void Trainer::reset_weights() {
  if (!ready_) return;
  model_.init_keras(cfg_.model.seed);
  restart_from_weights();
}

void Trainer::restart_from_weights() {
  if (!ready_) return;
  opt_.reset();
  shuffle_rng_ = Rng(cfg_.model.seed ^ kShuffleStream);
  good_params_.assign(model_.params(), model_.params() + model_.n_params());
  history_.train.clear();
  history_.val.clear();
  progress_ = Progress{};
  progress_.batches_per_epoch =
      (data_.windows.split.n_train + cfg_.train.batch - 1) / cfg_.train.batch;
  epoch_loss_sum_ = 0.0;
  epoch_loss_count_ = 0;
  shuffle_order();
}

void Trainer::shuffle_order() {
  for (int i = 0; i < int(order_.size()); ++i) order_[i] = i;
  if (!cfg_.train.shuffle) return;
  for (int i = int(order_.size()) - 1; i > 0; --i)  // Fisher-Yates
    std::swap(order_[i], order_[shuffle_rng_.below(uint32_t(i + 1))]);
}

void Trainer::run_batch() {
  const Windows& w = data_.windows;
  const int n_train = w.split.n_train;
  const int first = progress_.batch * cfg_.train.batch;
  const int b = std::min(cfg_.train.batch, n_train - first);
  const size_t xs = size_t(w.look_back) * w.n_features, ys = size_t(w.n_outputs);
  for (int k = 0; k < b; ++k) {
    const int idx = order_[first + k];
    std::copy_n(w.x.data() + idx * xs, xs, xb_.data() + k * xs);
    std::copy_n(w.y.data() + idx * ys, ys, yb_.data() + k * ys);
  }
  model_.forward(xb_.data(), b);
  const float loss = model_.loss(yb_.data(), cfg_.train.loss);
  float norm = std::numeric_limits<float>::quiet_NaN();
  if (std::isfinite(loss)) {
    model_.backward();
    norm = opt_.step(model_.params(), model_.grads(), model_.n_params());
  }
  progress_.samples += b;
  ++progress_.batch;
  if (!std::isfinite(loss) || !std::isfinite(norm)) {
    std::copy(good_params_.begin(), good_params_.end(), model_.params());
    progress_.diverged = progress_.done = true;
    progress_.message = "Training diverged (the loss became " +
                        std::string(std::isfinite(loss) ? "finite but the gradient infinite"
                                                        : "NaN or infinite") +
                        ") in epoch " + std::to_string(progress_.epoch + 1) +
                        ". The weights of the last good epoch are restored. Try a smaller "
                        "learning rate, gradient clipping or scaling the data.";
    return;
  }
  epoch_loss_sum_ += double(loss) * b;  // Keras averages batch losses weighted by batch size
  epoch_loss_count_ += b;
  if (progress_.batch == progress_.batches_per_epoch) end_epoch();
}

void Trainer::end_epoch() {
  const Split& s = data_.windows.split;
  const float train = float(epoch_loss_sum_ / std::max(epoch_loss_count_, 1));
  const float val = s.n_val > 0 ? evaluate(s.n_train, s.n_train + s.n_val)
                                : std::numeric_limits<float>::quiet_NaN();
  history_.train.push_back(train);
  history_.val.push_back(val);
  progress_.train_loss = train;
  progress_.val_loss = val;
  ++progress_.epoch;
  progress_.batch = 0;
  epoch_loss_sum_ = 0.0;
  epoch_loss_count_ = 0;
  if (s.n_val > 0 && !std::isfinite(val)) {
    std::copy(good_params_.begin(), good_params_.end(), model_.params());
    progress_.diverged = progress_.done = true;
    progress_.message = "Training diverged (the validation loss became NaN or infinite) in epoch " +
                        std::to_string(progress_.epoch) +
                        ". The weights of the last good epoch are restored.";
    return;
  }
  std::copy_n(model_.params(), model_.n_params(), good_params_.data());
  if (progress_.epoch >= cfg_.train.epochs) progress_.done = true;
  shuffle_order();
}

Progress Trainer::step(StepBudget budget) {
  if (!ready_ || progress_.done) {
    progress_.samples_per_s = 0.0;
    return progress_;
  }
  const double t0 = now_seconds();
  const long long s0 = progress_.samples;
  int batches = 0;
  while (!progress_.done) {
    run_batch();
    ++batches;
    if (budget.batches > 0 && batches >= budget.batches) break;
    if (budget.seconds > 0 && now_seconds() - t0 >= budget.seconds) break;
    if (budget.interrupt && budget.interrupt->load(std::memory_order_relaxed)) break;
    if (budget.until_epoch_end && progress_.batch == 0) break;
  }
  const double dt = now_seconds() - t0;
  progress_.samples_per_s = dt > 0 ? double(progress_.samples - s0) / dt : 0.0;
  return progress_;
}

TrainerState Trainer::save_state() const {
  TrainerState s;
  s.params.assign(model_.params(), model_.params() + model_.n_params());
  s.good_params.assign(good_params_.begin(), good_params_.end());
  s.opt_t = opt_.iterations();
  s.opt_m.assign(opt_.first_moment().begin(), opt_.first_moment().end());
  s.opt_v.assign(opt_.second_moment().begin(), opt_.second_moment().end());
  s.shuffle_rng = shuffle_rng_;
  s.order = order_;
  s.epoch_loss_sum = epoch_loss_sum_;
  s.epoch_loss_count = epoch_loss_count_;
  s.progress = progress_;
  s.progress.samples_per_s = 0.0;
  s.history = history_;
  return s;
}

std::string Trainer::load_state(const TrainerState& s) {
  if (!ready_) return "The run is not set up.";
  const size_t n = size_t(model_.n_params());
  const Progress& p = s.progress;
  if (s.params.size() != n || s.good_params.size() != n)
    return "The saved weights do not fit the model (" + std::to_string(s.params.size()) + " values for " +
           std::to_string(n) + " parameters).";
  if (s.order.size() != order_.size() || p.batches_per_epoch != progress_.batches_per_epoch ||
      p.batch < 0 || p.batch >= p.batches_per_epoch || p.epoch < 0 || p.epoch > cfg_.train.epochs ||
      s.history.train.size() != size_t(p.epoch) || s.history.val.size() != size_t(p.epoch) ||
      p.samples < 0 || s.epoch_loss_count < 0)
    return "The saved training state does not fit this run's data and settings.";
  for (int i : s.order)
    if (i < 0 || i >= int(order_.size())) return "The saved training state does not fit this run's data.";
  // Checked before anything changes: the optimizer takes the moments or nothing.
  if (s.opt_m.size() != opt_.first_moment().size() || s.opt_v.size() != opt_.second_moment().size() || s.opt_t < 0)
    return "The saved optimizer state does not fit the model.";
  opt_.load_state(s.opt_t, s.opt_m, s.opt_v);
  std::copy(s.params.begin(), s.params.end(), model_.params());
  good_params_.assign(s.good_params.begin(), s.good_params.end());
  shuffle_rng_ = s.shuffle_rng;
  order_ = s.order;
  epoch_loss_sum_ = s.epoch_loss_sum;
  epoch_loss_count_ = s.epoch_loss_count;
  progress_ = p;
  progress_.samples_per_s = 0.0;
  history_ = s.history;
  return "";
}

float Trainer::evaluate(int begin, int end) {
  const Windows& w = data_.windows;
  const size_t xs = size_t(w.look_back) * w.n_features, ys = size_t(w.n_outputs);
  double sum = 0.0;
  for (int i = begin; i < end; i += max_batch_) {
    const int b = std::min(max_batch_, end - i);
    model_.forward(w.x.data() + i * xs, b);
    sum += double(model_.loss(w.y.data() + i * ys, cfg_.train.loss)) * b;
  }
  return end > begin ? float(sum / (end - begin)) : std::numeric_limits<float>::quiet_NaN();
}

std::vector<float> Trainer::predict_windows(int begin, int end) {
  const Windows& w = data_.windows;
  const size_t xs = size_t(w.look_back) * w.n_features, ys = size_t(w.n_outputs);
  std::vector<float> out(size_t(std::max(end - begin, 0)) * ys);
  for (int i = begin; i < end; i += max_batch_) {
    const int b = std::min(max_batch_, end - i);
    model_.forward(w.x.data() + i * xs, b);
    std::copy_n(model_.output(), b * ys, out.data() + (i - begin) * ys);
  }
  unscale_outputs(data_.scaler, data_.plan.targets, data_.plan.horizon, out.data(), end - begin);
  if (!data_.transform.identity()) {
    std::vector<int> first_rows(size_t(std::max(end - begin, 0)));
    for (int i = begin; i < end; ++i) first_rows[size_t(i - begin)] = w.start[i] + w.look_back;
    invert_outputs(data_.transform, raw_, data_.plan.targets, data_.plan.horizon,
                   first_rows.data(), out.data(), end - begin);
  }
  return out;
}

std::vector<float> Trainer::gradient_by_lag(int windows) {
  const Windows& w = data_.windows;
  const int B = std::min({windows, max_batch_, w.split.n_train}), T = w.look_back, F = w.n_features;
  std::vector<float> out(size_t(T), 0.f);
  if (!ready_ || B < 1) return out;
  std::vector<float> dx(size_t(B) * T * F);
  model_.forward(w.x.data(), B);
  model_.loss(w.y.data(), cfg_.train.loss);
  model_.backward(dx.data());
  for (int b = 0; b < B; ++b)
    for (int k = 0; k < T; ++k) {
      const float* g = dx.data() + (size_t(b) * T + (T - 1 - k)) * F;
      double sq = 0.0;
      for (int f = 0; f < F; ++f) sq += double(g[f]) * g[f];
      out[size_t(k)] += float(std::sqrt(sq) / B);
    }
  return out;
}

std::vector<float> Trainer::saliency(int window) {
  const Windows& w = data_.windows;
  if (!ready_ || window < 0 || window >= w.n) return {};
  const int T = w.look_back, F = w.n_features;
  std::vector<float> dy(size_t(w.n_outputs), 1.f), dx(size_t(T) * F);
  model_.forward(w.x.data() + size_t(window) * T * F, 1);
  model_.backward_from(dy.data(), dx.data());
  for (float& v : dx) v = std::fabs(v);
  return dx;
}

Trainer::Report Trainer::validation_report() {
  const Split& s = data_.windows.split;
  const std::vector<float> pred = predict_windows(s.n_train, s.n_train + s.n_val);
  return lstm::validation_report(raw_, data_, pred.data());
}

std::vector<float> Trainer::rollout(int steps, std::string* error) {
  return rollout_from({raw_.length() - 1}, steps, error);
}

std::vector<float> Trainer::rollout_from(const std::vector<int>& origins, int steps,
                                         std::string* error) {
  const ColumnPlan& plan = data_.plan;
  const int L = data_.windows.look_back, F = plan.n_features();
  const int J = int(plan.targets.size()), K = plan.horizon;
  // Where each input column sits among the targets; rollout feeds predictions back as inputs.
  std::vector<int> target_of(F, -1);
  for (int f = 0; f < F; ++f)
    for (int j = 0; j < J; ++j)
      if (plan.targets[j] == plan.inputs[f]) target_of[f] = j;
  for (int f = 0; f < F; ++f)
    if (target_of[f] < 0) {
      if (error)
        *error = "A rollout feeds predictions back as inputs, so every input column must also be "
                 "a target (input '" + raw_.names[plan.inputs[f]] + "' is not).";
      return {};
    }
  if (error) error->clear();
  const Transform& tr = data_.transform;
  // The model's input at a row: transformed (transforms.h: z) and scaled.
  auto model_input = [&](int col, int row) {
    double z = tr.forward_w(col, row, raw_.columns[col][row]);
    if (tr.lag) z -= tr.forward_w(col, row - tr.lag, raw_.columns[col][row - tr.lag]);
    return data_.scaler.forward(col, float(z));
  };
  const int n = int(origins.size()), H = L + steps + K;
  std::vector<float> out(size_t(n) * steps * J);
  std::vector<float> hist(size_t(H) * F), xb(size_t(max_batch_) * L * F);
  for (int b0 = 0; b0 < n; b0 += max_batch_) {
    const int B = std::min(max_batch_, n - b0);
    // hists: (B, L + steps + K, F) scaled inputs, each seeded with the L rows up to its origin.
    std::vector<float> hists(size_t(B) * H * F);
    for (int b = 0; b < B; ++b)
      for (int t = 0; t < L; ++t)
        for (int f = 0; f < F; ++f)
          hists[(size_t(b) * H + t) * F + f] =
              model_input(plan.inputs[f], origins[size_t(b0 + b)] - L + 1 + t);
    for (int done = 0; done < steps; done += K) {
      for (int b = 0; b < B; ++b)
        std::copy_n(&hists[(size_t(b) * H + done) * F], size_t(L) * F, &xb[size_t(b) * L * F]);
      model_.forward(xb.data(), B);
      const float* y = model_.output();  // (B, K*J) scaled, step-major
      for (int b = 0; b < B; ++b)
        for (int k = 0; k < K; ++k) {
          const float* yk = y + size_t(b) * K * J + size_t(k) * J;
          for (int f = 0; f < F; ++f) hists[(size_t(b) * H + L + done + k) * F + f] = yk[target_of[f]];
          if (done + k < steps)
            for (int j = 0; j < J; ++j)
              out[(size_t(b0 + b) * steps + done + k) * J + j] =
                  data_.scaler.inverse(plan.targets[j], yk[j]);
        }
    }
  }
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < J; ++j)
      invert_path(tr, raw_, plan.targets[j], origins[size_t(i)] + 1, steps,
                  &out[size_t(i) * steps * J + j], J);
  return out;
}

}  // namespace lstm
