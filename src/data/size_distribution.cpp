// Drawing and validating target-size distributions.
#include "spot/data/size_distribution.hpp"

#include <cmath>

#include <fmt/format.h>

#include "spot/error.hpp"

namespace spot::data {

double SizeDistribution::draw(Rng& rng) const {
  if (kind == "bins") {
    const auto& [lo, hi] = bins[rng.integer(0, static_cast<int>(bins.size()) - 1)];
    return std::exp(rng.uniform(std::log(lo), std::log(hi)));
  }
  const double lo = std::log(min), hi = std::log(max);
  if (kind == "imbalanced") return std::exp(lo + (hi - lo) * std::sqrt(rng.uniform()));
  return std::exp(rng.uniform(lo, hi));
}

void SizeDistribution::validate(const std::string& source, double largest) const {
  auto fail = [&](const std::string& what) { throw Error("invalid size distribution: " + what, source); };
  if (kind != "uniform-log" && kind != "imbalanced" && kind != "bins") {
    fail(fmt::format("size_distribution = '{}' (expected uniform-log, imbalanced or bins)", kind));
  }
  if (!(min >= 1.0)) fail(fmt::format("size_min = {} (expected >= 1 px)", min));
  if (!(min < max)) fail(fmt::format("size range inverted or empty: size_min = {} >= size_max = {}", min, max));
  if (max > largest) fail(fmt::format("size_max = {} does not fit the {} px frame side", max, largest));
  if (kind == "bins") {
    if (bins.empty()) fail("size_distribution = 'bins' needs size_bins = [[lo, hi], ...]");
    for (const auto& [lo, hi] : bins) {
      if (!(lo >= 1.0 && lo < hi && hi <= largest)) {
        fail(fmt::format("size bin [{}, {}) (expected 1 <= lo < hi <= {})", lo, hi, largest));
      }
    }
  }
}

}  // namespace spot::data
