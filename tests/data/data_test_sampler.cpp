// The size-balanced sampler on the real sequences of ../shared/data: flat histogram (+-20 % per
// half-octave bin over 10,000 pairs) although the sequences' own sizes are far from flat.
#include <gtest/gtest.h>

#include "spot/data/dataset.hpp"
#include "spot/data/size_balanced_sampler.hpp"
#include "support/paths.hpp"

using namespace spot::data;

TEST(SharedDataSampler, HistogramIsFlatInLogSize) {
  SPOT_REQUIRE_SHARED_DATA(root);
  SamplerConfig sc;
  sc.seed = 11;
  const SizeBalancedSampler sampler(load_dataset(root), sc);
  const auto bins = sampled_size_histogram(sampler, 0, 10000);
  long total = 0;
  int n_bins = 0;
  for (const auto& b : bins) {
    if (b.lo >= sc.size.min - 1e-9 && b.hi <= sc.size.max + 1e-9) {
      total += b.frames;
      ++n_bins;
    } else {
      EXPECT_EQ(b.frames, 0) << "bin [" << b.lo << ", " << b.hi << ")";
    }
  }
  const double expected = static_cast<double>(total) / n_bins;
  for (const auto& b : bins) {
    if (b.lo >= sc.size.min - 1e-9 && b.hi <= sc.size.max + 1e-9) {
      EXPECT_NEAR(b.frames, expected, 0.2 * expected) << "bin [" << b.lo << ", " << b.hi << ")";
    }
  }
  // A few real pairs render at the configured sizes.
  for (std::uint64_t i = 0; i < 3; ++i) {
    const TrainingPair p = sampler.sample(i);
    EXPECT_EQ(p.search_image.cols, sc.search_width);
    EXPECT_EQ(p.search_image.rows, sc.search_height);
  }
}
