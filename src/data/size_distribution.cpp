// Drawing and validating target-size distributions.
#include "spot/data/size_distribution.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "spot/error.hpp"

namespace spot::data {

double SizeDistribution::quantile(double u) const {
  u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
  if (kind == "bins") {
    const double scaled = u * static_cast<double>(bins.size());
    const auto k = std::min(bins.size() - 1, static_cast<size_t>(scaled));
    const auto& [lo, hi] = bins[k];
    return std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * (scaled - static_cast<double>(k)));
  }
  const double lo = std::log(min), hi = std::log(max);
  if (kind == "imbalanced") return std::exp(lo + (hi - lo) * std::sqrt(u));
  return std::exp(lo + (hi - lo) * u);
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
