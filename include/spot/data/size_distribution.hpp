// SizeDistribution: how target sizes sqrt(w*h) are drawn, shared by the synthetic generator and the
// size-balanced sampler so "uniform-log" means the same thing in both.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "spot/data/rng.hpp"

namespace spot::data {

struct SizeDistribution {
  std::string kind = "uniform-log";  // uniform-log | imbalanced | bins
  double min = 2.0;                  // px
  double max = 128.0;                // px
  std::vector<std::pair<double, double>> bins;  // for "bins": [lo, hi) ranges, one chosen uniformly

  // uniform-log: log(size) uniform in [log min, log max) (every octave equally often).
  // imbalanced: density in log-size growing linearly towards max (mostly large, like real sets).
  // bins: a bin chosen uniformly, then uniform-log inside it.
  double draw(Rng& rng) const { return quantile(rng.uniform()); }
  // The size whose cumulative probability is u in [0, 1): draw() = quantile(uniform). Stratified
  // draws (u = (k + U) / n) give datasets whose sizes cover the range evenly even for small n.
  double quantile(double u) const;

  // Throws spot::Error naming `source` for an unknown kind, an inverted or empty range, sizes below
  // 1 px or above `largest` px, or "bins" without valid bins.
  void validate(const std::string& source, double largest) const;
};

}  // namespace spot::data
