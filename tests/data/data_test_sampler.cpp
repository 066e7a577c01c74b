// The size-balanced sampler on the real sequences of ../shared/data: flat histogram (+-20 % per
// half-octave bin over 10,000 pairs) although the sequences' own sizes are far from flat.
#include <gtest/gtest.h>

#include "sampler_checks.hpp"
#include "spot/data/dataset.hpp"
#include "spot/data/size_balanced_sampler.hpp"
#include "support/paths.hpp"

using namespace spot::data;

TEST(SharedDataSampler, HistogramIsFlatInLogSize) {
  SPOT_REQUIRE_SHARED_DATA(root);
  SamplerConfig sc;
  sc.seed = 11;
  const SizeBalancedSampler sampler(load_dataset(root), sc);
  spot::test::expect_flat_histogram(sampler, 10000);
  // A few real pairs render at the configured sizes.
  for (std::uint64_t i = 0; i < 3; ++i) {
    const TrainingPair p = sampler.sample(i);
    EXPECT_EQ(p.search_image.cols, sc.search_width);
    EXPECT_EQ(p.search_image.rows, sc.search_height);
  }
}
