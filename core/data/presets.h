// Built-in series: the Keras/Brownlee tutorial arrays and a few shapes to explore. Deterministic:
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
  DataConfig suggested;  // the window setup the example is meant for
};

const std::vector<Preset>& presets();
int find_preset(const std::string& id);  // index into presets(), or -1

// length is clamped to [1, 1000000]; noise < 0 counts as 0.
Series make_preset(int index, int length, float noise, uint64_t seed = 1);

}  // namespace lstm
