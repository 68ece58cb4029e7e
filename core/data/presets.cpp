#include "presets.h"

#include <algorithm>
#include <cmath>

#include "init.h"  // Rng: bit-identical natively and in wasm
#include "windows.h"

namespace lstm {
namespace {

constexpr double kTwoPi = 6.283185307179586;

enum Kind {
  Sine,
  Counting,
  Tens,
  TensMultiStep,
  Pairs,
  Sum,
  Sawtooth,
  Square,
  Damped,
  TrendSeason,
  NoisySine,
  RandomWalk,
  MemoryStock,
  MemoryDelay,
  MemoryAdding
};

// Memory challenges at gap k. Stock: episodes of k + 2 rows, the window is all but the answer row.
// Delay: a stream, the window is k rows and the answer is its first input. Adding: episodes of
// k + 1 rows, the window is the k input rows.
DataConfig challenge_config(Kind kind, int k) {
  switch (kind) {
    case MemoryStock: {
      DataConfig d = data_config(WindowSetup::Univariate, k + 1, {0}, {0}, 1, 0.2f, Scaling::None);
      d.stride = k + 2;
      return d;
    }
    case MemoryDelay:
      return data_config(WindowSetup::MultivariateIn, k, {0}, {1}, 1, 0.2f, Scaling::None);
    default: {
      DataConfig d = data_config(WindowSetup::MultivariateIn, k, {0, 1}, {2}, 1, 0.2f, Scaling::None);
      d.stride = k + 1;
      return d;
    }
  }
}

// Order matches Kind.
const std::vector<Preset> kPresets = {
    {"sine", "Sine wave", "sin(2 pi t / 50): four periods at the default length; look_back 10.",
     200, 0.f, data_config(WindowSetup::Univariate, 10, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"counting", "Counting 0..100",
     "0, 1, ..., 100: inputs 0..99 with targets 1..100, the classic first LSTM.", 101, 0.f,
     data_config(WindowSetup::Univariate, 5, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"tens", "10, 20, ..., 90", "Univariate one-step: [10, 20, 30] -> 40 (look_back 3).", 9, 0.f,
     data_config(WindowSetup::Univariate, 3, {0}, {0}, 1, 0.f, Scaling::None)},
    {"tens_multistep", "10, 20, ..., 90 (2 steps out)",
     "Direct multi-step: [10, 20, 30] -> [40, 50] (n_steps_in 3, n_steps_out 2).", 9, 0.f,
     data_config(WindowSetup::MultiStep, 3, {0}, {0}, 2, 0.f, Scaling::None)},
    {"pairs", "Parallel 10/11, 20/21, ...",
     "Parallel series 10k and 10k+1: both columns in, both out, next step.", 9, 0.f,
     data_config(WindowSetup::Parallel, 3, {0, 1}, {0, 1}, 1, 0.f, Scaling::None)},
    {"sum", "Multivariate in: sum",
     "in_seq1 = 10..90, in_seq2 = 15..95, out = in_seq1 + in_seq2: two inputs -> the sum.", 9, 0.f,
     data_config(WindowSetup::MultivariateIn, 3, {0, 1}, {2}, 1, 0.f, Scaling::None)},
    {"sawtooth", "Sawtooth", "Ramp from -1 to 1 every 25 steps, then a jump back.", 200, 0.f,
     data_config(WindowSetup::Univariate, 10, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"square", "Square wave", "+1 for 20 steps, -1 for 20 steps.", 200, 0.f,
     data_config(WindowSetup::Univariate, 10, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"damped", "Damped oscillation",
     "cos(2 pi t / 30) * exp(-3 t / length): a swing that fades out.", 300, 0.f,
     data_config(WindowSetup::Univariate, 15, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"trend_season", "Trend + seasonality",
     "0.02 t + sin(2 pi t / 24) + 0.5 sin(2 pi t / 6): a rising line with a daily-like cycle.", 300,
     0.05f, data_config(WindowSetup::Univariate, 24, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"noisy_sine", "Noisy sine", "Sine wave of period 50 with Gaussian noise (std 0.2).", 300, 0.2f,
     data_config(WindowSetup::Univariate, 10, {0}, {0}, 1, 0.2f, Scaling::MinMax)},
    {"random_walk", "Random walk",
     "Cumulative sum of standard normal steps: persistence is hard to beat here.", 300, 0.f,
     data_config(WindowSetup::Univariate, 10, {0}, {0}, 1, 0.2f, Scaling::ZScore)},
    {"memory_stock", "Memory: two companies (StatQuest)",
     "Day 1 is 0 or 1, then k shared noisy days ending 0.5, 0.25, 1; predict the next day, which "
     "equals day 1.",
     12000, 0.1f, challenge_config(MemoryStock, 3), 3, 200},
    {"memory_delay", "Memory: recall k steps back",
     "A random signal in [-1, 1]; the target is the signal k steps earlier: the window's first "
     "value.",
     3000, 0.f, challenge_config(MemoryDelay, 20), 20, 200},
    {"memory_adding", "Memory: the adding problem",
     "k random values in [0, 1], two of them marked; predict the sum of the two marked values.",
     12000, 0.f, challenge_config(MemoryAdding, 20), 20, 200},
};

}  // namespace

const std::vector<Preset>& presets() { return kPresets; }

int find_preset(const std::string& id) {
  for (size_t i = 0; i < kPresets.size(); ++i)
    if (id == kPresets[i].id) return static_cast<int>(i);
  return -1;
}

int clamp_k(int index, int k) {
  if (index < 0 || index >= static_cast<int>(kPresets.size()) || kPresets[index].default_k == 0) return 0;
  return k <= 0 ? kPresets[index].default_k : std::min(k, kPresets[index].max_k);
}

DataConfig suggested_config(int index, int k) {
  if (index < 0 || index >= static_cast<int>(kPresets.size())) return DataConfig{};
  if (kPresets[index].default_k == 0) return kPresets[index].suggested;
  return challenge_config(static_cast<Kind>(index), clamp_k(index, k));
}

Series make_preset(int index, int length, float noise, uint64_t seed, int k) {
  Series s;
  if (index < 0 || index >= static_cast<int>(kPresets.size())) return s;
  k = clamp_k(index, k);
  const int T = std::clamp(length, 1, 1000000);
  const double sigma = noise > 0.f ? noise : 0.0;
  Rng rng(seed);
  std::vector<double> a(T), b;  // (T) computed in double, rounded to float once
  auto add_noise = [&](std::vector<double>& v, double amplitude) {
    if (sigma > 0.0)
      for (double& x : v) x += sigma * amplitude * rng.normal();
  };
  auto to_float = [](const std::vector<double>& v) {
    return std::vector<float>(v.begin(), v.end());
  };
  const Kind kind = static_cast<Kind>(index);
  for (int t = 0; t < T; ++t) {
    switch (kind) {
      case Sine:
      case NoisySine:
        a[t] = std::sin(kTwoPi * (t % 50) / 50.0);
        break;
      case Counting:
        a[t] = t;
        break;
      case Tens:
      case TensMultiStep:
      case Pairs:
      case Sum:
        a[t] = 10.0 * (t + 1);
        break;
      case Sawtooth:
        a[t] = -1.0 + 2.0 * (t % 25) / 25.0;
        break;
      case Square:
        a[t] = (t % 40) < 20 ? 1.0 : -1.0;
        break;
      case Damped:
        a[t] = std::cos(kTwoPi * (t % 30) / 30.0) * std::exp(-3.0 * t / T);
        break;
      case TrendSeason:
        a[t] =
            0.02 * t + std::sin(kTwoPi * (t % 24) / 24.0) + 0.5 * std::sin(kTwoPi * (t % 6) / 6.0);
        break;
      case RandomWalk:
        a[t] = t == 0 ? 0.0 : a[t - 1] + rng.normal();
        break;
      default:  // the memory challenges: below
        break;
    }
  }
  if (kind == MemoryStock || kind == MemoryDelay || kind == MemoryAdding) {
    std::vector<double> c2(T, 0.0), c3(T, 0.0);
    if (kind == MemoryStock) {
      constexpr double kPath[] = {0.5, 0.25, 1.0};  // the slides' days 2-4, repeated backwards
      const int P = k + 2;
      for (int e = 0; e + P <= T; e += P) {
        const double day1 = rng.below(2);
        a[e] = day1;
        for (int j = 1; j <= k; ++j) a[e + j] = kPath[((j - k) % 3 + 5) % 3] + sigma * rng.normal();
        a[e + k + 1] = day1;
      }
      s.add("price", to_float(a));
    } else if (kind == MemoryDelay) {
      for (int t = 0; t < T; ++t) a[t] = rng.uniform(-1.0, 1.0) + sigma * rng.normal();
      for (int t = k; t < T; ++t) c2[t] = a[t - k];
      s.add("signal", to_float(a));
      s.add("recall", to_float(c2));
    } else {
      const int P = k + 1;
      for (int e = 0; e + P <= T; e += P) {
        for (int j = 0; j < k; ++j) a[e + j] = rng.uniform() + sigma * rng.normal();
        const int half = std::max(k / 2, 1);
        const int m1 = int(rng.below(uint32_t(half)));
        const int m2 = k > 1 ? half + int(rng.below(uint32_t(k - half))) : m1;
        c2[e + m1] = c2[e + m2] = 1.0;
        c3[e + k] = a[e + m1] + (m2 != m1 ? a[e + m2] : 0.0);
      }
      s.add("value", to_float(a));
      s.add("marker", to_float(c2));
      s.add("sum", to_float(c3));
    }
    return s;
  }
  const double amplitude =
      kind == Tens || kind == TensMultiStep || kind == Pairs || kind == Sum ? 10.0 : 1.0;
  add_noise(a, amplitude);
  switch (kind) {
    case Pairs:
      b.resize(T);
      for (int t = 0; t < T; ++t) b[t] = 10.0 * (t + 1) + 1.0;
      add_noise(b, amplitude);
      s.add("a", to_float(a));
      s.add("b", to_float(b));
      break;
    case Sum: {
      b.resize(T);
      for (int t = 0; t < T; ++t) b[t] = 10.0 * (t + 1) + 5.0;
      add_noise(b, amplitude);
      std::vector<double> out(T);
      for (int t = 0; t < T; ++t) out[t] = a[t] + b[t];
      s.add("in_seq1", to_float(a));
      s.add("in_seq2", to_float(b));
      s.add("out", to_float(out));
      break;
    }
    default:
      s.add(kPresets[index].id, to_float(a));
      break;
  }
  return s;
}

}  // namespace lstm
