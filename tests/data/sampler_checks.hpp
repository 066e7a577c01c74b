// Shared check of the size-balanced sampler's histogram (unit and shared-data tests).
#pragma once

#include <cstdint>

#include <gtest/gtest.h>

#include "spot/data/size_balanced_sampler.hpp"

namespace spot::test {

// Plans 0..n-1: every half-octave bin between size.min and size.max holds its share of the present
// samples within +-20 %, and no sample falls outside the range.
inline void expect_flat_histogram(const spot::data::SizeBalancedSampler& sampler, std::uint64_t n) {
  const auto& size = sampler.config().size;
  const auto bins = spot::data::sampled_size_histogram(sampler, 0, n);
  auto inside = [&](const spot::data::SizeBin& b) { return b.lo >= size.min - 1e-9 && b.hi <= size.max + 1e-9; };
  long in_range = 0;
  int range_bins = 0;
  for (const auto& b : bins) {
    if (inside(b)) {
      in_range += b.frames;
      ++range_bins;
    } else {
      EXPECT_EQ(b.frames, 0) << "bin [" << b.lo << ", " << b.hi << ")";
    }
  }
  ASSERT_GT(range_bins, 0);
  const double expected = static_cast<double>(in_range) / range_bins;
  for (const auto& b : bins) {
    if (inside(b)) {
      EXPECT_NEAR(b.frames, expected, 0.2 * expected) << "bin [" << b.lo << ", " << b.hi << ")";
    }
  }
}

}  // namespace spot::test
