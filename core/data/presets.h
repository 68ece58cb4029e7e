// Built-in series: the Keras/Brownlee tutorial arrays, a few shapes to explore, and memory
// challenges (a difficulty k: how far back the answer lies). Deterministic:
// same (preset, length, noise, seed) gives the same numbers natively and in wasm (init.h's Rng,
// maths in double rounded to float once, periodic arguments reduced exactly by t % period).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "series.h"

namespace lstm {

struct Preset {
  const char* id;           // stable key for links and the CLI
  const char* name;         // UI label
  const char* description;  // one line for the UI
  int default_length;
  float default_noise;   // std of added Gaussian noise, in units of the preset's amplitude
  DataConfig suggested;  // the window setup the example is meant for (at default_k)
  int default_k = 0;     // memory challenges: steps to remember across; 0 = not a challenge
  int max_k = 0;
};

const std::vector<Preset>& presets();
int find_preset(const std::string& id);  // index into presets(), or -1

// length is clamped to [1, 1000000]; noise < 0 counts as 0. k: a memory challenge's gap
// (clamped to [1, max_k]; 0 = default_k), ignored by the other presets.
Series make_preset(int index, int length, float noise, uint64_t seed = 1, int k = 0);

// The window setup of preset `index` at gap k (look_back and stride follow k).
DataConfig suggested_config(int index, int k);
int clamp_k(int index, int k);  // 0 for presets without k

}  // namespace lstm
