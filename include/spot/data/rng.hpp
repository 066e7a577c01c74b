// Rng: the one random source of SPOT's data generation and sampling. Its draws are defined here (not
// by the standard library's distributions, which differ between implementations), so the same seed
// gives the same numbers on every platform.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace spot::data {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // An independent stream for a sub-task (e.g. sequence i of a dataset): same (seed, stream) pair,
  // same numbers, whatever was drawn from other streams.
  static Rng stream(std::uint64_t seed, std::uint64_t stream) {
    return Rng(mix(seed ^ mix(stream + 0x9e3779b97f4a7c15ULL)));
  }

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform integer in [lo, hi] (inclusive); lo <= hi required.
  int integer(int lo, int hi) {
    const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
    return lo + static_cast<int>(engine_() % span);
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal by Box-Muller (one value per call; the pair's second value is dropped so the
  // stream position depends only on the number of calls).
  double normal(double mean = 0.0, double stddev = 1.0) {
    double u1 = uniform();
    if (u1 <= 0.0) u1 = 0x1.0p-53;
    const double u2 = uniform();
    return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586476925 * u2);
  }
  std::uint64_t bits() { return engine_(); }

 private:
  static std::uint64_t mix(std::uint64_t z) {  // splitmix64 finaliser
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::mt19937_64 engine_;
};

}  // namespace spot::data
